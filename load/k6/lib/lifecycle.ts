// setup()/teardown() shared by the ingest scripts: prepare the server and the fleet, then collect partner latencies.
import { PARTNERS, SETUP } from "./config.ts";
import { importEstate, registerPartners, waitPartnersIdle } from "./admin.ts";
import { collectFleet, resetFleet } from "./fleet.ts";

/** Token StatusGrid sends to the fleet partners (the fleet accepts any). */
export const PARTNER_TOKEN = __ENV.FLEET_TOKEN || "load-token";

export function prepare(): void {
  if (SETUP) {
    importEstate();
    if (PARTNERS > 0) registerPartners(PARTNER_TOKEN);
  }
  // New partners first get a PUT of every Location; measure only what comes after.
  if (PARTNERS > 0 && !waitPartnersIdle(600)) throw new Error("partners still busy after 10 min of setup");
  resetFleet();
}

/** After all scenarios: wait for the partners to drain, then pull last_updated → arrival latencies from the fleet. */
export function collect(): void {
  collectFleet();
}

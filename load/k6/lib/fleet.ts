// The mock eMSP fleet (a separate process: `dotnet run -c Release --project load/StatusGrid.LoadDriver -- fleet`)
// records every PATCH's last_updated → arrival. After the load, teardown() waits for the partners to drain and pulls
// those latencies into a Trend, so thresholds can apply to ingest → partner latency.
import http from "k6/http";
import { Counter, Trend } from "k6/metrics";
import { FLEET_URL, PARTNERS } from "./config.ts";
import { waitPartnersIdle } from "./admin.ts";

export const ingestToPartner = new Trend("ingest_to_partner_ms", true);
export const partnerPatches = new Counter("partner_patches");

export function resetFleet(): void {
  if (PARTNERS === 0) return;
  const res = http.post(`${FLEET_URL}/fleet/reset`, null, { tags: { name: "fleet" } });
  if (res.status !== 204) throw new Error(`fleet reset at ${FLEET_URL}: HTTP ${res.status} (is the fleet running? see load/k6/README.md)`);
}

/** Called from teardown(): samples added there count for thresholds (k6 evaluates them after teardown). */
export function collectFleet(): void {
  if (PARTNERS === 0) return;
  waitPartnersIdle(120);
  const report = http.get(`${FLEET_URL}/fleet/report`, { tags: { name: "fleet" } });
  console.log(`fleet report: ${report.body as string}`);
  const samples = http.get(`${FLEET_URL}/fleet/latencies?max=200000`, { tags: { name: "fleet" }, timeout: "60s" });
  const latencies = samples.json() as unknown as number[];
  for (const ms of latencies) ingestToPartner.add(ms);
  partnerPatches.add(latencies.length);
}

// (a) Ingest storm: every EVSE reports at once, as a CSMS does after its backend connection comes back.
//   k6 run -e LOCATIONS=1000 -e EVSES_PER_LOCATION=10 -e CONCURRENCY=8 -e STORM_BATCH=500 load/k6/ingest-storm.ts
// Against a freshly started StatusGrid (all EVSEs AVAILABLE after import); a second storm needs STORM_STATUS=AVAILABLE.
import exec from "k6/execution";
import type { Options } from "k6/options";
import { EVSES, envNumber, envText } from "./lib/config.ts";
import { batchBody, postBatch } from "./lib/ingest.ts";
import { collect, prepare } from "./lib/lifecycle.ts";
import { partnerThresholds } from "./lib/fleet.ts";

const CONCURRENCY = envNumber("CONCURRENCY", 8);
const STORM_BATCH = envNumber("STORM_BATCH", 500);
const STATUS = envText("STORM_STATUS", "CHARGING");
const REQUESTS = Math.ceil(EVSES / STORM_BATCH);

export const options: Options = {
  setupTimeout: "15m",
  teardownTimeout: "5m",
  scenarios: {
    // k6 refuses shared-iterations with fewer iterations than VUs (a small estate): never more VUs than requests.
    storm: { executor: "shared-iterations", vus: Math.min(CONCURRENCY, REQUESTS), iterations: REQUESTS, maxDuration: envText("MAX_DURATION", "5m") },
  },
  thresholds: {
    "http_req_duration{scenario:storm}": [`p(95)<${envNumber("P95_MS", 5000)}`, `p(99)<${envNumber("P99_MS", 10000)}`],
    "http_req_failed{scenario:storm}": [`rate<${envNumber("MAX_ERROR_RATE", 0.01)}`],
    changes_not_applied: [`rate<${envNumber("MAX_ERROR_RATE", 0.01)}`],
    changes_applied: ["count>0"],
    // A storm is drained, not streamed: its end-to-end p99 is about how long the backlog takes to clear.
    ...partnerThresholds(envNumber("E2E_P95_MS", 10000), envNumber("E2E_P99_MS", 10000)),
  },
};

export function setup(): void {
  prepare();
}

export default function (): void {
  const request = exec.scenario.iterationInTest;
  const first = request * STORM_BATCH;
  const count = Math.min(STORM_BATCH, EVSES - first);
  postBatch(batchBody(first, count, STATUS), count, "ingest_storm");
}

export function teardown(): void {
  collect();
}

// (b) Steady state: RATE changes/s for DURATION, in requests of BATCH changes, EVSEs in round-robin.
//   k6 run -e RATE=5000 -e BATCH=50 -e DURATION=60s load/k6/steady-state.ts
// k6 keeps the request rate (constant-arrival-rate); if the server cannot, k6 reports dropped_iterations.
import exec from "k6/execution";
import type { Options } from "k6/options";
import { BATCH, envNumber, envText } from "./lib/config.ts";
import { batchBody, postBatch } from "./lib/ingest.ts";
import { collect, prepare } from "./lib/lifecycle.ts";
import { partnerThresholds } from "./lib/fleet.ts";

const RATE = envNumber("RATE", 1000);
// Requests per second may be fractional: express it per 10 s, k6 wants an integer rate per time unit.
const REQUESTS_PER_10S = Math.max(1, Math.round((RATE / BATCH) * 10));

export const options: Options = {
  setupTimeout: "15m",
  teardownTimeout: "5m",
  scenarios: {
    steady: {
      executor: "constant-arrival-rate",
      rate: REQUESTS_PER_10S,
      timeUnit: "10s",
      duration: envText("DURATION", "60s"),
      preAllocatedVUs: envNumber("VUS", 50),
      maxVUs: envNumber("MAX_VUS", 200),
    },
  },
  thresholds: {
    "http_req_duration{scenario:steady}": [`p(95)<${envNumber("P95_MS", 100)}`, `p(99)<${envNumber("P99_MS", 250)}`],
    "http_req_failed{scenario:steady}": [`rate<${envNumber("MAX_ERROR_RATE", 0.01)}`],
    changes_not_applied: [`rate<${envNumber("MAX_ERROR_RATE", 0.01)}`],
    // Nothing applied fails the run (every threshold above would pass on zero requests).
    changes_applied: ["count>0"],
    // Target: ingest → partner PATCH p99 < 50 ms at 5,000 changes/s, over the whole run (the fleet's histograms).
    ...partnerThresholds(envNumber("E2E_P95_MS", 25), envNumber("E2E_P99_MS", 50)),
    dropped_iterations: ["count<1"],
  },
};

export function setup(): void {
  prepare();
}

export default function (): void {
  // iterationInTest is unique across VUs: request n carries overall changes n×BATCH .. n×BATCH+BATCH-1.
  const request = exec.scenario.iterationInTest;
  postBatch(batchBody(request * BATCH, BATCH), BATCH, "ingest_steady");
}

export function teardown(): void {
  collect();
}

// Load for the docker compose cluster: docker compose --profile k6 run --rm k6 (see the README's "Running a cluster").
// setup() waits for every target (the compose front-ends), registers the compose mock eMSP as a partner and imports the estate (idempotent).
// Then a constant arrival rate of ingest requests, round-robin over the targets, each a batch of status changes for
// random EVSEs observed "now". Applied and duplicate changes are counted from the answers (a random status may equal
// the current one). Unlike the other scripts, targets are compose service names, not loopback.
import http from "k6/http";
import { check, sleep } from "k6";
import { Counter, Rate } from "k6/metrics";
import type { Options } from "k6/options";
import { envNumber, envText } from "./lib/config.ts";

/** Loopback or a single-label host (a compose service name): never a host on someone else's network. */
function privateTarget(url: string): string {
  const host = url.replace(/^[a-z]+:\/\//i, "").split(/[/:]/)[0];
  if (host !== "127.0.0.1" && host !== "localhost" && host.includes(".")) {
    throw new Error(`${url}: the compose load script only targets loopback or compose service names`);
  }
  return url.replace(/\/$/, "");
}

const URLS = envText("STATUSGRID_URLS", "http://127.0.0.1:5081").split(",").map(privateTarget);
const ADMIN_KEY = envText("STATUSGRID_ADMIN_KEY", "change-me-admin");
const INGEST_KEY = envText("STATUSGRID_INGEST_KEY", "change-me-ingest");
const EMSP_LOCATIONS_URL = envText("EMSP_LOCATIONS_URL", "http://127.0.0.1:9101/ocpi/emsp/2.2.1/locations");
// The mock eMSP's own address, to ask it at the end what it received (GET /stats).
const EMSP_URL = privateTarget(envText("EMSP_URL", "http://127.0.0.1:9101"));
const LOCATIONS = envNumber("LOCATIONS", 500);
const EVSES_PER_LOCATION = envNumber("EVSES_PER_LOCATION", 4);
const CHANGES_PER_SECOND = envNumber("CHANGES_PER_SECOND", 2000);
const BATCH = envNumber("BATCH", 100);
const STATUSES = ["AVAILABLE", "CHARGING", "BLOCKED", "RESERVED", "OUTOFORDER"];
const SEEDED_AT = "2026-01-01T00:00:00Z";

const applied = new Counter("statusgrid_changes_applied");
const duplicates = new Counter("statusgrid_changes_duplicate");
/** Per change sent: rejected by the server (a bad item, an unknown EVSE). */
const rejected = new Rate("statusgrid_changes_rejected");
/** One sample per run: the mock eMSP received PATCHes (false for an unregistered or unreachable partner). */
const partnerReceived = new Rate("partner_received_patches");

export const options: Options = {
  setupTimeout: "300s",
  scenarios: {
    ingest: {
      executor: "constant-arrival-rate",
      rate: Math.max(1, Math.round(CHANGES_PER_SECOND / BATCH)),
      timeUnit: "1s",
      duration: envText("DURATION", "60s"),
      preAllocatedVUs: 20,
      maxVUs: 200,
    },
  },
  thresholds: {
    "http_req_failed{scenario:ingest}": ["rate<0.01"],
    "http_req_duration{scenario:ingest}": ["p(99)<2000"],
    statusgrid_changes_rejected: ["rate<0.01"],
    // None of the above fails when nothing was applied or the partner never got a push; these do.
    statusgrid_changes_applied: ["count>0"],
    partner_received_patches: ["rate==1"],
  },
};

function locationId(n: number): string {
  return "K6-" + String(n).padStart(5, "0");
}

function location(n: number): object {
  const id = locationId(n);
  const evses = [];
  for (let e = 1; e <= EVSES_PER_LOCATION; e++) {
    evses.push({
      uid: `${id}-E${e}`,
      status: "AVAILABLE",
      connectors: [{ id: "1", standard: "IEC_62196_T2", format: "SOCKET", power_type: "AC_3_PHASE", max_voltage: 400, max_amperage: 32, last_updated: SEEDED_AT }],
      last_updated: SEEDED_AT,
    });
  }
  return {
    country_code: "NL", party_id: "SGR", id, publish: true, name: `k6 ${id}`, address: `Loadstraat ${n}`,
    city: "Utrecht", country: "NLD", coordinates: { latitude: (52 + (n % 100) * 0.01).toFixed(6), longitude: "5.121400" },
    evses, time_zone: "Europe/Amsterdam", last_updated: SEEDED_AT,
  };
}

const adminParams = { headers: { "Content-Type": "application/json", "X-Api-Key": ADMIN_KEY }, timeout: "120s" };

export function setup(): void {
  for (const url of URLS) {
    let healthy = false;
    for (let attempt = 0; attempt < 120 && !healthy; attempt++) {
      healthy = http.get(`${url}/healthz`).status === 200;
      if (!healthy) sleep(1);
    }
    if (!healthy) throw new Error(`${url} never became healthy`);
  }

  {
    const partner = http.post(`${URLS[0]}/api/admin/partners`, JSON.stringify({
      id: "NL*MOCK", name: "Mock eMSP", ocpi_version: "2.2.1", locations_url: EMSP_LOCATIONS_URL,
      token: "mock-emsp-token", country_code: "NL", party_id: "MCK",
    }), adminParams);
    // 409: registered by an earlier run against the same database.
    if (!check(partner, { "partner registered": (r) => (r.status >= 200 && r.status < 300) || r.status === 409 })) {
      throw new Error(`partner registration failed: HTTP ${partner.status} ${String(partner.body).slice(0, 300)}`);
    }
  }

  for (let first = 0; first < LOCATIONS; first += 100) {
    const chunk = [];
    for (let n = first; n < Math.min(LOCATIONS, first + 100); n++) chunk.push(location(n));
    const response = http.post(`${URLS[0]}/api/admin/locations/import`, JSON.stringify(chunk), adminParams);
    if (response.status !== 200) throw new Error(`import failed: ${response.status} ${String(response.body)}`);
  }
}

export default function (): void {
  const url = URLS[(__VU + __ITER) % URLS.length];
  const now = new Date().toISOString();
  const changes = [];
  for (let i = 0; i < BATCH; i++) {
    const n = Math.floor(Math.random() * LOCATIONS);
    changes.push({
      location_id: locationId(n),
      evse_uid: `${locationId(n)}-E${1 + Math.floor(Math.random() * EVSES_PER_LOCATION)}`,
      status: STATUSES[Math.floor(Math.random() * STATUSES.length)],
      observed_at: now,
    });
  }
  const response = http.post(`${url}/api/status`, JSON.stringify(changes), {
    headers: { "Content-Type": "application/json", "X-Api-Key": INGEST_KEY },
  });
  if (check(response, { "ingest 200": (r) => r.status === 200 })) {
    const answer = response.json() as { applied: number; duplicates: number; rejected: number };
    applied.add(answer.applied);
    duplicates.add(answer.duplicates);
    for (let i = 0; i < BATCH; i++) rejected.add(i < answer.rejected);
  }
}

export function teardown(): void {
  // Pushes are asynchronous. A change ingested while its location's PUT is still pending travels inside that PUT
  // (never as an older PATCH after it), so a short run can end with PUTs only: wait for the PUTs, then send one
  // fresh change (alternating statuses, so one of them is a change) until a PATCH arrives.
  for (let attempt = 0; attempt < 30; attempt++) {
    const stats = http.get(`${EMSP_URL}/stats`);
    if (stats.status === 200 && (stats.json("puts") as number) >= LOCATIONS) break;
    sleep(1);
  }
  let patches = 0;
  for (let attempt = 0; attempt < 30 && patches === 0; attempt++) {
    if (attempt % 3 === 0) {
      const change = {
        location_id: locationId(0),
        evse_uid: `${locationId(0)}-E1`,
        status: attempt % 2 === 0 ? "OUTOFORDER" : "AVAILABLE",
        observed_at: new Date().toISOString(),
      };
      http.post(`${URLS[0]}/api/status`, JSON.stringify([change]), {
        headers: { "Content-Type": "application/json", "X-Api-Key": INGEST_KEY },
      });
    }
    const stats = http.get(`${EMSP_URL}/stats`);
    patches = stats.status === 200 ? (stats.json("patches") as number) : 0;
    if (patches === 0) sleep(1);
  }
  console.log(`mock eMSP received ${patches} PATCHes`);
  partnerReceived.add(patches > 0);
}

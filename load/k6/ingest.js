// k6 load profile for a StatusGrid cluster (docker compose --profile k6 run --rm k6).
// setup(): waits for every silo, registers the mock eMSP as a partner, imports the locations (idempotent).
// Then a constant arrival rate of ingest requests, round-robin over the silos, each a batch of status changes for
// random EVSEs observed "now". Applied changes are counted from the answers (duplicates are expected: a random
// status may equal the current one).
import http from "k6/http";
import { check, sleep } from "k6";
import { Counter } from "k6/metrics";

const urls = (__ENV.STATUSGRID_URLS || "http://localhost:5081").split(",");
const adminKey = __ENV.STATUSGRID_ADMIN_KEY || "change-me-admin";
const ingestKey = __ENV.STATUSGRID_INGEST_KEY || "change-me-ingest";
const emspLocationsUrl = __ENV.EMSP_LOCATIONS_URL || "";
const locations = parseInt(__ENV.LOCATIONS || "500", 10);
const evsesPerLocation = parseInt(__ENV.EVSES_PER_LOCATION || "4", 10);
const changesPerSecond = parseInt(__ENV.CHANGES_PER_SECOND || "2000", 10);
const batch = parseInt(__ENV.BATCH || "100", 10);
const statuses = ["AVAILABLE", "CHARGING", "BLOCKED", "RESERVED", "OUTOFORDER"];

const applied = new Counter("statusgrid_changes_applied");
const duplicates = new Counter("statusgrid_changes_duplicate");

export const options = {
  setupTimeout: "300s",
  scenarios: {
    ingest: {
      executor: "constant-arrival-rate",
      rate: Math.max(1, Math.round(changesPerSecond / batch)),
      timeUnit: "1s",
      duration: __ENV.DURATION || "60s",
      preAllocatedVUs: 20,
      maxVUs: 200,
    },
  },
  thresholds: {
    http_req_failed: ["rate<0.01"],
    "http_req_duration{kind:ingest}": ["p(99)<2000"],
  },
};

function locationId(n) {
  return "K6-" + String(n).padStart(5, "0");
}

function locationJson(n) {
  const id = locationId(n);
  const evses = [];
  for (let e = 1; e <= evsesPerLocation; e++) {
    evses.push({
      uid: `${id}-E${e}`,
      status: "AVAILABLE",
      connectors: [{ id: "1", standard: "IEC_62196_T2", format: "SOCKET", power_type: "AC_3_PHASE", max_voltage: 400, max_amperage: 32, last_updated: "2026-01-01T00:00:00Z" }],
      last_updated: "2026-01-01T00:00:00Z",
    });
  }
  return {
    country_code: "NL", party_id: "SGR", id, publish: true, name: `k6 ${id}`, address: `Loadstraat ${n}`,
    city: "Utrecht", country: "NLD", coordinates: { latitude: (52 + (n % 100) * 0.01).toFixed(6), longitude: "5.121400" },
    evses, time_zone: "Europe/Amsterdam", last_updated: "2026-01-01T00:00:00Z",
  };
}

function adminParams() {
  return { headers: { "Content-Type": "application/json", "X-Api-Key": adminKey }, timeout: "120s" };
}

export function setup() {
  for (const url of urls) {
    let healthy = false;
    for (let attempt = 0; attempt < 120 && !healthy; attempt++) {
      const response = http.get(`${url}/healthz`, { tags: { kind: "setup" } });
      healthy = response.status === 200;
      if (!healthy) sleep(1);
    }
    if (!healthy) throw new Error(`${url} never became healthy`);
  }

  if (emspLocationsUrl) {
    const partner = http.post(`${urls[0]}/api/admin/partners`, JSON.stringify({
      id: "NL*MOCK", name: "Mock eMSP", ocpi_version: "2.2.1", locations_url: emspLocationsUrl,
      token: "mock-emsp-token", country_code: "NL", party_id: "MCK",
    }), adminParams());
    check(partner, { "partner registered": (r) => r.status >= 200 && r.status < 300 });
  }

  for (let first = 0; first < locations; first += 100) {
    const chunk = [];
    for (let n = first; n < Math.min(locations, first + 100); n++) chunk.push(locationJson(n));
    const response = http.post(`${urls[0]}/api/admin/locations/import`, JSON.stringify(chunk), adminParams());
    if (response.status !== 200) throw new Error(`import failed: ${response.status} ${response.body}`);
  }
  return {};
}

export default function () {
  const url = urls[(__VU + __ITER) % urls.length];
  const now = new Date().toISOString();
  const changes = [];
  for (let i = 0; i < batch; i++) {
    const location = Math.floor(Math.random() * locations);
    const evse = 1 + Math.floor(Math.random() * evsesPerLocation);
    changes.push({
      location_id: locationId(location),
      evse_uid: `${locationId(location)}-E${evse}`,
      status: statuses[Math.floor(Math.random() * statuses.length)],
      observed_at: now,
    });
  }
  const response = http.post(`${url}/api/status`, JSON.stringify(changes), {
    headers: { "Content-Type": "application/json", "X-Api-Key": ingestKey },
    tags: { kind: "ingest" },
  });
  const ok = check(response, { "ingest 200": (r) => r.status === 200 });
  if (ok) {
    const answer = response.json();
    applied.add(answer.applied);
    duplicates.add(answer.duplicates);
  }
}

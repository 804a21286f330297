// (c) Dashboards: CLIENTS map clients (JSON hub protocol over k6 WebSockets, no negotiate), each watching a city-sized
// viewport around a random location at zoom 12 (per-tile groups: it gets the changes of its tiles), plus
// ZOOMED_OUT_CLIENTS watching the whole estate at zoom 7 (aggregates per coarse tile), while changes flow at RATE/s:
// the same mix as the .NET driver's `viewports` scenario. City clients measure ingest → statusChanged received from
// the item's last_updated (= send time).
//   k6 run -e CLIENTS=1000 -e ZOOMED_OUT_CLIENTS=1000 -e LOCATIONS=25000 -e EVSES_PER_LOCATION=4 -e RATE=5000 -e BATCH=100 load/k6/dashboards.ts
import exec from "k6/execution";
import type { Options } from "k6/options";
import { check } from "k6";
import { Counter, Trend } from "k6/metrics";
import { setInterval, clearInterval, setTimeout } from "k6/timers";
import { WebSocket } from "k6/websockets";
import { BASE_URL, BATCH, LOCATIONS, envNumber } from "./lib/config.ts";
import { cityViewport, estateBounds } from "./lib/estate.ts";
import { batchBody, postBatch } from "./lib/ingest.ts";
import { collect, prepare } from "./lib/lifecycle.ts";
import { partnerThresholds } from "./lib/fleet.ts";
import { HANDSHAKE, PING, hubUrl, readRecords, watch } from "./lib/signalr.ts";

const CLIENTS = envNumber("CLIENTS", 1000);
const ZOOMED_OUT_CLIENTS = envNumber("ZOOMED_OUT_CLIENTS", CLIENTS);
const RATE = envNumber("RATE", 200);
const DURATION_S = envNumber("DURATION_S", 60);
// Clients connect first; changes start after RAMP_S and stop RAMP_S before the clients close.
const RAMP_S = envNumber("RAMP_S", 10);

const ingestToSignalR = new Trend("ingest_to_signalr_ms", true);
const signalrItems = new Counter("signalr_items");
const signalrMessages = new Counter("signalr_messages");
const aggregateMessages = new Counter("signalr_aggregates");

export const options: Options = {
  setupTimeout: "15m",
  teardownTimeout: "5m",
  scenarios: {
    dashboards: { executor: "per-vu-iterations", vus: CLIENTS, iterations: 1, maxDuration: `${DURATION_S + 60}s`, exec: "dashboard" },
    ...(ZOOMED_OUT_CLIENTS > 0
      ? { zoomed_out: { executor: "per-vu-iterations", vus: ZOOMED_OUT_CLIENTS, iterations: 1, maxDuration: `${DURATION_S + 60}s`, exec: "zoomedOut" } }
      : {}),
    changes: {
      executor: "constant-arrival-rate",
      rate: Math.max(1, Math.round((RATE / BATCH) * 10)),
      timeUnit: "10s",
      startTime: `${RAMP_S}s`,
      duration: `${Math.max(1, DURATION_S - 2 * RAMP_S)}s`,
      preAllocatedVUs: envNumber("VUS", 20),
      maxVUs: envNumber("MAX_VUS", 100),
      exec: "changes",
    },
  },
  thresholds: {
    // The target: ingest → SignalR client p99 < 150 ms at 5,000 changes/s.
    ingest_to_signalr_ms: [`p(95)<${envNumber("SIGNALR_P95_MS", 100)}`, `p(99)<${envNumber("SIGNALR_P99_MS", 150)}`],
    ws_connecting: [`p(95)<${envNumber("CONNECT_P95_MS", 1000)}`],
    // A rate with no samples is NaN in k6 and fails: so does a run where no client completed the handshake.
    "checks{check:hub connected}": ["rate>0.99"],
    // Every city viewport holds at least the location it is centred on, whose EVSEs change in every pass: a city
    // client that got no change is a failure, and so is a run whose latency Trend is empty.
    "checks{check:hub delivered changes}": ["rate>0.99"],
    signalr_items: ["count>0"],
    ...(ZOOMED_OUT_CLIENTS > 0 ? { "checks{check:hub sent aggregates}": ["rate>0.99"] } : {}),
    changes_applied: ["count>0"],
    ...partnerThresholds(envNumber("E2E_P95_MS", 1000), envNumber("E2E_P99_MS", 2000)),
    "http_req_failed{scenario:changes}": [`rate<${envNumber("MAX_ERROR_RATE", 0.01)}`],
  },
};

export function setup(): void {
  prepare();
}

/** A city client: a random location's surroundings at street/city zoom (the location is fixed per VU, so reruns compare). */
export function dashboard(): void {
  openMap(cityViewport((exec.vu.idInTest * 7919) % LOCATIONS), 12, "city");
}

/** A zoomed-out client: the whole estate at zoom 7, which the hub answers with aggregates, never EVSE changes. */
export function zoomedOut(): void {
  openMap(estateBounds(LOCATIONS), 7, "zoomed out");
}

function openMap([west, south, east, north]: [number, number, number, number], zoom: number, kind: "city" | "zoomed out"): void {
  const socket = new WebSocket(hubUrl(BASE_URL));
  let pinger: ReturnType<typeof setInterval> | undefined;
  let handshaken = false;
  let items = 0;
  let aggregates = 0;
  socket.onopen = () => {
    socket.send(HANDSHAKE);
    // As the map page does once its viewport settles: the hub then sends only what this viewport needs.
    socket.send(watch(west, south, east, north, zoom));
    // The server drops a client that says nothing for 30 s; the map page (@microsoft/signalr) pings every 15 s too.
    pinger = setInterval(() => socket.send(PING), 15000);
  };
  socket.onmessage = (event) => {
    if (event === undefined || typeof event.data !== "string") return;
    const receivedAt = Date.now();
    signalrMessages.add(1);
    const read = readRecords(event.data, (item) => {
      ingestToSignalR.add(receivedAt - Date.parse(item.last_updated));
      signalrItems.add(1);
      items++;
    });
    // Connected means the server accepted the hub handshake ({} back), not merely that a frame arrived:
    // {"error": ...} is a refused handshake.
    if (read.handshake === "accepted") handshaken = true;
    aggregates += read.aggregates;
    aggregateMessages.add(read.aggregates);
    if (read.handshake === "refused") console.warn(`VU ${exec.vu.idInTest}: hub handshake refused: ${read.error ?? ""}`);
    if (read.closed || read.handshake === "refused") socket.close();
  };
  socket.onclose = () => {
    if (pinger !== undefined) clearInterval(pinger);
  };
  socket.onerror = (event) => {
    console.warn(`VU ${exec.vu.idInTest}: hub error ${event?.error ?? ""}`);
  };
  setTimeout(() => {
    if (kind === "city") check(socket, { "hub connected": () => handshaken, "hub delivered changes": () => items > 0 });
    else check(socket, { "hub connected": () => handshaken, "hub sent aggregates": () => aggregates > 0 });
    socket.close();
  }, DURATION_S * 1000);
}

export function changes(): void {
  const request = exec.scenario.iterationInTest;
  postBatch(batchBody(request * BATCH, BATCH), BATCH, "ingest_dashboards");
}

export function teardown(): void {
  collect();
}

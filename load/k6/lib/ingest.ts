// Ingest requests. observed_at is the send time (ms), which StatusGrid passes on as last_updated: the fleet and the
// dashboards compute end-to-end latency as arrival − last_updated on the same machine's clock.
import http from "k6/http";
import { check } from "k6";
import { Counter, Rate } from "k6/metrics";
import { BASE_URL, EVSES, INGEST_KEY } from "./config.ts";
import { evse } from "./estate.ts";

/** Items the server rejected or ignored: rejected (bad item), duplicate (no change), stale (older than held). */
export const changesApplied = new Counter("changes_applied");
export const changesNotApplied = new Rate("changes_not_applied");

const HEADERS = { "X-Api-Key": INGEST_KEY, "Content-Type": "application/json" };

interface IngestResponse {
  received: number;
  applied: number;
  duplicates: number;
  stale: number;
  rejected: number;
}

/**
 * The status of the k-th change overall when changes go round-robin over the estate from a fresh import (all
 * AVAILABLE): every pass over the estate flips each EVSE once, so it is never a duplicate. No state shared by VUs.
 */
export function statusOfChange(changeIndex: number): string {
  return Math.floor(changeIndex / EVSES) % 2 === 0 ? "CHARGING" : "AVAILABLE";
}

/** A request body with `count` changes starting at overall change number `firstChange` (EVSE = change mod estate). */
export function batchBody(firstChange: number, count: number, status?: string): string {
  const observedAt = new Date().toISOString();
  const changes = [];
  for (let k = firstChange; k < firstChange + count; k++) {
    const target = evse(k % EVSES);
    changes.push({ location_id: target.locationId, evse_uid: target.evseUid, status: status ?? statusOfChange(k), observed_at: observedAt });
  }
  return JSON.stringify({ changes });
}

/** POSTs a batch; checks the answer and counts applied vs not-applied items. */
export function postBatch(body: string, count: number, tag: string): void {
  const res = http.post(`${BASE_URL}/api/status`, body, { headers: HEADERS, tags: { name: tag }, timeout: "120s" });
  const ok = check(res, { "ingest 200": (r) => r.status === 200 });
  if (!ok) {
    changesNotApplied.add(true, { reason: `http_${res.status}` });
    return;
  }
  const answer = res.json() as unknown as IngestResponse;
  changesApplied.add(answer.applied);
  for (let i = 0; i < answer.applied; i++) changesNotApplied.add(false);
  for (let i = 0; i < count - answer.applied; i++) changesNotApplied.add(true);
}

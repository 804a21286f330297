// The mock eMSP fleet (a separate process: `dotnet run -c Release --project load/StatusGrid.MockEmsp -- --partners 3`)
// records every PATCH's last_updated → arrival in an HdrHistogram per partner. After the load, teardown() waits for
// the partners to drain and reads the whole run's percentiles (GET /fleet/report) into Gauges that thresholds
// apply to, and a uniform sample of the run (GET /fleet/latencies) into a Trend for k6's summary.
import http from "k6/http";
import { Counter, Gauge, Rate, Trend } from "k6/metrics";
import { FLEET_URL, PARTNERS } from "./config.ts";
import { waitPartnersIdle } from "./admin.ts";

export const ingestToPartner = new Trend("ingest_to_partner_ms", true);
export const ingestToPartnerP95 = new Gauge("ingest_to_partner_p95_ms", true);
export const ingestToPartnerP99 = new Gauge("ingest_to_partner_p99_ms", true);
/** One sample per run: did the partners receive any PATCH (an empty histogram's percentiles read 0 and would pass). */
export const partnerMeasured = new Rate("ingest_to_partner_measured");
export const partnerPatches = new Counter("partner_patches");

/** Thresholds on the fleet's full-run percentiles; they fail when no PATCH arrived. None without a fleet. */
export function partnerThresholds(p95Ms: number, p99Ms: number): Record<string, string[]> {
  if (PARTNERS === 0) return {};
  return {
    ingest_to_partner_measured: ["rate==1"],
    ingest_to_partner_p95_ms: [`value<${p95Ms}`],
    ingest_to_partner_p99_ms: [`value<${p99Ms}`],
  };
}

export function resetFleet(): void {
  if (PARTNERS === 0) return;
  const res = http.post(`${FLEET_URL}/fleet/reset`, null, { tags: { name: "fleet" } });
  if (res.status !== 204) throw new Error(`fleet reset at ${FLEET_URL}: HTTP ${res.status} (is the mock eMSP running? see load/k6/README.md)`);
}

interface LatencySummary {
  count: number;
  p95: number;
  p99: number;
}

/** Called from teardown(): samples added there count for thresholds (k6 evaluates them after teardown). */
export function collectFleet(): void {
  if (PARTNERS === 0) return;
  waitPartnersIdle(120);
  const report = http.get(`${FLEET_URL}/fleet/report`, { tags: { name: "fleet" } });
  console.log(`fleet report: ${report.body as string}`);
  const latency = report.status === 200 ? (report.json("latency_ms") as unknown as LatencySummary) : null;
  const measured = latency !== null && latency.count > 0;
  partnerMeasured.add(measured);
  if (latency !== null && measured) {
    ingestToPartnerP95.add(latency.p95);
    ingestToPartnerP99.add(latency.p99);
    partnerPatches.add(latency.count);
  }
  const samples = http.get(`${FLEET_URL}/fleet/latencies?max=200000`, { tags: { name: "fleet" }, timeout: "60s" });
  for (const ms of samples.json() as unknown as number[]) ingestToPartner.add(ms);
}

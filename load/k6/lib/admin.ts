// setup() helpers: import the estate, register the fleet as partners, wait until their pipelines are idle.
import http from "k6/http";
import { sleep } from "k6";
import { ADMIN_KEY, BASE_URL, FLEET_BASE_PORT, LOCATIONS, PARTNERS } from "./config.ts";
import { location } from "./estate.ts";

const ADMIN_HEADERS = { "X-Api-Key": ADMIN_KEY, "Content-Type": "application/json" };
const IMPORT_CHUNK = 500;

export function importEstate(): void {
  for (let first = 0; first < LOCATIONS; first += IMPORT_CHUNK) {
    const chunk = [];
    for (let i = first; i < Math.min(first + IMPORT_CHUNK, LOCATIONS); i++) chunk.push(location(i));
    const res = http.post(`${BASE_URL}/api/admin/locations/import`, JSON.stringify(chunk), {
      headers: ADMIN_HEADERS,
      timeout: "300s",
      tags: { name: "setup_import" },
    });
    if (res.status !== 200) throw new Error(`import of locations ${first}.. failed: HTTP ${res.status} ${String(res.body).slice(0, 300)}`);
  }
}

export function partnerId(index: number): string {
  return `LOAD-P${index + 1}`;
}

export function registerPartners(token: string): void {
  for (let i = 0; i < PARTNERS; i++) {
    const body = {
      id: partnerId(i),
      ocpi_version: "2.2.1",
      locations_url: `http://127.0.0.1:${FLEET_BASE_PORT + i}/ocpi/emsp/2.2.1/locations`,
      token,
      country_code: "DE",
      party_id: "EMS",
      max_concurrency: 8,
    };
    const res = http.post(`${BASE_URL}/api/admin/partners`, JSON.stringify(body), { headers: ADMIN_HEADERS, tags: { name: "setup_partner" } });
    // 409: already registered (an earlier script against the same server).
    if (res.status !== 200 && res.status !== 201 && res.status !== 409) throw new Error(`partner ${body.id}: HTTP ${res.status} ${String(res.body).slice(0, 300)}`);
  }
}

interface PartnerHealth {
  queue_depth?: number;
  pending_location_puts?: number;
  in_flight?: number;
}

/** Polls the partners' health until no work is pending or in flight (initial Location PUTs, or a run's backlog). */
export function waitPartnersIdle(timeoutSeconds: number): boolean {
  const deadline = Date.now() + timeoutSeconds * 1000;
  while (Date.now() < deadline) {
    const res = http.get(`${BASE_URL}/api/admin/partners?q=LOAD-P&limit=1000`, { headers: ADMIN_HEADERS, tags: { name: "setup_health" } });
    if (res.status === 200) {
      // A page: partners whose grain did not answer are under `unavailable`, not `items`, so they count as not idle yet.
      const partners = (res.json() as unknown as { items: { id: string; health?: PartnerHealth }[] }).items;
      // LOAD-P1, LOAD-P2, ...: the fleet's push partners, not the LOAD-PULL-n pullers (they get no pushes).
      const ours = partners.filter((p) => /^LOAD-P\d+$/.test(p.id));
      const busy = ours.some((p) => (p.health?.queue_depth ?? 0) + (p.health?.pending_location_puts ?? 0) + (p.health?.in_flight ?? 0) > 0);
      if (ours.length >= PARTNERS && !busy) return true;
    }
    sleep(0.5);
  }
  return false;
}

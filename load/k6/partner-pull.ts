// (d) A partner pulling every Location page by page: GET /ocpi/2.2.1/locations?offset=0&limit=LIMIT, then each
// Link rel="next" until there is none; checks the OCPI envelope and that the pages add up to X-Total-Count.
//   k6 run -e PULLERS=3 -e LIMIT=500 load/k6/partner-pull.ts
// setup() imports the estate (unless SETUP=0) and registers each puller through the credentials handshake
// (lib/puller.ts; needs the fleet for the puller's versions URL). PULL_TOKEN=<token C> skips the handshake.
import http from "k6/http";
import type { Options } from "k6/options";
import { check } from "k6";
import { Counter, Rate } from "k6/metrics";
import { BASE_URL, SETUP, envNumber, envText } from "./lib/config.ts";
import { importEstate } from "./lib/admin.ts";
import { nextLink } from "./lib/ocpi.ts";
import { registerPuller, tokenHeader } from "./lib/puller.ts";

const PULLERS = envNumber("PULLERS", 1);
const LIMIT = envNumber("LIMIT", 500);
const MAX_PAGES = envNumber("MAX_PAGES", 10000);

const pullComplete = new Rate("pull_complete");
const pulledLocations = new Counter("pulled_locations");

export const options: Options = {
  setupTimeout: "10m",
  scenarios: {
    pull: { executor: "per-vu-iterations", vus: PULLERS, iterations: envNumber("ITERATIONS", 1), maxDuration: "10m" },
  },
  thresholds: {
    "http_req_duration{name:locations_page}": [`p(95)<${envNumber("P95_MS", 500)}`, `p(99)<${envNumber("P99_MS", 1000)}`],
    pull_complete: ["rate>0.99"],
    // A pull that got no Location at all fails, whatever the page latencies say.
    pulled_locations: ["count>0"],
  },
};

interface OcpiPage {
  data?: unknown[];
  status_code?: number;
}

interface PullData {
  tokens: string[];
}

export function setup(): PullData {
  if (SETUP) importEstate();
  const given = envText("PULL_TOKEN", "");
  const tokens: string[] = [];
  for (let i = 0; i < PULLERS; i++) tokens.push(given !== "" ? given : registerPuller(i));
  return { tokens };
}

export default function (data: PullData): void {
  const headers = tokenHeader(data.tokens[(__VU - 1) % data.tokens.length]);
  let url: string | null = `${BASE_URL}/ocpi/2.2.1/locations?offset=0&limit=${LIMIT}`;
  let pages = 0;
  let locations = 0;
  let total: number | null = null;
  while (url !== null && pages < MAX_PAGES) {
    const res = http.get(url, { headers, tags: { name: "locations_page" } });
    const page = res.status === 200 ? (res.json() as unknown as OcpiPage) : null;
    const ok = check(res, {
      "page 200": (r) => r.status === 200,
      "OCPI status 1000": () => page?.status_code === 1000,
    });
    if (!ok || page === null) {
      pullComplete.add(false);
      return;
    }
    pages++;
    locations += page.data?.length ?? 0;
    const header = res.headers["X-Total-Count"];
    if (header !== undefined) total = Number(header);
    url = nextLink(res.headers["Link"], url);
  }
  pulledLocations.add(locations);
  pullComplete.add(url === null && (total === null || total === locations));
}

// Settings from environment variables (k6 run -e NAME=value or the process environment), with the defaults of a
// local trial: StatusGrid on 127.0.0.1:5080 with the default keys, the mock eMSP fleet on 127.0.0.1:9101..

/** A variable as text, or the fallback. */
export function envText(name: string, fallback: string): string {
  const value = __ENV[name];
  return value === undefined || value === "" ? fallback : value;
}

/** A variable as a number, or the fallback; a non-number fails the test at start rather than running the wrong load. */
export function envNumber(name: string, fallback: number): number {
  const text = __ENV[name];
  if (text === undefined || text === "") return fallback;
  const value = Number(text);
  if (!Number.isFinite(value)) throw new Error(`${name}=${text} is not a number`);
  return value;
}

export function envFlag(name: string, fallback: boolean): boolean {
  const text = __ENV[name];
  if (text === undefined || text === "") return fallback;
  return text === "1" || text.toLowerCase() === "true";
}

/** Load goes to this machine only: a mistyped host must not become a load test of someone else's server. */
function loopbackOnly(url: string): string {
  const host = url.replace(/^[a-z]+:\/\//i, "").split(/[/:]/)[0];
  if (host !== "127.0.0.1" && host !== "localhost" && host !== "[::1]") {
    throw new Error(`${url}: the load scripts only target loopback (127.0.0.1 / localhost)`);
  }
  return url.replace(/\/$/, "");
}

export const BASE_URL = loopbackOnly(envText("STATUSGRID_URL", "http://127.0.0.1:5080"));
export const ADMIN_KEY = envText("ADMIN_KEY", "change-me-admin");
export const INGEST_KEY = envText("INGEST_KEY", "change-me-ingest");

/** The estate: LOCATIONS × EVSES_PER_LOCATION EVSEs (default 10,000), the same ids as the .NET driver uses. */
export const LOCATIONS = envNumber("LOCATIONS", 1000);
export const EVSES_PER_LOCATION = envNumber("EVSES_PER_LOCATION", 10);
export const EVSES = LOCATIONS * EVSES_PER_LOCATION;

/** Import the estate and register the fleet in setup(); set SETUP=0 when the server already has both. */
export const SETUP = envFlag("SETUP", true);

/** The mock eMSP (`dotnet run --project load/StatusGrid.MockEmsp -- --partners 3`); PARTNERS=0 for none. */
export const PARTNERS = envNumber("PARTNERS", 3);
export const FLEET_BASE_PORT = envNumber("FLEET_BASE_PORT", 9101);
export const FLEET_URL = loopbackOnly(`http://127.0.0.1:${FLEET_BASE_PORT}`);

/** Changes per ingest request. */
export const BATCH = envNumber("BATCH", 50);

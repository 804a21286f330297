// The synthetic estate, identical to load/StatusGrid.LoadDriver/Workload (ids LD-000000, LD-000000-E1, ...), so
// the .NET driver and k6 can load the same server one after the other.
import { EVSES_PER_LOCATION } from "./config.ts";

export const COUNTRY_CODE = "NL";
export const PARTY_ID = "SGR";

export function locationId(location: number): string {
  return "LD-" + String(location).padStart(6, "0");
}

/** EVSE n (0-based over the whole estate) → its location and uid. */
export function evse(n: number): { locationId: string; evseUid: string } {
  const location = Math.floor(n / EVSES_PER_LOCATION);
  const id = locationId(location);
  return { locationId: id, evseUid: `${id}-E${(n % EVSES_PER_LOCATION) + 1}` };
}

interface OcpiConnector {
  id: string;
  standard: string;
  format: string;
  power_type: string;
  max_voltage: number;
  max_amperage: number;
  last_updated: string;
}

interface OcpiEvse {
  uid: string;
  evse_id: string;
  status: string;
  connectors: OcpiConnector[];
  last_updated: string;
}

export interface OcpiLocation {
  country_code: string;
  party_id: string;
  id: string;
  publish: boolean;
  name: string;
  address: string;
  city: string;
  country: string;
  coordinates: { latitude: string; longitude: string };
  evses: OcpiEvse[];
  time_zone: string;
  last_updated: string;
}

const IMPORTED_AT = "2025-01-01T00:00:00Z";

/** The smallest valid OCPI 2.2.1 Location: one Type 2 connector per EVSE, every EVSE AVAILABLE. */
export function location(index: number): OcpiLocation {
  const id = locationId(index);
  const evses: OcpiEvse[] = [];
  for (let e = 0; e < EVSES_PER_LOCATION; e++) {
    evses.push({
      uid: `${id}-E${e + 1}`,
      evse_id: `NL*SGR*E${String(index).padStart(6, "0")}${String(e + 1).padStart(2, "0")}`,
      status: "AVAILABLE",
      connectors: [{ id: "1", standard: "IEC_62196_T2", format: "SOCKET", power_type: "AC_3_PHASE", max_voltage: 400, max_amperage: 32, last_updated: IMPORTED_AT }],
      last_updated: IMPORTED_AT,
    });
  }
  return {
    country_code: COUNTRY_CODE,
    party_id: PARTY_ID,
    id,
    publish: true,
    name: `Load ${id}`,
    address: "Stationsplein 1",
    city: "Utrecht",
    country: "NLD",
    coordinates: { latitude: (51 + (index % 200) / 100).toFixed(6), longitude: (4 + (Math.floor(index / 200) % 200) / 100).toFixed(6) },
    evses,
    time_zone: "Europe/Amsterdam",
    last_updated: IMPORTED_AT,
  };
}

/**
 * A city-sized viewport [west, south, east, north] (a 1280×800 screen at zoom 12, about 0.4° × 0.24°) centred on
 * location `index`, as the .NET driver's map clients watch (load/StatusGrid.LoadDriver/Dashboards/ViewportMix.cs).
 */
export function cityViewport(index: number): [number, number, number, number] {
  const { latitude, longitude } = location(index).coordinates;
  const [lat, lon] = [Number(latitude), Number(longitude)];
  return [lon - 0.2, lat - 0.12, lon + 0.2, lat + 0.12];
}

/**
 * The bounding box [west, south, east, north] of the first `count` locations (see `location`: 200 per 0.01° column
 * from 51°N 4°E), padded by half a step. A 1,000-location estate spans 5 columns × 200 rows: 11 map tiles at zoom 10.
 */
export function estateBounds(count: number): [number, number, number, number] {
  const columns = Math.min(200, Math.ceil(Math.max(1, count) / 200));
  const rows = Math.min(200, Math.max(1, count));
  return [4 - 0.005, 51 - 0.005, 4 + (columns - 1) / 100 + 0.005, 51 + (rows - 1) / 100 + 0.005];
}

// The SignalR JSON hub protocol, as far as a read-only dashboard needs it (what @microsoft/signalr does for the map page): records
// end with 0x1E; {"protocol":"json","version":1} is the handshake; type 1 = invocation, 6 = ping, 7 = close.
export const RECORD_SEPARATOR = "\u001e";
export const HANDSHAKE = JSON.stringify({ protocol: "json", version: 1 }) + RECORD_SEPARATOR;
export const PING = JSON.stringify({ type: 6 }) + RECORD_SEPARATOR;

export interface StatusItem {
  location_id: string;
  evse_uid: string;
  status: string;
  last_updated: string;
}

interface HubMessage {
  type?: number;
  error?: string;
  target?: string;
  arguments?: unknown[];
}

export interface ReadResult {
  /** The server closed the connection (type 7). */
  closed: boolean;
  /** aggregates records (zoomed-out clients: counts per coarse tile instead of EVSE changes). */
  aggregates: number;
  /** The handshake answer, if this message carried it: {} accepts, {"error": ...} refuses. */
  handshake?: "accepted" | "refused";
  error?: string;
}

/** Every statusChanged item in a WebSocket message (one message may carry several records), and what else it said. */
export function readRecords(data: string, onItem: (item: StatusItem) => void): ReadResult {
  const result: ReadResult = { closed: false, aggregates: 0 };
  for (const record of data.split(RECORD_SEPARATOR)) {
    if (record.length === 0) continue;
    const message = JSON.parse(record) as HubMessage;
    if (message.type === undefined) {
      // The handshake response is the only record without a type.
      result.handshake = message.error === undefined ? "accepted" : "refused";
      result.error = message.error;
    } else if (message.type === 1 && message.target === "statusChanged" && Array.isArray(message.arguments) && Array.isArray(message.arguments[0])) {
      for (const item of message.arguments[0] as StatusItem[]) onItem(item);
    } else if (message.type === 1 && message.target === "aggregates") {
      result.aggregates++;
    } else if (message.type === 7) {
      result.closed = true;
    }
  }
  return result;
}

/**
 * The hub sends each client only what its map shows: this invocation record asks for the viewport [west, south,
 * east, north] at map zoom `zoom` (from zoom 11 on: every change in it as statusChanged; below: aggregates only).
 */
export function watch(west: number, south: number, east: number, north: number, zoom: number): string {
  return JSON.stringify({ type: 1, target: "Watch", arguments: [west, south, east, north, zoom] }) + RECORD_SEPARATOR;
}

/** ws:// URL of the hub from the http:// base URL. */
export function hubUrl(baseUrl: string): string {
  return baseUrl.replace(/^http/, "ws") + "/hubs/status";
}

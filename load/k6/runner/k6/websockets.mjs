// k6/websockets: the browser-style WebSocket over Node's own (node --experimental-websocket on Node 20; built in
// from Node 22). Emits ws_connecting and ws_sessions; an open socket keeps the run waiting, as in k6.
import { emit, pending } from "./state.mjs";

export class WebSocket {
  constructor(url, protocols) {
    if (typeof globalThis.WebSocket !== "function") throw new Error("this Node has no WebSocket: run node --experimental-websocket (Node 20) or Node 22+");
    const started = performance.now();
    this.onopen = null;
    this.onmessage = null;
    this.onclose = null;
    this.onerror = null;
    this.inner = new globalThis.WebSocket(url, protocols);
    pending.add(this);
    emit("ws_sessions", "counter", 1);
    this.inner.addEventListener("open", () => {
      emit("ws_connecting", "trend", performance.now() - started);
      this.onopen?.({ type: "open" });
    });
    this.inner.addEventListener("message", (event) => this.onmessage?.({ type: "message", data: event.data }));
    this.inner.addEventListener("error", (event) => this.onerror?.({ type: "error", error: String(event.message ?? event.error ?? "error") }));
    this.inner.addEventListener("close", (event) => {
      pending.delete(this);
      this.onclose?.({ type: "close", code: event.code });
    });
  }

  get readyState() { return this.inner.readyState; }
  get url() { return this.inner.url; }
  send(data) { this.inner.send(data); }
  close(code) {
    if (this.inner.readyState === 3) {
      pending.delete(this);
      return;
    }
    this.inner.close(code);
  }
}

export default { WebSocket };

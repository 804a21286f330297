// Minimal SignalR client (JSON hub protocol over WebSockets), enough for a read-only live feed.
// Messages end with the record separator 0x1E; type 1 = invocation, 6 = ping, 7 = close.
"use strict";
function connectHub(path, handlers) {
  const RS = "\u001e";
  let socket, pingTimer, retry = 500;
  function open() {
    const url = new URL(path, window.location.href);
    url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
    socket = new WebSocket(url);
    socket.onopen = () => {
      socket.send(JSON.stringify({ protocol: "json", version: 1 }) + RS);
      pingTimer = setInterval(() => socket.send(JSON.stringify({ type: 6 }) + RS), 15000);
      retry = 500;
      handlers.onOpen?.();
    };
    socket.onmessage = (event) => {
      for (const frame of event.data.split(RS)) {
        if (!frame) continue;
        const message = JSON.parse(frame);
        if (message.type === 1 && handlers[message.target]) handlers[message.target](...message.arguments);
        if (message.type === 7) socket.close();
      }
    };
    socket.onclose = () => {
      clearInterval(pingTimer);
      handlers.onClose?.();
      setTimeout(open, retry);
      retry = Math.min(retry * 2, 10000);
    };
  }
  open();
}

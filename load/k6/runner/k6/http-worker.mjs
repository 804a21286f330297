// Runs each HTTP request of k6/http with fetch on its own thread, so the script's thread can block on it the way a
// k6 VU's http.get() blocks; answers over the port and wakes the waiting thread through the shared flag.
import { workerData } from "node:worker_threads";

const { port, flag } = workerData;
const signal = new Int32Array(flag);

port.on("message", async (request) => {
  const started = performance.now();
  let result;
  try {
    const response = await fetch(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body ?? undefined,
      redirect: "follow",
      signal: AbortSignal.timeout(request.timeoutMs),
    });
    const body = await response.text();
    const headers = {};
    response.headers.forEach((value, name) => { headers[name] = value; });
    result = { status: response.status, body, headers, url: response.url, duration: performance.now() - started };
  } catch (error) {
    result = { status: 0, body: null, headers: {}, url: request.url, duration: performance.now() - started, error: String(error?.cause ?? error) };
  }
  port.postMessage(result);
  Atomics.store(signal, 0, 1);
  Atomics.notify(signal, 0);
});

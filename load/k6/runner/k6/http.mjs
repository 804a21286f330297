// k6/http: synchronous requests (a k6 VU blocks on http.get), made on a worker thread. Emits http_reqs,
// http_req_duration and http_req_failed tagged with name (params.tags.name, else the URL), method, status and
// scenario. Status 200-399 is "expected", as k6's default.
import { MessageChannel, Worker, receiveMessageOnPort } from "node:worker_threads";
import { emit } from "./state.mjs";

const flag = new SharedArrayBuffer(4);
const signal = new Int32Array(flag);
const { port1, port2 } = new MessageChannel();
const worker = new Worker(new URL("./http-worker.mjs", import.meta.url), { workerData: { port: port2, flag }, transferList: [port2] });
worker.unref();
port1.unref();

function durationMs(text, fallback) {
  if (text === undefined) return fallback;
  if (typeof text === "number") return text;
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/.exec(text);
  if (match === null) throw new Error(`timeout "${text}" is not a k6 duration`);
  return Number(match[1]) * { ms: 1, s: 1000, m: 60000, h: 3600000 }[match[2]];
}

// k6 (Go) canonicalizes response header names: x-total-count → X-Total-Count.
const canonical = (name) => name.split("-").map((part) => part.charAt(0).toUpperCase() + part.slice(1).toLowerCase()).join("-");

function selectPath(value, selector) {
  if (selector === undefined) return value;
  let current = value;
  for (const key of selector.split(".")) current = current?.[/^\d+$/.test(key) ? Number(key) : key];
  return current;
}

export function request(method, url, body, params) {
  const headers = { ...(params?.headers ?? {}) };
  let payload = body ?? null;
  if (payload !== null && typeof payload === "object") {
    // k6 form-encodes an object body.
    payload = new URLSearchParams(payload).toString();
    headers["Content-Type"] ??= "application/x-www-form-urlencoded";
  }
  const timeoutMs = durationMs(params?.timeout, 60000);
  Atomics.store(signal, 0, 0);
  port1.postMessage({ method, url, headers, body: payload, timeoutMs });
  if (Atomics.wait(signal, 0, 0, timeoutMs + 10000) === "timed-out") throw new Error(`${method} ${url}: no answer from the HTTP worker`);
  const result = receiveMessageOnPort(port1).message;
  const responseHeaders = {};
  for (const [name, value] of Object.entries(result.headers)) responseHeaders[canonical(name)] = value;
  const tags = { name: params?.tags?.name ?? url, method, status: String(result.status), ...(params?.tags ?? {}) };
  const failed = result.status < 200 || result.status >= 400;
  emit("http_reqs", "counter", 1, tags);
  emit("http_req_duration", "trend", result.duration, tags);
  emit("http_req_failed", "rate", failed ? 1 : 0, tags);
  if (result.error !== undefined) console.warn(`${method} ${url}: ${result.error}`);
  return {
    status: result.status,
    body: result.body,
    headers: responseHeaders,
    url: result.url,
    error: result.error ?? "",
    timings: { duration: result.duration },
    request: { method, url, body: payload, headers },
    json(selector) {
      if (result.body === null) throw new Error(`${method} ${url}: no body to parse (${result.error ?? "HTTP " + result.status})`);
      return selectPath(JSON.parse(result.body), selector);
    },
  };
}

export const get = (url, params) => request("GET", url, null, params);
export const head = (url, params) => request("HEAD", url, null, params);
export const post = (url, body, params) => request("POST", url, body, params);
export const put = (url, body, params) => request("PUT", url, body, params);
export const patch = (url, body, params) => request("PATCH", url, body, params);
export const del = (url, body, params) => request("DELETE", url, body, params);
export default { request, get, head, post, put, patch, del };

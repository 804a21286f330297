// k6/timers: Node's timers, tracked so the run waits for them like k6 waits for a VU's event loop.
import { pending } from "./state.mjs";

export function setTimeout(fn, ms, ...args) {
  const handle = globalThis.setTimeout(() => {
    pending.delete(handle);
    fn(...args);
  }, ms);
  pending.add(handle);
  return handle;
}

export function clearTimeout(handle) {
  pending.delete(handle);
  globalThis.clearTimeout(handle);
}

// An interval alone does not keep a k6 VU alive once everything else is done; it is not tracked.
export const setInterval = (fn, ms, ...args) => globalThis.setInterval(fn, ms, ...args);
export const clearInterval = (handle) => globalThis.clearInterval(handle);
export default { setTimeout, clearTimeout, setInterval, clearInterval };

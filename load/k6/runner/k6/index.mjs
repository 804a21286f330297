// k6: check, sleep, group, fail.
import { context, emit, failedChecks } from "./state.mjs";

const sleeper = new Int32Array(new SharedArrayBuffer(4));

export function check(value, checks, tags) {
  let all = true;
  for (const [name, predicate] of Object.entries(checks)) {
    let ok;
    try {
      ok = Boolean(typeof predicate === "function" ? predicate(value) : predicate);
    } catch (error) {
      ok = false;
      console.warn(`check "${name}" threw: ${error}`);
    }
    emit("checks", "rate", ok ? 1 : 0, { ...(tags ?? {}), check: name });
    if (!ok) {
      all = false;
      failedChecks.set(name, (failedChecks.get(name) ?? 0) + 1);
      console.warn(`check failed: "${name}" (scenario ${context.scenario}, VU ${context.vu})`);
    }
  }
  return all;
}

/** Blocks like k6's sleep (a VU's code is synchronous). */
export function sleep(seconds) {
  Atomics.wait(sleeper, 0, 0, Math.max(0, seconds * 1000));
}

export function group(name, fn) {
  return fn();
}

export function fail(message) {
  throw new Error(message);
}

export default { check, sleep, group, fail };

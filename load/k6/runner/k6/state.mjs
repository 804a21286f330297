// Shared state of one run: every metric sample, the failed checks, and the context (scenario, VU, iteration) that
// tags them, as k6 tags samples with the scenario they were taken in.
export const samples = [];
export const metricTypes = new Map();
export const failedChecks = new Map();
export const context = { scenario: "setup", vu: 0, iterationInTest: 0, iterationInScenario: 0 };
export const pending = new Set();

export function declare(name, type) {
  const known = metricTypes.get(name);
  if (known !== undefined && known !== type) throw new Error(`metric ${name} declared as ${known} and ${type}`);
  metricTypes.set(name, type);
}

export function emit(name, type, value, tags) {
  declare(name, type);
  samples.push({ name, value: Number(value), tags: { scenario: context.scenario, ...(tags ?? {}) } });
}

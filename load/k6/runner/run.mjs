// A test harness for the k6 scripts, not a k6 replacement: it runs a script's own code under Node with stand-ins
// for the k6 modules and globals it uses, for a bounded number of iterations, and fails when a check fails, a
// threshold's metric got no sample, or a count/rate threshold does not hold. It does not model k6's scheduling
// (executors run their iterations one after the other, arrival rates and durations are ignored), and it does not
// evaluate time-based thresholds (percentiles, gauges of latencies): timing here says nothing about a real run.
//
//   node --experimental-websocket load/k6/runner/run.mjs load/k6/steady-state.ts [--iterations 3] [--vus 2]
//   (settings come from the environment, as k6's -e NAME=value; npm ci in load/k6 first, for typescript)
import { createRequire } from "node:module";
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { context, failedChecks, metricTypes, pending, samples } from "./k6/state.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const scriptsRoot = resolve(here, "..");
const ts = createRequire(join(scriptsRoot, "package.json"))("typescript");

const args = process.argv.slice(2);
const script = args.find((a) => !a.startsWith("--") && !/^\d+$/.test(a));
const option = (name, fallback) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const ITERATIONS = option("iterations", 3);
const MAX_VUS = option("vus", 2);
const MAX_WAIT_S = option("max-wait", 90);
// Metrics a passing k6 run may leave empty: k6 emits dropped_iterations only when it drops one.
const MAY_BE_EMPTY = new Set(["dropped_iterations"]);
const K6_MODULES = { k6: "index", "k6/http": "http", "k6/metrics": "metrics", "k6/execution": "execution", "k6/timers": "timers", "k6/websockets": "websockets", "k6/encoding": "encoding" };

if (script === undefined) {
  console.error("usage: node --experimental-websocket run.mjs <script.ts> [--iterations N] [--vus N] [--max-wait S]");
  process.exit(2);
}

/** Transpiles every .ts under load/k6 (not node_modules) to .mjs in a temp folder; k6 imports point at the stand-ins. */
function transpile() {
  const out = mkdtempSync(join(tmpdir(), "statusgrid-k6-"));
  const walk = (dir) => readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === "node_modules" || name === "runner") return [];
    return statSync(path).isDirectory() ? walk(path) : path.endsWith(".ts") && !path.endsWith(".d.ts") ? [path] : [];
  });
  for (const file of walk(scriptsRoot)) {
    const js = ts.transpileModule(readFileSync(file, "utf8"), { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 }, fileName: file }).outputText
      .replace(/from\s+"(k6(?:\/[a-z]+)?)"/g, (whole, name) => {
        if (!(name in K6_MODULES)) throw new Error(`${relative(scriptsRoot, file)} imports ${name}, which the runner does not provide`);
        return `from "${pathToFileURL(join(here, "k6", K6_MODULES[name] + ".mjs")).href}"`;
      })
      .replace(/from\s+"(\.[^"]+)\.ts"/g, 'from "$1.mjs"');
    const target = join(out, relative(scriptsRoot, file)).replace(/\.ts$/, ".mjs");
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, js);
  }
  return out;
}

function setContext(scenario, vu, iterationInTest, iterationInScenario) {
  Object.assign(context, { scenario, vu, iterationInTest, iterationInScenario });
  globalThis.__VU = vu;
  globalThis.__ITER = iterationInScenario;
}

const seconds = (text) => {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/.exec(text ?? "0s");
  return match === null ? 0 : Number(match[1]) * { ms: 0.001, s: 1, m: 60, h: 3600 }[match[2]];
};
const pause = (ms) => new Promise((done) => setTimeout(done, ms));

/** VUs × iterations per VU a scenario gets here: each executor's own shape, bounded. */
function plan(scenario) {
  switch (scenario.executor) {
    case "per-vu-iterations":
      return { vus: Math.min(scenario.vus ?? 1, MAX_VUS), each: Math.min(scenario.iterations ?? 1, ITERATIONS) };
    case "shared-iterations":
      if ((scenario.iterations ?? 1) < (scenario.vus ?? 1)) throw new Error(`shared-iterations with ${scenario.iterations} iterations for ${scenario.vus} VUs: k6 refuses this`);
      return { vus: 1, each: Math.min(scenario.iterations ?? 1, ITERATIONS) };
    case "constant-arrival-rate":
    case "ramping-arrival-rate":
    case "constant-vus":
    case "ramping-vus":
      return { vus: 1, each: ITERATIONS };
    default:
      throw new Error(`executor ${scenario.executor}: not modelled by the runner`);
  }
}

/** Threshold key → metric name and tag filter: name{tag:value,tag2:value}. */
function parseKey(key) {
  const match = /^([^{]+)(?:\{(.*)\})?$/.exec(key);
  const tags = {};
  for (const pair of (match[2] ?? "").split(",").filter((p) => p.length > 0)) {
    const at = pair.indexOf(":");
    tags[pair.slice(0, at).trim()] = pair.slice(at + 1).trim();
  }
  return { name: match[1].trim(), tags };
}

/** count and rate thresholds (not time-based ones): returns the failing expressions. */
function evaluate(type, values, expressions) {
  const failing = [];
  for (const expression of expressions.map((e) => (typeof e === "string" ? e : e.threshold))) {
    const match = /^(count|rate)\s*(<=|>=|==|===|!=|<|>)\s*([\d.]+)$/.exec(expression.replace(/\s+/g, ""));
    if (match === null || (match[1] === "count") !== (type === "counter") || (match[1] === "rate") !== (type === "rate")) continue;
    const actual = match[1] === "count" ? values.reduce((a, b) => a + b, 0) : values.filter((v) => v !== 0).length / values.length;
    const limit = Number(match[3]);
    const ok = { "<": actual < limit, "<=": actual <= limit, ">": actual > limit, ">=": actual >= limit, "==": actual === limit, "===": actual === limit, "!=": actual !== limit }[match[2]];
    if (!ok) failing.push(`${expression} (was ${actual})`);
  }
  return failing;
}

const out = transpile();
let problems = [];
try {
  globalThis.__ENV = { ...process.env };
  setContext("init", 0, 0, 0);
  const module = await import(pathToFileURL(join(out, relative(scriptsRoot, resolve(script)).replace(/\.ts$/, ".mjs"))).href);
  const options = module.options ?? {};
  setContext("setup", 0, 0, 0);
  const data = module.setup === undefined ? undefined : await module.setup();

  const scenarios = Object.entries(options.scenarios ?? { default: { executor: "shared-iterations", vus: options.vus ?? 1, iterations: options.iterations ?? 1 } })
    .sort(([, a], [, b]) => seconds(a.startTime) - seconds(b.startTime));
  let vuIds = 0;
  for (const [name, scenario] of scenarios) {
    const fn = module[scenario.exec ?? "default"];
    if (typeof fn !== "function") throw new Error(`scenario ${name}: the script exports no function ${scenario.exec ?? "default"}`);
    // Let what earlier scenarios started (sockets, timers) run up to this scenario's start, a few seconds at most.
    if (seconds(scenario.startTime) > 0) await pause(Math.min(seconds(scenario.startTime), 3) * 1000);
    const { vus, each } = plan(scenario);
    let inScenario = 0;
    for (let v = 0; v < vus; v++) {
      const vu = ++vuIds;
      for (let i = 0; i < each; i++) {
        setContext(name, vu, inScenario++, i);
        await fn(data);
        samples.push({ name: "iterations", value: 1, tags: { scenario: name } });
      }
    }
  }

  // Like k6, a VU's iteration is over when its event loop is empty: wait for open sockets and timers.
  const deadline = Date.now() + MAX_WAIT_S * 1000;
  while (pending.size > 0 && Date.now() < deadline) await pause(100);
  if (pending.size > 0) problems.push(`${pending.size} socket(s)/timer(s) still open after ${MAX_WAIT_S} s`);

  setContext("teardown", 0, 0, 0);
  if (module.teardown !== undefined) await module.teardown(data);

  for (const [key, expressions] of Object.entries(options.thresholds ?? {})) {
    const { name, tags } = parseKey(key);
    const matching = samples.filter((s) => s.name === name && Object.entries(tags).every(([t, v]) => s.tags[t] === v));
    if (matching.length === 0) {
      if (!MAY_BE_EMPTY.has(name)) problems.push(`threshold ${key}: its metric got no data`);
      continue;
    }
    for (const failing of evaluate(metricTypes.get(name), matching.map((s) => s.value), expressions)) problems.push(`threshold ${key}: ${failing}`);
  }
  for (const [name, count] of failedChecks) problems.push(`check "${name}" failed ${count} time(s)`);
} catch (error) {
  problems.push(`the script threw: ${error?.stack ?? error}`);
} finally {
  rmSync(out, { recursive: true, force: true });
}

const counts = {};
for (const sample of samples) counts[sample.name] = (counts[sample.name] ?? 0) + 1;
console.log(`samples per metric: ${JSON.stringify(counts)}`);
if (problems.length > 0) {
  console.error(`k6 runner: ${script} FAILED\n  ${problems.join("\n  ")}`);
  process.exit(1);
}
console.log(`k6 runner: ${script} passed (checks, threshold data, count/rate thresholds)`);
process.exit(0);

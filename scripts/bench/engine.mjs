#!/usr/bin/env node
// The pure engine's CPU time in Node: src/domain bundled as it is (esbuild, no changes), fed
// the benchmark's synthetic plans, timed with process.cpuUsage() (user + system, every thread
// of the process) and performance.now(). Run as its own process, so the first pass is truly
// cold, as in a fresh isolate.
//
//   node scripts/bench/engine.mjs --plans 10000 [--iterations 30] [--domain <dir>]
//                                 [--profile <file.cpuprofile>]
//
// prints one JSON object. --domain points at another copy of src/domain, to measure a change.
// --profile samples the picked-figure passes with V8's profiler, writes the profile (open it in
// Chrome DevTools) and prints the functions with the most self time to stderr: where the
// engine's time goes, measured rather than guessed.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { AS_OF, engineInputs, generate } from "./dataset.mjs";

const root = join(import.meta.dirname, "..", "..");

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
}

async function loadEngine(domainDir) {
  // The esbuild wrangler bundles with, wherever the package manager put it.
  const require = createRequire(import.meta.url);
  const esbuild = createRequire(require.resolve("wrangler"))("esbuild");
  const dir = mkdtempSync(join(tmpdir(), "bench-engine-"));
  try {
    const outfile = join(dir, "domain.mjs");
    await esbuild.build({
      entryPoints: [join(domainDir, "evaluate.ts")],
      bundle: true,
      format: "esm",
      platform: "neutral",
      outfile,
      logLevel: "error",
    });
    return await import(pathToFileURL(outfile).href);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// A pass holds its own evaluations until it ends, as a status page holds its plans, and lets
// them go after: keeping every pass's results alive would time the garbage collector copying
// thirty passes of answers no request ever holds at once.
function pass(evaluatePlan, inputs) {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const results = inputs.map(({ plan, actuals }) => evaluatePlan(plan, actuals, AS_OF));
  const wallMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return { cpuMs: (used.user + used.system) / 1000, wallMs, results };
}

function timedPass(evaluatePlan, inputs) {
  const { cpuMs, wallMs } = pass(evaluatePlan, inputs);
  return { cpuMs, wallMs };
}

function stats(passes) {
  const sorted = (key) => passes.map((p) => p[key]).sort((a, b) => a - b);
  const median = (xs) => xs[Math.floor(xs.length / 2)];
  const round = (x) => Math.round(x * 100) / 100;
  const cpu = sorted("cpuMs");
  const wall = sorted("wallMs");
  return {
    iterations: passes.length,
    cpuMsMedian: round(median(cpu)),
    cpuMsMin: round(cpu[0]),
    cpuMsMax: round(cpu[cpu.length - 1]),
    wallMsMedian: round(median(wall)),
  };
}

async function startProfile() {
  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  // 100 µs between samples: a pass of a few tens of milliseconds still gives hundreds of them.
  await session.post("Profiler.setSamplingInterval", { interval: 100 });
  await session.post("Profiler.start");
  return session;
}

/** Self time per function (name, file, line), in ms per pass, the largest first. */
function selfTimes(profile, passes) {
  const byNode = new Map(profile.nodes.map((n) => [n.id, n]));
  const counts = new Map();
  for (const id of profile.samples) counts.set(id, (counts.get(id) ?? 0) + 1);
  const total = profile.endTime - profile.startTime;
  const perSampleMs = total / 1000 / profile.samples.length;
  const rows = new Map();
  for (const [id, count] of counts) {
    const { functionName, url, lineNumber } = byNode.get(id).callFrame;
    const file = url.split("/").pop();
    const key = `${functionName || "(anonymous)"} ${file}:${lineNumber + 1}`;
    rows.set(key, (rows.get(key) ?? 0) + count * perSampleMs);
  }
  return [...rows]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 25)
    .map(([fn, ms]) => ({ fn, msPerPass: Math.round((ms / passes) * 100) / 100 }));
}

async function stopProfile(session, file, passes) {
  const { profile } = await session.post("Profiler.stop");
  session.disconnect();
  writeFileSync(file, JSON.stringify(profile));
  console.error(JSON.stringify(selfTimes(profile, passes), null, 1));
}

const planCount = Number(arg("plans", 10_000));
const iterations = Number(arg("iterations", 30));
const { evaluatePlan } = await loadEngine(resolve(arg("domain", join(root, "src", "domain"))));
const inputs = engineInputs(generate(planCount));
const figures = inputs.reduce((n, i) => n + i.actuals.length, 0);

// Every vintage of the indicator's figures up to the plan's end: the engine picks itself.
const cold = pass(evaluatePlan, inputs);
const warm = Array.from({ length: iterations }, () => timedPass(evaluatePlan, inputs));
// What the status route and the cron give it: the figure SQL already picked per plan, its
// prior-year figure, and for a plan phased by history the figures of its history window.
const picked = inputs.map(({ plan, actuals }, i) => {
  const result = cold.results[i];
  const year = Number(plan.periodStart.slice(0, 4));
  const inWindow = (a) =>
    plan.phasing.kind === "history" &&
    a.periodStart >= `${year - 4}-01-01` &&
    a.periodEnd < `${year}-01-01`;
  const wanted = new Set([result.actual?.id, result.yearOnYear?.prior?.actualId]);
  return { plan, actuals: actuals.filter((a) => wanted.has(a.id) || inWindow(a)) };
});
const profileFile = arg("profile", null);
const session = profileFile ? await startProfile() : null;
const pickedPasses = Array.from({ length: iterations }, () => timedPass(evaluatePlan, picked));
if (session) await stopProfile(session, profileFile, pickedPasses.length);

const statuses = {};
for (const r of cold.results) statuses[r.status] = (statuses[r.status] ?? 0) + 1;
console.log(
  JSON.stringify({
    plans: planCount,
    figures,
    asOf: AS_OF,
    statuses,
    cold: {
      cpuMs: Math.round(cold.cpuMs * 100) / 100,
      wallMs: Math.round(cold.wallMs * 100) / 100,
    },
    allFigures: stats(warm),
    pickedFigure: stats(pickedPasses),
  }),
);

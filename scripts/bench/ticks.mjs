// The incremental cron at a country's size: a quiet tick (nothing written, no date passed) and
// a busy one (1% of the plans got a new figure), each measured in D1 statements, rows read and
// written, and CPU time of the Worker isolate (the inspector's profiler). From the same ladder of
// sizes: the largest number of plans whose quiet and busy ticks both stay inside the free
// plan's 10 ms of CPU and 50 D1 queries per invocation.
//
// Each size gets a fresh D1, seeded with the benchmark's dataset, and a first tick that judges
// every plan (after a migration every plan is due); the two measured ticks follow it.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import { join } from "node:path";
import { cpuProfiler } from "./cpu-profile.mjs";
import { AS_OF, generate } from "./dataset.mjs";
import { migrateAndSeed } from "./seed-d1.mjs";
import { migrationStatements, startWorker } from "./worker-host.mjs";

const CRON = "*/15 * * * *";
/** The hourly housekeeping (pruning), an invocation of its own: wrangler.toml's second cron. */
const MAINTENANCE_CRON = "7 * * * *";
const T0 = Date.parse(`${AS_OF}T00:00:00.000Z`);
export const FREE_PLAN = { cpuMs: 10, queries: 50 };
/** What one paid invocation may use: 30 s of CPU by default, 1,000 D1 queries. */
export const PAID_PLAN = { cpuMs: 30_000, queries: 1_000 };

/** New figures for the indicators of about `share` of the plans: a release day's writes. */
function newFigures(data, share) {
  const plansOf = new Map();
  for (const p of data.plans) plansOf.set(p.indicator_id, (plansOf.get(p.indicator_id) ?? 0) + 1);
  const latest = new Map();
  for (const a of data.actuals) {
    const seen = latest.get(a.indicator_id);
    if (!seen || a.period_end > seen.period_end) latest.set(a.indicator_id, a);
  }
  const want = Math.max(1, Math.round(data.plans.length * share));
  const rows = [];
  let plans = 0;
  // Every 7th indicator first, so the changed ones are spread over the provinces.
  const ids = [...latest.keys()];
  const order = ids.map((_, i) => ids[(i * 7) % ids.length]);
  for (const id of new Set(order)) {
    if (plans >= want) break;
    const { id: _id, ...figure } = latest.get(id);
    rows.push({ ...figure, value: figure.value * 1.03, reported_at: AS_OF, status: "preliminary" });
    plans += plansOf.get(id) ?? 0;
  }
  return { rows, plans };
}

/** A tick with its D1 statements and rows counted (the counting itself costs CPU). */
async function countedTick(mf, base, scheduledTime, output, cron = CRON) {
  const worker = await mf.getWorker();
  const lines = output.length;
  const result = await worker.scheduled({ scheduledTime: new Date(scheduledTime), cron });
  const counters = await (await fetch(new URL("/__bench/last-run", base))).json();
  if (result.outcome !== "ok" || counters.error) {
    throw new Error(`tick at ${new Date(scheduledTime).toISOString()} failed: ${counters.error}`);
  }
  // The tick's own report (console.log "monitor tick {...}"): how many plans it judged.
  const line = output
    .slice(lines)
    .reverse()
    .find((l) => l.includes("monitor tick"));
  const report = line ? JSON.parse(line.slice(line.indexOf("{"))) : null;
  return { ...counters, plansJudged: report?.evaluation?.plansEvaluated ?? null };
}

/** A tick timed on the isolate's CPU, with nothing between the handler and D1. */
async function timedTick(mf, profiler, scheduledTime, cron = CRON) {
  const worker = await mf.getWorker();
  const { result, cpuMs } = await profiler.measure(() =>
    worker.scheduled({ scheduledTime: new Date(scheduledTime), cron: `bare ${cron}` }),
  );
  if (result.outcome !== "ok") {
    throw new Error(`tick at ${new Date(scheduledTime).toISOString()} failed`);
  }
  return cpuMs;
}

/** Timed repetitions of each kind of tick; the median is reported (the machine is shared). */
const TIMED_RUNS = 5;

/**
 * One kind of tick, each run after `prepare`: once counted, then TIMED_RUNS times timed. Every
 * run starts from the same kind of state (nothing new, or the same plans with a new figure).
 */
async function tick(
  mf,
  base,
  profiler,
  output,
  scheduledTime,
  prepare = async () => {},
  cron = CRON,
) {
  await prepare(0);
  const counters = await countedTick(mf, base, scheduledTime, output, cron);
  const cpu = [];
  for (let run = 1; run <= TIMED_RUNS; run += 1) {
    await prepare(run);
    cpu.push(await timedTick(mf, profiler, scheduledTime + run * 60_000, cron));
  }
  cpu.sort((a, b) => a - b);
  return {
    cpuMs: cpu[Math.floor(cpu.length / 2)],
    cpuMsRuns: cpu,
    roundTrips: counters.roundTrips,
    statements: counters.statements,
    rowsRead: counters.rowsRead,
    rowsWritten: counters.rowsWritten,
    plansJudged: counters.plansJudged,
  };
}

async function countEvents(d1) {
  const row = await d1
    .prepare(
      "select count(*) as events, (select count(*) from (select 1 from events group by plan_id, state_version, type having count(*) > 1)) as duplicates from events",
    )
    .first();
  return row;
}

/** One size: seed, the first (full) tick, a quiet tick, then a busy one. */
async function measureTicks(root, outdir, plans, log) {
  const persistDir = mkdtempSync(join(os.tmpdir(), "bench-ticks-"));
  const data = generate(plans);
  const output = [];
  const { mf, url, inspectorUrl } = await startWorker(root, {
    outdir,
    persistDir,
    inspector: true,
    onOutput: (text) => output.push(...text.split("\n").filter(Boolean)),
  });
  const profiler = await cpuProfiler(inspectorUrl, "core:user:bench");
  try {
    const d1 = await mf.getD1Database("DB");
    const counts = await migrateAndSeed(d1, migrationStatements(root), data);
    // The first ticks judge every plan, a tick's budget at a time (counted only): a freshly
    // migrated database has every plan due. Ticks five seconds apart, so all fall before the quiet
    // one at a quarter past, however many the pass takes.
    const firstTicks = [];
    let judged = 0;
    for (let second = 0; judged < plans && second < 15 * 60; second += 5) {
      const counted = await countedTick(mf, url, T0 + second * 1_000, output);
      firstTicks.push(counted);
      if (!counted.plansJudged) break;
      judged += counted.plansJudged;
    }
    const first = {
      ticks: firstTicks.length,
      statements: Math.max(...firstTicks.map((t) => t.statements)),
      rowsRead: firstTicks.reduce((sum, t) => sum + t.rowsRead, 0),
      plansJudged: firstTicks.reduce((sum, t) => sum + (t.plansJudged ?? 0), 0),
    };
    const quiet = await tick(mf, url, profiler, output, T0 + 15 * 60_000);
    const busyWrites = newFigures(data, 0.01);
    const columns = Object.keys(busyWrites.rows[0]);
    // The second busy tick's figures are the same figures revised once more.
    const write = (round) =>
      d1
        .prepare(
          `insert into actuals (${columns.join(", ")}) select ${columns
            .map((c) => `value ->> '$.${c}'`)
            .join(", ")} from json_each(?1)`,
        )
        .bind(
          JSON.stringify(
            busyWrites.rows.map((r) => ({ ...r, value: r.value * (1 + round / 100) })),
          ),
        )
        .run();
    const before = await countEvents(d1);
    const busy = await tick(mf, url, profiler, output, T0 + 30 * 60_000, write);
    const after = await countEvents(d1);
    // The hourly housekeeping after them: it prunes in an invocation of its own, which must fit
    // the same budget. Nothing is old enough to prune here; its statements are the same.
    const housekeeping = await tick(
      mf,
      url,
      profiler,
      output,
      T0 + 67 * 60_000,
      async () => {},
      MAINTENANCE_CRON,
    );
    const result = {
      plans: counts.plans,
      figures: counts.actuals,
      first,
      quiet,
      busy: {
        ...busy,
        newFigures: busyWrites.rows.length,
        plansWithNewFigures: busyWrites.plans,
        eventsCreated: after.events - before.events,
        duplicateEvents: after.duplicates,
      },
      housekeeping,
    };
    log(
      `  ticks at ${plans} plans: quiet ${quiet.cpuMs} ms CPU, ${quiet.statements} statements, ${quiet.rowsRead} rows read; busy (${busyWrites.plans} plans) ${busy.cpuMs} ms CPU, ${busy.statements} statements, ${busy.rowsRead} rows read; housekeeping ${housekeeping.cpuMs} ms CPU, ${housekeeping.statements} statements; first ${first.plansJudged} plans judged in ${first.ticks} ticks, at most ${first.statements} statements`,
    );
    return result;
  } finally {
    profiler.close();
    await mf.dispose();
    rmSync(persistDir, { recursive: true, force: true });
  }
}

const fitsFree = (t) =>
  t.cpuMs !== null && t.cpuMs <= FREE_PLAN.cpuMs && t.statements <= FREE_PLAN.queries;

/** Every size of the ladder, smallest first. */
export async function tickBench(root, outdir, sizes, log) {
  const results = [];
  for (const plans of sizes) results.push(await measureTicks(root, outdir, plans, log));
  return { sizes: results, freePlanPlans: freePlanPlans(results) };
}

/**
 * The largest size of the ladder up to which every tick fitted the free plan at every size: a
 * size that fits above one that did not says the machine was quieter then, not that the
 * smaller deployment fits.
 */
export function freePlanPlans(sizes) {
  let largest = 0;
  for (const size of [...sizes].sort((a, b) => a.plans - b.plans)) {
    const fits = [size.quiet, size.busy, size.housekeeping].every((t) => !t || fitsFree(t));
    if (!fits) break;
    largest = size.plans;
  }
  return largest;
}

const count = (n) => n.toLocaleString("en-US");
const ratio = (a, b) =>
  a === null || b === null || b === 0 ? null : Math.round((a / b) * 100) / 100;

/** The goal entries of the incremental cron: quiet-tick, busy-tick, and free-plan's ticks. */
export function tickGoals(ticks) {
  const at100k = ticks.sizes.find((s) => s.plans >= 100_000);
  const target = at100k ?? ticks.sizes[ticks.sizes.length - 1];
  const { quiet, busy } = target;
  const goals = [];
  goals.push({
    id: "quiet-tick",
    goal: "A tick with no new figures and no passed dates at 100,000 plans reads fewer than 1,000 rows and takes under 50 ms of isolate CPU",
    measured: `${count(target.plans)} plans: ${quiet.rowsRead} rows read, ${quiet.cpuMs} ms isolate CPU, ${quiet.statements} D1 statements in ${quiet.roundTrips} round trips`,
    ratio: ratio(quiet.rowsRead, 1_000),
    ratioCpu: ratio(quiet.cpuMs, 50),
    met: at100k ? quiet.rowsRead < 1_000 && quiet.cpuMs !== null && quiet.cpuMs < 50 : null,
  });
  goals.push({
    id: "busy-tick",
    goal: "A tick after 1% of 100,000 plans got a new figure finishes inside one invocation's paid budget (30 s CPU, 1,000 D1 queries) with no duplicate events",
    measured: `${count(target.plans)} plans, ${count(busy.plansWithNewFigures)} with a new figure: ${count(busy.plansJudged)} judged, ${busy.eventsCreated} events, ${busy.duplicateEvents} duplicated; ${busy.cpuMs} ms isolate CPU, ${busy.statements} D1 statements, ${count(busy.rowsRead)} rows read`,
    ratio: ratio(busy.cpuMs, PAID_PLAN.cpuMs),
    ratioQueries: ratio(busy.statements, PAID_PLAN.queries),
    met: at100k
      ? busy.cpuMs !== null &&
        busy.cpuMs < PAID_PLAN.cpuMs &&
        busy.statements <= PAID_PLAN.queries &&
        busy.duplicateEvents === 0
      : null,
  });
  const ladder = ticks.sizes
    .map(
      (s) =>
        `${count(s.plans)}: quiet ${s.quiet.cpuMs} ms/${s.quiet.statements} q, busy ${s.busy.cpuMs} ms/${s.busy.statements} q, housekeeping ${s.housekeeping?.cpuMs ?? "–"} ms/${s.housekeeping?.statements ?? "–"} q`,
    )
    .join("; ");
  goals.push({
    id: "free-plan",
    part: "cron",
    goal: "A free-plan deployment (10 ms CPU, 50 D1 queries per invocation) holds at least 2,000 plans with a quiet and a busy tick (and the hourly housekeeping)",
    measured: `ticks fit up to ${count(ticks.freePlanPlans)} plans of the sizes measured (${ladder})`,
    ratio: ratio(2_000, ticks.freePlanPlans),
    freePlanPlans: ticks.freePlanPlans,
    // A ladder that never reached 2,000 plans (--quick) says nothing about the goal.
    met:
      ticks.freePlanPlans >= 2_000
        ? true
        : ticks.sizes.some((s) => s.plans >= 2_000)
          ? false
          : null,
  });
  return goals;
}

/** The ladder as a markdown table, for docs/benchmarks.md. */
export function ticksTable(ticks) {
  const n = (x) => (x === null || x === undefined ? "–" : count(x));
  const rows = ticks.sizes.map((s) =>
    [
      count(s.plans),
      `${s.quiet.cpuMs} ms`,
      s.quiet.statements,
      n(s.quiet.rowsRead),
      `${n(s.busy.plansWithNewFigures)} / ${n(s.busy.plansJudged)}`,
      `${s.busy.cpuMs} ms`,
      s.busy.statements,
      n(s.busy.rowsRead),
      s.busy.duplicateEvents,
      s.housekeeping ? `${s.housekeeping.cpuMs} ms / ${s.housekeeping.statements}` : "–",
      `${n(s.first.plansJudged)} plans in ${s.first.ticks} ticks, at most ${s.first.statements} statements a tick`,
    ].join(" | "),
  );
  return [
    "| plans | quiet: CPU | quiet: D1 statements | quiet: rows read | busy: plans with a new figure / judged | busy: CPU | busy: D1 statements | busy: rows read | duplicated events | housekeeping: CPU / D1 statements | first tick (every plan) |",
    "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ...rows.map((r) => `| ${r} |`),
    "",
    `CPU is the Worker isolate's (the inspector's CPU profiler; median of ${TIMED_RUNS} runs), without D1's SQLite, which runs elsewhere in production. The free plan allows ${FREE_PLAN.cpuMs} ms and ${FREE_PLAN.queries} D1 queries per invocation: both ticks and the housekeeping fit up to **${count(ticks.freePlanPlans)} plans** of the sizes measured.`,
    ...(ticks.note ? ["", `${ticks.note} (${ticks.measuredAt})`] : []),
  ].join("\n");
}

// Reads at scale: paging through the status of a whole country, the heap of a status page, and
// the largest deployment whose polls and page renders fit the Workers free plan (10 ms of CPU
// and 50 D1 queries per invocation). Runs the same deploy bundle, bench entry and seeded data
// as the rest of `npm run bench` (run.mjs), each size on a fresh local D1.
//
// CPU is the Worker isolate's own, from V8's sampling profiler attached through workerd's
// inspector (Profiler.start / Profiler.stop around each request): the samples in JavaScript
// and in V8's garbage collector, at a 50 µs interval, each counted as the median interval
// between samples (a wait on D1 leaves a long gap, not samples). D1's SQLite runs in another
// isolate here (and in another machine in production), so its time is not in it. Queries are the
// statements D1 ran for the request, counted by the bench entry (each statement of a batch
// counts, as it does against the free plan's 50).
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import { join } from "node:path";
import { cpuProfiler } from "./cpu-profile.mjs";
import { AS_OF, generate } from "./dataset.mjs";
import { heapSampler } from "./heap.mjs";
import { benchHeaders, get, load } from "./load.mjs";
import { migrateAndSeed } from "./seed-d1.mjs";
import { migrationStatements, startWorker } from "./worker-host.mjs";

const FREE_CPU_MS = 10;
const FREE_QUERIES = 50;
/** The page size of the paging walk: the largest a client may ask for (STATUS_PAGE_MAX). */
const WALK_LIMIT = 250;
/** The page size a polling client on the free plan asks for. */
const POLL_LIMIT = 25;

const round = (x, digits = 2) => (x === null ? null : Math.round(x * 10 ** digits) / 10 ** digits);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Seeded databases by size, shared by the phases of one run (none of them writes). */
const seededBySize = new Map();

async function seeded(root, outdir, plans, log) {
  const known = seededBySize.get(plans);
  if (known) return known;
  const made = await seedSize(root, outdir, plans, log);
  seededBySize.set(plans, made);
  return made;
}

function dropSeeded() {
  for (const { persistDir } of seededBySize.values()) {
    rmSync(persistDir, { recursive: true, force: true });
  }
  seededBySize.clear();
}

async function seedSize(root, outdir, plans, log) {
  const data = generate(plans);
  const persistDir = mkdtempSync(join(os.tmpdir(), "bench-reads-d1-"));
  const seeder = await startWorker(root, { outdir, persistDir });
  try {
    const started = performance.now();
    const counts = await migrateAndSeed(
      await seeder.mf.getD1Database("DB"),
      migrationStatements(root),
      data,
    );
    log(
      `  reads: seeded ${counts.plans} plans, ${counts.actuals} figures in ${Math.round(performance.now() - started)} ms`,
    );
    return { data, persistDir, counts };
  } finally {
    await seeder.mf.dispose();
  }
}

/**
 * Every page of the status, `limit` plans at a time, with what each cost. With `heap`, the peak
 * heap while each page was answered; with `live` instead, every `every`th page is followed by a
 * full collection and the heap left in use is recorded (a second walk: collecting shrinks the
 * committed heap the first one measures).
 */
async function walk(base, limit, heap = null, live = null) {
  const pages = [];
  const ids = new Set();
  let duplicates = 0;
  let cursor = null;
  do {
    const path = `/api/status?as_of=${AS_OF}&limit=${limit}${cursor ? `&cursor=${cursor}` : ""}`;
    const res = await get(new URL(path, base), { keepBody: true });
    if (res.status !== 200) throw new Error(`${path} answered ${res.status}`);
    const body = JSON.parse(res.body);
    for (const entry of body.plans) {
      if (ids.has(entry.plan.id)) duplicates += 1;
      ids.add(entry.plan.id);
    }
    pages.push({
      cursor,
      plans: body.plans.length,
      bytes: res.bytes,
      ms: round(res.ms),
      ...benchHeaders(res.headers),
      heap: heap ? await heap.lap() : null,
      live: live && pages.length % live.every === 0 ? await live.heap.live() : null,
    });
    cursor = body.next_cursor;
  } while (cursor);
  return { pages, plansSeen: ids.size, duplicates };
}

/** Paging through `plans` plans: round trips, rows and heap per page, and the 304 path. */
async function paging(root, outdir, plans, limit, log) {
  const { persistDir, counts } = await seeded(root, outdir, plans, log);
  {
    const { mf, url, inspectorUrl } = await startWorker(root, {
      outdir,
      persistDir,
      inspector: true,
    });
    const heap = await heapSampler(inspectorUrl, "core:user:bench");
    try {
      heap.start();
      const started = performance.now();
      const walked = await walk(url, limit, heap);
      const wallMs = performance.now() - started;
      await heap.stop();
      const firstPath = `/api/status?as_of=${AS_OF}&limit=${limit}`;
      const first = await get(new URL(firstPath, url));
      const notModified = await get(new URL(firstPath, url), {
        headers: { "if-none-match": first.headers.etag },
      });
      // The same walk again, collecting garbage at every tenth of it: what the walk keeps alive.
      const tenthOfPages = Math.max(1, Math.floor(walked.pages.length / 10));
      const lived = await walk(url, limit, null, { heap, every: tenthOfPages });
      const liveUsed = lived.pages.filter((p) => p.live).map((p) => p.live.usedMiB);
      const heapTotals = walked.pages.map((p) => p.heap.totalMiB);
      const tenth = tenthOfPages;
      const result = {
        plans: counts.plans,
        limit,
        pages: walked.pages.length,
        plansSeen: walked.plansSeen,
        duplicates: walked.duplicates,
        wallMs: Math.round(wallMs),
        roundTripsMax: Math.max(...walked.pages.map((p) => p.roundTrips)),
        statementsMax: Math.max(...walked.pages.map((p) => p.statements)),
        rowsReadMedian: median(walked.pages.map((p) => p.rowsRead)),
        rowsReadMax: Math.max(...walked.pages.map((p) => p.rowsRead)),
        pageMsMedian: round(median(walked.pages.map((p) => p.ms))),
        heap: {
          // Committed heap while each page was answered: the first tenth of the walk against
          // the last tenth says whether a page's memory depends on how far the walk has gone.
          firstTenthMiB: round(median(heapTotals.slice(0, tenth)), 1),
          lastTenthMiB: round(median(heapTotals.slice(-tenth)), 1),
          // In use after a full collection, at every tenth of a second walk: first and last.
          liveFirstMiB: liveUsed[0],
          liveLastMiB: liveUsed[liveUsed.length - 1],
          liveMiB: liveUsed,
          maxMiB: round(Math.max(...heapTotals), 1),
          usedMaxMiB: round(Math.max(...walked.pages.map((p) => p.heap.usedMiB)), 1),
        },
        notModified: {
          status: notModified.status,
          bytes: notModified.bytes,
          ...benchHeaders(notModified.headers),
        },
      };
      log(
        `  paging ${result.plans} plans: ${result.pages} pages of ${limit}, at most ${result.roundTripsMax} round trips a page, heap ${result.heap.firstTenthMiB} → ${result.heap.lastTenthMiB} MiB (max ${result.heap.maxMiB}), ${result.wallMs} ms`,
      );
      return result;
    } finally {
      heap.close();
      await mf.dispose();
    }
  }
}

/** The heap of one status page, and of eight different pages at once, each in a fresh workerd. */
async function pageMemory(root, outdir, plans, repetitions, log) {
  const { persistDir, counts } = await seeded(root, outdir, plans, log);
  {
    // The cursors of the first eight pages, found in a workerd of their own.
    const finder = await startWorker(root, { outdir, persistDir });
    let cursors;
    try {
      cursors = (await walk(finder.url, WALK_LIMIT)).pages.slice(0, 8).map((p) => p.cursor);
    } finally {
      await finder.mf.dispose();
    }
    const pathOf = (cursor) =>
      `/api/status?as_of=${AS_OF}&limit=${WALK_LIMIT}${cursor ? `&cursor=${cursor}` : ""}`;
    const phases = {
      one: (base) => get(new URL(pathOf(null), base)),
      eight: (base) => Promise.all(cursors.map((c) => get(new URL(pathOf(c), base)))),
      whole: (base) =>
        load(new URL(`/api/status?as_of=${AS_OF}`, base), {
          concurrency: 1,
          requests: 1,
          expectStatus: 200,
        }),
    };
    const out = { plans: counts.plans, limit: WALK_LIMIT, repetitions };
    for (const [key, work] of Object.entries(phases)) {
      let peak = { totalMiB: 0, usedMiB: 0 };
      for (let rep = 0; rep < repetitions; rep += 1) {
        // The whole answer needs the limit raised: at its default the route refuses it.
        const vars = key === "whole" ? { STATUS_UNPAGED_MAX_PLANS: String(plans) } : {};
        const dir = `${persistDir}-${key}-${rep}`;
        cpSync(persistDir, dir, { recursive: true });
        const { mf, url, inspectorUrl } = await startWorker(root, {
          outdir,
          persistDir: dir,
          vars,
          inspector: true,
        });
        const heap = await heapSampler(inspectorUrl, "core:user:bench");
        try {
          heap.start();
          await work(url);
          const result = await heap.stop();
          peak = {
            totalMiB: Math.max(peak.totalMiB, result.totalMiB),
            usedMiB: Math.max(peak.usedMiB, result.usedMiB),
          };
        } finally {
          heap.close();
          await mf.dispose();
          rmSync(dir, { recursive: true, force: true });
        }
      }
      out[key] = peak;
    }
    log(
      `  page memory at ${out.plans} plans: one page ${out.one.totalMiB} MiB, eight ${out.eight.totalMiB} MiB, the whole answer ${out.whole.totalMiB} MiB (committed)`,
    );
    return out;
  }
}

/** What a status poll and a page render cost in isolate CPU and D1 queries at `plans` plans. */
async function freePlanAt(root, outdir, plans, iterations, log) {
  const { data, persistDir, counts } = await seeded(root, outdir, plans, log);
  {
    // The area with the most plans: the heaviest page a reader can open.
    const perArea = new Map();
    const scopeOf = new Map(data.indicators.map((i) => [i.id, i.scope]));
    for (const plan of data.plans) {
      const scope = scopeOf.get(plan.indicator_id);
      perArea.set(scope, (perArea.get(scope) ?? 0) + 1);
    }
    const [largestArea, largestAreaPlans] = [...perArea].sort((a, b) => b[1] - a[1])[0];
    const { mf, url, inspectorUrl } = await startWorker(root, {
      outdir,
      persistDir,
      inspector: true,
      // Measured up to every size, to say where the whole answer stops fitting.
      vars: { STATUS_UNPAGED_MAX_PLANS: String(plans) },
    });
    const profiler = await cpuProfiler(inspectorUrl, "core:user:bench");
    try {
      const status = `/api/status?as_of=${AS_OF}`;
      const etag = (await get(new URL(status, url))).headers.etag;
      const routes = [
        ["poll304", "a poll answered 304", status, { "if-none-match": etag }],
        [
          "pollPage",
          `a poll answered with a page of ${POLL_LIMIT}`,
          `${status}&limit=${POLL_LIMIT}`,
        ],
        ["summary", "the summary of every plan", `${status}&fields=summary`],
        ["whole", "the whole status in one answer", status],
        ["overview", "the overview page", `/?as_of=${AS_OF}`],
        ["areaPage", "the largest area's overview", `/?as_of=${AS_OF}&scope=${largestArea}`],
      ];
      const out = { plans: counts.plans, largestAreaPlans, routes: {} };
      for (const [key, label, path, headers = {}] of routes) {
        for (let i = 0; i < 3; i += 1) await get(new URL(path, url), { headers });
        const runs = [];
        for (let i = 0; i < iterations; i += 1) {
          // JavaScript and the collector: (idle) and (program) are the isolate waiting or
          // outside V8.
          const {
            result,
            jsMs: cpuMs,
            programMs,
            jsDeltaMs: deltaMs,
          } = await profiler.measure(() => get(new URL(path, url), { headers }));
          runs.push({
            status: result.status,
            cpuMs,
            programMs,
            deltaMs,
            ...benchHeaders(result.headers),
          });
        }
        // The median of the runs: counted in samples, time spent descheduled or waiting no
        // longer adds, while a run the sampler starved (a busy machine) reads low, so the least
        // of the runs would flatter; the least is kept beside it.
        const cpuMs = round(median(runs.map((r) => r.cpuMs)));
        const statements = Math.max(...runs.map((r) => r.statements));
        out.routes[key] = {
          label,
          status: runs[0].status,
          cpuMs,
          cpuMsLeast: round(Math.min(...runs.map((r) => r.cpuMs))),
          deltaMsLeast: round(Math.min(...runs.map((r) => r.deltaMs))),
          programMs: round(median(runs.map((r) => r.programMs))),
          statements,
          fits: runs[0].status < 400 && cpuMs <= FREE_CPU_MS && statements <= FREE_QUERIES,
        };
      }
      log(
        `  free plan at ${out.plans} plans: ${Object.entries(out.routes)
          .map(([k, r]) => `${k} ${r.cpuMs} ms/${r.statements} q${r.fits ? "" : " ✗"}`)
          .join(", ")}`,
      );
      return out;
    } finally {
      profiler.close();
      await mf.dispose();
    }
  }
}

/**
 * The reads half of the scale goals. `quick` keeps it to a few seconds for CI: small sizes,
 * one repetition.
 */
export async function readsBench({ root, outdir, quick, log, pagingPlans }) {
  log("── reads at scale");
  const walkPlans = pagingPlans ?? (quick ? 500 : 100_000);
  const memoryPlans = quick ? 500 : 10_000;
  const ladder = quick ? [500] : [1000, 2000, 5000, 10_000, 20_000];
  try {
    const pagingResult = await paging(root, outdir, walkPlans, quick ? 100 : WALK_LIMIT, log);
    const memory = await pageMemory(root, outdir, memoryPlans, quick ? 1 : 3, log);
    const freePlan = {
      cpuMsLimit: FREE_CPU_MS,
      queryLimit: FREE_QUERIES,
      pollLimit: POLL_LIMIT,
      sizes: [],
    };
    for (const plans of ladder) {
      freePlan.sizes.push(await freePlanAt(root, outdir, plans, quick ? 2 : 7, log));
    }
    return { paging: pagingResult, memory, freePlan };
  } finally {
    dropSeeded();
  }
}

/** The largest size of the ladder up to which every one of `keys` fitted at every size. */
export function largestFitting(freePlan, keys) {
  let largest = null;
  for (const size of freePlan.sizes) {
    if (!keys.every((key) => size.routes[key]?.fits)) break;
    largest = size.plans;
  }
  return largest;
}

const count = (n) => (n === null ? "none" : n.toLocaleString("en-US"));

/** The goals of the reads half, for docs/benchmarks.json's `goals`. */
export function readGoals(results) {
  const reads = results.reads;
  if (!reads) return [];
  const list = [];
  const mem = reads.memory;
  const tenK = results.sizes.find((s) => s.plans === 10_000);
  const phase = (key) => tenK?.memory.phases.find((p) => p.key === key) ?? null;
  const each = phase("cronEach");
  const shared = phase("cron");
  const pagesFit = mem.one.totalMiB < 64 && mem.eight.totalMiB < 64;
  // A tick's heap is measured in an isolate of its own, as a page's is. Ticks run back to back
  // in one isolate (seconds apart, where production has 15 minutes) are reported beside it:
  // workerd runs no idle collection and sets V8 no heap limit, so V8 lets the garbage of one
  // tick stand until allocation in the next presses it.
  const ticks = (c) =>
    `${c.isolate.totalMiB} MiB at most (${c.isolate.usedMiB} in use; by run: ${c.runs.map((r) => r.isolate.totalMiB).join(", ")})`;
  list.push({
    id: "memory",
    goal: "At 10,000 plans the Worker isolate's heap stays under 64 MiB committed for one status page, eight concurrent pages and every cron tick",
    measured: `${count(mem.plans)} plans, pages of ${count(mem.limit)}: one page ${mem.one.totalMiB} MiB committed (${mem.one.usedMiB} in use), eight different pages at once ${mem.eight.totalMiB} MiB (${mem.eight.usedMiB}); the whole unpaged answer ${mem.whole.totalMiB} MiB. Cron ticks (a full pass, a quiet tick, a revision), each in a fresh isolate: ${each ? ticks(each) : "not measured at 10,000 plans in this run"}; the same ticks back to back in one isolate: ${shared ? ticks(shared) : "not measured"}`,
    ratio: Math.round((Math.max(mem.one.totalMiB, mem.eight.totalMiB) / 64) * 100) / 100,
    ratioCron: each ? Math.round((each.isolate.totalMiB / 64) * 100) / 100 : null,
    ratioCronBackToBack: shared ? Math.round((shared.isolate.totalMiB / 64) * 100) / 100 : null,
    met: mem.plans >= 10_000 && each ? pagesFit && each.isolate.totalMiB < 64 : null,
  });

  const p = reads.paging;
  // "A constant heap per page" is read as the heap the walk keeps alive: in use just after a
  // full collection, at the start of a second walk against its end. The committed heap grows
  // over a long walk as V8 sizes its young generation to the allocation rate (nothing in src/
  // holds memory per request); it is reported beside it, and must stay under the isolate's
  // 128 MB.
  const flat =
    p.heap.liveFirstMiB !== undefined && p.heap.liveLastMiB <= p.heap.liveFirstMiB * 1.25;
  const committedFlat = p.heap.lastTenthMiB <= p.heap.firstTenthMiB * 1.25;
  const underLimit = p.heap.maxMiB < 128_000_000 / 1024 ** 2;
  const complete = p.plansSeen === p.plans && p.duplicates === 0;
  const notModified = p.notModified.status === 304 && p.notModified.statements === 1;
  list.push({
    id: "status-paging",
    goal: "Paging through 100,000 plans costs at most 2 D1 round trips per page and a constant heap per page; the 304 path is unchanged",
    measured: `${count(p.plans)} plans in ${count(p.pages)} pages of ${count(p.limit)}: at most ${p.roundTripsMax} round trip (${p.statementsMax} statements) a page, ${count(p.rowsReadMedian)} rows read per page (median), ${p.pageMsMedian} ms per page; every plan once (${count(p.plansSeen)} seen, ${p.duplicates} twice); heap committed ${p.heap.firstTenthMiB} MiB over the first tenth of the walk, ${p.heap.lastTenthMiB} over the last, ${p.heap.maxMiB} at most (in use after a full collection ${p.heap.liveFirstMiB ?? "?"} MiB at the start of the walk, ${p.heap.liveLastMiB ?? "?"} at its end: ${(p.heap.liveMiB ?? []).join(", ")}); a 304 with ${p.notModified.statements} statement`,
    ratio: p.roundTripsMax / 2,
    ratioHeap: Math.round((p.heap.liveLastMiB / p.heap.liveFirstMiB) * 100) / 100,
    ratioHeapCommitted: Math.round((p.heap.lastTenthMiB / p.heap.firstTenthMiB) * 100) / 100,
    committedFlat,
    met:
      p.plans >= 100_000
        ? p.roundTripsMax <= 2 && flat && underLimit && complete && notModified
        : null,
  });

  const fp = reads.freePlan;
  const pollAndPage = largestFitting(fp, ["poll304", "pollPage", "overview", "areaPage"]);
  const polls = largestFitting(fp, ["poll304", "pollPage"]);
  const whole = largestFitting(fp, ["whole"]);
  const summary = largestFitting(fp, ["summary"]);
  const last = fp.sizes[fp.sizes.length - 1];
  const routeText = (r) =>
    `${r.label} ${r.cpuMs} ms (least ${r.cpuMsLeast}; by the time before each sample ${r.deltaMsLeast}), ${r.statements} queries`;
  list.push({
    id: "free-plan",
    goal: `The largest deployment whose status polls and page renders fit the free plan (${fp.cpuMsLimit} ms of isolate CPU, ${fp.queryLimit} D1 queries): at least 2,000 plans`,
    measured: `polls and pages fit up to ${count(pollAndPage)} plans of those measured (${fp.sizes.map((s) => count(s.plans)).join(", ")}); polls alone (a 304, or a page of ${fp.pollLimit}) up to ${count(polls)}; the whole answer up to ${count(whole)}; fields=summary up to ${count(summary)}. At ${count(last.plans)}: ${Object.values(last.routes).map(routeText).join("; ")}`,
    plans: pollAndPage,
    ratio: pollAndPage === null ? 0 : Math.round((pollAndPage / 2000) * 100) / 100,
    met: fp.sizes.some((s) => s.plans >= 2000) ? (pollAndPage ?? 0) >= 2000 : null,
  });
  return list;
}

/** The section of docs/benchmarks.md for reads at scale. */
export function readsMarkdown(reads) {
  if (!reads) return "";
  const lines = ["### Reads at scale", ""];
  const p = reads.paging;
  lines.push(
    `Paging \`GET /api/status?limit=${p.limit}\` through ${count(p.plans)} plans: ${count(p.pages)} pages in ${count(p.wallMs)} ms, ${p.pageMsMedian} ms a page (median), at most ${p.roundTripsMax} D1 round trip and ${p.statementsMax} statements a page, ${count(p.rowsReadMax)} rows read at most; the isolate's committed heap ${p.heap.firstTenthMiB} MiB over the first tenth of the walk and ${p.heap.lastTenthMiB} MiB over the last (at most ${p.heap.maxMiB}, ${p.heap.usedMaxMiB} in use; in use after a full collection ${p.heap.liveFirstMiB ?? "?"} MiB at the start of a second walk and ${p.heap.liveLastMiB ?? "?"} at its end).`,
    "",
  );
  const m = reads.memory;
  lines.push(
    `Heap of the Worker isolate at ${count(m.plans)} plans (committed / in use, the highest of ${m.repetitions} fresh workerd processes): one page of ${count(m.limit)} ${m.one.totalMiB} / ${m.one.usedMiB} MiB, eight different pages at once ${m.eight.totalMiB} / ${m.eight.usedMiB} MiB, the whole unpaged answer ${m.whole.totalMiB} / ${m.whole.usedMiB} MiB.`,
    "",
  );
  const fp = reads.freePlan;
  const keys = Object.keys(fp.sizes[0]?.routes ?? {});
  lines.push(
    `Isolate CPU (V8's profiler on the Worker isolate, busy samples times the sampling interval: the median of the runs, the least in brackets) and D1 queries per request, against the free plan's ${fp.cpuMsLimit} ms and ${fp.queryLimit} queries (✗: over):`,
    "",
    `| plans | ${keys.map((k) => fp.sizes[0].routes[k].label).join(" | ")} |`,
    `| ---: | ${keys.map(() => "---:").join(" | ")} |`,
  );
  for (const size of fp.sizes) {
    const cells = keys.map((k) => {
      const r = size.routes[k];
      return `${r.cpuMs} ms (${r.cpuMsLeast}), ${r.statements} q${r.fits ? "" : " ✗"}`;
    });
    lines.push(`| ${count(size.plans)} | ${cells.join(" | ")} |`);
  }
  lines.push("");
  return lines.join("\n");
}

#!/usr/bin/env node
// How the statistics offices' formats scale: the SDMX-CSV export of every figure and target,
// and an SDMX-CSV import of the largest file one request takes (10,000 rows), on the benchmark's
// dataset at 100, 1,000 and 10,000 plans. Same host as `npm run bench`: the deploy bundle in
// Miniflare, a fresh local D1, the bench entry counting D1 round trips and rows read, and the
// Worker isolate's heap sampled through the inspector (the Workers limit is 128 MB).
// Writes docs/benchmarks.exchange.md and docs/benchmarks.exchange.json.
//
//   node scripts/bench/exchange.mjs                     100, 1,000 and 10,000 plans
//   node scripts/bench/exchange.mjs --sizes 100 --out /tmp/bench
//
// Numbers are written down, never enforced. It exits 1 only if a request fails.
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import { join, resolve } from "node:path";
import { generate } from "./dataset.mjs";
import { heapSampler } from "./heap.mjs";
import { migrateAndSeed } from "./seed-d1.mjs";
import { buildBundle, migrationStatements, startWorker, versions } from "./worker-host.mjs";

const argv = process.argv.slice(2);
const option = (name) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};
const root = resolve(join(import.meta.dirname, "..", ".."));
const sizes = (option("sizes") ?? "100,1000,10000").split(",").map(Number);
const outDir = option("out") ?? join(root, "docs");
const REPEAT = 3;
const IMPORT_ROWS = 10_000;
const ADMIN = { authorization: "Bearer bench-admin-token" };

const log = (...args) =>
  console.log(`[exchange ${new Date().toISOString().slice(11, 19)}]`, ...args);
const round = (x, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** One request, read whole, with its time to the last byte and the bench entry's counters. */
async function request(base, path, init = {}) {
  const started = performance.now();
  const res = await fetch(new URL(path, base), init);
  const body = new Uint8Array(await res.arrayBuffer());
  const ms = performance.now() - started;
  if (!res.ok) {
    throw new Error(
      `${init.method ?? "GET"} ${path}: ${res.status} ${new TextDecoder().decode(body)}`,
    );
  }
  const header = (key) => Number(res.headers.get(`x-bench-${key}`));
  return {
    ms,
    body,
    bytes: body.length,
    roundTrips: header("d1-round-trips"),
  };
}

/**
 * `REPEAT` runs of one request, each in a fresh workerd on a fresh copy of the seeded database,
 * so no run inherits another's heap or writes: the median time, the highest heap peaks.
 */
async function measure(outdir, seeded, send) {
  const runs = [];
  for (let i = 0; i < REPEAT; i += 1) {
    const persistDir = `${seeded}-run`;
    cpSync(seeded, persistDir, { recursive: true });
    const { mf, url, inspectorUrl } = await startWorker(root, {
      outdir,
      persistDir,
      inspector: true,
      // The Worker's own log, so a failing request says why.
      onOutput: (text) => process.stderr.write(text),
    });
    const heap = await heapSampler(inspectorUrl, "core:user:bench");
    try {
      heap.start();
      const result = await send(url);
      runs.push({ ...result, isolate: await heap.stop() });
    } finally {
      heap.close();
      await mf.dispose();
      rmSync(persistDir, { recursive: true, force: true });
    }
  }
  const { body: _, isolate: __, ...last } = runs[runs.length - 1];
  return {
    ...last,
    ms: round(median(runs.map((r) => r.ms))),
    heapMiB: Math.max(...runs.map((r) => r.isolate.totalMiB)),
    heapUsedMiB: Math.max(...runs.map((r) => r.isolate.usedMiB)),
  };
}

/** The same figures as a file for the CSV import (`POST /api/import`), for comparison. */
function csvImportFile(sdmx) {
  const [header, ...rows] = sdmx.split("\r\n").filter(Boolean);
  const at = (name) => header.split(",").indexOf(name);
  const [indicator, period, value, status, mult, validFrom] = [
    "INDICATOR",
    "TIME_PERIOD",
    "OBS_VALUE",
    "OBS_STATUS",
    "UNIT_MULT",
    "VALID_FROM",
  ].map(at);
  const statusOf = { E: "estimate", P: "preliminary", A: "final" };
  const lines = rows.map((r) => {
    const c = r.split(",");
    const [start, end] = periodSpan(c[period]);
    const v = Number(c[value]) * 10 ** Number(c[mult]);
    return [c[indicator].replaceAll("_", "."), start, end, v, statusOf[c[status]], c[validFrom]];
  });
  const header2 = "indicator_id,period_start,period_end,value,status,reported_at";
  return `${[header2, ...lines.map((l) => l.join(","))].join("\r\n")}\r\n`;
}

/** The dates of the periods the benchmark's figures use: months, quarters, years, year to date. */
function periodSpan(code) {
  const end = (y, m) => new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
  let match = /^(\d{4})-M(\d{2})$/.exec(code);
  if (match) return [`${match[1]}-${match[2]}-01`, end(Number(match[1]), Number(match[2]))];
  match = /^(\d{4})-Q(\d)$/.exec(code);
  if (match) {
    const q = Number(match[2]);
    return [`${match[1]}-${String(q * 3 - 2).padStart(2, "0")}-01`, end(Number(match[1]), q * 3)];
  }
  match = /^(\d{4})-S(\d)$/.exec(code);
  if (match) {
    const h = Number(match[2]);
    return [`${match[1]}-${h === 1 ? "01" : "07"}-01`, end(Number(match[1]), h * 6)];
  }
  if (/^\d{4}$/.test(code)) return [`${code}-01-01`, `${code}-12-31`];
  match = /^(\d{4})-01-01\/P(\d+)M$/.exec(code);
  if (match) return [`${match[1]}-01-01`, end(Number(match[1]), Number(match[2]))];
  throw new Error(`no dates for the period ${code}`);
}

/**
 * An SDMX-CSV message of at most IMPORT_ROWS figures taken from the export, each dated
 * `reportedAt`: new vintages of figures already on file, so every row is written.
 */
function importMessage(exported, reportedAt) {
  const lines = new TextDecoder().decode(exported).split("\r\n").filter(Boolean);
  const [header, ...rows] = lines;
  const columns = header.split(",");
  const validFrom = columns.indexOf("VALID_FROM");
  const validTo = columns.indexOf("VALID_TO");
  // Sources and notes are left out: a quoted field may hold commas, and this splits on them.
  const keep = columns
    .map((c, i) => [c, i])
    .filter(([c]) => !["SOURCE_DETAIL", "COMMENT_OBS"].includes(c));
  const picked = rows
    .filter((r) => !r.includes('"'))
    .slice(0, IMPORT_ROWS)
    .map((r) => {
      const cells = r.split(",");
      cells[validFrom] = reportedAt;
      cells[validTo] = "";
      return keep.map(([, i]) => cells[i]).join(",");
    });
  return {
    text: `${[keep.map(([c]) => c).join(","), ...picked].join("\r\n")}\r\n`,
    rows: picked.length,
  };
}

async function measureSize(plans, outdir) {
  log(`── ${plans} plans`);
  const data = generate(plans);
  const persistDir = mkdtempSync(join(os.tmpdir(), "bench-exchange-d1-"));
  try {
    const seeder = await startWorker(root, { outdir, persistDir });
    let counts;
    try {
      counts = await migrateAndSeed(
        await seeder.mf.getD1Database("DB"),
        migrationStatements(root),
        data,
      );
    } finally {
      await seeder.mf.dispose();
    }
    log(`  seeded ${counts.plans} plans, ${counts.actuals} figures`);
    const result = { plans, figures: counts.actuals };
    const get = (path) => (url) => request(url, path);
    result.figuresLatest = await measure(outdir, persistDir, get("/api/export/sdmx/figures"));
    result.figuresAll = await measure(
      outdir,
      persistDir,
      get("/api/export/sdmx/figures?revisions=all"),
    );
    result.targetsAll = await measure(
      outdir,
      persistDir,
      get("/api/export/sdmx/targets?revisions=all"),
    );
    log(
      `  export: latest ${result.figuresLatest.ms} ms, ${result.figuresLatest.heapMiB} MiB; every vintage ${result.figuresAll.ms} ms, ${result.figuresAll.bytes} bytes, ${result.figuresAll.heapMiB} MiB`,
    );

    // The file to import: figures from the export, each a new vintage dated the day after.
    const { mf, url } = await startWorker(root, { outdir, persistDir });
    let exported;
    try {
      exported = (await request(url, "/api/export/sdmx/figures?revisions=all")).body;
    } finally {
      await mf.dispose();
    }
    const file = importMessage(exported, "2026-10-16");
    result.importRows = file.rows;
    result.importBytes = file.text.length;
    const post = (path, type, body) => (base) =>
      request(base, path, {
        method: "POST",
        headers: { "content-type": type, ...ADMIN },
        body,
      });
    const sdmx = "application/vnd.sdmx.data+csv";
    result.importDryRun = await measure(
      outdir,
      persistDir,
      post("/api/import/sdmx?dry_run=true", sdmx, file.text),
    );
    result.importWrite = await measure(
      outdir,
      persistDir,
      post("/api/import/sdmx", sdmx, file.text),
    );
    const csv = csvImportFile(file.text);
    result.csvDryRun = await measure(
      outdir,
      persistDir,
      post("/api/import?dry_run=true", "text/csv", csv),
    );
    result.csvWrite = await measure(outdir, persistDir, post("/api/import", "text/csv", csv));
    log(
      `  import of ${file.rows} rows: dry run ${result.importDryRun.ms} ms, ${result.importDryRun.heapMiB} MiB; written ${result.importWrite.ms} ms, ${result.importWrite.heapMiB} MiB; CSV dry run ${result.csvDryRun.ms} ms, ${result.csvDryRun.heapMiB} MiB`,
    );
    return result;
  } finally {
    rmSync(persistDir, { recursive: true, force: true });
  }
}

const count = (n) => n.toLocaleString("en-US");
const kib = (bytes) => `${count(Math.round(bytes / 1024))} KiB`;

function markdown(results) {
  const row = (label, pick) => `| ${label} | ${results.sizes.map((s) => pick(s)).join(" | ")} |`;
  const cell = (m) =>
    `${m.ms} ms, ${m.heapUsedMiB}–${m.heapMiB} MiB, ${m.roundTrips} round trip${m.roundTrips === 1 ? "" : "s"}`;
  return [
    "# Benchmarks: SDMX-CSV export and import",
    "",
    "`node scripts/bench/exchange.mjs`, on the dataset of `npm run bench` (see",
    "docs/benchmarks.md for how it is hosted and generated). One run on one shared machine:",
    "compare within the run, not across machines. Every request runs in a fresh workerd on a",
    "fresh copy of the seeded database. Each cell gives:",
    "",
    `- the median time of ${REPEAT} requests, read to the last byte;`,
    "- the highest peak of the Worker isolate's V8 heap among them, in use – committed (sampled,",
    "  so a lower bound; the Workers limit is 128 MB, and V8 collects sooner as it nears it);",
    "- D1 round trips before the answer starts: an export then reads one more page of at most",
    "  1,000 rows per round trip while it streams, which the bench entry cannot count.",
    "",
    "The import is of figures taken from the export, each a new vintage, so every row is",
    "written. The CSV import of the same figures (`POST /api/import`) is measured beside it.",
    "",
    `Run ${results.at} at ${results.git}, Node ${results.versions.node}, workerd ${results.versions.workerd}, ${results.machine}.`,
    "",
    `| | ${results.sizes.map((s) => `${count(s.plans)} plans (${count(s.figures)} figures)`).join(" | ")} |`,
    `| --- | ${results.sizes.map(() => "---").join(" | ")} |`,
    row(
      "`GET /api/export/sdmx/figures` (latest vintages)",
      (s) => `${cell(s.figuresLatest)}, ${kib(s.figuresLatest.bytes)}`,
    ),
    row(
      "`GET /api/export/sdmx/figures?revisions=all`",
      (s) => `${cell(s.figuresAll)}, ${kib(s.figuresAll.bytes)}`,
    ),
    row(
      "`GET /api/export/sdmx/targets?revisions=all`",
      (s) => `${cell(s.targetsAll)}, ${kib(s.targetsAll.bytes)}`,
    ),
    row(
      "`POST /api/import/sdmx?dry_run=true`",
      (s) => `${count(s.importRows)} rows (${kib(s.importBytes)}): ${cell(s.importDryRun)}`,
    ),
    row(
      "`POST /api/import/sdmx`, every row a new vintage",
      (s) => `${count(s.importRows)} rows: ${cell(s.importWrite)}`,
    ),
    row(
      "`POST /api/import?dry_run=true`, the same rows as CSV",
      (s) => `${count(s.importRows)} rows: ${cell(s.csvDryRun)}`,
    ),
    row(
      "`POST /api/import`, the same rows as CSV",
      (s) => `${count(s.importRows)} rows: ${cell(s.csvWrite)}`,
    ),
    "",
  ].join("\n");
}

const outdir = mkdtempSync(join(os.tmpdir(), "bench-exchange-bundle-"));
try {
  buildBundle(root, outdir);
  const results = {
    at: new Date().toISOString().slice(0, 10),
    git: spawnSync("git", ["rev-parse", "--short", "HEAD"], {
      cwd: root,
      encoding: "utf8",
    }).stdout.trim(),
    machine: `${os.availableParallelism()} CPUs, ${round(os.totalmem() / 1024 ** 3)} GiB`,
    versions: { node: process.versions.node, ...versions() },
    sizes: [],
  };
  for (const plans of sizes) results.sizes.push(await measureSize(plans, outdir));
  mkdirSync(outDir, { recursive: true });
  const strip = ({ body: _, isolate: __, ...rest }) => rest;
  const json = {
    ...results,
    sizes: results.sizes.map((s) =>
      Object.fromEntries(
        Object.entries(s).map(([k, v]) => [k, typeof v === "object" ? strip(v) : v]),
      ),
    ),
  };
  writeFileSync(join(outDir, "benchmarks.exchange.json"), `${JSON.stringify(json, null, 2)}\n`);
  writeFileSync(join(outDir, "benchmarks.exchange.md"), markdown(results));
  log(`wrote ${join(outDir, "benchmarks.exchange.md")}`);
} finally {
  rmSync(outdir, { recursive: true, force: true });
}

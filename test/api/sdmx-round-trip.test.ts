// The demo data leaves as SDMX-CSV and comes back into an empty database with the same
// figures, vintages, statuses and targets; an independent CSV parser (csv-parse) reads every
// row the export writes. D1 storage is shared by the tests of this file, which run in order.
import { env } from "cloudflare:workers";
import { parse } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";
import { FIGURE_COLUMNS, TARGET_COLUMNS } from "../../src/formats/sdmx-structure";
import { demo, loadDemoData } from "../demo-data";
import { ADMIN, call, DATA_TABLES, dump, send } from "../factories";

type Row = Record<string, string>;
type Stored = Record<string, unknown>;

interface Backup {
  indicators: Stored[];
  plans: { plan: Stored; revisions: Stored[] }[];
  actuals: Stored[];
}

const STATUS_URL = "/api/status?as_of=2024-10-15";

async function text(path: string): Promise<string> {
  const res = await call(path);
  expect(res.status, path).toBe(200);
  // Decoded by hand: workerd warns when .text() meets a media type it does not know as text.
  return new TextDecoder().decode(await res.arrayBuffer());
}

async function backup(): Promise<Backup> {
  return JSON.parse(await text("/api/export")) as Backup;
}

const TIMESTAMP = /"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z"/g;

/**
 * The status answer without its data version, which every write moves, and without the times
 * rows were written and the figures' numeric ids, which a new database gives anew.
 */
async function statusBody(): Promise<Stored> {
  const body = (await text(STATUS_URL))
    .replace(TIMESTAMP, '"<time>"')
    .replace(/"id":\d+/g, '"id":"<id>"');
  const { data_version: _, ...rest } = JSON.parse(body) as Stored;
  return rest;
}

/** Figures as stored, minus what a new database gives them anew, in one order. */
function figures(doc: Backup) {
  return doc.actuals
    .map(({ id: _, created_at: __, ...a }) => a)
    .sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
}

/** Targets as stored, with their number of revisions, minus their timestamps. */
function targets(doc: Backup) {
  return doc.plans.map(({ plan: { created_at: _, updated_at: __, ...plan }, revisions }) => ({
    ...plan,
    revisions: revisions.length,
  }));
}

function postSdmx(body: string, query = "") {
  return call(`/api/import/sdmx${query}`, {
    method: "POST",
    headers: { "content-type": "application/vnd.sdmx.data+csv; version=2.0.0", ...ADMIN },
    body,
  });
}

async function imported(body: string, query = "") {
  const res = await postSdmx(body, query);
  if (res.status !== 200) throw new Error(`import: ${res.status} ${await res.text()}`);
  return (await res.json()) as {
    dry_run: boolean;
    summary: Record<string, number>;
    rows: { row: number; dataflow: string; outcome: string }[];
  };
}

async function wipe() {
  await env.DB.batch(
    ["actuals", "plan_revisions", "plans", "indicators"].map((t) =>
      env.DB.prepare(`delete from ${t}`),
    ),
  );
}

let before: Backup;
let statusBefore: Stored;
let figuresCsv: string;
let targetsCsv: string;

beforeAll(async () => {
  await loadDemoData();
  before = await backup();
  statusBefore = await statusBody();
  figuresCsv = await text("/api/export/sdmx/figures?revisions=all");
  targetsCsv = await text("/api/export/sdmx/targets");
});

describe("the demo data's SDMX-CSV export, read by csv-parse", () => {
  it("has one row per vintage, every one with the FIGURES columns and codes", () => {
    const rows = parse(figuresCsv, { columns: true }) as Row[];
    expect(rows).toHaveLength(demo.actuals.length);
    for (const row of rows) {
      expect(Object.keys(row)).toEqual([...FIGURE_COLUMNS]);
      expect(row).toMatchObject({
        STRUCTURE: "dataflow",
        STRUCTURE_ID: "TARGET_MONITOR:FIGURES(1.0.0)",
        ACTION: "I",
        UNIT_MULT: "0",
      });
      // REF_AREA repeats the area the indicator belongs to.
      expect(row.INDICATOR?.startsWith(`${row.REF_AREA?.replaceAll(".", "_")}_`)).toBe(true);
    }
    const code = { estimate: "E", preliminary: "P", final: "A" } as const;
    const expected = demo.actuals.map(
      (a) =>
        `${a.indicator_id.replaceAll(".", "_")} ${a.reported_at} ${code[a.status as keyof typeof code]}`,
    );
    expect(rows.map((r) => `${r.INDICATOR} ${r.VALID_FROM} ${r.OBS_STATUS}`).sort()).toEqual(
      expected.sort(),
    );
  });

  it("writes SDMX periods and the vintages' validity", () => {
    const rows = parse(figuresCsv, { columns: true }) as Row[];
    const turnover = rows.filter((r) => r.INDICATOR === "nghe-an_export-turnover");
    expect(
      turnover.map((r) => [r.TIME_PERIOD, r.OBS_VALUE, r.OBS_STATUS, r.VALID_FROM, r.VALID_TO]),
    ).toEqual([
      ["2021", "2428000000", "A", "2021-12-31", ""],
      ["2022", "2539000000", "A", "2022-12-31", ""],
      ["2023", "3110000000", "E", "2023-12-31", "2024-09-30"],
      ["2023", "3110000000", "P", "2024-09-30", ""],
    ]);
    const exports = rows.filter((r) => r.INDICATOR === "nghe-an_goods-exports");
    expect(exports.map((r) => r.TIME_PERIOD)).toEqual([
      "2023-01-01/P7M",
      "2023-01-01/P9M",
      "2023",
      "2024-01-01/P7M",
      "2024-01-01/P9M",
    ]);
    expect(exports[4]).toMatchObject({
      OBS_VALUE: "2326000000",
      UNIT_MEASURE: "USD",
      REPORTED_ATTAINMENT: "0.8458",
      REPORTED_YOY: "0.3201",
    });
  });

  it("has one row per plan with the TARGETS columns", () => {
    const rows = parse(targetsCsv, { columns: true }) as Row[];
    expect(rows).toHaveLength(demo.plans.length);
    for (const row of rows) {
      expect(Object.keys(row)).toEqual([...TARGET_COLUMNS]);
      expect(row.STRUCTURE_ID).toBe("TARGET_MONITOR:TARGETS(1.0.0)");
    }
    expect(rows.map((r) => r.PLAN_ID).sort()).toEqual(demo.plans.map((p) => p.id).sort());
    const term = rows.find((r) => r.PLAN_ID === "nghe-an.export-turnover.2021-2025");
    expect(term).toMatchObject({
      TIME_PERIOD: "2021-01-01/P5Y",
      OBS_VALUE: "1765000000",
      BASELINE_VALUE: "2428000000",
      BASELINE_DATE: "2021-12-31",
      COMPARATOR: "at_least",
      PHASING: "linear",
    });
  });
});

describe("re-importing the export", () => {
  it("changes nothing in the database it came from: every row is already there", async () => {
    const rows = await dump(env.DB, DATA_TABLES);
    const semicolon = await text(
      "/api/export/sdmx/figures?revisions=all&separator=semicolon&unit_mult=6",
    );
    for (const file of [figuresCsv, semicolon, targetsCsv]) {
      const result = await imported(file);
      expect(result.summary.unchanged).toBe(result.summary.rows);
    }
    expect(await dump(env.DB, DATA_TABLES)).toBe(rows);
  });

  it("fills an empty database with the same figures, vintages, statuses and targets", async () => {
    await wipe();
    expect(await backup()).toMatchObject({ indicators: [], plans: [], actuals: [] });
    // SDMX carries figures and targets, not the indicators' definitions: those come first.
    for (const { id, ...indicator } of demo.indicators) {
      expect((await send("PUT", `/api/indicators/${id}`, indicator)).status).toBe(201);
    }
    const empty = await dump(env.DB, DATA_TABLES);
    const dry = await imported(targetsCsv, "?dry_run=true");
    expect(dry.summary).toMatchObject({ rows: demo.plans.length, created: demo.plans.length });
    expect(await dump(env.DB, DATA_TABLES)).toBe(empty);

    const targetsRun = await imported(targetsCsv);
    expect(targetsRun.summary).toMatchObject({
      rows: demo.plans.length,
      created: demo.plans.length,
    });
    const figuresRun = await imported(figuresCsv);
    expect(figuresRun.summary).toMatchObject({ rows: demo.actuals.length });
    expect(figuresRun.rows.map((r) => r.outcome).sort()).toEqual(
      [...Array(demo.actuals.length - 1).fill("created"), "revised"].sort(),
    );

    const after = await backup();
    expect(figures(after)).toEqual(figures(before));
    expect(targets(after)).toEqual(targets(before));
    expect(await statusBody()).toEqual(statusBefore);
  });
});

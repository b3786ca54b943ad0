// GET /api/export and POST /api/import of its document: a round trip is exact. D1 storage is
// per test file, so a test that needs an empty database empties it itself (wipe) and never
// relies on what another test left behind.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createDb } from "../../src/db/client";
import { restoreDataset } from "../../src/db/queries/backup";
import { currentVersion, datasetOf } from "../../src/presenters/backup";
import { BackupDocumentSchema } from "../../src/schemas/backup";
import {
  ADMIN,
  actualBody,
  call,
  createIndicator,
  createPlan,
  DATA_TABLES,
  dump,
  postActuals,
  send,
} from "../factories";

interface Backup {
  format: string;
  format_version: number;
  exported_at: string;
  data_version: number;
  indicators: { id: string }[];
  plans: {
    plan: { id: string; indicator_id: string; revision: number };
    revisions: { revision: number }[];
  }[];
  actuals: { id: number; value: number }[];
}

async function wipe() {
  await env.DB.batch(
    ["actuals", "plan_revisions", "plans", "indicators", "api_tokens", "areas", "meta"].map((t) =>
      env.DB.prepare(`delete from ${t}`),
    ),
  );
}

async function exported(): Promise<{ text: string; doc: Backup }> {
  const res = await call("/api/export");
  expect(res.status).toBe(200);
  const text = await res.text();
  return { text, doc: JSON.parse(text) as Backup };
}

function restore(doc: unknown, query = "") {
  return call(`/api/import${query}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...ADMIN },
    body: typeof doc === "string" ? doc : JSON.stringify(doc),
  });
}

/** A dataset with every kind of history: revised targets, seasonal phasing, baselines, vintages. */
async function seed() {
  const exports = await createIndicator({ tags: ["trade", "exports"] });
  const iip = await createIndicator({ measure: "rate", unit: "%", name_vi: "Chỉ số IIP" });
  const term = await createIndicator({ measure: "level", cadence: "annual", tags: [] });
  const plan = await createPlan(exports, { source: "Nghị quyết 01", note: "dòng 1\ndòng 2" });
  await send("PUT", `/api/plans/${plan.id}`, {
    indicator_id: exports,
    period_start: "2024-01-01",
    period_end: "2024-12-31",
    target: 3,
    scale: "tỷ",
    thresholds: { ahead: 1.2, on_track: 0.9 },
    phasing: { monthly_weights: [6, 7, 8, 8, 8, 8, 9, 9, 9, 9, 9, 10] },
  });
  await createPlan(iip, { target: 10.5, scale: undefined, comparator: "at_least" });
  await createPlan(term, {
    period_start: "2021-01-01",
    period_end: "2025-12-31",
    target: 1.765,
    scale: "billion",
    baseline: { value: 0.9, date: "2020-12-31" },
  });
  await postActuals([
    actualBody(exports, { value: 2326, reported_at: "2024-10-05", reported_attainment: 0.8458 }),
    actualBody(exports, { value: 2340, status: "preliminary", reported_at: "2024-11-02" }),
    actualBody(exports, { period_end: "2024-06-30", value: 0.1, scale: undefined, note: '"q"' }),
    actualBody(iip, { value: 8.2, scale: undefined, reported_yoy: 0.082 }),
    actualBody(term, {
      period_start: "2023-01-01",
      period_end: "2023-12-31",
      value: 3.11,
      scale: "billion",
      status: "final",
      reported_at: "2024-02-01",
    }),
  ]);
}

describe("GET /api/export", () => {
  it("is a public read of every revision and every vintage", async () => {
    await seed();
    const res = await call("/api/export");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toMatch(
      /^attachment; filename="target-monitor-/,
    );
    const doc = (await res.json()) as Backup;
    expect(doc).toMatchObject({ format: "target-monitor.backup", format_version: 2 });
    const revised = doc.plans.find((p) => p.plan.revision === 2);
    expect(revised?.revisions.map((r) => r.revision)).toEqual([1, 2]);
    expect(doc.actuals.map((a) => a.id)).toEqual(
      [...doc.actuals.map((a) => a.id)].sort((a, b) => a - b),
    );
  });
});

describe("restoring a backup", () => {
  it("round-trips exactly: the same document, the same rows, the same status", async () => {
    await wipe();
    await seed();
    const statusUrl = "/api/status?as_of=2024-10-15";
    const first = await exported();
    const status = await call(statusUrl);
    const statusBefore = { etag: status.headers.get("etag"), body: await status.text() };
    // The data tables only: the audit log rightly records the restore.
    const rowsBefore = await dump(env.DB, DATA_TABLES);

    await wipe();
    const res = await restore(first.text);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      dry_run: false,
      restored: { areas: 1, indicators: 3, plans: 3, revisions: 4, actuals: 5 },
    });

    const second = await exported();
    const withoutTime = (text: string) => text.replace(/"exported_at":"[^"]*"/, "");
    expect(withoutTime(second.text)).toBe(withoutTime(first.text));
    const after = await call(statusUrl);
    expect({ etag: after.headers.get("etag"), body: await after.text() }).toEqual(statusBefore);
    expect(await dump(env.DB, DATA_TABLES)).toBe(rowsBefore);
  });

  it("refuses a database that holds data, and writes nothing", async () => {
    await wipe();
    await seed();
    const { doc } = await exported();
    await wipe();
    await createIndicator();
    const before = await dump(env.DB);
    const res = await restore(doc);
    expect(res.status).toBe(409);
    expect(((await res.json()) as { code: string }).code).toBe("conflict");
    expect(await dump(env.DB)).toBe(before);
  });

  it("refuses inside the write batch too, if data arrived after the check", async () => {
    await wipe();
    await seed();
    const db = createDb(env.DB);
    const data = datasetOf(currentVersion(BackupDocumentSchema.parse((await exported()).doc)));
    await wipe();
    await createIndicator();
    const before = await dump(env.DB);
    await expect(restoreDataset(db, data, 7)).rejects.toThrow(/NOT NULL/);
    expect(await dump(env.DB)).toBe(before);
  });

  it("answers a dry run without writing", async () => {
    await wipe();
    await seed();
    const { doc } = await exported();
    await wipe();
    const before = await dump(env.DB);
    const res = await restore(doc, "?dry_run=true");
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ dry_run: true, restored: { actuals: 5 } });
    expect(await dump(env.DB)).toBe(before);
  });

  it("moves the data version past the current one, never back", async () => {
    await wipe();
    await seed();
    const { doc } = await exported();
    await wipe();
    await env.DB.prepare("insert into meta (key, value) values ('data_version', ?)")
      .bind(doc.data_version + 40)
      .run();
    expect((await restore(doc)).status).toBe(200);
    const status = (await (await call("/api/status")).json()) as { data_version: number };
    expect(status.data_version).toBe(doc.data_version + 41);
  });

  it("round-trips 10,000 figures", async () => {
    await wipe();
    const ind = await createIndicator();
    for (let batch = 0; batch < 10; batch += 1) {
      const items = Array.from({ length: 1000 }, (_, i) =>
        actualBody(ind, {
          value: batch * 1000 + i + 0.1,
          scale: undefined,
          period_end: `${2000 + batch}-12-31`,
          period_start: `${2000 + batch}-01-01`,
          reported_at: `${2001 + batch}-${String((i % 12) + 1).padStart(2, "0")}-${String((i % 28) + 1).padStart(2, "0")}`,
        }),
      );
      expect((await postActuals(items)).status).toBe(201);
    }
    const first = await exported();
    // The data tables only: the audit log rightly records the restore.
    const rowsBefore = await dump(env.DB, DATA_TABLES);
    await wipe();
    const t0 = performance.now();
    const res = await restore(first.text);
    console.log(
      `restore of ${first.doc.actuals.length} figures (${(first.text.length / 1e6).toFixed(2)} MB): ${(performance.now() - t0).toFixed(0)} ms`,
    );
    expect(res.status).toBe(200);
    expect(await dump(env.DB, DATA_TABLES)).toBe(rowsBefore);
  }, 60_000);
});

describe("a version 1 backup, from before areas", () => {
  /** The current document as version 1 wrote it: no areas, each indicator naming its scope. */
  function asVersion1(doc: Backup & { areas?: unknown[] }) {
    const { areas: _areas, ...rest } = doc;
    return { ...rest, format_version: 1 };
  }

  it("restores, its areas named as the first indicator of each scope named them", async () => {
    await wipe();
    await seed();
    const { doc } = await exported();
    const v1 = asVersion1(doc as Backup & { areas?: unknown[] }) as unknown as {
      indicators: { id: string; scope: string; scope_name: string; created_at: string }[];
    };
    // A later indicator that relabelled its scope: the restore gives it the area's name.
    const byAge = [...v1.indicators].sort((a, b) => a.created_at.localeCompare(b.created_at));
    const first = byAge[0];
    const last = byAge[byAge.length - 1];
    if (!first || !last || first === last) throw new Error("seed has indicators");
    last.scope_name = "Ha Noi";
    await wipe();
    const res = await restore(v1);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { restored: { areas: number } }).restored.areas).toBe(1);
    const after = await exported();
    expect(after.doc.format_version).toBe(2);
    const names = (after.doc as unknown as { indicators: { scope_name: string }[] }).indicators.map(
      (i) => i.scope_name,
    );
    expect(new Set(names)).toEqual(new Set([first.scope_name]));
  });
});

describe("a bad backup is refused by path, and nothing is written", () => {
  async function valid(): Promise<Backup & Record<string, unknown>> {
    await wipe();
    await seed();
    const { doc } = await exported();
    await wipe();
    return doc as Backup & Record<string, unknown>;
  }

  it.each([
    {
      name: "a newer format version",
      edit: (d: Backup) => ({ ...d, format_version: 3 }),
      path: "/format_version",
    },
    {
      name: "a field this version does not know",
      edit: (d: Backup) => ({
        ...d,
        indicators: [{ ...d.indicators[0], colour: "red" }, ...d.indicators.slice(1)],
      }),
      path: "/indicators/0",
    },
    {
      name: "a plan of an indicator not in the backup",
      edit: (d: Backup) => ({
        ...d,
        indicators: d.indicators.filter((i) => i.id !== d.plans[0]?.plan.indicator_id),
      }),
      path: "/plans/0/plan/indicator_id",
    },
    {
      name: "two figures with one id",
      edit: (d: Backup) => ({
        ...d,
        actuals: d.actuals.map((a, i) => (i === 1 ? { ...a, id: d.actuals[0]?.id } : a)),
      }),
      path: "/actuals/1/id",
    },
    {
      name: "a value that is not a number",
      edit: (d: Backup) => ({
        ...d,
        actuals: d.actuals.map((a, i) => (i === 2 ? { ...a, value: "2326" } : a)),
      }),
      path: "/actuals/2/value",
    },
  ])("$name → 422 at $path", async ({ edit, path }) => {
    const doc = edit(await valid());
    const before = await dump(env.DB);
    const res = await restore(doc);
    expect(res.status).toBe(422);
    const problem = (await res.json()) as { code: string; errors: { path: string }[] };
    expect(problem.code).toBe("validation_failed");
    expect(problem.errors.map((e) => e.path)).toContain(path);
    expect(await dump(env.DB)).toBe(before);
  });

  it("refuses malformed JSON and a missing token", async () => {
    await wipe();
    const before = await dump(env.DB);
    const bad = await restore('{"format":');
    expect(bad.status).toBe(400);
    const anonymous = await call("/api/import", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    });
    expect(anonymous.status).toBe(401);
    expect(await dump(env.DB)).toBe(before);
  });
});

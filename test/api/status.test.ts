import { describe, expect, it } from "vitest";
import { actualBody, call, createIndicator, createPlan, postActuals, uid } from "../factories";

interface Evaluation {
  status: string;
  attainment: number | null;
  pace: number | null;
  projection: number | null;
  freshness: { stale: boolean };
  warnings: { code: string }[];
  actual: { value: number } | null;
}
interface Status {
  as_of: string;
  summary: Record<string, number>;
  plans: { plan: { id: string }; indicator: { id: string }; evaluation: Evaluation }[];
}

async function status(query: string) {
  const res = await call(`/api/status?${query}`);
  expect(res.status).toBe(200);
  return { res, body: (await res.json()) as Status };
}

describe("GET /api/status", () => {
  it("evaluates the Nghe An seed figures", async () => {
    const scope = uid("scope");
    const exports = await createIndicator({ scope });
    const imports = await createIndicator({ scope, name: "Goods imports" });
    const pe = await createPlan(exports, { target: 2750, scale: "million" });
    const pi = await createPlan(imports, { target: 1500, scale: "million" });
    await postActuals([
      actualBody(exports, { value: 2326, reported_attainment: 0.8458 }),
      actualBody(imports, { value: 1690, reported_attainment: 1.1267 }),
    ]);
    const { body } = await status(`scope=${scope}&as_of=2024-10-15`);
    const byId = new Map(body.plans.map((p) => [p.plan.id, p.evaluation]));
    const e = byId.get(pe.id);
    expect(e?.attainment?.toFixed(4)).toBe("0.8458");
    expect(e?.pace?.toFixed(2)).toBe("1.13");
    expect(((e?.projection ?? 0) / 1e9).toFixed(1)).toBe("3.1");
    expect(e?.status).toBe("ahead");
    expect(e?.warnings).toEqual([]);
    const i = byId.get(pi.id);
    expect(i?.attainment?.toFixed(4)).toBe("1.1267");
    expect(i?.status).toBe("achieved");
    expect(body.summary).toMatchObject({ total: 2, ahead: 1, achieved: 1, no_data: 0 });
  });

  it("shows a new actual at once, without waiting for the cron", async () => {
    const scope = uid("scope");
    const ind = await createIndicator({ scope });
    const plan = await createPlan(ind);
    const before = await status(`scope=${scope}&as_of=2024-10-15`);
    expect(before.body.plans[0]?.evaluation.status).toBe("no_data");
    await postActuals(actualBody(ind, { value: 1700 }));
    const after = await status(`scope=${scope}&as_of=2024-10-15`);
    expect(after.body.plans[0]?.plan.id).toBe(plan.id);
    expect(after.body.plans[0]?.evaluation.status).toBe("off_track");
  });

  it("answers 304 to an unchanged If-None-Match, and 200 again after a write", async () => {
    const scope = uid("scope");
    const ind = await createIndicator({ scope });
    await createPlan(ind);
    const { res } = await status(`scope=${scope}&as_of=2024-10-15`);
    const etag = res.headers.get("etag");
    expect(etag).toBeTruthy();
    expect(res.headers.get("cache-control")).toContain("no-cache");

    const again = await call(`/api/status?scope=${scope}&as_of=2024-10-15`, {
      headers: { "if-none-match": etag ?? "" },
    });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");

    await postActuals(actualBody(ind));
    const changed = await call(`/api/status?scope=${scope}&as_of=2024-10-15`, {
      headers: { "if-none-match": etag ?? "" },
    });
    expect(changed.status).toBe(200);
    expect(changed.headers.get("etag")).not.toBe(etag);
  });

  it("filters by scope, tag and status while the summary counts the whole selection", async () => {
    const scope = uid("scope");
    const tagged = await createIndicator({ scope, tags: ["electronics"] });
    const other = await createIndicator({ scope, tags: ["textiles"] });
    await createPlan(tagged);
    await createPlan(other);
    await postActuals(actualBody(tagged, { value: 2326 }));
    const byTag = await status(`scope=${scope}&tag=electronics&as_of=2024-10-15`);
    expect(byTag.body.plans.map((p) => p.indicator.id)).toEqual([tagged]);
    const byStatus = await status(`scope=${scope}&status=no_data&as_of=2024-10-15`);
    expect(byStatus.body.plans.map((p) => p.indicator.id)).toEqual([other]);
    expect(byStatus.body.summary).toMatchObject({ total: 2, ahead: 1, no_data: 1 });
  });

  it("evaluates as of a past date from the figures reported by then", async () => {
    const scope = uid("scope");
    const ind = await createIndicator({ scope });
    await createPlan(ind);
    await postActuals([
      actualBody(ind, { period_end: "2024-07-31", value: 1677, reported_at: "2024-08-05" }),
      actualBody(ind, { value: 2326, reported_at: "2024-10-05" }),
    ]);
    const august = await status(`scope=${scope}&as_of=2024-08-20`);
    expect(august.body.plans[0]?.evaluation.actual?.value).toBe(1_677_000_000);
    const october = await status(`scope=${scope}&as_of=2024-10-20`);
    expect(october.body.plans[0]?.evaluation.actual?.value).toBe(2_326_000_000);
  });

  it("flags a bulletin whose printed ratio disagrees with its figures", async () => {
    const scope = uid("scope");
    const ind = await createIndicator({ scope });
    await createPlan(ind);
    await postActuals(actualBody(ind, { value: 2326, reported_attainment: 0.8548 }));
    const { body } = await status(`scope=${scope}&as_of=2024-10-15`);
    expect(body.plans[0]?.evaluation.warnings.map((w) => w.code)).toEqual([
      "reported_attainment_mismatch",
    ]);
  });

  it("marks a plan stale when the next figure is overdue", async () => {
    const scope = uid("scope");
    const ind = await createIndicator({ scope });
    await createPlan(ind);
    await postActuals(actualBody(ind));
    const fresh = await status(`scope=${scope}&as_of=2024-11-20`);
    expect(fresh.body.plans[0]?.evaluation.freshness.stale).toBe(false);
    // October's figure was due 30 days after October, with 15 days' grace.
    const late = await status(`scope=${scope}&as_of=2024-12-16`);
    expect(late.body.plans[0]?.evaluation.freshness.stale).toBe(true);
    expect(late.body.summary.stale).toBe(1);
  });

  it("rejects an impossible as_of date", async () => {
    const res = await call("/api/status?as_of=2026-02-30");
    expect(res.status).toBe(400);
    expect(((await res.json()) as { code: string }).code).toBe("invalid_query");
  });
});

describe("GET /api/plans/:id/evaluation", () => {
  it("returns every figure and the actual it used", async () => {
    const ind = await createIndicator();
    const plan = await createPlan(ind);
    await postActuals(actualBody(ind, { source: "Nghe An DoIT, 9-month report" }));
    const res = await call(`/api/plans/${plan.id}/evaluation?as_of=2024-10-15`);
    const e = (await res.json()) as Evaluation & {
      expected_fraction: number;
      months_remaining: number;
      required_monthly_rate: number;
      actual: { source: string };
    };
    expect(e.expected_fraction.toFixed(4)).toBe((274 / 366).toFixed(4));
    expect(e.months_remaining).toBe(3);
    expect((e.required_monthly_rate / 1e6).toFixed(2)).toBe("141.33");
    expect(e.actual.source).toBe("Nghe An DoIT, 9-month report");
  });
});

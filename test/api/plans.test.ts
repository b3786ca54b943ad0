import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { call, createIndicator, createPlan, dump, send, uid } from "../factories";

interface Plan {
  id: string;
  revision: number;
  target: number;
  phasing: unknown;
  baseline: { value: number; date: string } | null;
  thresholds: Record<string, number> | null;
}
interface PlanDetail {
  plan: Plan;
  revisions: { revision: number; plan: Plan }[];
}

const base = (indicatorId: string) => ({
  indicator_id: indicatorId,
  period_start: "2024-01-01",
  period_end: "2024-12-31",
  target: 2.75,
  scale: "billion",
});

describe("POST /api/plans", () => {
  it("stores the target in base units and derives the id from indicator and period", async () => {
    const ind = await createIndicator();
    const res = await send("POST", "/api/plans", base(ind));
    expect(res.status).toBe(201);
    const plan = (await res.json()) as Plan;
    expect(plan.id).toBe(`${ind}.2024`);
    expect(plan.target).toBe(2_750_000_000);
    expect(plan.revision).toBe(1);
    expect(plan.phasing).toBe("linear");
    expect(res.headers.get("location")).toBe(`/api/plans/${ind}.2024`);
  });

  it("names quarters and multi-year terms in derived ids", async () => {
    const ind = await createIndicator();
    const q3 = await send("POST", "/api/plans", {
      ...base(ind),
      period_start: "2024-07-01",
      period_end: "2024-09-30",
    });
    expect(((await q3.json()) as Plan).id).toBe(`${ind}.2024-q3`);
    const term = await send("POST", "/api/plans", {
      ...base(ind),
      period_start: "2021-01-01",
      period_end: "2025-12-31",
    });
    expect(((await term.json()) as Plan).id).toBe(`${ind}.2021-2025`);
  });

  it("answers 409 for an id already taken and writes nothing", async () => {
    const ind = await createIndicator();
    const plan = await createPlan(ind);
    const before = await dump(env.DB);
    const res = await send("POST", "/api/plans", { ...base(ind), id: plan.id, target: 3 });
    expect(res.status).toBe(409);
    expect(await dump(env.DB)).toBe(before);
  });

  it("accepts seasonal weights, thresholds and a baseline", async () => {
    const ind = await createIndicator({ measure: "level", cadence: "annual" });
    const weights = [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2];
    const res = await send("POST", "/api/plans", {
      ...base(ind),
      period_start: "2021-01-01",
      period_end: "2025-12-31",
      target: 1765,
      scale: "million",
      phasing: { monthly_weights: weights },
      thresholds: { at_risk: 0.8 },
      baseline: { value: 2428, date: "2021-12-31" },
    });
    expect(res.status).toBe(201);
    const plan = (await res.json()) as Plan;
    expect(plan.phasing).toEqual({ monthly_weights: weights });
    expect(plan.thresholds).toEqual({ at_risk: 0.8 });
    // The scale applies to the baseline as it does to the target.
    expect(plan.baseline).toEqual({ value: 2_428_000_000, date: "2021-12-31" });
  });

  it("allows a zero growth-rate target but not a zero flow target", async () => {
    const rate = await createIndicator({ measure: "rate", unit: "%" });
    const ok = await send("POST", "/api/plans", { ...base(rate), target: 0, scale: undefined });
    expect(ok.status).toBe(201);
    const flow = await createIndicator();
    const bad = await send("POST", "/api/plans", { ...base(flow), target: 0 });
    expect(bad.status).toBe(422);
    const problem = (await bad.json()) as { code: string; errors: { path: string }[] };
    expect(problem.code).toBe("validation_failed");
    expect(problem.errors[0]?.path).toBe("/target");
  });
});

describe("PUT /api/plans/:id", () => {
  it("keeps every revision of a changed target", async () => {
    const ind = await createIndicator();
    const plan = await createPlan(ind);
    const res = await send("PUT", `/api/plans/${plan.id}`, { ...base(ind), target: 3 });
    expect(res.status).toBe(200);
    expect(((await res.json()) as Plan).revision).toBe(2);

    const detail = (await (await call(`/api/plans/${plan.id}`)).json()) as PlanDetail;
    expect(detail.plan.target).toBe(3_000_000_000);
    expect(detail.revisions.map((r) => [r.revision, r.plan.target])).toEqual([
      [1, 2_750_000_000],
      [2, 3_000_000_000],
    ]);
  });

  it("records no new revision when the same target is sent again", async () => {
    const ind = await createIndicator();
    const plan = await createPlan(ind);
    const before = await dump(env.DB);
    const res = await send("PUT", `/api/plans/${plan.id}`, base(ind));
    expect(res.status).toBe(200);
    expect(((await res.json()) as Plan).revision).toBe(1);
    expect(await dump(env.DB)).toBe(before);
  });

  it("creates the plan when the id is new", async () => {
    const ind = await createIndicator();
    const id = uid("plan");
    const res = await send("PUT", `/api/plans/${id}`, base(ind));
    expect(res.status).toBe(201);
    expect(((await (await call(`/api/plans/${id}`)).json()) as PlanDetail).revisions).toHaveLength(
      1,
    );
  });

  it("refuses to move a plan to another indicator", async () => {
    const ind = await createIndicator();
    const other = await createIndicator();
    const plan = await createPlan(ind);
    const before = await dump(env.DB);
    const res = await send("PUT", `/api/plans/${plan.id}`, base(other));
    expect(res.status).toBe(422);
    expect(await dump(env.DB)).toBe(before);
  });
});

describe("GET /api/plans", () => {
  it("filters by indicator", async () => {
    const a = await createIndicator();
    const b = await createIndicator();
    const pa = await createPlan(a);
    await createPlan(b);
    const res = await call(`/api/plans?indicator=${a}`);
    const body = (await res.json()) as { plans: Plan[] };
    expect(body.plans.map((p) => p.id)).toEqual([pa.id]);
  });

  it("answers 404 for an unknown plan", async () => {
    expect((await call(`/api/plans/${uid("missing")}`)).status).toBe(404);
    expect((await call(`/api/plans/${uid("missing")}/evaluation`)).status).toBe(404);
  });
});

// What GET /api/status costs in D1 round trips once it also reads each plan's prior-year figure
// and a seasonal plan's history: the same, whatever the number of plans.
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { expect, it } from "vitest";
import worker from "../../src/index";
import { actualBody, createIndicator, createPlan, postActuals, uid } from "../factories";
import { countingD1 } from "../monitor/d1-counter";

interface Status {
  plans: {
    evaluation: { yoy_growth: number | null; history_phasing: { kind: string } | null };
  }[];
}

/** A scope of `count` indicators, each with a 2024 plan, Jan–Sep 2023 and 2024, and history. */
async function scopeOf(count: number) {
  const scope = uid("scope");
  for (let i = 0; i < count; i++) {
    const indicator = await createIndicator({ scope });
    await createPlan(indicator, { phasing: i % 2 === 0 ? "history" : "linear" });
    const months = [2021, 2022, 2023].flatMap((year) =>
      Array.from({ length: 12 }, (_, m) =>
        actualBody(indicator, {
          period_start: `${year}-${String(m + 1).padStart(2, "0")}-01`,
          period_end: new Date(Date.UTC(year, m + 1, 0)).toISOString().slice(0, 10),
          value: 100 + m,
          reported_at: `${year + 1}-01-20`,
        }),
      ),
    );
    await postActuals([
      ...months,
      actualBody(indicator, {
        period_start: "2023-01-01",
        period_end: "2023-09-30",
        value: 1762,
        reported_at: "2023-10-20",
      }),
      actualBody(indicator, { value: 2326 }),
    ]);
  }
  return scope;
}

async function statusCost(scope: string, headers: HeadersInit = {}) {
  const counter = countingD1(env.DB);
  const ctx = createExecutionContext();
  const res = await worker.fetch(
    new Request(`https://monitor.test/api/status?scope=${scope}&as_of=2024-10-15`, { headers }),
    { ...env, DB: counter.db },
    ctx,
  );
  await waitOnExecutionContext(ctx);
  return { res, roundTrips: counter.count() };
}

it("reads prior-year figures and history in the same batch, whatever the number of plans", async () => {
  const small = await scopeOf(2);
  const large = await scopeOf(24);
  for (const [scope, plans] of [
    [small, 2],
    [large, 24],
  ] as const) {
    const { res, roundTrips } = await statusCost(scope);
    expect(res.status).toBe(200);
    const body = (await res.json()) as Status;
    expect(body.plans).toHaveLength(plans);
    for (const { evaluation } of body.plans) {
      expect(evaluation.yoy_growth?.toFixed(4)).toBe("0.3201");
    }
    expect(body.plans.filter((p) => p.evaluation.history_phasing?.kind === "history")).toHaveLength(
      plans / 2,
    );
    expect(roundTrips).toBe(1);
    // A poll whose ETag no longer matches costs the version check and the one batch.
    const stale = await statusCost(scope, { "if-none-match": '"v0-2024-10-15"' });
    expect(stale.res.status).toBe(200);
    expect(stale.roundTrips).toBe(2);
  }
});

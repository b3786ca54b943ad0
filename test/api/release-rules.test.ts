// A data owner sets the statistics office's own release day on an indicator: Decree 62/2024
// puts the monthly socio-economic report on day 6 of the following month. Next due, staleness
// and every figure's lateness follow the rule, through the JSON API and the plan page.
import { describe, expect, it } from "vitest";
import {
  actualBody,
  call,
  createIndicator,
  createPlan,
  postActuals,
  send,
  uid,
} from "../factories";

const DAY_6_NEXT_MONTH = {
  schedules: [
    {
      effective_from: null,
      releases: [{ vintage: "estimate", due: { kind: "day_of_month", months_after: 1, day: 6 } }],
    },
  ],
};

interface Freshness {
  next_due: string | null;
  stale_after: string | null;
  stale: boolean;
}

async function freshness(scope: string, asOf: string): Promise<Freshness> {
  const res = await call(`/api/status?scope=${scope}&as_of=${asOf}`);
  expect(res.status).toBe(200);
  const body = (await res.json()) as { plans: { evaluation: { freshness: Freshness } }[] };
  return body.plans[0]!.evaluation.freshness;
}

async function monthlyPlan(rule: unknown) {
  const scope = uid("scope");
  const indicator = await createIndicator({ scope, release_rule: rule });
  const plan = await createPlan(indicator);
  return { scope, indicator, plan: plan.id };
}

describe("an indicator whose figures are due on day 6 of the next month", () => {
  it("keeps the rule and answers it back", async () => {
    const { indicator } = await monthlyPlan(DAY_6_NEXT_MONTH);
    const res = await call(`/api/indicators/${indicator}`);
    const body = (await res.json()) as { release_rule: unknown };
    expect(body.release_rule).toEqual(DAY_6_NEXT_MONTH);
  });

  it("says September's figure is due on 6 October and stale after the 21st", async () => {
    const { scope, indicator } = await monthlyPlan(DAY_6_NEXT_MONTH);
    await postActuals(
      actualBody(indicator, { period_end: "2024-08-31", reported_at: "2024-09-06" }),
    );
    const early = await freshness(scope, "2024-10-15");
    expect(early).toEqual({
      last_period_end: "2024-08-31",
      next_due: "2024-10-06",
      stale_after: "2024-10-21",
      stale: false,
    });
    expect((await freshness(scope, "2024-10-22")).stale).toBe(true);
  });

  it("judges the same figures by the default lag without a rule: due 30 days after the month", async () => {
    const { scope, indicator } = await monthlyPlan(null);
    await postActuals(
      actualBody(indicator, { period_end: "2024-08-31", reported_at: "2024-09-06" }),
    );
    const f = await freshness(scope, "2024-10-22");
    expect(f.next_due).toBe("2024-10-30");
    expect(f.stale).toBe(false);
  });

  it("shows the rule's next due date on the plan page", async () => {
    const { plan, indicator } = await monthlyPlan(DAY_6_NEXT_MONTH);
    await postActuals(
      actualBody(indicator, { period_end: "2024-08-31", reported_at: "2024-09-06" }),
    );
    const html = await (await call(`/plans/${plan}?as_of=2024-10-15`)).text();
    const text = html.replace(/<[^>]+>/g, " ");
    expect(text).toMatch(/6 Oct(ober)? 2024/);
    // The method says the rule sets the day, not the default 30-day lag.
    expect(text).toContain("release calendar sets for its period");
    expect(text).not.toContain("expected 30 days after");
  });

  it("records a figure posted after its due date as late, by how many days", async () => {
    const { indicator } = await monthlyPlan(DAY_6_NEXT_MONTH);
    const res = await postActuals([
      actualBody(indicator, { period_end: "2024-08-31", reported_at: "2024-09-06" }),
      actualBody(indicator, { period_end: "2024-09-30", reported_at: "2024-10-11" }),
    ]);
    expect(res.status).toBe(201);
    const { inserted } = (await res.json()) as {
      inserted: { period_end: string; due: string; days_late: number }[];
    };
    expect(inserted.map((f) => [f.period_end, f.due, f.days_late])).toEqual([
      ["2024-08-31", "2024-09-06", 0],
      ["2024-09-30", "2024-10-06", 5],
    ]);
    const listed = (await (await call(`/api/indicators/${indicator}/actuals`)).json()) as {
      actuals: { period_end: string; days_late: number }[];
    };
    expect(listed.actuals.map((f) => f.days_late)).toEqual([0, 5]);
  });

  it("marks the late figure in the plan page's vintages table, in both languages", async () => {
    const { indicator, plan } = await monthlyPlan(DAY_6_NEXT_MONTH);
    await postActuals([
      actualBody(indicator, { period_end: "2024-08-31", reported_at: "2024-09-06" }),
      actualBody(indicator, { period_end: "2024-09-30", reported_at: "2024-10-11" }),
    ]);
    const en = await (await call(`/plans/${plan}?as_of=2024-10-15&lang=en`)).text();
    const late = [...en.matchAll(/data-days-late="(\d+)"/g)].map((m) => m[1]);
    expect(late).toEqual(["5"]);
    expect(en).toContain("late: 5 days after its due date");
    const vi = await (await call(`/plans/${plan}?as_of=2024-10-15&lang=vi`)).text();
    expect(vi).toContain("trễ 5 ngày so với hạn");
  });

  it("refuses a rule the engine cannot use, with a problem and nothing stored", async () => {
    const id = uid("ind");
    const res = await send("PUT", `/api/indicators/${id}`, {
      name: "Goods exports",
      scope: "nghe-an",
      scope_name: "Nghe An",
      scope_level: "locality",
      unit: "USD",
      measure: "flow",
      cadence: "monthly",
      release_rule: {
        schedules: [
          {
            effective_from: null,
            releases: [
              { vintage: "estimate", due: { kind: "day_of_month", months_after: 1, day: 32 } },
            ],
          },
        ],
      },
    });
    expect(res.status).toBe(422);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    expect(((await res.json()) as { code: string }).code).toBe("validation_failed");
    expect((await call(`/api/indicators/${id}`)).status).toBe(404);
  });
});

describe("release rules in a CSV file of indicators", () => {
  const header = "id,name,scope,scope_name,scope_level,unit,measure,cadence,release_rule,concept";
  const cell = (rule: unknown) => `"${JSON.stringify(rule).replaceAll('"', '""')}"`;
  const postCsv = (body: string) =>
    call("/api/import", {
      method: "POST",
      headers: {
        "content-type": "text/csv; charset=utf-8",
        authorization: "Bearer test-admin-token",
      },
      body,
    });

  it("reads the rule as the API's JSON in one cell, and the concept beside it", async () => {
    const id = uid("ind");
    const res = await postCsv(
      `${header}\r\n${id},Goods exports,nghe-an,Nghe An,locality,USD,flow,monthly,${cell(DAY_6_NEXT_MONTH)},exports\r\n`,
    );
    expect(res.status).toBe(200);
    const stored = (await (await call(`/api/indicators/${id}`)).json()) as Record<string, unknown>;
    expect(stored).toMatchObject({ release_rule: DAY_6_NEXT_MONTH, concept: "exports" });
  });

  it("refuses the file, naming the row and column, when a rule is not JSON or not usable", async () => {
    const [a, b] = [uid("ind"), uid("ind")];
    const res = await postCsv(
      [
        header,
        `${a},Goods exports,nghe-an,Nghe An,locality,USD,flow,monthly,day 6,exports`,
        `${b},Goods exports,nghe-an,Nghe An,locality,USD,flow,monthly,"{""schedules"":[]}",exports`,
        "",
      ].join("\r\n"),
    );
    expect(res.status).toBe(422);
    const body = (await res.json()) as { errors: { row?: number; column?: string }[] };
    expect(body.errors.map((e) => [e.row, e.column])).toEqual([
      [2, "release_rule"],
      [3, "release_rule"],
    ]);
    expect((await call(`/api/indicators/${a}`)).status).toBe(404);
  });
});

// `phasing: "history"` through the Worker: the JSON API, the CSV import, the refusal for a
// measure that has no seasons to share, the plan page's method and the chart's target path.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import {
  ADMIN,
  actualBody,
  call,
  createIndicator,
  createPlan,
  dump,
  postActuals,
  send,
  uid,
} from "../factories";

interface Evaluation {
  status: string;
  expected_fraction: number | null;
  projection: number | null;
  history_phasing: {
    kind: string;
    years_used: number[];
    shares: number[] | null;
    fallback_reason: string | null;
    years_skipped: { year: number; code: string; months: number[] }[];
  } | null;
}

// Monthly exports in million USD shaped by Tết: a deep February (or, in 2022, January), then a
// strong fourth quarter.
const MONTHS: Record<number, number[]> = {
  2021: [100, 70, 100, 100, 100, 100, 100, 105, 105, 110, 110, 110],
  2022: [75, 95, 100, 100, 100, 100, 100, 105, 110, 110, 115, 115],
  2023: [100, 66, 105, 100, 100, 105, 105, 110, 110, 115, 115, 120],
};

function monthly(indicator: string, year: number) {
  return MONTHS[year]!.map((value, i) => {
    const month = String(i + 1).padStart(2, "0");
    const end = new Date(Date.UTC(year, i + 1, 0)).toISOString().slice(0, 10);
    return actualBody(indicator, {
      period_start: `${year}-${month}-01`,
      period_end: end,
      value,
      status: "final",
      reported_at: `${year + 1}-01-20`,
    });
  });
}

/** A seasonal plan for 2024 and Jan–Feb 2024 at 170 million, a normal Tết dip. */
async function seasonalPlan(years: number[]) {
  const indicator = await createIndicator({ scope: uid("scope") });
  const history = years.flatMap((y) => monthly(indicator, y));
  if (history.length > 0) expect((await postActuals(history)).status).toBe(201);
  const plan = await createPlan(indicator, { target: 1300, phasing: "history" });
  await postActuals(
    actualBody(indicator, { period_end: "2024-02-29", value: 170, reported_at: "2024-03-20" }),
  );
  return { indicator, plan: plan.id };
}

async function evaluationOf(planId: string): Promise<Evaluation> {
  const res = await call(`/api/plans/${planId}/evaluation?as_of=2024-03-25`);
  expect(res.status).toBe(200);
  return (await res.json()) as Evaluation;
}

function visible(html: string): string {
  return html
    .replace(/<[^>]+>/g, " ")
    .replaceAll("&#39;", "'")
    .replace(/\s+/g, " ");
}

describe("a seasonal plan phased by its history", () => {
  it("with three years of monthly history projects from it and says which years", async () => {
    const { plan } = await seasonalPlan([2021, 2022, 2023]);
    const e = await evaluationOf(plan);
    expect(e.history_phasing).toMatchObject({
      kind: "history",
      years_used: [2021, 2022, 2023],
      fallback_reason: null,
      years_skipped: [],
    });
    const shares = e.history_phasing?.shares ?? [];
    expect(shares).toHaveLength(12);
    expect(shares[11]).toBe(1);
    expect(e.expected_fraction).toBeCloseTo(shares[1]!, 12);
    expect((e.projection ?? 0) / 1e6).toBeCloseTo(170 / shares[1]!, 6);
    // A straight line would call the same figure off track.
    expect(e.status).toBe("on_track");
    expect(e.expected_fraction).toBeLessThan(60 / 366);

    const page = visible(await (await call(`/plans/${plan}?as_of=2024-03-25`)).text());
    expect(page).toContain(
      "The target path is seasonal, from this indicator's own history (2021, 2022, 2023)",
    );
    expect(page).toContain(
      "by each month end it expects the average share of the year's total reached by then in 2021, 2022, 2023",
    );
  });

  it("with one year of history falls back to linear and says why", async () => {
    const { plan } = await seasonalPlan([2023]);
    const e = await evaluationOf(plan);
    expect(e.history_phasing).toMatchObject({ kind: "linear", years_used: [2023], shares: null });
    expect(e.history_phasing?.fallback_reason).toMatch(/^only 1 complete year of history \(2023\)/);
    expect(e.expected_fraction).toBe(60 / 366);
    expect(e.status).toBe("off_track");
    const page = visible(await (await call(`/plans/${plan}?as_of=2024-03-25`)).text());
    expect(page).toContain(
      "The target path is linear (by calendar days), as the indicator's history is too thin",
    );
    expect(page).toContain("(complete years found: 2023), so the path is linear.");
  });

  it("draws the chart's target path along the history's profile", async () => {
    const seasonal = await seasonalPlan([2021, 2022, 2023]);
    const linear = await seasonalPlan([]);
    const pathOf = async (plan: string) => {
      const html = await (await call(`/plans/${plan}?as_of=2024-03-25`)).text();
      return /<polyline class="path" points="([^"]+)"/.exec(html)?.[1]?.split(" ") ?? [];
    };
    const [seasonalPath, linearPath] = [await pathOf(seasonal.plan), await pathOf(linear.plan)];
    expect(seasonalPath).toHaveLength(13);
    // The same axes (same target), so the y of the end of February tells the two apart: the
    // history expects less by then, so its point sits lower (a larger y).
    const yAt = (path: string[], i: number) => Number(path[i]?.split(",")[1]);
    expect(yAt(seasonalPath, 2)).toBeGreaterThan(yAt(linearPath, 2));
    expect(yAt(seasonalPath, 12)).toBe(yAt(linearPath, 12));
  });

  it("is accepted from a CSV file's phasing column", async () => {
    const indicator = await createIndicator({ scope: uid("scope") });
    await postActuals([2021, 2022, 2023].flatMap((y) => monthly(indicator, y)));
    const file = `indicator_id,period_start,period_end,target,scale,phasing\r\n${indicator},2024-01-01,2024-12-31,1300,million,history\r\n`;
    const res = await call("/api/import", {
      method: "POST",
      headers: { "content-type": "text/csv", ...ADMIN },
      body: file,
    });
    expect(res.status).toBe(200);
    const { rows } = (await res.json()) as { rows: { id: string; outcome: string }[] };
    expect(rows[0]?.outcome).toBe("created");
    const stored = (await (await call(`/api/plans/${rows[0]?.id}`)).json()) as {
      plan: { phasing: string };
    };
    expect(stored.plan.phasing).toBe("history");
    expect((await evaluationOf(rows[0]?.id ?? "")).history_phasing?.kind).toBe("history");
  });
});

describe("history phasing where it means nothing", () => {
  it("is refused for a level, in JSON and in CSV, and nothing is written", async () => {
    const indicator = await createIndicator({
      scope: uid("scope"),
      measure: "level",
      cadence: "annual",
    });
    const before = await dump(env.DB);
    const res = await send("POST", "/api/plans", {
      indicator_id: indicator,
      period_start: "2024-01-01",
      period_end: "2024-12-31",
      target: 100,
      phasing: "history",
    });
    expect(res.status).toBe(422);
    expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    const problem = (await res.json()) as { code: string; errors: { path: string }[] };
    expect(problem.code).toBe("validation_failed");
    expect(problem.errors.map((e) => e.path)).toEqual(["/phasing"]);

    const csv = await call("/api/import", {
      method: "POST",
      headers: { "content-type": "text/csv", ...ADMIN },
      body: `indicator_id,period_start,period_end,target,phasing\r\n${indicator},2024-01-01,2024-12-31,100,history\r\n`,
    });
    expect(csv.status).toBe(422);
    const csvProblem = (await csv.json()) as { errors: { column?: string; row?: number }[] };
    expect(csvProblem.errors).toEqual([expect.objectContaining({ row: 2, column: "phasing" })]);
    expect(await dump(env.DB)).toBe(before);
  });

  it("refuses an unknown phasing word with the words it takes", async () => {
    const indicator = await createIndicator({ scope: uid("scope") });
    const csv = await call("/api/import", {
      method: "POST",
      headers: { "content-type": "text/csv", ...ADMIN },
      body: `indicator_id,period_start,period_end,target,phasing\r\n${indicator},2024-01-01,2024-12-31,100,seasonal\r\n`,
    });
    expect(csv.status).toBe(422);
    const problem = (await csv.json()) as { errors: { message: string }[] };
    expect(problem.errors[0]?.message).toContain("'history'");
  });
});

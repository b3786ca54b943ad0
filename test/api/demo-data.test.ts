// The demo dataset goes in through the public API, exactly as `npm start` loads it, and
// produces what the README's table says, as of mid-October 2024 and long after.
import { beforeAll, describe, expect, it } from "vitest";
import demo from "../../scripts/demo-data.json";
import { PRINTED_RATIO_TOLERANCE } from "../../src/domain/printed-ratios";
import { samePeriodLastYear } from "../../src/domain/year-on-year";
import { call, send } from "../factories";

interface Evaluation {
  status: string;
  last_reading: string | null;
  attainment: number | null;
  pace: number | null;
  projection: number | null;
  yoy_growth: number | null;
  prior_year_value: number | null;
  progress: { label: string } | null;
  warnings: unknown[];
}
interface Status {
  summary: Record<string, number>;
  plans: { plan: { id: string }; evaluation: Evaluation }[];
}

beforeAll(async () => {
  for (const { id, ...indicator } of demo.indicators) {
    expect((await send("PUT", `/api/indicators/${id}`, indicator)).status).toBe(201);
  }
  for (const { id, ...plan } of demo.plans) {
    expect((await send("PUT", `/api/plans/${id}`, plan)).status).toBe(201);
  }
  expect((await send("POST", "/api/actuals", demo.actuals)).status).toBe(201);
});

async function statusAsOf(date: string) {
  const body = (await (await call(`/api/status?scope=nghe-an&as_of=${date}`)).json()) as Status;
  return { summary: body.summary, byId: new Map(body.plans.map((p) => [p.plan.id, p.evaluation])) };
}

describe("as of mid-October 2024", () => {
  it("reproduces the Nghe An 9-month figures, growth on last year included", async () => {
    const { byId } = await statusAsOf("2024-10-15");
    const exports = byId.get("nghe-an.goods-exports.2024");
    expect(exports?.status).toBe("ahead");
    expect(exports?.attainment?.toFixed(4)).toBe("0.8458");
    expect(exports?.pace?.toFixed(2)).toBe("1.13");
    expect(((exports?.projection ?? 0) / 1e9).toFixed(3)).toBe("3.107");
    // "tăng 32,01% so với cùng kỳ năm 2023", from the derived Jan–Sep 2023 value.
    expect(exports?.yoy_growth?.toFixed(4)).toBe("0.3201");
    expect(exports?.prior_year_value).toBe(1_762_000_000);
    // The bulletin's own "84.58% of plan" and "+32.01%" agree with the figures.
    expect(exports?.warnings).toEqual([]);

    const imports = byId.get("nghe-an.goods-imports.2024");
    expect(imports?.status).toBe("achieved");
    expect(imports?.attainment?.toFixed(4)).toBe("1.1267");
    expect(imports?.yoy_growth?.toFixed(4)).toBe("0.7351");
    expect(imports?.warnings).toEqual([]);

    // A level: 2023's 3.11 bn is well ahead of the path to 1.765 bn in 2025, but only a 2025
    // figure can achieve the target.
    const term = byId.get("nghe-an.export-turnover.2021-2025");
    expect(term?.status).toBe("ahead");
    expect(term?.progress?.label).toBe("target_achieved");
    expect(term?.yoy_growth).toBeCloseTo(3110 / 2539 - 1, 12);
  });

  it("counts every seeded plan in the summary", async () => {
    const { summary } = await statusAsOf("2024-10-15");
    expect(summary).toMatchObject({
      total: demo.plans.length,
      achieved: 1,
      ahead: 2,
      period_over: 0,
      no_data: 7,
    });
  });

  it("showed the Jan–Jul figure before the 9-month report came out", async () => {
    const { byId } = await statusAsOf("2024-08-15");
    const exports = byId.get("nghe-an.goods-exports.2024");
    // 1,677 million USD by 31 July against 2,750 million for the year, up 26% on 2023.
    expect(exports?.attainment?.toFixed(4)).toBe((1677 / 2750).toFixed(4));
    expect(exports?.yoy_growth?.toFixed(2)).toBe("0.26");
  });
});

describe("long after 2024", () => {
  it("reads no plan as on pace: each says its period is over, the last reading kept", async () => {
    const { byId, summary } = await statusAsOf("2026-11-22");
    expect(byId.get("nghe-an.goods-exports.2024")).toMatchObject({
      status: "period_over",
      last_reading: "ahead",
    });
    expect(byId.get("nghe-an.export-turnover.2021-2025")).toMatchObject({
      status: "period_over",
      last_reading: "ahead",
    });
    expect(byId.get("nghe-an.exports.seafood.2024")).toMatchObject({
      status: "period_over",
      last_reading: null,
    });
    // Met before the year was out: a cumulative total cannot fall back.
    expect(byId.get("nghe-an.goods-imports.2024")?.status).toBe("achieved");
    expect(summary).toMatchObject({ achieved: 1, period_over: 9, ahead: 0, on_track: 0 });
  });
});

describe("the dataset itself", () => {
  it("names every source by its article and quotes it, never by a file path", () => {
    const cited = [...demo.plans, ...demo.actuals];
    for (const row of cited) {
      expect(row.source, JSON.stringify(row)).toMatch(/: “[^”]{20,}”/);
    }
    const text = JSON.stringify(demo);
    expect(text).not.toMatch(/seeds|\.txt/);
  });

  it("labels every prior-year value a printed growth implies as derived, and it reproduces the print", () => {
    const printed = demo.actuals.filter(
      (a): a is typeof a & { reported_yoy: number } => typeof a.reported_yoy === "number",
    );
    expect(printed.length).toBeGreaterThanOrEqual(10);
    const scaleOf = (a: { scale?: string }) =>
      ({ billion: 1e9, million: 1e6, trillion: 1e12 })[a.scale ?? ""] ?? 1;
    for (const current of printed) {
      const period = samePeriodLastYear({
        periodStart: current.period_start,
        periodEnd: current.period_end,
      });
      const prior = demo.actuals.find(
        (a) =>
          a.indicator_id === current.indicator_id &&
          a.period_start === period?.periodStart &&
          a.period_end === period?.periodEnd,
      );
      expect(prior, `${current.indicator_id} ${current.period_end}`).toBeDefined();
      expect(prior?.note).toMatch(/^Derived, not reported/);
      const growth =
        (current.value * scaleOf(current)) / ((prior?.value ?? 0) * scaleOf(prior ?? {})) - 1;
      expect(Math.abs(growth - current.reported_yoy)).toBeLessThanOrEqual(PRINTED_RATIO_TOLERANCE);
    }
  });

  it("loads idempotently: a second load adds nothing", async () => {
    const res = await send("POST", "/api/actuals", demo.actuals);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ inserted: [], duplicates: demo.actuals.length });
  });
});

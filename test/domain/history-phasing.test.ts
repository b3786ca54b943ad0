import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addDays,
  endOfMonth,
  formatIsoDate,
  fromDayNumber,
  toDayNumber,
} from "../../src/domain/dates";
import {
  HISTORY_WINDOW_YEARS,
  HISTORY_YEARS,
  type HistoryPhasing,
  historyExpectedFraction,
  historyPhasing,
  historyWeights,
  MIN_HISTORY_YEARS,
  phasingFromHistory,
} from "../../src/domain/history-phasing";
import { expectedFraction } from "../../src/domain/phasing";
import type { ActualInput } from "../../src/domain/types";
import { applyScale } from "../../src/domain/units";

const M = (millions: number) => applyScale(millions, "million");

let nextId = 1;
function actual(overrides: Partial<ActualInput> = {}): ActualInput {
  return {
    id: nextId++,
    periodStart: "2019-01-01",
    periodEnd: "2019-12-31",
    value: 0,
    status: "final",
    ...overrides,
    reportedAt: overrides.reportedAt ?? overrides.periodEnd ?? "2019-12-31",
  };
}

const monthStart = (year: number, month: number) => formatIsoDate({ year, month, day: 1 });
const monthEnd = (year: number, month: number) => endOfMonth(monthStart(year, month));

/** Twelve single-month figures. */
function singles(year: number, values: readonly number[], extra: Partial<ActualInput> = {}) {
  return values.map((value, i) =>
    actual({
      periodStart: monthStart(year, i + 1),
      periodEnd: monthEnd(year, i + 1),
      value,
      ...extra,
    }),
  );
}

/** Twelve year-to-date figures (Jan, Jan–Feb, ..., Jan–Dec), the way bulletins print them. */
function yearToDate(year: number, values: readonly number[], extra: Partial<ActualInput> = {}) {
  let total = 0;
  return values.map((value, i) => {
    total += value;
    return actual({
      periodStart: monthStart(year, 1),
      periodEnd: monthEnd(year, i + 1),
      value: total,
      ...extra,
    });
  });
}

/** The average of each year's cumulative share, computed the obvious way. */
function averageOfShares(years: readonly (readonly number[])[]): number[] {
  const perYear = years.map((values) => {
    const total = values.reduce((a, b) => a + b, 0);
    let running = 0;
    return values.map((v) => {
      running += v;
      return running / total;
    });
  });
  return Array.from(
    { length: 12 },
    (_, m) => perYear.reduce((sum, shares) => sum + shares[m]!, 0) / perYear.length,
  );
}

function sharesOf(profile: HistoryPhasing): number[] {
  if (profile.kind !== "history") throw new Error(`fell back: ${profile.reason}`);
  return profile.shares;
}

function expectShares(actualShares: readonly number[], expected: readonly number[]) {
  expect(actualShares).toHaveLength(12);
  actualShares.forEach((share, m) => {
    expect(share).toBeCloseTo(expected[m]!, 12);
  });
  expect(actualShares[11]).toBe(1);
}

// Illustrative monthly goods exports in million USD, shaped like the GSO's national series: the
// month holding Tết dips. February 2016 is 22.9% below January and February 2019 about 34%
// below, as reported; in 2017 Tết fell on January 28, so January dips instead.
const EXPORTS: Record<number, number[]> = {
  2016: [13100, 10100, 13600, 13800, 14500, 14500, 15000, 16200, 15200, 15700, 15400, 16300],
  2017: [14000, 14500, 16500, 16200, 17500, 17800, 17900, 19400, 19000, 19700, 19800, 20100],
  2018: [20100, 14900, 19500, 18200, 19400, 19000, 19600, 21400, 21400, 21400, 21400, 21300],
  2019: [21400, 14100, 22200, 20200, 22000, 21200, 23300, 24000, 22700, 24100, 23400, 24100],
};
const exportsOf = (year: number) => EXPORTS[year]!.map(M);
const asOf2020 = "2020-03-15";

describe("historyPhasing: reading a year", () => {
  const expected = averageOfShares([2017, 2018, 2019].map(exportsOf));

  it("averages the last three complete years of single-month figures", () => {
    const profile = historyPhasing(
      [2016, 2017, 2018, 2019].flatMap((y) => singles(y, exportsOf(y))),
      asOf2020,
    );
    expect(profile).toMatchObject({
      kind: "history",
      yearsUsed: [2017, 2018, 2019],
      yearsSkipped: [],
    });
    expectShares(sharesOf(profile), expected);
  });

  it("reads the same profile from year-to-date figures (Jan, Jan–Feb, ..., Jan–Dec)", () => {
    const profile = historyPhasing(
      [2017, 2018, 2019].flatMap((y) => yearToDate(y, exportsOf(y))),
      asOf2020,
    );
    expectShares(sharesOf(profile), expected);
  });

  it("reads a mix: quarters to date, single months between them, quarters alone", () => {
    const mixed = [2017, 2018, 2019].flatMap((y) => {
      const v = exportsOf(y);
      const sum = (from: number, to: number) => v.slice(from - 1, to).reduce((a, b) => a + b, 0);
      const span = (from: number, to: number) =>
        actual({
          periodStart: monthStart(y, from),
          periodEnd: monthEnd(y, to),
          value: sum(from, to),
        });
      return [
        span(1, 1),
        span(2, 2),
        span(1, 3),
        span(4, 4),
        span(5, 5),
        span(1, 6),
        span(7, 9), // a quarter alone
        span(7, 7),
        span(8, 8),
        span(1, 12),
        span(10, 11),
        span(12, 12), // with Jan–Dec, gives Jan–Nov backwards
        span(10, 10),
      ];
    });
    expectShares(sharesOf(historyPhasing(mixed, asOf2020)), expected);
  });

  it("cannot total the months after a missing single month, until the year's total bridges it", () => {
    const withoutAugust = (y: number) =>
      singles(y, exportsOf(y)).filter((a) => a.periodStart !== monthStart(y, 8));
    const gap = [...withoutAugust(2018), ...withoutAugust(2019)];
    expect(historyPhasing(gap, asOf2020)).toMatchObject({
      kind: "linear",
      yearsSkipped: [
        { year: 2019, code: "missing_months", months: [8, 9, 10, 11, 12] },
        { year: 2018, code: "missing_months", months: [8, 9, 10, 11, 12] },
      ],
    });
    const yearTotals = [2018, 2019].map((y) =>
      actual({
        periodStart: monthStart(y, 1),
        periodEnd: monthEnd(y, 12),
        value: exportsOf(y).reduce((a, b) => a + b, 0),
      }),
    );
    // Jan–Dec less Dec, Nov, Oct and Sep gives Jan–Aug: August is implied.
    expectShares(
      sharesOf(historyPhasing([...gap, ...yearTotals], asOf2020)),
      averageOfShares([exportsOf(2018), exportsOf(2019)]),
    );
  });

  it("derives a month-end total backwards from the year and December alone", () => {
    const figures = [2018, 2019].flatMap((y) => {
      const v = exportsOf(y);
      const ytd = yearToDate(y, v);
      // Drop Jan–Nov; keep Jan–Dec and add December alone.
      return [
        ...ytd.filter((a) => a.periodEnd !== monthEnd(y, 11)),
        actual({ periodStart: monthStart(y, 12), periodEnd: monthEnd(y, 12), value: v[11]! }),
      ];
    });
    expectShares(
      sharesOf(historyPhasing(figures, asOf2020)),
      averageOfShares([exportsOf(2018), exportsOf(2019)]),
    );
  });

  it("prefers a year-to-date figure to single months that disagree with it", () => {
    const v = exportsOf(2019);
    const figures = [
      ...singles(2018, exportsOf(2018)),
      ...singles(2019, v),
      // Jan–Mar revised up by 300 million after the monthly estimates came out.
      actual({
        periodStart: "2019-01-01",
        periodEnd: "2019-03-31",
        value: v[0]! + v[1]! + v[2]! + M(300),
      }),
    ];
    const profile = sharesOf(historyPhasing(figures, asOf2020));
    const revised = [...v];
    revised[2] = revised[2]! + M(300);
    // Through March the revised total wins; April onwards the single months build on it.
    const total = revised.reduce((a, b) => a + b, 0);
    const janMar = (v[0]! + v[1]! + v[2]! + M(300)) / total;
    const share2018 = averageOfShares([exportsOf(2018)]);
    expect(profile[2]).toBeCloseTo((share2018[2]! + janMar) / 2, 12);
    expectShares(profile, averageOfShares([exportsOf(2018), revised]));
  });

  it("reads a leap year's February ending on the 29th", () => {
    const figures = [2019, 2020].flatMap((y) => singles(y, exportsOf(2019)));
    expect(figures.some((a) => a.periodEnd === "2020-02-29")).toBe(true);
    const profile = historyPhasing(figures, "2021-01-15");
    expect(profile).toMatchObject({ kind: "history", yearsUsed: [2019, 2020] });
    expectShares(sharesOf(profile), averageOfShares([exportsOf(2019)]));
  });

  it("accepts months with nothing in them (a seasonal crop), as long as the year has a total", () => {
    const crop = [0, 0, 0, 0, 50, 200, 300, 200, 50, 0, 0, 0];
    const shares = sharesOf(
      historyPhasing([...singles(2018, crop), ...singles(2019, crop)], asOf2020),
    );
    expect(shares.slice(0, 4)).toEqual([0, 0, 0, 0]);
    expect(shares.slice(8)).toEqual([1, 1, 1, 1]);
  });

  it.each([
    ["starts mid-month", "2019-03-15", "2019-04-30"],
    ["ends mid-month", "2019-03-01", "2019-04-14"],
    ["spans two years", "2018-12-01", "2019-01-31"],
  ])("does not read a figure that %s", (_, periodStart, periodEnd) => {
    const figures = [
      ...singles(2018, exportsOf(2018)),
      ...yearToDate(2019, exportsOf(2019)).filter((a) => a.periodEnd !== "2019-03-31"),
      actual({ periodStart, periodEnd, value: M(20000) }),
    ];
    const profile = historyPhasing(figures, asOf2020);
    expect(profile.kind).toBe("linear");
    expect(profile.yearsSkipped).toEqual([{ year: 2019, code: "missing_months", months: [3] }]);
  });
});

describe("historyPhasing: which years and which vintages", () => {
  const threeYears = () => [2017, 2018, 2019].flatMap((y) => singles(y, exportsOf(y)));

  it("uses only the last three complete years of four", () => {
    const profile = historyPhasing(
      [2016, 2017, 2018, 2019].flatMap((y) => singles(y, exportsOf(y))),
      asOf2020,
    );
    expect(profile).toMatchObject({ kind: "history", yearsUsed: [2017, 2018, 2019] });
    expect(HISTORY_YEARS).toBe(3);
  });

  it("goes back past an incomplete year and says which one it passed over", () => {
    const figures = [
      ...singles(2015, exportsOf(2016)),
      ...singles(2016, exportsOf(2016)),
      ...yearToDate(2017, exportsOf(2017)).filter((a) => a.periodEnd !== "2017-08-31"),
      ...singles(2018, exportsOf(2018)),
      ...singles(2019, exportsOf(2019)),
    ];
    const profile = historyPhasing(figures, asOf2020);
    expect(profile).toMatchObject({
      kind: "history",
      yearsUsed: [2016, 2018, 2019],
      yearsSkipped: [{ year: 2017, code: "missing_months", months: [8] }],
    });
  });

  it("takes the latest vintage of a month known at asOf", () => {
    const estimate = singles(2019, exportsOf(2019), {
      status: "estimate",
      reportedAt: "2019-12-20",
    });
    const revisedFeb = actual({
      periodStart: "2019-02-01",
      periodEnd: "2019-02-28",
      value: M(16000),
      reportedAt: "2020-02-10",
    });
    const figures = [...singles(2018, exportsOf(2018)), ...estimate, revisedFeb];
    const revised = [...exportsOf(2019)];
    revised[1] = M(16000);
    // Known at asOf: the revision wins.
    expectShares(
      sharesOf(historyPhasing(figures, "2020-02-10")),
      averageOfShares([exportsOf(2018), revised]),
    );
    // The day before it was published: the estimate.
    expectShares(
      sharesOf(historyPhasing(figures, "2020-02-09")),
      averageOfShares([exportsOf(2018), exportsOf(2019)]),
    );
  });

  it("ignores a figure reported after asOf, so a year it would complete stays incomplete", () => {
    const figures = [
      ...threeYears().filter((a) => a.periodStart !== "2019-12-01"),
      actual({
        periodStart: "2019-12-01",
        periodEnd: "2019-12-31",
        value: M(24100),
        reportedAt: "2020-01-20",
      }),
    ];
    expect(historyPhasing(figures, "2020-01-19")).toMatchObject({
      kind: "history",
      yearsUsed: [2017, 2018],
      yearsSkipped: [{ year: 2019, code: "missing_months", months: [12] }],
    });
    expect(historyPhasing(figures, "2020-01-20")).toMatchObject({ yearsUsed: [2017, 2018, 2019] });
  });

  it("compares reportedAt on its date part, so a full timestamp works", () => {
    const stamped = threeYears().map((a) => ({ ...a, reportedAt: "2020-01-20T10:00:00Z" }));
    expect(historyPhasing(stamped, "2020-01-20")).toMatchObject({ yearsUsed: [2017, 2018, 2019] });
  });

  it("does not use a year that has not ended, even with a full-year estimate out in December", () => {
    const figures = [
      ...singles(2018, exportsOf(2018)),
      ...singles(2019, exportsOf(2019), { status: "estimate", reportedAt: "2019-12-29" }),
    ];
    expect(historyPhasing(figures, "2019-12-30")).toMatchObject({
      kind: "linear",
      completeYears: [2018],
    });
    expect(historyPhasing(figures, "2019-12-31")).toMatchObject({ yearsUsed: [2018, 2019] });
  });

  it.each([
    ["a zero total", Array.from({ length: 12 }, () => 0), { code: "unusable_total", total: 0 }],
    [
      "a negative total",
      Array.from({ length: 12 }, () => -5),
      { code: "unusable_total", total: -60 },
    ],
    [
      "a negative month",
      [10, 10, 10, -5, 10, 10, 10, 10, 10, 10, 10, 10],
      { code: "falling_total", month: 4 },
    ],
    [
      "a total too large for a double",
      Array.from({ length: 12 }, () => Number.MAX_VALUE),
      { code: "unusable_total", total: null },
    ],
  ])("skips a year with %s", (_, values, problem) => {
    const figures = [...threeYears(), ...singles(2019, values, { reportedAt: "2020-01-05" })];
    const profile = historyPhasing(figures, asOf2020);
    expect(profile).toMatchObject({
      kind: "history",
      yearsUsed: [2017, 2018],
      yearsSkipped: [{ year: 2019, ...problem }],
    });
    expect(sharesOf(profile).every(Number.isFinite)).toBe(true);
  });

  it("skips a year whose year-to-date figures disagree and make the total fall", () => {
    const figures = [
      ...yearToDate(2018, exportsOf(2018)),
      ...yearToDate(2019, exportsOf(2019)),
      // Jan–May printed lower than Jan–Apr: two releases that do not add up.
      actual({
        periodStart: "2019-01-01",
        periodEnd: "2019-05-31",
        value: M(1000),
        reportedAt: "2020-01-05",
      }),
      ...yearToDate(2017, exportsOf(2017)),
    ];
    expect(historyPhasing(figures, asOf2020)).toMatchObject({
      kind: "history",
      yearsUsed: [2017, 2018],
      yearsSkipped: [{ year: 2019, code: "falling_total", month: 5 }],
    });
  });

  it("treats quarters alone as too coarse: their month ends are missing", () => {
    const quarters = [2018, 2019].flatMap((y) =>
      [3, 6, 9, 12].map((m) =>
        actual({ periodStart: monthStart(y, 1), periodEnd: monthEnd(y, m), value: M(100 * m) }),
      ),
    );
    const profile = historyPhasing(quarters, asOf2020);
    expect(profile).toMatchObject({
      kind: "linear",
      completeYears: [],
      yearsSkipped: [
        { year: 2019, code: "missing_months", months: [1, 2, 4, 5, 7, 8, 10, 11] },
        { year: 2018, code: "missing_months", months: [1, 2, 4, 5, 7, 8, 10, 11] },
      ],
    });
  });
});

describe("historyPhasing: the window before a plan starts", () => {
  const all = [2016, 2017, 2018, 2019].flatMap((y) => singles(y, exportsOf(y)));

  it("reads the years before the plan's first year, however late asOf is", () => {
    expect(historyPhasing(all, "2030-01-01", "2019-01-01")).toMatchObject({
      kind: "history",
      yearsUsed: [2016, 2017, 2018],
    });
    expect(historyPhasing(all, "2030-01-01", "2019-07-01")).toMatchObject({
      yearsUsed: [2016, 2017, 2018],
    });
  });

  it(`reads no further back than ${HISTORY_WINDOW_YEARS} years before that`, () => {
    // 2021 reads 2017–2020, 2022 reads 2018–2021 and 2023 reads 2019–2022.
    expect(historyPhasing(all, "2030-01-01", "2021-01-01")).toMatchObject({
      yearsUsed: [2017, 2018, 2019],
    });
    expect(historyPhasing(all, "2030-01-01", "2022-01-01")).toMatchObject({
      yearsUsed: [2018, 2019],
    });
    expect(historyPhasing(all, "2030-01-01", "2023-01-01")).toMatchObject({
      kind: "linear",
      completeYears: [2019],
    });
  });

  it("still needs the years to have ended by asOf", () => {
    expect(historyPhasing(all, "2019-06-30", "2020-01-01")).toMatchObject({
      yearsUsed: [2016, 2017, 2018],
    });
  });

  it("rejects an invalid period start", () => {
    expect(() => historyPhasing([], asOf2020, "2020-02-30")).toThrow(RangeError);
  });
});

describe("historyPhasing: falling back", () => {
  it("falls back with one complete year and says so", () => {
    const profile = historyPhasing(singles(2019, exportsOf(2019)), asOf2020);
    expect(MIN_HISTORY_YEARS).toBe(2);
    expect(profile).toEqual({
      kind: "linear",
      reason:
        "only 1 complete year of history (2019); at least 2 are needed for a seasonal profile",
      completeYears: [2019],
      yearsSkipped: [],
    });
  });

  it("falls back with no figures at all", () => {
    expect(historyPhasing([], asOf2020)).toEqual({
      kind: "linear",
      reason: "no complete year of history; at least 2 are needed for a seasonal profile",
      completeYears: [],
      yearsSkipped: [],
    });
  });

  it("lists the years it could not use in its reason", () => {
    const figures = [
      ...singles(2019, exportsOf(2019)),
      actual({ periodStart: "2018-01-01", periodEnd: "2018-12-31", value: M(240000) }),
      ...singles(
        2017,
        Array.from({ length: 12 }, () => 0),
      ),
    ];
    const profile = historyPhasing(figures, asOf2020);
    expect(profile.kind).toBe("linear");
    if (profile.kind !== "linear") return;
    expect(profile.completeYears).toEqual([2019]);
    expect(profile.reason).toBe(
      "only 1 complete year of history (2019); at least 2 are needed for a seasonal profile. " +
        "Not used: 2018: no year-to-date total for months 1–11; " +
        "2017: the year's total is not a positive number",
    );
  });

  it("rejects an invalid asOf", () => {
    expect(() => historyPhasing([], "2020-02-30")).toThrow(RangeError);
  });
});

describe("historyExpectedFraction", () => {
  const profile = historyPhasing(
    [2017, 2018, 2019].flatMap((y) => singles(y, exportsOf(y))),
    asOf2020,
  );
  const shares = sharesOf(profile);
  const year2020 = { periodStart: "2020-01-01", periodEnd: "2020-12-31" };

  it.each([1, 2, 3, 6, 9, 11, 12])(
    "a calendar-year plan expects the month-%i share by its end",
    (month) => {
      expect(historyExpectedFraction(year2020, profile, monthEnd(2020, month))).toBeCloseTo(
        shares[month - 1]!,
        12,
      );
    },
  );

  it("moves linearly by day inside a month, leap February included", () => {
    expect(historyExpectedFraction(year2020, profile, "2020-02-15")).toBeCloseTo(
      shares[0]! + ((shares[1]! - shares[0]!) * 15) / 29,
      12,
    );
    expect(historyExpectedFraction(year2020, profile, "2020-01-01")).toBeCloseTo(
      shares[0]! / 31,
      12,
    );
  });

  it("is 0 before the period and 1 from its last day", () => {
    expect(historyExpectedFraction(year2020, profile, "2019-12-31")).toBe(0);
    expect(historyExpectedFraction(year2020, profile, "2020-12-31")).toBe(1);
    expect(historyExpectedFraction(year2020, profile, "2021-06-30")).toBe(1);
  });

  it("expects less than linear by the end of February: the Tết dip", () => {
    const linear = expectedFraction({ ...year2020, phasing: { kind: "linear" } }, "2020-02-29");
    expect(historyExpectedFraction(year2020, profile, "2020-02-29")).toBeLessThan(linear);
  });

  it("rescales a July–June plan over its own months", () => {
    const fiscal = { periodStart: "2020-07-01", periodEnd: "2021-06-30" };
    const secondHalf = 1 - shares[5]!;
    expect(historyExpectedFraction(fiscal, profile, "2020-12-31")).toBeCloseTo(secondHalf, 12);
    expect(historyExpectedFraction(fiscal, profile, "2021-02-28")).toBeCloseTo(
      secondHalf + shares[1]!,
      12,
    );
  });

  it("rescales a quarter over its three months", () => {
    const q1 = { periodStart: "2020-01-01", periodEnd: "2020-03-31" };
    expect(historyExpectedFraction(q1, profile, "2020-02-29")).toBeCloseTo(
      shares[1]! / shares[2]!,
      12,
    );
  });

  it("weighs each year of a multi-year plan the same", () => {
    const term = { periodStart: "2021-01-01", periodEnd: "2025-12-31" };
    expect(historyExpectedFraction(term, profile, "2023-12-31")).toBeCloseTo(3 / 5, 12);
    expect(historyExpectedFraction(term, profile, "2021-02-28")).toBeCloseTo(shares[1]! / 5, 12);
  });

  it("is linear when the history fell back", () => {
    const fallback = historyPhasing([], asOf2020);
    expect(historyExpectedFraction(year2020, fallback, "2020-09-30")).toBe(274 / 366);
    expect(phasingFromHistory(fallback)).toEqual({ kind: "linear" });
  });

  it("is linear over a period whose months added nothing in the history", () => {
    const crop = [0, 0, 0, 0, 50, 200, 300, 200, 50, 0, 0, 0];
    const cropProfile = historyPhasing([...singles(2018, crop), ...singles(2019, crop)], asOf2020);
    const q1 = { periodStart: "2020-01-01", periodEnd: "2020-03-31" };
    expect(historyExpectedFraction(q1, cropProfile, "2020-01-31")).toBe(31 / 91);
  });

  it("turns shares into monthly weights that add back up to them", () => {
    const weights = historyWeights(shares);
    expect(weights.every((w) => w >= 0)).toBe(true);
    let running = 0;
    weights.forEach((w, m) => {
      running += w;
      expect(running).toBeCloseTo(shares[m]!, 12);
    });
    expect(phasingFromHistory(profile)).toEqual({ kind: "monthly_weights", weights });
  });
});

describe("history phasing properties", () => {
  const monthValue = fc.oneof(
    fc.constant(0),
    fc.double({ min: 0, max: 1e9, noNaN: true, noDefaultInfinity: true }),
  );
  const yearValues = fc
    .array(monthValue, { minLength: 12, maxLength: 12 })
    .filter((values) => values.some((v) => v > 0));
  const representation = fc.constantFrom("singles", "ytd", "mixed");
  const historyArb = fc
    .record({
      firstYear: fc.integer({ min: 1990, max: 2030 }),
      years: fc.array(fc.record({ values: yearValues, as: representation }), {
        minLength: 1,
        maxLength: 5,
      }),
    })
    .map(({ firstYear, years }) => ({
      years: years.map(({ values }, i) => ({ year: firstYear + i, values })),
      figures: years.flatMap(({ values, as }, i) => {
        const year = firstYear + i;
        if (as === "singles") return singles(year, values);
        if (as === "ytd") return yearToDate(year, values);
        // Odd months to date, even months alone.
        return [
          ...yearToDate(year, values).filter((_, m) => m % 2 === 0),
          ...singles(year, values).filter((_, m) => m % 2 === 1),
        ];
      }),
      asOf: `${firstYear + years.length}-01-01`,
    }));

  it("shares are monotone, within [0, 1], end at exactly 1 and match the average of the years", () => {
    fc.assert(
      fc.property(historyArb, ({ years, figures, asOf }) => {
        const profile = historyPhasing(figures, asOf);
        const lastThree = years.slice(-HISTORY_YEARS);
        if (years.length < MIN_HISTORY_YEARS) {
          expect(profile.kind).toBe("linear");
          return;
        }
        expect(profile.kind).toBe("history");
        if (profile.kind !== "history") return;
        expect(profile.yearsUsed).toEqual(lastThree.map((y) => y.year));
        const { shares } = profile;
        const expected = averageOfShares(lastThree.map((y) => y.values));
        expect(shares).toHaveLength(12);
        expect(shares[11]).toBe(1);
        for (let m = 0; m < 12; m += 1) {
          expect(shares[m]).toBeGreaterThanOrEqual(m === 0 ? 0 : shares[m - 1]!);
          expect(shares[m]).toBeLessThanOrEqual(1);
          expect(shares[m]).toBeCloseTo(expected[m]!, 9);
        }
      }),
      { numRuns: 200 },
    );
  });

  it("any figures at all give monotone shares ending at 1, or a fallback with a reason", () => {
    const noisyArb = fc.array(
      fc.record({
        year: fc.integer({ min: 2015, max: 2019 }),
        from: fc.integer({ min: 1, max: 12 }),
        length: fc.integer({ min: 0, max: 11 }),
        value: fc.double({ min: -1e6, max: 1e9, noNaN: true, noDefaultInfinity: true }),
        reported: fc.integer({ min: 0, max: 2200 }),
      }),
      { maxLength: 120 },
    );
    const base = toDayNumber("2015-01-01");
    fc.assert(
      fc.property(noisyArb, fc.integer({ min: 0, max: 2200 }), (rows, asOfOffset) => {
        const figures = rows.map(({ year, from, length, value, reported }) =>
          actual({
            periodStart: monthStart(year, from),
            periodEnd: monthEnd(year, Math.min(12, from + length)),
            value,
            reportedAt: fromDayNumber(base + reported),
          }),
        );
        const profile = historyPhasing(figures, fromDayNumber(base + asOfOffset));
        if (profile.kind === "linear") {
          expect(profile.reason.length).toBeGreaterThan(0);
          expect(profile.completeYears.length).toBeLessThan(MIN_HISTORY_YEARS);
          return;
        }
        expect(profile.yearsUsed.length).toBeGreaterThanOrEqual(MIN_HISTORY_YEARS);
        expect(profile.yearsUsed.length).toBeLessThanOrEqual(HISTORY_YEARS);
        expect(profile.shares[11]).toBe(1);
        profile.shares.forEach((share, m) => {
          expect(share).toBeGreaterThanOrEqual(m === 0 ? 0 : profile.shares[m - 1]!);
          expect(share).toBeLessThanOrEqual(1);
        });
      }),
      { numRuns: 300 },
    );
  });

  it("the expected fraction stays within [0, 1] and never falls as the date advances", () => {
    const sharesArb = fc
      .array(monthValue, { minLength: 12, maxLength: 12 })
      .filter((values) => values.some((v) => v > 0))
      .map((values) => averageOfShares([values]).map((s, m) => (m === 11 ? 1 : Math.min(1, s))));
    const fallback: HistoryPhasing = {
      kind: "linear",
      reason: "no complete year of history",
      completeYears: [],
      yearsSkipped: [],
    };
    const profileArb = fc.oneof(
      sharesArb.map<HistoryPhasing>((shares) => ({
        kind: "history",
        shares,
        yearsUsed: [2018, 2019],
        yearsSkipped: [],
      })),
      fc.constant(fallback),
    );
    const DAY_2000 = toDayNumber("2000-01-01");
    fc.assert(
      fc.property(
        profileArb,
        fc.integer({ min: DAY_2000, max: DAY_2000 + 14600 }),
        fc.integer({ min: 0, max: 1100 }),
        fc.integer({ min: -40, max: 1140 }),
        fc.integer({ min: 0, max: 400 }),
        (profile, start, length, at, step) => {
          const period = {
            periodStart: fromDayNumber(start),
            periodEnd: fromDayNumber(start + length),
          };
          const earlier = fromDayNumber(start + at);
          const later = addDays(earlier, step);
          const f1 = historyExpectedFraction(period, profile, earlier);
          const f2 = historyExpectedFraction(period, profile, later);
          expect(f1).toBeGreaterThanOrEqual(0);
          expect(f2).toBeLessThanOrEqual(1);
          expect(f2).toBeGreaterThanOrEqual(f1);
          expect(historyExpectedFraction(period, profile, period.periodEnd)).toBe(1);
        },
      ),
      { numRuns: 300 },
    );
  });
});

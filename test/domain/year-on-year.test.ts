import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { daysInMonth, fromDayNumber, parseIsoDate, toDayNumber } from "../../src/domain/dates";
import { ATTAINMENT_MISMATCH_TOLERANCE } from "../../src/domain/evaluate";
import type { ActualInput } from "../../src/domain/types";
import { applyScale } from "../../src/domain/units";
import type { Measure } from "../../src/domain/vocabulary";
import {
  growthRate,
  impliedPriorValue,
  samePeriodLastYear,
  YOY_MISMATCH_TOLERANCE,
  yearOnYear,
  yoyMismatch,
} from "../../src/domain/year-on-year";

const M = (millions: number) => applyScale(millions, "million");
const B = (billions: number) => applyScale(billions, "billion");

let nextId = 1;
function actual(overrides: Partial<ActualInput> = {}): ActualInput {
  return {
    id: nextId++,
    periodStart: "2024-01-01",
    periodEnd: "2024-09-30",
    value: 0,
    status: "estimate",
    ...overrides,
    reportedAt: overrides.reportedAt ?? overrides.periodEnd ?? "2024-09-30",
  };
}

// Nghe An Department of Industry and Trade, 9-month 2024 report: "tổng kim ngạch xuất khẩu hàng
// hóa của tỉnh này ước đạt 2.326 triệu USD, tăng 32,01% so với cùng kỳ năm 2023".
const exportsJanSep2024 = actual({
  id: 1001,
  value: M(2326),
  reportedAt: "2024-10-05",
  reportedAttainment: 0.8458,
  reportedYoy: 0.3201,
});
const janSep2023 = (value: number, overrides: Partial<ActualInput> = {}) =>
  actual({
    periodStart: "2023-01-01",
    periodEnd: "2023-09-30",
    value,
    reportedAt: "2023-10-06",
    ...overrides,
  });
const asOf = "2024-10-15";

describe("samePeriodLastYear", () => {
  it.each([
    ["Jan–Sep", "2024-01-01", "2024-09-30", "2023-01-01", "2023-09-30"],
    ["Jan–Feb ending on a leap day", "2024-01-01", "2024-02-29", "2023-01-01", "2023-02-28"],
    ["Jan–Feb after a leap year", "2025-01-01", "2025-02-28", "2024-01-01", "2024-02-29"],
    ["February alone, leap year", "2024-02-01", "2024-02-29", "2023-02-01", "2023-02-28"],
    ["a whole year", "2023-01-01", "2023-12-31", "2022-01-01", "2022-12-31"],
    ["a quarter", "2024-04-01", "2024-06-30", "2023-04-01", "2023-06-30"],
    ["a level observed on one day", "2024-09-30", "2024-09-30", "2023-09-30", "2023-09-30"],
    ["a mid-month span keeps its days", "2024-03-15", "2024-04-14", "2023-03-15", "2023-04-14"],
    ["a day before the leap day", "2024-02-28", "2024-02-28", "2023-02-28", "2023-02-28"],
    ["a year spanning December", "2024-07-01", "2025-06-30", "2023-07-01", "2024-06-30"],
  ])("%s: %s..%s → %s..%s", (_, periodStart, periodEnd, priorStart, priorEnd) => {
    expect(samePeriodLastYear({ periodStart, periodEnd })).toEqual({
      periodStart: priorStart,
      periodEnd: priorEnd,
    });
  });

  it("has no prior period before year 1", () => {
    expect(samePeriodLastYear({ periodStart: "0000-01-01", periodEnd: "0000-12-31" })).toBeNull();
    expect(samePeriodLastYear({ periodStart: "0001-01-01", periodEnd: "0001-12-31" })).toEqual({
      periodStart: "0000-01-01",
      periodEnd: "0000-12-31",
    });
  });

  it("rejects an invalid date", () => {
    expect(() =>
      samePeriodLastYear({ periodStart: "2023-02-29", periodEnd: "2023-03-31" }),
    ).toThrow(RangeError);
  });
});

describe("yearOnYear, the Nghe An 9-month exports", () => {
  it("computes 32.01% from a Jan–Sep 2023 figure of 1,762 million and agrees with the print", () => {
    const prior = janSep2023(M(1762), { id: 900, status: "final" });
    const yoy = yearOnYear("flow", exportsJanSep2024, [prior, exportsJanSep2024], asOf);
    expect(yoy).toEqual({
      priorPeriod: { periodStart: "2023-01-01", periodEnd: "2023-09-30" },
      prior: {
        actualId: 900,
        value: M(1762),
        periodStart: "2023-01-01",
        periodEnd: "2023-09-30",
        status: "final",
        reportedAt: "2023-10-06",
      },
      growth: M(2326) / M(1762) - 1,
      reported: 0.3201,
      impliedPrior: null,
      warning: null,
    });
    expect(yoy?.growth).toBeCloseTo(0.32009, 5);
  });

  it("flags a prior of 1,700 million: the printed 32.01% disagrees with 36.82%", () => {
    const yoy = yearOnYear("flow", exportsJanSep2024, [janSep2023(M(1700))], asOf);
    expect(yoy?.growth).toBeCloseTo(0.368235, 6);
    expect(yoy?.impliedPrior).toBeNull();
    expect(yoy?.warning).toEqual({
      code: "reported_yoy_mismatch",
      reported: 0.3201,
      computed: M(2326) / M(1700) - 1,
      differencePp: expect.closeTo(4.8135, 4),
    });
  });

  it("with no prior figure on file, gives the prior the printed growth implies", () => {
    const yoy = yearOnYear("flow", exportsJanSep2024, [exportsJanSep2024], asOf);
    expect(yoy).toMatchObject({
      priorPeriod: { periodStart: "2023-01-01", periodEnd: "2023-09-30" },
      prior: null,
      growth: null,
      reported: 0.3201,
      warning: null,
    });
    // 2,326 / 1.3201 = 1,761.99 million: the 1,762 the source compared against.
    expect(yoy?.impliedPrior).toBeCloseTo(M(1761.987728), 0);
  });

  it("implies the Jan–Jul 2023 figure from 'reached 1.677 billion USD, an increase of 26%'", () => {
    const janJul = actual({
      periodEnd: "2024-07-31",
      value: B(1.677),
      reportedAt: "2024-08-20",
      reportedYoy: 0.26,
    });
    const yoy = yearOnYear("flow", janJul, [], "2024-08-31");
    expect(yoy?.priorPeriod).toEqual({ periodStart: "2023-01-01", periodEnd: "2023-07-31" });
    expect(yoy?.impliedPrior).toBeCloseTo(M(1677 / 1.26), 3);
  });

  it("has neither growth nor implied prior when nothing was printed and nothing is on file", () => {
    const unprinted = { ...exportsJanSep2024, reportedYoy: null };
    expect(yearOnYear("flow", unprinted, [], asOf)).toMatchObject({
      prior: null,
      growth: null,
      reported: null,
      impliedPrior: null,
      warning: null,
    });
  });

  it("computes growth without a warning when a prior is on file but no growth was printed", () => {
    const unprinted = { ...exportsJanSep2024, reportedYoy: undefined };
    const yoy = yearOnYear("flow", unprinted, [janSep2023(M(1700))], asOf);
    expect(yoy?.growth).toBeCloseTo(0.368235, 6);
    expect(yoy?.reported).toBeNull();
    expect(yoy?.warning).toBeNull();
  });
});

describe("yearOnYear, which prior-year figure counts", () => {
  const estimate = janSep2023(M(1700), { id: 10, status: "estimate", reportedAt: "2023-10-06" });
  const final = janSep2023(M(1762), { id: 11, status: "final", reportedAt: "2024-03-15" });

  it.each([
    ["after the revision, the final figure", "2024-10-15", 11, false],
    ["on the revision day, the final figure", "2024-03-15", 11, false],
    ["before the revision, the estimate (and the print disagrees)", "2024-03-14", 10, true],
  ])("as of %s", (_, date, expectedId, flagged) => {
    const yoy = yearOnYear("flow", exportsJanSep2024, [final, estimate], date);
    expect(yoy?.prior?.actualId).toBe(expectedId);
    expect(yoy?.warning !== null).toBe(flagged);
  });

  it("ignores a prior-year figure reported after asOf, and falls back to the implied one", () => {
    const late = janSep2023(M(1762), { reportedAt: "2024-11-01" });
    const yoy = yearOnYear("flow", exportsJanSep2024, [late], asOf);
    expect(yoy?.prior).toBeNull();
    expect(yoy?.impliedPrior).not.toBeNull();
  });

  it("breaks a tie on reportedAt by the higher id (recorded later)", () => {
    const first = janSep2023(M(1700), { id: 50, reportedAt: "2024-01-10" });
    const second = janSep2023(M(1762), { id: 51, reportedAt: "2024-01-10" });
    expect(yearOnYear("flow", exportsJanSep2024, [second, first], asOf)?.prior?.actualId).toBe(51);
  });

  it("compares reportedAt on its date part, so a full timestamp works", () => {
    const stamped = janSep2023(M(1762), { reportedAt: "2024-10-15T09:30:00Z" });
    expect(yearOnYear("flow", exportsJanSep2024, [stamped], asOf)?.prior?.value).toBe(M(1762));
  });

  it.each([
    ["a different start (Jul–Sep 2023)", { periodStart: "2023-07-01" }],
    ["a different end (Jan–Aug 2023)", { periodEnd: "2023-08-31" }],
    ["two years earlier (Jan–Sep 2022)", { periodStart: "2022-01-01", periodEnd: "2022-09-30" }],
    ["the whole of 2023", { periodEnd: "2023-12-31" }],
    ["a non-finite value", { value: Number.NaN }],
    ["an invalid reportedAt", { reportedAt: "yesterday" }],
  ])("does not use %s", (_, overrides) => {
    const other = janSep2023(M(1762), overrides);
    expect(yearOnYear("flow", exportsJanSep2024, [other], asOf)?.prior).toBeNull();
  });

  it("does not add up the months of the prior year into the missing period", () => {
    const pieces = [
      actual({ periodStart: "2023-01-01", periodEnd: "2023-06-30", value: M(1000) }),
      actual({ periodStart: "2023-07-01", periodEnd: "2023-09-30", value: M(762) }),
    ];
    expect(yearOnYear("flow", exportsJanSep2024, pieces, asOf)?.prior).toBeNull();
  });

  it("finds Jan–Feb 2023 (ending Feb 28) for Jan–Feb 2024 (ending Feb 29)", () => {
    const current = actual({ periodEnd: "2024-02-29", value: 130, reportedYoy: 0.3 });
    const prior = actual({ periodStart: "2023-01-01", periodEnd: "2023-02-28", value: 100 });
    const yoy = yearOnYear("flow", current, [prior], "2024-03-31");
    expect(yoy?.prior?.periodEnd).toBe("2023-02-28");
    expect(yoy?.growth).toBeCloseTo(0.3, 12);
    expect(yoy?.warning).toBeNull();
  });

  it("finds Jan–Feb 2024 (ending Feb 29) for Jan–Feb 2025 (ending Feb 28)", () => {
    const current = actual({ periodStart: "2025-01-01", periodEnd: "2025-02-28", value: 90 });
    const prior = actual({ periodStart: "2024-01-01", periodEnd: "2024-02-29", value: 100 });
    expect(yearOnYear("level", current, [prior], "2025-03-31")?.growth).toBeCloseTo(-0.1, 12);
  });
});

describe("yearOnYear by measure", () => {
  it("compares a yearly level with the year before: 3.11 bn in 2023 on 2.539 bn in 2022", () => {
    const y2022 = actual({
      periodStart: "2022-01-01",
      periodEnd: "2022-12-31",
      value: B(2.539),
      status: "final",
    });
    const y2023 = actual({
      periodStart: "2023-01-01",
      periodEnd: "2023-12-31",
      value: B(3.11),
      reportedAt: "2024-01-10",
    });
    const yoy = yearOnYear("level", y2023, [y2022, y2023], "2024-10-15");
    expect(yoy?.prior?.actualId).toBe(y2022.id);
    expect(yoy?.growth).toBeCloseTo(0.22489, 5);
  });

  it("compares a stock on a day with the same day a year earlier", () => {
    const now = actual({ periodStart: "2024-09-30", periodEnd: "2024-09-30", value: 120 });
    const before = actual({ periodStart: "2023-09-30", periodEnd: "2023-09-30", value: 100 });
    expect(yearOnYear("level", now, [before], "2024-10-15")?.growth).toBeCloseTo(0.2, 12);
  });

  it("gives nothing for a rate: the growth of a growth rate is not a published figure", () => {
    const iip = actual({ periodEnd: "2024-07-31", value: 10.16, reportedYoy: 0.1016 });
    const before = actual({ periodStart: "2023-01-01", periodEnd: "2023-07-31", value: 6 });
    expect(yearOnYear("rate", iip, [before], "2024-08-31")).toBeNull();
  });
});

describe("yearOnYear, the cross-check and finite safety", () => {
  it("allows the printed growth the same 0.05 points as printed attainment", () => {
    expect(YOY_MISMATCH_TOLERANCE).toBe(ATTAINMENT_MISMATCH_TOLERANCE);
  });

  const current = (value: number, reportedYoy: number | null = null) =>
    actual({ periodEnd: "2024-09-30", value, reportedYoy });
  const prior = (value: number) => janSep2023(value, { reportedAt: "2024-01-01" });

  it.each([
    // 1100 / 1000 − 1 = 0.10000000000000009
    ["exactly equal", 0.1, false],
    ["0.04 points apart", 0.1004, false],
    ["0.05 points apart, on the tolerance", 0.1005, false],
    ["0.05 points below, on the tolerance", 0.0995, false],
    ["0.06 points apart", 0.1006, true],
    ["0.06 points below", 0.0994, true],
    ["printed as 10 instead of 0.10 (a percent typed as a ratio)", 10, true],
  ])("printed growth %s: flagged = %s", (_, reported, flagged) => {
    const yoy = yearOnYear("flow", current(1100, reported), [prior(1000)], asOf);
    expect(yoy?.warning !== null).toBe(flagged);
    if (yoy?.warning) {
      expect(yoy.warning.differencePp).toBeCloseTo(Math.abs(reported - 0.1) * 100, 9);
    }
  });

  it.each([
    ["a zero prior", 100, 0],
    ["a negative prior (a deficit)", 100, -50],
    ["a tiny prior that overflows the ratio", 1e300, 1e-300],
    ["a non-finite current", Number.POSITIVE_INFINITY, 1],
  ])("has no growth and no warning with %s", (_, currentValue, priorValue) => {
    const yoy = yearOnYear("flow", current(currentValue, 0.5), [prior(priorValue)], asOf);
    expect(yoy?.prior?.value).toBe(priorValue);
    expect(yoy?.growth).toBeNull();
    expect(yoy?.warning).toBeNull();
    expect(yoy?.impliedPrior).toBeNull();
  });

  it("keeps growth for a current figure that turned negative", () => {
    expect(yearOnYear("flow", current(-50), [prior(100)], asOf)?.growth).toBe(-1.5);
  });

  it("caps the difference in points when a huge printed rate meets a huge computed one", () => {
    const warning = yoyMismatch(-1.7e308, 1.7e308);
    expect(warning?.differencePp).toBe(Number.MAX_VALUE);
    const yoy = yearOnYear("flow", current(1.7e308, -1.7e308), [prior(1)], asOf);
    expect(yoy?.warning?.differencePp).toBe(Number.MAX_VALUE);
    expect(yoy?.warning?.computed).toBe(1.7e308);
  });

  it.each([
    ["NaN", Number.NaN],
    ["Infinity", Number.POSITIVE_INFINITY],
  ])("treats a printed growth of %s as not printed", (_, reportedYoy) => {
    const yoy = yearOnYear("flow", current(1100, reportedYoy), [], asOf);
    expect(yoy?.reported).toBeNull();
    expect(yoy?.impliedPrior).toBeNull();
  });

  it.each([
    ["−100%", -1, null],
    ["−150%", -1.5, null],
    ["−50%", -0.5, 2200],
    ["0%", 0, 1100],
  ])("implies a prior from a printed %s: %s", (_, reported, implied) => {
    expect(yearOnYear("flow", current(1100, reported), [], asOf)?.impliedPrior).toBe(implied);
  });

  it("does not overflow an implied prior from a printed growth just above −100%", () => {
    expect(impliedPriorValue(1e308, -1 + 1e-15)).toBeNull();
    expect(impliedPriorValue(-0, 0.5)).toBe(0);
    expect(Object.is(impliedPriorValue(-0, 0.5), 0)).toBe(true);
  });

  it("rejects an invalid asOf", () => {
    expect(() => yearOnYear("flow", exportsJanSep2024, [], "2024-13-01")).toThrow(RangeError);
  });
});

describe("year-on-year properties", () => {
  const DAY_2000 = toDayNumber("2000-01-01");
  const positive = fc.double({ min: 1e-6, max: 1e12, noNaN: true, noDefaultInfinity: true });
  const anyFinite = fc.double({ noNaN: true, noDefaultInfinity: true });
  const measureArb = fc.constantFrom<Measure>("flow", "level");

  // A current period inside 2001–2040, its vintages and unrelated figures around it.
  const caseArb = fc
    .record({
      start: fc.integer({ min: DAY_2000 + 366, max: DAY_2000 + 14600 }),
      length: fc.integer({ min: 0, max: 800 }),
      currentValue: fc.double({ min: -1e12, max: 1e12, noNaN: true, noDefaultInfinity: true }),
      priorValues: fc.array(positive, { minLength: 1, maxLength: 4 }),
      noise: fc.array(
        fc.record({
          startOffset: fc.integer({ min: -800, max: 400 }),
          length: fc.integer({ min: 0, max: 400 }),
          value: positive,
        }),
        { maxLength: 4 },
      ),
      reportedYoy: fc.option(fc.double({ min: -2, max: 5, noNaN: true })),
      measure: measureArb,
    })
    .map(({ start, length, currentValue, priorValues, noise, reportedYoy, measure }) => {
      const current = actual({
        periodStart: fromDayNumber(start),
        periodEnd: fromDayNumber(start + length),
        value: currentValue,
        reportedYoy,
        reportedAt: fromDayNumber(start + length + 20),
      });
      const priorPeriod = samePeriodLastYear(current)!;
      const priorReported = toDayNumber(priorPeriod.periodEnd) + 20;
      // Vintages of the prior-year figure reported a week apart, plus one reported too late.
      const vintages = priorValues.map((value, i) =>
        actual({ ...priorPeriod, value, reportedAt: fromDayNumber(priorReported + 7 * i) }),
      );
      const asOf = fromDayNumber(
        Math.max(start + length + 20, priorReported + 7 * priorValues.length),
      );
      const tooLate = actual({
        ...priorPeriod,
        value: 123_456,
        reportedAt: fromDayNumber(toDayNumber(asOf) + 1),
      });
      // Figures for other periods, which must never be taken for the prior year's.
      const others = noise
        .map(({ startOffset, length: l, value }) =>
          actual({
            periodStart: fromDayNumber(start + startOffset),
            periodEnd: fromDayNumber(start + startOffset + l),
            value,
            reportedAt: fromDayNumber(start),
          }),
        )
        .filter(
          (a) => a.periodStart !== priorPeriod.periodStart || a.periodEnd !== priorPeriod.periodEnd,
        );
      return { measure, current, vintages, tooLate, others, asOf };
    });

  it("equals current ÷ prior − 1 computed directly from the latest stored prior-year vintage", () => {
    fc.assert(
      fc.property(caseArb, ({ measure, current, vintages, tooLate, others, asOf }) => {
        const yoy = yearOnYear(measure, current, [...others, tooLate, ...vintages, current], asOf);
        const expectedPrior = vintages.at(-1)!;
        const direct = current.value / expectedPrior.value - 1;
        expect(yoy?.prior?.actualId).toBe(expectedPrior.id);
        expect(yoy?.growth).toBe(Number.isFinite(direct) ? direct : null);
        expect(yoy?.impliedPrior).toBeNull();
        const reported = current.reportedYoy ?? null;
        expect(yoy?.reported).toBe(reported);
        const flagged =
          reported !== null &&
          yoy?.growth != null &&
          Math.abs(reported - yoy.growth) > YOY_MISMATCH_TOLERANCE + 1e-9;
        expect(yoy?.warning !== null).toBe(flagged);
      }),
      { numRuns: 300 },
    );
  });

  it("never returns NaN or Infinity, whatever the figures", () => {
    fc.assert(
      fc.property(
        measureArb,
        anyFinite,
        anyFinite,
        fc.option(anyFinite),
        (measure, currentValue, priorValue, reportedYoy) => {
          const current = actual({ value: currentValue, reportedYoy, reportedAt: "2024-10-01" });
          const prior = janSep2023(priorValue);
          for (const actuals of [[prior], []]) {
            const yoy = yearOnYear(measure, current, actuals, asOf)!;
            for (const value of [
              yoy.growth,
              yoy.impliedPrior,
              yoy.warning?.computed,
              yoy.warning?.differencePp,
            ]) {
              if (value !== null && value !== undefined) expect(Number.isFinite(value)).toBe(true);
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it("an implied prior reproduces the printed growth", () => {
    fc.assert(
      fc.property(positive, fc.double({ min: -0.99, max: 10, noNaN: true }), (value, printed) => {
        const implied = impliedPriorValue(value, printed)!;
        expect(growthRate(value, implied)).toBeCloseTo(printed, 9);
      }),
    );
  });

  it("shifts both ends back by 365 or 366 days, keeping month ends at month ends", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: DAY_2000, max: DAY_2000 + 14600 }),
        fc.integer({ min: 0, max: 800 }),
        (start, length) => {
          const period = {
            periodStart: fromDayNumber(start),
            periodEnd: fromDayNumber(start + length),
          };
          const prior = samePeriodLastYear(period)!;
          for (const [now, before] of [
            [period.periodStart, prior.periodStart],
            [period.periodEnd, prior.periodEnd],
          ] as const) {
            expect([365, 366]).toContain(toDayNumber(now) - toDayNumber(before));
            const a = parseIsoDate(now)!;
            const b = parseIsoDate(before)!;
            expect(b.month).toBe(a.month);
            const aEnds = a.day === daysInMonth(a.year, a.month);
            const bEnds = b.day === daysInMonth(b.year, b.month);
            // A month end stays one; the only other day that lands on one is February 28 of
            // a leap year, which keeps its number and ends February the year before.
            if (aEnds) expect(bEnds).toBe(true);
            else if (bEnds) expect([a.month, a.day, b.day]).toEqual([2, 28, 28]);
          }
          expect(prior.periodStart <= prior.periodEnd).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});

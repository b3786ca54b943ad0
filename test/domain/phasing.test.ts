import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays, fromDayNumber, toDayNumber } from "../../src/domain/dates";
import { expectedFraction, type PhasedPeriod, phasingProblem } from "../../src/domain/phasing";
import type { Phasing } from "../../src/domain/types";

const linear: Phasing = { kind: "linear" };
const year2024: PhasedPeriod = {
  periodStart: "2024-01-01",
  periodEnd: "2024-12-31",
  phasing: linear,
};

describe("expectedFraction, linear", () => {
  it.each([
    ["2023-12-31", 0],
    ["2024-01-01", 1 / 366],
    ["2024-02-29", 60 / 366],
    ["2024-07-31", 213 / 366],
    ["2024-09-30", 274 / 366],
    ["2024-12-30", 365 / 366],
    ["2024-12-31", 1],
    ["2025-06-30", 1],
  ])("2024 plan at %s → %d", (date, fraction) => {
    expect(expectedFraction(year2024, date)).toBeCloseTo(fraction, 15);
  });

  it("counts the leap day: Jan–Sep 2024 is 274/366, Jan–Sep 2023 is 273/365", () => {
    const year2023: PhasedPeriod = {
      periodStart: "2023-01-01",
      periodEnd: "2023-12-31",
      phasing: linear,
    };
    expect(expectedFraction(year2024, "2024-09-30")).toBe(274 / 366);
    expect(expectedFraction(year2023, "2023-09-30")).toBe(273 / 365);
  });

  it("works for a quarter and a multi-year term", () => {
    const q3 = { periodStart: "2024-07-01", periodEnd: "2024-09-30", phasing: linear };
    expect(expectedFraction(q3, "2024-08-15")).toBe(46 / 92);
    const term = { periodStart: "2021-01-01", periodEnd: "2025-12-31", phasing: linear };
    expect(expectedFraction(term, "2023-12-31")).toBe(1095 / 1826);
  });

  it("rejects a period that ends before it starts", () => {
    expect(() =>
      expectedFraction(
        { periodStart: "2024-02-01", periodEnd: "2024-01-31", phasing: linear },
        "2024-01-15",
      ),
    ).toThrow(RangeError);
  });
});

describe("expectedFraction, monthly weights", () => {
  // Tet holiday in Jan/Feb: those months weigh half as much as the others.
  const tet: Phasing = {
    kind: "monthly_weights",
    weights: [5, 5, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10],
  };
  const tetYear: PhasedPeriod = {
    periodStart: "2024-01-01",
    periodEnd: "2024-12-31",
    phasing: tet,
  };

  it.each([
    ["2024-01-31", 5 / 110],
    ["2024-02-29", 10 / 110],
    ["2024-02-15", (5 + (5 * 15) / 29) / 110],
    ["2024-06-30", 50 / 110],
    ["2024-09-30", 80 / 110],
    ["2024-12-31", 1],
  ])("2024 with a Tet dip at %s → %d", (date, fraction) => {
    expect(expectedFraction(tetYear, date)).toBeCloseTo(fraction, 12);
  });

  it("differs from linear where the profile is uneven", () => {
    expect(expectedFraction(tetYear, "2024-02-29")).toBeLessThan(
      expectedFraction(year2024, "2024-02-29"),
    );
  });

  it("equal weights behave like whole calendar months, not days", () => {
    const flat: Phasing = { kind: "monthly_weights", weights: Array.from({ length: 12 }, () => 1) };
    expect(expectedFraction({ ...year2024, phasing: flat }, "2024-02-29")).toBeCloseTo(2 / 12, 15);
  });

  it("uses only the weights of the months inside a quarter", () => {
    const q1: PhasedPeriod = { periodStart: "2024-01-01", periodEnd: "2024-03-31", phasing: tet };
    expect(expectedFraction(q1, "2024-02-29")).toBeCloseTo(10 / 20, 15);
  });

  it("spans years: a two-year plan is half done after the first year", () => {
    const twoYears: PhasedPeriod = {
      periodStart: "2024-01-01",
      periodEnd: "2025-12-31",
      phasing: tet,
    };
    expect(expectedFraction(twoYears, "2024-12-31")).toBeCloseTo(0.5, 15);
    expect(expectedFraction(twoYears, "2025-01-31")).toBeCloseTo(115 / 220, 15);
  });

  it("prorates a period that starts mid-month by days of that month", () => {
    const fromMid: PhasedPeriod = {
      periodStart: "2024-01-16",
      periodEnd: "2024-02-29",
      phasing: tet,
    };
    // Jan 16–31 = 16/31 of January's 5, then February's 5.
    expect(expectedFraction(fromMid, "2024-01-31")).toBeCloseTo(
      (5 * 16) / 31 / ((5 * 16) / 31 + 5),
      15,
    );
  });

  it.each([
    [{ kind: "monthly_weights", weights: [1, 2, 3] } as Phasing],
    [{ kind: "monthly_weights", weights: Array.from({ length: 12 }, () => 0) } as Phasing],
    [{ kind: "monthly_weights", weights: [-1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1] } as Phasing],
  ])("falls back to linear when the weights are unusable (%j)", (phasing) => {
    expect(phasingProblem(phasing)).not.toBeNull();
    expect(expectedFraction({ ...year2024, phasing }, "2024-09-30")).toBe(274 / 366);
  });

  it("falls back to linear when every month inside the period weighs zero", () => {
    const secondHalf: Phasing = {
      kind: "monthly_weights",
      weights: [0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1],
    };
    const q1: PhasedPeriod = {
      periodStart: "2024-01-01",
      periodEnd: "2024-03-31",
      phasing: secondHalf,
    };
    expect(phasingProblem(secondHalf)).toBeNull();
    expect(expectedFraction(q1, "2024-01-31")).toBe(31 / 91);
  });
});

describe("expectedFraction properties", () => {
  const weightsArb = fc.array(
    fc.oneof(
      fc.constant(0),
      fc.double({ min: 0, max: 1000, noNaN: true, noDefaultInfinity: true }),
    ),
    { minLength: 12, maxLength: 12 },
  );
  const phasingArb: fc.Arbitrary<Phasing> = fc.oneof(
    fc.constant<Phasing>({ kind: "linear" }),
    weightsArb.map<Phasing>((weights) => ({ kind: "monthly_weights", weights })),
  );
  // Plans within 2000–2040 up to about three years long, and dates around them.
  const caseArb = fc
    .record({
      start: fc.integer({ min: 10957, max: 25567 }),
      length: fc.integer({ min: 0, max: 1100 }),
      phasing: phasingArb,
      a: fc.integer({ min: -40, max: 1140 }),
      b: fc.integer({ min: -40, max: 1140 }),
    })
    .map(({ start, length, phasing, a, b }) => ({
      plan: {
        periodStart: fromDayNumber(start),
        periodEnd: fromDayNumber(start + length),
        phasing,
      },
      earlier: fromDayNumber(start + Math.min(a, b)),
      later: fromDayNumber(start + Math.max(a, b)),
    }));

  it("stays within [0, 1] and never decreases as the date advances", () => {
    fc.assert(
      fc.property(caseArb, ({ plan, earlier, later }) => {
        const f1 = expectedFraction(plan, earlier);
        const f2 = expectedFraction(plan, later);
        expect(f1).toBeGreaterThanOrEqual(0);
        expect(f2).toBeLessThanOrEqual(1);
        expect(f2).toBeGreaterThanOrEqual(f1);
      }),
      { numRuns: 300 },
    );
  });

  it("never decreases from one day to the next", () => {
    fc.assert(
      fc.property(caseArb, ({ plan, earlier }) => {
        const next = addDays(earlier, 1);
        expect(expectedFraction(plan, next)).toBeGreaterThanOrEqual(
          expectedFraction(plan, earlier),
        );
      }),
      { numRuns: 300 },
    );
  });

  it("is exactly 1 on the last day and 0 the day before the start", () => {
    fc.assert(
      fc.property(caseArb, ({ plan }) => {
        expect(expectedFraction(plan, plan.periodEnd)).toBe(1);
        expect(expectedFraction(plan, fromDayNumber(toDayNumber(plan.periodStart) - 1))).toBe(0);
      }),
    );
  });
});

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays, fromDayNumber, toDayNumber } from "../../src/domain/dates";
import { calendarPeriodOf, expectedPeriods } from "../../src/domain/expected-periods";
import { CADENCES, type Cadence } from "../../src/domain/vocabulary";

describe("calendarPeriodOf", () => {
  it.each<[Cadence, string, string, string]>([
    ["monthly", "2024-02-10", "2024-02-01", "2024-02-29"],
    ["monthly", "2023-02-28", "2023-02-01", "2023-02-28"],
    ["quarterly", "2024-08-15", "2024-07-01", "2024-09-30"],
    ["quarterly", "2024-12-31", "2024-10-01", "2024-12-31"],
    ["quarterly", "2024-01-01", "2024-01-01", "2024-03-31"],
    ["annual", "2024-06-30", "2024-01-01", "2024-12-31"],
  ])("%s period of %s is %s..%s", (cadence, date, start, end) => {
    expect(calendarPeriodOf(cadence, date)).toEqual({ start, end });
  });

  it("throws on an invalid date", () => {
    expect(() => calendarPeriodOf("monthly", "2024-02-30")).toThrow(RangeError);
  });
});

describe("expectedPeriods", () => {
  it("every month a range touches, whole", () => {
    expect(expectedPeriods("monthly", "2024-01-15", "2024-03-10")).toEqual([
      { start: "2024-01-01", end: "2024-01-31" },
      { start: "2024-02-01", end: "2024-02-29" },
      { start: "2024-03-01", end: "2024-03-31" },
    ]);
  });

  it("the four quarters of a plan year", () => {
    expect(expectedPeriods("quarterly", "2024-01-01", "2024-12-31").map((p) => p.end)).toEqual([
      "2024-03-31",
      "2024-06-30",
      "2024-09-30",
      "2024-12-31",
    ]);
  });

  it("two years when a range crosses New Year by a day", () => {
    expect(expectedPeriods("annual", "2023-06-01", "2024-01-01")).toEqual([
      { start: "2023-01-01", end: "2023-12-31" },
      { start: "2024-01-01", end: "2024-12-31" },
    ]);
  });

  it("one period for a single day, none when the range is reversed", () => {
    expect(expectedPeriods("monthly", "2024-09-30", "2024-09-30")).toEqual([
      { start: "2024-09-01", end: "2024-09-30" },
    ]);
    expect(expectedPeriods("monthly", "2024-10-01", "2024-09-30")).toEqual([]);
  });

  it("tiles the range: contiguous calendar periods, the first holding from, the last holding to", () => {
    const day = fc.integer({ min: toDayNumber("2020-01-01"), max: toDayNumber("2030-12-31") });
    fc.assert(
      fc.property(
        fc.constantFrom(...CADENCES),
        day,
        fc.integer({ min: 0, max: 1200 }),
        (cadence, fromDay, length) => {
          const from = fromDayNumber(fromDay);
          const to = fromDayNumber(fromDay + length);
          const periods = expectedPeriods(cadence, from, to);
          expect(periods[0]!.start <= from && from <= periods[0]!.end).toBe(true);
          const last = periods.at(-1)!;
          expect(last.start <= to && to <= last.end).toBe(true);
          for (const [i, period] of periods.entries()) {
            expect(calendarPeriodOf(cadence, period.start)).toEqual(period);
            if (i > 0) expect(period.start).toBe(addDays(periods[i - 1]!.end, 1));
          }
        },
      ),
    );
  });
});

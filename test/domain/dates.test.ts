import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addDays,
  addMonths,
  compareIsoDates,
  daysBetween,
  daysInclusive,
  daysInMonth,
  endOfMonth,
  endOfQuarter,
  endOfYear,
  fromDayNumber,
  isLeapYear,
  isValidIsoDate,
  monthsBetween,
  parseIsoDate,
  toDayNumber,
} from "../../src/domain/dates";

// Day numbers for years 1900–2100, a range where Date.UTC is a trustworthy oracle.
const dayNumberArb = fc.integer({ min: -25567, max: 47482 });

describe("isValidIsoDate", () => {
  it.each([
    ["2024-02-29", true],
    ["2023-02-29", false],
    ["2026-02-30", false],
    ["2000-02-29", true],
    ["1900-02-29", false],
    ["2024-12-31", true],
    ["2024-13-01", false],
    ["2024-00-10", false],
    ["2024-04-31", false],
    ["2024-1-01", false],
    ["2024-01-01T00:00:00Z", false],
    [" 2024-01-01", false],
    ["", false],
  ])("%s → %s", (text, valid) => {
    expect(isValidIsoDate(text)).toBe(valid);
  });

  it("parses the parts of a valid date", () => {
    expect(parseIsoDate("2024-09-30")).toEqual({ year: 2024, month: 9, day: 30 });
  });
});

describe("leap years and month lengths", () => {
  it.each([
    [2024, true],
    [2023, false],
    [2000, true],
    [1900, false],
    [2100, false],
  ])("isLeapYear(%i) = %s", (year, leap) => {
    expect(isLeapYear(year)).toBe(leap);
  });

  it.each([
    [2024, 2, 29],
    [2023, 2, 28],
    [2024, 4, 30],
    [2024, 12, 31],
  ])("daysInMonth(%i, %i) = %i", (year, month, days) => {
    expect(daysInMonth(year, month)).toBe(days);
  });
});

describe("day numbers", () => {
  it.each([
    ["1970-01-01", 0],
    ["1970-01-02", 1],
    ["1969-12-31", -1],
    ["2000-03-01", 11017],
    ["2024-02-29", 19782],
  ])("toDayNumber(%s) = %i", (date, n) => {
    expect(toDayNumber(date)).toBe(n);
  });

  it("agrees with Date.UTC and round-trips", () => {
    fc.assert(
      fc.property(dayNumberArb, (n) => {
        const date = fromDayNumber(n);
        expect(isValidIsoDate(date)).toBe(true);
        expect(toDayNumber(date)).toBe(n);
        const [y, m, d] = date.split("-").map(Number);
        expect(Date.UTC(y ?? 0, (m ?? 1) - 1, d) / 86_400_000).toBe(n);
      }),
    );
  });

  it("rejects invalid dates instead of rolling them over", () => {
    expect(() => toDayNumber("2026-02-30")).toThrow(RangeError);
  });

  // Day numbers of 1900–2199 come from a table of month starts, others from arithmetic: the
  // days either side of each edge must agree with Date.UTC and round-trip.
  it.each([
    "1899-12-30",
    "1899-12-31",
    "1900-01-01",
    "1900-01-02",
    "2199-12-30",
    "2199-12-31",
    "2200-01-01",
    "2200-01-02",
  ])("is the same either side of the table's edge: %s", (date) => {
    const [y, m, d] = date.split("-").map(Number);
    const expected = Date.UTC(y ?? 0, (m ?? 1) - 1, d) / 86_400_000;
    expect(toDayNumber(date)).toBe(expected);
    expect(fromDayNumber(expected)).toBe(date);
    expect(addDays(date, 1)).toBe(fromDayNumber(expected + 1));
  });
});

describe("daysInclusive / daysBetween", () => {
  it.each([
    ["2024-01-01", "2024-12-31", 366],
    ["2023-01-01", "2023-12-31", 365],
    ["2024-01-01", "2024-09-30", 274],
    ["2024-01-01", "2024-01-01", 1],
    ["2024-02-28", "2024-03-01", 3],
    ["2024-01-02", "2024-01-01", 0],
  ])("%s..%s has %i days", (start, end, days) => {
    expect(daysInclusive(start, end)).toBe(days);
  });

  it("daysBetween is the exclusive difference", () => {
    expect(daysBetween("2024-02-28", "2024-03-01")).toBe(2);
    expect(daysBetween("2024-03-01", "2024-02-28")).toBe(-2);
  });
});

describe("addDays / addMonths", () => {
  it.each([
    ["2024-02-28", 1, "2024-02-29"],
    ["2024-02-29", 1, "2024-03-01"],
    ["2023-02-28", 1, "2023-03-01"],
    ["2024-12-31", 1, "2025-01-01"],
    ["2024-03-01", -1, "2024-02-29"],
    ["2024-09-30", 30, "2024-10-30"],
  ])("addDays(%s, %i) = %s", (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
  });

  it.each([
    ["2024-01-31", 1, "2024-02-29"],
    ["2023-01-31", 1, "2023-02-28"],
    ["2024-02-29", 12, "2025-02-28"],
    ["2024-11-15", 3, "2025-02-15"],
    ["2024-03-31", -1, "2024-02-29"],
    ["2024-01-15", -13, "2022-12-15"],
  ])("addMonths(%s, %i) = %s", (date, months, expected) => {
    expect(addMonths(date, months)).toBe(expected);
  });

  it("addDays moves by exactly n day numbers", () => {
    fc.assert(
      fc.property(dayNumberArb, fc.integer({ min: -1000, max: 1000 }), (n, k) => {
        expect(toDayNumber(addDays(fromDayNumber(n), k))).toBe(n + k);
      }),
    );
  });
});

describe("period ends", () => {
  it.each([
    ["2024-02-10", "2024-02-29", "2024-03-31", "2024-12-31"],
    ["2023-02-10", "2023-02-28", "2023-03-31", "2023-12-31"],
    ["2024-07-01", "2024-07-31", "2024-09-30", "2024-12-31"],
    ["2024-12-31", "2024-12-31", "2024-12-31", "2024-12-31"],
  ])("%s: month %s, quarter %s, year %s", (date, month, quarter, year) => {
    expect(endOfMonth(date)).toBe(month);
    expect(endOfQuarter(date)).toBe(quarter);
    expect(endOfYear(date)).toBe(year);
  });

  it("compares dates chronologically", () => {
    expect(compareIsoDates("2024-09-30", "2024-10-01")).toBe(-1);
    expect(compareIsoDates("2024-10-01", "2024-10-01")).toBe(0);
    expect(compareIsoDates("2025-01-01", "2024-12-31")).toBe(1);
  });
});

describe("monthsBetween", () => {
  it.each([
    ["2024-10-01", "2024-12-31", 3],
    ["2024-01-01", "2024-12-31", 12],
    ["2024-01-01", "2024-09-30", 9],
    ["2024-02-01", "2024-02-29", 1],
    ["2024-02-01", "2024-02-15", 15 / 29],
    ["2023-02-01", "2023-02-14", 0.5],
    ["2024-01-16", "2024-03-31", 16 / 31 + 2],
    ["2024-01-01", "2024-03-15", 2 + 15 / 31],
    ["2021-01-01", "2025-12-31", 60],
    ["2024-12-31", "2024-12-31", 1 / 31],
    ["2025-01-01", "2024-12-31", 0],
  ])("%s..%s = %d months", (start, end, months) => {
    expect(monthsBetween(start, end)).toBeCloseTo(months, 12);
  });

  it("whole calendar months count exactly, whatever their length", () => {
    expect(monthsBetween("2024-10-01", "2024-12-31")).toBe(3);
    expect(monthsBetween("2024-02-01", "2024-04-30")).toBe(3);
  });

  it("is additive over adjacent ranges", () => {
    fc.assert(
      fc.property(
        dayNumberArb,
        fc.integer({ min: 0, max: 800 }),
        fc.integer({ min: 1, max: 800 }),
        (start, a, b) => {
          const s = fromDayNumber(start);
          const mid = fromDayNumber(start + a);
          const e = fromDayNumber(start + a + b);
          const whole = monthsBetween(s, e);
          const parts = monthsBetween(s, mid) + monthsBetween(addDays(mid, 1), e);
          expect(whole).toBeCloseTo(parts, 9);
        },
      ),
    );
  });
});

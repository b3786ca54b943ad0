import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fromDayNumber, toDayNumber } from "../../src/domain/dates";
import type { ActualInput } from "../../src/domain/types";
import { knownBy, latestKnownVintages, latestVintages } from "../../src/domain/vintages";

let nextId = 1;
function actual(overrides: Partial<ActualInput> = {}): ActualInput {
  return {
    id: nextId++,
    periodStart: "2023-01-01",
    periodEnd: "2023-09-30",
    value: 1,
    status: "estimate",
    reportedAt: "2023-10-06",
    ...overrides,
  };
}

describe("latestKnownVintages", () => {
  it("keeps the latest vintage of each period reported by asOf", () => {
    const estimate = actual({ value: 1700, reportedAt: "2023-10-06" });
    const final = actual({ value: 1762, status: "final", reportedAt: "2024-03-15" });
    const later = actual({ value: 1800, reportedAt: "2024-11-01" });
    expect(latestKnownVintages([later, final, estimate], "2024-10-15")).toEqual([final]);
    expect(latestKnownVintages([later, final, estimate], "2024-03-14")).toEqual([estimate]);
    expect(latestKnownVintages([later, final, estimate], "2023-10-05")).toEqual([]);
  });

  it("breaks a tie on reportedAt by the higher id and reads a timestamp by its date", () => {
    const a = actual({ id: 7, reportedAt: "2024-01-10" });
    const b = actual({ id: 8, reportedAt: "2024-01-10" });
    expect(latestKnownVintages([b, a], "2024-01-10")).toEqual([b]);
    const stamped = actual({ reportedAt: "2024-01-10T23:59:59Z" });
    expect(latestKnownVintages([stamped], "2024-01-10")).toEqual([stamped]);
  });

  it.each([
    ["a non-finite value", { value: Number.NaN }],
    ["an invalid period end", { periodEnd: "2023-09-31" }],
    ["a reversed period", { periodStart: "2023-10-01" }],
    ["an invalid reportedAt", { reportedAt: "2023-13-01" }],
  ])("drops a row with %s", (_, overrides) => {
    expect(latestKnownVintages([actual(overrides)], "2024-12-31")).toEqual([]);
  });

  it("is latestVintages over the figures reported by asOf, timestamps read by their date", () => {
    const DAY = toDayNumber("2023-01-01");
    const rowArb = fc
      .record({
        id: fc.integer({ min: 1, max: 50 }),
        start: fc.integer({ min: 0, max: 60 }),
        length: fc.integer({ min: -5, max: 60 }),
        reported: fc.integer({ min: 0, max: 200 }),
        stamp: fc.boolean(),
        value: fc.oneof(fc.double({ noDefaultInfinity: true }), fc.constant(Number.NaN)),
      })
      .map(
        ({ id, start, length, reported, stamp, value }): ActualInput => ({
          id,
          periodStart: fromDayNumber(DAY + start),
          periodEnd: fromDayNumber(DAY + start + length),
          value,
          status: "estimate",
          reportedAt: `${fromDayNumber(DAY + reported)}${stamp ? "T12:00:00Z" : ""}`,
        }),
      );
    fc.assert(
      fc.property(
        fc.array(rowArb, { maxLength: 30 }),
        fc.integer({ min: -10, max: 210 }),
        (rows, asOffset) => {
          const asOf = fromDayNumber(DAY + asOffset);
          const reported = rows.filter((r) => r.reportedAt.slice(0, 10) <= asOf);
          expect(latestKnownVintages(rows, asOf)).toEqual(latestVintages(reported));
          for (const row of knownBy(rows, asOf)) {
            expect(reported).toContain(row);
            expect(Number.isFinite(row.value)).toBe(true);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays, fromDayNumber, toDayNumber } from "../../src/domain/dates";
import { formatSdmxPeriod, parseSdmxPeriod } from "../../src/formats/sdmx-period";

const span = (text: string) => {
  const p = parseSdmxPeriod(text);
  return p.ok ? [p.start, p.end] : p;
};

const refused = (text: string) => {
  const p = parseSdmxPeriod(text);
  if (p.ok) throw new Error(`${text} was read as ${p.start}..${p.end}`);
  return p.code;
};

describe("formatSdmxPeriod", () => {
  it("writes a calendar year as the bare year", () => {
    expect(formatSdmxPeriod("2024-01-01", "2024-12-31")).toBe("2024");
  });

  it("writes semesters, quarters and months as SDMX reporting periods", () => {
    expect(formatSdmxPeriod("2024-01-01", "2024-06-30")).toBe("2024-S1");
    expect(formatSdmxPeriod("2024-07-01", "2024-12-31")).toBe("2024-S2");
    expect(formatSdmxPeriod("2024-01-01", "2024-03-31")).toBe("2024-Q1");
    expect(formatSdmxPeriod("2024-04-01", "2024-06-30")).toBe("2024-Q2");
    expect(formatSdmxPeriod("2024-07-01", "2024-09-30")).toBe("2024-Q3");
    expect(formatSdmxPeriod("2024-10-01", "2024-12-31")).toBe("2024-Q4");
    expect(formatSdmxPeriod("2024-02-01", "2024-02-29")).toBe("2024-M02");
    expect(formatSdmxPeriod("2023-02-01", "2023-02-28")).toBe("2023-M02");
    expect(formatSdmxPeriod("2024-09-01", "2024-09-30")).toBe("2024-M09");
    expect(formatSdmxPeriod("2024-12-01", "2024-12-31")).toBe("2024-M12");
  });

  it("writes one day as the date", () => {
    expect(formatSdmxPeriod("2024-09-30", "2024-09-30")).toBe("2024-09-30");
  });

  it("writes a year-to-date total as SDMX's start/duration time range", () => {
    expect(formatSdmxPeriod("2024-01-01", "2024-09-30")).toBe("2024-01-01/P9M");
    expect(formatSdmxPeriod("2024-01-01", "2024-02-29")).toBe("2024-01-01/P2M");
    // Three months that are not a calendar quarter.
    expect(formatSdmxPeriod("2024-02-01", "2024-04-30")).toBe("2024-02-01/P3M");
  });

  it("writes whole years spanning several years in years, other spans in days", () => {
    expect(formatSdmxPeriod("2021-01-01", "2025-12-31")).toBe("2021-01-01/P5Y");
    expect(formatSdmxPeriod("2024-07-01", "2025-06-30")).toBe("2024-07-01/P1Y");
    expect(formatSdmxPeriod("2024-01-15", "2024-03-10")).toBe("2024-01-15/P56D");
    expect(formatSdmxPeriod("2024-01-01", "2024-01-02")).toBe("2024-01-01/P2D");
  });

  it("writes the start/end interval when asked", () => {
    expect(formatSdmxPeriod("2024-01-01", "2024-09-30", "end")).toBe("2024-01-01/2024-09-30");
    // Reporting periods keep their short names either way.
    expect(formatSdmxPeriod("2024-07-01", "2024-09-30", "end")).toBe("2024-Q3");
  });

  it("refuses invalid or reversed periods", () => {
    expect(() => formatSdmxPeriod("2024-02-30", "2024-03-31")).toThrow(RangeError);
    expect(() => formatSdmxPeriod("2024-03-31", "2024-03-01")).toThrow(RangeError);
  });
});

describe("parseSdmxPeriod", () => {
  it("reads years, with or without the A1 suffix", () => {
    expect(span("2024")).toEqual(["2024-01-01", "2024-12-31"]);
    expect(span("2024-A1")).toEqual(["2024-01-01", "2024-12-31"]);
  });

  it("reads semesters, trimesters and quarters", () => {
    expect(span("2024-S1")).toEqual(["2024-01-01", "2024-06-30"]);
    expect(span("2024-S2")).toEqual(["2024-07-01", "2024-12-31"]);
    expect(span("2024-T1")).toEqual(["2024-01-01", "2024-04-30"]);
    expect(span("2024-T2")).toEqual(["2024-05-01", "2024-08-31"]);
    expect(span("2024-T3")).toEqual(["2024-09-01", "2024-12-31"]);
    expect(span("2024-Q1")).toEqual(["2024-01-01", "2024-03-31"]);
    expect(span("2024-Q2")).toEqual(["2024-04-01", "2024-06-30"]);
    expect(span("2024-Q3")).toEqual(["2024-07-01", "2024-09-30"]);
    expect(span("2024-Q4")).toEqual(["2024-10-01", "2024-12-31"]);
  });

  it("reads every month, in SDMX's and in ISO's spelling", () => {
    for (let m = 1; m <= 12; m += 1) {
      const mm = String(m).padStart(2, "0");
      const p = parseSdmxPeriod(`2023-M${mm}`);
      expect(p.ok && p.start).toBe(`2023-${mm}-01`);
      expect(span(`2023-${mm}`)).toEqual(span(`2023-M${mm}`));
    }
    expect(span("2024-M02")).toEqual(["2024-02-01", "2024-02-29"]);
    expect(span("2023-M02")).toEqual(["2023-02-01", "2023-02-28"]);
  });

  it("reads days, as dates and as days of the year", () => {
    expect(span("2024-09-30")).toEqual(["2024-09-30", "2024-09-30"]);
    expect(span("2024-D001")).toEqual(["2024-01-01", "2024-01-01"]);
    expect(span("2024-D366")).toEqual(["2024-12-31", "2024-12-31"]);
    expect(span("2023-D365")).toEqual(["2023-12-31", "2023-12-31"]);
  });

  it("reads time ranges given by start and duration", () => {
    expect(span("2024-01-01/P9M")).toEqual(["2024-01-01", "2024-09-30"]);
    expect(span("2021-01-01/P5Y")).toEqual(["2021-01-01", "2025-12-31"]);
    expect(span("2024-01-01/P1Y6M")).toEqual(["2024-01-01", "2025-06-30"]);
    expect(span("2024-01-29/P1W")).toEqual(["2024-01-29", "2024-02-04"]);
    expect(span("2024-01-15/P56D")).toEqual(["2024-01-15", "2024-03-10"]);
    expect(span("2024-02-01/P1M")).toEqual(["2024-02-01", "2024-02-29"]);
  });

  it("reads ISO 8601 start/end intervals", () => {
    expect(span("2024-01-01/2024-09-30")).toEqual(["2024-01-01", "2024-09-30"]);
    expect(span("2024-09-30/2024-09-30")).toEqual(["2024-09-30", "2024-09-30"]);
  });

  it("ignores surrounding spaces and letter case", () => {
    expect(span(" 2024-q3 ")).toEqual(["2024-07-01", "2024-09-30"]);
    expect(span("2024-01-01/p9m")).toEqual(["2024-01-01", "2024-09-30"]);
  });

  it("refuses weeks and times of day as unsupported, with a way out", () => {
    expect(refused("2024-W05")).toBe("unsupported_time_period");
    const week = parseSdmxPeriod("2024-W05");
    expect(!week.ok && week.message).toContain("2024-01-29/P7D");
    expect(refused("2024-09-30T00:00:00")).toBe("unsupported_time_period");
    expect(refused("2024-01-01T00:00:00/P9M")).toBe("unsupported_time_period");
    expect(refused("2024-01-01/PT12H")).toBe("unsupported_time_period");
  });

  it("refuses what is not a period", () => {
    for (const text of [
      "",
      "24",
      "2024-Q5",
      "2024-Q0",
      "2024-S3",
      "2024-T4",
      "2024-M13",
      "2024-M00",
      "2024-M9",
      "2024-13",
      "2024-D000",
      "2023-D366",
      "2023-02-29",
      "2024-1-1",
      "2024-09-30/2024-01-01",
      "2024-01-01/P",
      "2024-01-01/P0D",
      "2024-01-01/9M",
      "2024-01-01/",
      "/P9M",
      "Q3 2024",
      "2024M09",
    ]) {
      expect(refused(text), text).toBe("bad_time_period");
    }
  });

  it("gives back every span it writes, in both range styles", () => {
    const day = fc.integer({ min: toDayNumber("1990-01-01"), max: toDayNumber("2060-12-31") });
    fc.assert(
      fc.property(day, fc.integer({ min: 0, max: 3000 }), (first, length) => {
        const start = fromDayNumber(first);
        const end = addDays(start, length);
        for (const style of ["duration", "end"] as const) {
          const text = formatSdmxPeriod(start, end, style);
          expect(span(text), text).toEqual([start, end]);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it("writes every reporting period it reads under its own name", () => {
    const year = fc.integer({ min: 1990, max: 2060 });
    const code = fc.oneof(
      fc.constant(""),
      fc.integer({ min: 1, max: 2 }).map((n) => `-S${n}`),
      fc.integer({ min: 1, max: 4 }).map((n) => `-Q${n}`),
      fc.integer({ min: 1, max: 12 }).map((n) => `-M${String(n).padStart(2, "0")}`),
    );
    fc.assert(
      fc.property(year, code, (y, c) => {
        const p = parseSdmxPeriod(`${y}${c}`);
        expect(p.ok && formatSdmxPeriod(p.start, p.end)).toBe(`${y}${c}`);
      }),
    );
  });
});

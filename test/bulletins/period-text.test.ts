// A period typed into a desk form, in either language, or copied from the status page.
import { describe, expect, it } from "vitest";
import { readPeriodText } from "../../src/bulletins/period-text";
import { formatPeriod } from "../../src/views/format";

describe("a period typed into a form", () => {
  it.each([
    ["first 9 months of 2024", "2024-01-01", "2024-09-30"],
    ["9 tháng đầu năm 2024", "2024-01-01", "2024-09-30"],
    ["9 thang dau nam 2024", "2024-01-01", "2024-09-30"],
    ["Q3 2024", "2024-07-01", "2024-09-30"],
    ["quý III/2024", "2024-07-01", "2024-09-30"],
    ["quý 3/2024", "2024-07-01", "2024-09-30"],
    ["first half of 2024", "2024-01-01", "2024-06-30"],
    ["6 tháng đầu năm 2024", "2024-01-01", "2024-06-30"],
    ["July 2024", "2024-07-01", "2024-07-31"],
    ["tháng 7/2024", "2024-07-01", "2024-07-31"],
    ["tháng 2/2024", "2024-02-01", "2024-02-29"],
    ["2024", "2024-01-01", "2024-12-31"],
    ["năm 2024", "2024-01-01", "2024-12-31"],
    ["2021–2025", "2021-01-01", "2025-12-31"],
    ["2021-2025", "2021-01-01", "2025-12-31"],
    ["nhiệm kỳ 2021-2025", "2021-01-01", "2025-12-31"],
    ["2024-07", "2024-07-01", "2024-07-31"],
    ["  Jan–Sep 2024 ", "2024-01-01", "2024-09-30"],
    ["tháng 1–9/2024", "2024-01-01", "2024-09-30"],
  ])("%s is %s to %s", (text, start, end) => {
    expect(readPeriodText(text)).toEqual({ start, end });
  });

  it("reads back every label the status page prints for whole months and years", () => {
    const periods: [string, string][] = [
      ["2024-01-01", "2024-09-30"],
      ["2024-07-01", "2024-07-31"],
      ["2024-01-01", "2024-12-31"],
      ["2021-01-01", "2025-12-31"],
      ["2024-04-01", "2024-06-30"],
    ];
    for (const [start, end] of periods) {
      for (const lang of ["en", "vi"] as const) {
        expect(readPeriodText(formatPeriod(start, end, lang)), `${lang} ${start}`).toEqual({
          start,
          end,
        });
      }
    }
  });

  it.each([
    "",
    "sometime",
    "ngày 23/10/2024",
    "9 tháng đầu năm 2024 và quý III",
    "2025–2021",
    "13/2024",
    "tháng 13/2024",
    "1850",
    "x".repeat(81),
  ])("refuses %j rather than guess", (text) => {
    expect(readPeriodText(text)).toBeNull();
  });

  it("dates a quarter typed without its year only when told the year", () => {
    expect(readPeriodText("quý III")).toBeNull();
    expect(readPeriodText("quý III", 2024)).toEqual({ start: "2024-07-01", end: "2024-09-30" });
  });
});

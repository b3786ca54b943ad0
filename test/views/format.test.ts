import { describe, expect, it } from "vitest";
import {
  formatCompact,
  formatDate,
  formatNumber,
  formatPercent,
  formatPeriod,
  formatTimestamp,
} from "../../src/views/format";
import { DICTIONARIES, pickLang, translator } from "../../src/views/i18n";
import { en } from "../../src/views/i18n/en";
import { vi } from "../../src/views/i18n/vi";

describe("numbers", () => {
  it("compacts by each language's own scale words", () => {
    expect(formatCompact(2_326_000_000, "en")).toBe("2.33 bn");
    expect(formatCompact(2_326_000_000, "vi")).toBe("2,33 tỷ");
    expect(formatCompact(2_326_000_000, "en", 6)).toBe("2.326 bn");
    expect(formatCompact(2_326_000_000, "vi", 6)).toBe("2,326 tỷ");
    expect(formatCompact(680_000_000, "en")).toBe("680 million");
    expect(formatCompact(680_000_000, "vi")).toBe("680 triệu");
    expect(formatCompact(118_800, "en", 4)).toBe("118.8 thousand");
    expect(formatCompact(118_800, "vi", 4)).toBe("118,8 nghìn");
    expect(formatCompact(1_200_000_000_000, "en")).toBe("1.2 trillion");
    expect(formatCompact(1_200_000_000_000, "vi")).toBe("1,2 nghìn tỷ");
    expect(formatCompact(-2_500_000_000, "en")).toBe("−2.5 bn");
  });

  it("rounds before choosing the scale, and writes small values out in full", () => {
    expect(formatCompact(999_600_000, "en")).toBe("1 bn");
    expect(formatCompact(7_200, "en")).toBe("7,200");
    expect(formatCompact(7_200, "vi")).toBe("7.200");
    expect(formatCompact(6.5, "vi")).toBe("6,5");
    expect(formatCompact(0, "en")).toBe("0");
  });

  it("groups and separates like the language does", () => {
    expect(formatNumber(1_234_567.891, "en", 2)).toBe("1,234,567.89");
    expect(formatNumber(1_234_567.891, "vi", 2)).toBe("1.234.567,89");
    expect(formatNumber(-0.001, "en", 2)).toBe("0");
    expect(formatNumber(Number.NaN, "en")).toBe("—");
  });

  it("prints attainment as the sources do: 84.58% / 84,58%", () => {
    expect(formatPercent(2326 / 2750, "en")).toBe("84.58%");
    expect(formatPercent(2326 / 2750, "vi")).toBe("84,58%");
    expect(formatPercent(1690 / 1500, "en")).toBe("112.67%");
    expect(formatPercent(1690 / 1500, "vi")).toBe("112,67%");
    expect(formatPercent(1.1, "en", 0)).toBe("110%");
  });
});

describe("dates and periods", () => {
  it.each([
    ["2024-01-01", "2024-12-31", "2024", "năm 2024"],
    ["2021-01-01", "2025-12-31", "2021–2025", "2021–2025"],
    ["2024-01-01", "2024-09-30", "Jan–Sep 2024", "tháng 1–9/2024"],
    ["2024-09-01", "2024-09-30", "Sep 2024", "tháng 9/2024"],
    ["2024-02-01", "2024-02-29", "Feb 2024", "tháng 2/2024"],
    ["2023-11-01", "2024-02-29", "Nov 2023 – Feb 2024", "tháng 11/2023 – tháng 2/2024"],
    ["2024-01-01", "2024-03-15", "1 Jan – 15 Mar 2024", "1/1/2024 – 15/3/2024"],
  ])("names %s..%s as a report would", (start, end, english, vietnamese) => {
    expect(formatPeriod(start, end, "en")).toBe(english);
    expect(formatPeriod(start, end, "vi")).toBe(vietnamese);
  });

  it("writes dates and UTC timestamps per language", () => {
    expect(formatDate("2024-09-30", "en")).toBe("30 Sep 2024");
    expect(formatDate("2024-09-30", "vi")).toBe("30/9/2024");
    expect(formatDate("2024-09-30T10:00:00Z", "vi")).toBe("30/9/2024");
    expect(formatTimestamp("2026-11-20T10:31:05.000Z", "en")).toBe("20 Nov 2026, 10:31 UTC");
    expect(formatTimestamp("2026-11-20T10:31:05.000Z", "vi")).toBe("10:31 UTC, 20/11/2026");
  });
});

describe("languages", () => {
  it("has the same keys, and the same placeholders per key, in English and Vietnamese", () => {
    expect(Object.keys(vi).sort()).toEqual(Object.keys(en).sort());
    const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(placeholders(vi[key]), key).toEqual(placeholders(en[key]));
      expect(vi[key].trim(), key).not.toBe("");
    }
  });

  it("is chosen by ?lang=, then by Accept-Language quality, else English", () => {
    expect(pickLang("vi", "en-US")).toBe("vi");
    expect(pickLang("en", "vi-VN")).toBe("en");
    expect(pickLang("fr", "vi-VN,vi;q=0.9")).toBe("vi");
    expect(pickLang(undefined, "vi-VN,vi;q=0.9,en-US;q=0.8,en;q=0.7")).toBe("vi");
    expect(pickLang(undefined, "en-US,en;q=0.9,vi;q=0.8")).toBe("en");
    expect(pickLang(undefined, "fr-FR,vi;q=0.5")).toBe("vi");
    expect(pickLang(undefined, "vi;q=0, en;q=0.1")).toBe("en");
    expect(pickLang(undefined, "fr-FR")).toBe("en");
    expect(pickLang(undefined, undefined)).toBe("en");
  });

  it("fills placeholders and leaves unknown ones visible", () => {
    expect(translator("vi")("summary_total", { n: 3 })).toBe("3 chỉ tiêu");
    expect(translator("en")("data_changed", { time: "x" })).toBe("Data last changed {ago} (x).");
    expect(Object.keys(DICTIONARIES)).toEqual(["en", "vi"]);
  });
});

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  applyScale,
  isKnownScale,
  parseDecimal,
  SCALES,
  scaleExponent,
} from "../../src/domain/units";

describe("SCALES", () => {
  it.each([
    ["thousand", 1e3],
    ["million", 1e6],
    ["billion", 1e9],
    ["trillion", 1e12],
    ["nghìn", 1e3],
    ["ngàn", 1e3],
    ["triệu", 1e6],
    ["tỷ", 1e9],
    ["tỉ", 1e9],
    ["nghìn tỷ", 1e12],
  ])("%s = %d", (word, multiplier) => {
    expect(SCALES[word]).toBe(multiplier);
  });

  it("recognises scale words regardless of case, spacing and Unicode composition", () => {
    expect(scaleExponent(" Million ")).toBe(6);
    expect(scaleExponent("TRIỆU")).toBe(6);
    expect(scaleExponent("nghìn   tỷ")).toBe(12);
    // "tỷ" typed with a combining hook-above and dot-below (NFD) is the same word.
    expect(scaleExponent("tỷ".normalize("NFD"))).toBe(9);
    expect(isKnownScale("lakh")).toBe(false);
    expect(isKnownScale(undefined)).toBe(true);
  });
});

describe("applyScale", () => {
  it("is exact where plain multiplication is not", () => {
    expect(1.005 * 1e9).not.toBe(1_005_000_000);
    expect(applyScale(1.005, "billion")).toBe(1_005_000_000);
    expect(applyScale(1.005, "billion")).toBe(applyScale(1005, "million"));
    expect(applyScale(2.326, "billion")).toBe(2_326_000_000);
    expect(applyScale(2326, "million")).toBe(2_326_000_000);
    expect(applyScale(2.326, "tỷ")).toBe(applyScale(2326, "triệu"));
  });

  it.each([
    [2.75, "billion", 2_750_000_000],
    [1.765, "tỷ", 1_765_000_000],
    [1690, "triệu", 1_690_000_000],
    [23759, "tỷ", 23_759_000_000_000],
    [0.1, "nghìn", 100],
    [-1.5, "million", -1_500_000],
    [3.5, undefined, 3.5],
    [3.5, "", 3.5],
    [1e-7, "million", 0.1],
    [1.5e21, "thousand", 1.5e24],
  ])("applyScale(%d, %s) = %d", (value, scale, expected) => {
    expect(applyScale(value, scale)).toBe(expected);
  });

  it("refuses an unknown scale rather than guessing", () => {
    expect(() => applyScale(1, "lakh")).toThrow(RangeError);
    expect(() => applyScale(Number.NaN, "million")).toThrow(RangeError);
  });

  // A decimal string with at most 15 significant digits, e.g. "2326.5" or "0.0042".
  const decimalString = fc
    .tuple(fc.integer({ min: 0, max: 999_999_999 }), fc.integer({ min: 0, max: 6 }))
    .map(([digits, places]) => {
      const s = String(digits).padStart(places + 1, "0");
      return places === 0 ? s : `${s.slice(0, -places)}.${s.slice(-places)}`;
    });

  // Moves the decimal point three places left in the text itself, e.g. "2326.5" → "2.3265".
  function thousandth(text: string): string {
    const [int = "0", frac = ""] = text.split(".");
    const padded = int.padStart(4, "0");
    return `${padded.slice(0, -3)}.${padded.slice(-3)}${frac}`;
  }

  it("x million equals x/1000 billion for decimal inputs", () => {
    fc.assert(
      fc.property(decimalString, (text) => {
        const millions = applyScale(Number(text), "million");
        const billions = applyScale(Number(thousandth(text)), "billion");
        expect(millions).toBe(billions);
        expect(applyScale(Number(text), "triệu")).toBe(applyScale(Number(thousandth(text)), "tỷ"));
      }),
    );
  });

  it("matches the correctly rounded decimal result", () => {
    fc.assert(
      fc.property(decimalString, (text) => {
        expect(applyScale(Number(text), "billion")).toBe(Number(`${text}e9`));
      }),
    );
  });
});

describe("parseDecimal", () => {
  it.each([
    ["2.326", false, 2.326],
    ["2,326.5", false, 2326.5],
    ["2,326", false, 2326],
    ["1,234,567.89", false, 1234567.89],
    ["2326", false, 2326],
    ["-1.5", false, -1.5],
    ["+7", false, 7],
    [" 84.58 ", false, 84.58],
    ["2.326,5", true, 2326.5],
    ["2.326", true, 2326],
    ["1.690", true, 1690],
    ["2,33", true, 2.33],
    ["1,765", true, 1.765],
    ["84,58", true, 84.58],
    ["23.759", true, 23759],
    ["\u22121,5", true, -1.5],
  ])("parseDecimal(%j, decimalComma=%s) = %d", (text, decimalComma, expected) => {
    expect(parseDecimal(text, { decimalComma })).toBe(expected);
  });

  it.each([
    ["", false],
    ["abc", false],
    ["2,33", false],
    ["1.2.3", false],
    ["1,2,3", true],
    ["2.33.4", true],
    ["12,34.5", false],
    ["1e5", false],
    ["Infinity", false],
    ["NaN", false],
    [".5", false],
    ["5.", false],
    ["1 000", false],
    ["2.326 triệu", true],
    ["--1", false],
    ["0x10", false],
  ])("parseDecimal(%j, decimalComma=%s) is null", (text, decimalComma) => {
    expect(parseDecimal(text, { decimalComma })).toBeNull();
  });

  it("defaults to a decimal point", () => {
    expect(parseDecimal("2.326")).toBe(2.326);
  });

  it("parses the seed figures into exact base units", () => {
    // Nghe An's 9-month 2024 report: "ước đạt 2.326 triệu USD", "đạt 2,75 tỷ USD", "1,765 tỷ USD".
    const exports = applyScale(
      parseDecimal("2.326", { decimalComma: true }) ?? Number.NaN,
      "triệu",
    );
    const target = applyScale(parseDecimal("2,75", { decimalComma: true }) ?? Number.NaN, "tỷ");
    const term = applyScale(parseDecimal("1,765", { decimalComma: true }) ?? Number.NaN, "tỷ");
    expect(exports).toBe(2_326_000_000);
    expect(target).toBe(2_750_000_000);
    expect(term).toBe(1_765_000_000);
  });

  it("round-trips formatted numbers in both conventions", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -999_999_999, max: 999_999_999 }),
        fc.integer({ min: 0, max: 4 }),
        (n, places) => {
          const value = n / 10 ** places;
          const en = value.toLocaleString("en-US", { maximumFractionDigits: 4, useGrouping: true });
          const vi = en.replace(/,/g, "_").replace(/\./g, ",").replace(/_/g, ".");
          expect(parseDecimal(en)).toBe(Number(en.replace(/,/g, "")));
          expect(parseDecimal(vi, { decimalComma: true })).toBe(parseDecimal(en));
        },
      ),
    );
  });
});

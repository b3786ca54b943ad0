import { describe, expect, it } from "vitest";
import {
  canonicalScale,
  readFigure,
  readList,
  readPhasing,
  readRatio,
} from "../../src/import/cells";

const value = <T>(cell: { ok: true; value: T } | { ok: false; message: string }) =>
  cell.ok ? cell.value : `error: ${cell.message}`;

describe("reading figures as bulletins print them", () => {
  it.each([
    // A Vietnamese bulletin: '.' groups thousands, ',' is the decimal mark.
    ["2.326 triệu", "comma", undefined, 2_326_000_000],
    ["2,75 tỷ", "comma", undefined, 2_750_000_000],
    ["2.326", "comma", undefined, 2326],
    ["2.326,5", "comma", undefined, 2326.5],
    ["1,5 nghìn tỷ", "comma", undefined, 1_500_000_000_000],
    ["2.326 tỉ", "comma", undefined, 2_326_000_000_000],
    ["2,326", "point", undefined, 2326],
    ["2.326", "point", "billion", 2_326_000_000],
    ["1.2 billion", "point", undefined, 1_200_000_000],
    ["2326", "point", "triệu", 2_326_000_000],
    // A word in the cell wins over the row's scale column.
    ["2.326 billion", "point", "million", 2_326_000_000],
    ["-3,5", "comma", undefined, -3.5],
  ] as const)("%j with decimal=%s and scale %s is %d", (cell, mark, scale, expected) => {
    expect(value(readFigure(cell, mark, scale))).toBe(expected);
  });

  it("accepts scale words typed with combining tone marks or in capitals", () => {
    expect(value(readFigure("2.326 Trie\u0323\u0302u", "comma", undefined))).toBe(2_326_000_000);
    expect(canonicalScale("NGHÌN  TỶ")).toBe("nghìn tỷ");
  });

  it.each([
    ["2,33", "point"],
    ["2.326,5", "point"],
    ["1e9", "point"],
    ["2.326 gazillion", "comma"],
    ["about 5", "point"],
    ["", "point"],
  ] as const)("refuses %j with decimal=%s", (cell, mark) => {
    expect(readFigure(cell, mark, undefined).ok).toBe(false);
  });

  it("reads ratios as fractions or percentages", () => {
    expect(value(readRatio("0.8458", "point"))).toBe(0.8458);
    expect(value(readRatio("84.58%", "point"))).toBe(0.8458);
    expect(value(readRatio("84,58 %", "comma"))).toBe(0.8458);
    expect(value(readRatio("-2,5%", "comma"))).toBe(-0.025);
  });

  it("reads phasing and lists", () => {
    expect(value(readPhasing("linear", "point"))).toBe("linear");
    expect(value(readPhasing("1;2;3;4;5;6;7;8;9;10;11;12", "point"))).toEqual({
      monthly_weights: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
    });
    expect(value(readPhasing("0,5;1", "comma"))).toEqual({ monthly_weights: [0.5, 1] });
    expect(readPhasing("seasonal", "point").ok).toBe(false);
    expect(readList("trade; exports,  vn")).toEqual(["trade", "exports", "vn"]);
  });
});

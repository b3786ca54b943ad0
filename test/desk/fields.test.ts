// Reading what a person typed into a desk form, in their language's notation.
import { describe, expect, it } from "vitest";
import { FormReader, typedNumber, typedPercent } from "../../src/desk/fields";

function read(lang: "en" | "vi", values: Record<string, string>) {
  return new FormReader(values, lang);
}

describe("a figure as printed", () => {
  it.each([
    ["vi", "1.690", "triệu", { value: 1690, scale: "triệu" }],
    ["vi", "1.690 triệu", "", { value: 1690, scale: "triệu" }],
    ["vi", "2,75 tỷ", "", { value: 2.75, scale: "tỷ" }],
    ["vi", "72,5 nghìn tỷ", "", { value: 72.5, scale: "nghìn tỷ" }],
    ["vi", "1,690", "tỷ", { value: 1.69, scale: "tỷ" }],
    ["en", "1,690", "million", { value: 1690, scale: "million" }],
    ["en", "1.69 billion", "", { value: 1.69, scale: "billion" }],
    ["en", "2,326.5", "", { value: 2326.5, scale: undefined }],
    ["en", "1,690 triệu", "", { value: 1690, scale: "triệu" }],
  ] as const)("%s: %s with scale %j", (lang, value, scale, expected) => {
    const form = read(lang, { value, scale });
    expect(form.figure("value", "scale", true)).toEqual(expected);
    expect(form.problems).toEqual([]);
  });

  it.each([
    ["en", "1.690,5", "number"],
    ["vi", "1,690.5", "number"],
    ["en", "12 dozen", "scale"],
    ["en", "1e9", "number"],
    ["en", "", "required"],
  ] as const)("%s: %j is refused (%s)", (lang, value, code) => {
    const form = read(lang, { value });
    expect(form.figure("value", null, true)).toBeUndefined();
    expect(form.problems.map((p) => p.code)).toEqual([code]);
  });
});

describe("percentages, dates and numbers back into a field", () => {
  it("reads a printed percentage as a fraction, with or without its sign", () => {
    expect(read("vi", { p: "112,67" }).percent("p")).toBe(1.1267);
    expect(read("en", { p: "73.51%" }).percent("p")).toBe(0.7351);
    expect(read("en", { p: "-3.4" }).percent("p")).toBe(-0.034);
  });

  it("reads a Vietnamese date as Vietnamese write it, and ISO dates in both", () => {
    expect(read("vi", { d: "05/10/2024" }).date("d")).toBe("2024-10-05");
    expect(read("vi", { d: "2024-10-05" }).date("d")).toBe("2024-10-05");
    const en = read("en", { d: "05/10/2024" });
    expect(en.date("d")).toBeUndefined();
    expect(en.problems[0]?.code).toBe("date");
  });

  it("writes stored values back in the reader's notation, so they read back the same", () => {
    expect(typedNumber(1_690_000_000, "en")).toBe("1,690,000,000");
    expect(typedNumber(1_690_000_000, "vi")).toBe("1.690.000.000");
    expect(typedNumber(285.5, "vi")).toBe("285,5");
    expect(typedPercent(1.1267, "vi")).toBe("112,67");
    expect(typedPercent(-0.034, "en")).toBe("-3.4");
    for (const lang of ["en", "vi"] as const) {
      for (const value of [0.5, 285.5, 1690, 2326.75, 1_690_000_000]) {
        const form = read(lang, { v: typedNumber(value, lang) });
        expect(form.figure("v", null)?.value).toBe(value);
      }
    }
  });
});

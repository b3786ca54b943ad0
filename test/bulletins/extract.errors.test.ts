// Pastes that are empty, huge, garbled or ambiguous: the desk must answer quickly, never
// throw, never invent a figure, and list every number it could not place with the reason.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { extractDrafts, MAX_BULLETIN_CHARACTERS, MAX_DRAFTS } from "../../src/bulletins/extract";
import type { CatalogueIndicator, ExtractionContext } from "../../src/bulletins/types";
import { isValidIsoDate } from "../../src/domain/dates";
import { CATALOGUE } from "./catalogue";
import { NGHE_AN_NINE_MONTHS, SEED_ARTICLES } from "./seed-articles";

const CONTEXT: ExtractionContext = { indicators: CATALOGUE };

function reasons(text: string, context: Partial<ExtractionContext> = {}) {
  return extractDrafts(text, { ...CONTEXT, ...context }).unplaced.map((u) => u.reason);
}

describe("text with nothing to draft", () => {
  it.each([
    ["empty", ""],
    ["blank lines", " \n\n\t \r\n "],
    ["prose without numbers", "Không có con số nào ở đây. No figures at all here."],
    ["only dates and periods", "Năm 2024 là năm bản lề của nhiệm kỳ 2021-2025. We met on May 17."],
  ])("%s gives no drafts and nothing unplaced", (_, text) => {
    const result = extractDrafts(text, CONTEXT);
    expect(result.drafts).toEqual([]);
    expect(result.unplaced).toEqual([]);
    expect(result.read.truncated).toBe(false);
  });

  it("reads a text without a catalogue, placing nothing and listing its figures", () => {
    const result = extractDrafts(NGHE_AN_NINE_MONTHS.text, { indicators: [] });
    expect(result.drafts).toEqual([]);
    expect(result.unplaced.length).toBeGreaterThan(5);
    expect(new Set(result.unplaced.map((u) => u.reason))).toEqual(
      new Set(["no_indicator", "not_a_figure"]),
    );
  });
});

describe("numbers it cannot place are listed, never dropped", () => {
  it("a bare number is not a figure", () => {
    const [entry] = extractDrafts("Con số này là 1.690.", CONTEXT).unplaced;
    expect(entry).toMatchObject({ reason: "not_a_figure", figures: ["1.690"] });
  });

  it("a value without an indicator", () => {
    expect(reasons("Đạt 1.690 triệu USD.")).toEqual(["no_indicator"]);
    expect(reasons("Revenue hit 5 billion USD in 2024.")).toEqual(["no_indicator"]);
  });

  it("a value without any period", () => {
    const [entry] = extractDrafts("Xuất khẩu đạt 1.690 triệu USD.", {
      ...CONTEXT,
      default_scope: "nghe-an",
    }).unplaced;
    expect(entry).toMatchObject({
      reason: "no_period",
      figures: ["1.690 triệu USD"],
      indicator_ids: ["nghe-an.goods-exports"],
    });
  });

  it("a period without a year, until the editor gives one", () => {
    const text = "Xuất khẩu 6 tháng đầu năm đạt 1.690 triệu USD.";
    expect(reasons(text, { default_scope: "nghe-an" })).toEqual(["no_period"]);
    const { drafts } = extractDrafts(text, {
      ...CONTEXT,
      default_scope: "nghe-an",
      default_year: 2024,
    });
    expect(drafts.map((d) => [d.period_start, d.period_end, d.inferred.includes("year")])).toEqual([
      ["2024-01-01", "2024-06-30", true],
    ]);
  });

  it("a value in another unit than the indicator's", () => {
    const [entry] = extractDrafts("Kim ngạch xuất khẩu hàng hóa năm 2024 đạt 5.000 tỷ đồng.", {
      ...CONTEXT,
      default_scope: "nghe-an",
    }).unplaced;
    expect(entry).toMatchObject({ reason: "unit_mismatch", figures: ["5.000 tỷ đồng"] });
  });

  it("a growth rate without the value it grew to", () => {
    const [entry] = extractDrafts("Xuất khẩu 9 tháng năm 2024 tăng 12% so với cùng kỳ.", {
      ...CONTEXT,
      default_scope: "nghe-an",
    }).unplaced;
    expect(entry).toMatchObject({ reason: "no_value", figures: ["12%"] });
  });

  it("a province named that has no such indicator in the catalogue", () => {
    const catalogue: CatalogueIndicator[] = [
      ...CATALOGUE,
      {
        id: "ha-tinh.iip",
        name: "Industrial production index, growth",
        aliases: ["IIP"],
        scope: "ha-tinh",
        scope_name: "Ha Tinh",
        scope_name_vi: "Hà Tĩnh",
        unit: "%",
        measure: "rate",
        cadence: "monthly",
      },
    ];
    const [entry] = extractDrafts("Kim ngạch xuất khẩu của Hà Tĩnh năm 2024 đạt 500 triệu USD.", {
      indicators: catalogue,
    }).unplaced;
    expect(entry?.reason).toBe("no_indicator");
    expect(entry?.message).toContain("Ha Tinh");
  });

  it("lists a month-on-month change apart from the figure it accompanies", () => {
    const result = extractDrafts(
      "Nghe An's exports in September 2024 rose to 310 million USD, up 15% month on month.",
      CONTEXT,
    );
    expect(result.drafts.map((d) => [d.value, d.reported_yoy])).toEqual([[310, null]]);
    expect(result.unplaced).toMatchObject([{ reason: "no_value", figures: ["15%"] }]);
  });

  it("does not take a threshold for a figure", () => {
    const result = extractDrafts(
      "Có sáu nhóm hàng có kim ngạch xuất khẩu năm 2024 từ 100 triệu USD trở lên.",
      { ...CONTEXT, default_scope: "nghe-an" },
    );
    expect(result.drafts).toEqual([]);
    expect(result.unplaced.map((u) => u.reason)).toEqual(["not_a_figure"]);
  });
});

describe("an indicator the text does not pin down", () => {
  const TWINS: CatalogueIndicator[] = ["customs", "department"].map((source) => ({
    id: `nghe-an.exports-${source}`,
    name: `Exports (${source} figures)`,
    aliases: ["kim ngạch xuất khẩu", "export turnover"],
    scope: "nghe-an",
    scope_name: "Nghe An",
    unit: "USD",
    measure: "flow",
    cadence: "monthly",
  }));

  it("proposes a draft without an indicator and names both candidates", () => {
    const { drafts, unplaced } = extractDrafts(
      "Kim ngạch xuất khẩu năm 2024 của Nghệ An ước đạt 3,5 tỷ USD.",
      { indicators: TWINS },
    );
    expect(unplaced).toEqual([]);
    expect(drafts.map((d) => [d.indicator_id, d.candidates, d.value, d.status])).toEqual([
      [null, ["nghe-an.exports-customs", "nghe-an.exports-department"], 3.5, "estimate"],
    ]);
  });

  it("picks among same-named indicators by the province the sentence names", () => {
    const { drafts } = extractDrafts(
      "Kim ngạch xuất khẩu của Thái Nguyên 4 tháng đầu năm 2024 đạt 17,8 tỷ USD.",
      CONTEXT,
    );
    expect(drafts.map((d) => [d.indicator_id, d.inferred])).toEqual([
      ["thai-nguyen.exports", ["status"]],
    ]);
  });

  it("picks the restatement in the indicator's own unit", () => {
    const usd = CATALOGUE.map((indicator) =>
      indicator.id === "north.retail-sales" ? { ...indicator, unit: "USD" } : indicator,
    );
    const text =
      "In the first four months of 2024, retail sales in the northern region reached over 1.4 quadrillion VND (58.3 billion USD).";
    const [inVnd] = extractDrafts(text, CONTEXT).drafts;
    expect([inVnd?.value, inVnd?.scale, inVnd?.unit, inVnd?.base_value]).toEqual([
      1400,
      "trillion",
      "VND",
      1.4e15,
    ]);
    expect(inVnd?.notes.map((n) => n.code)).toEqual(["rescaled"]);
    const [inUsd] = extractDrafts(text, { indicators: usd }).drafts;
    expect([inUsd?.value, inUsd?.scale, inUsd?.unit]).toEqual([58.3, "billion", "USD"]);
  });
});

describe("very large pastes", () => {
  const ARTICLES = SEED_ARTICLES.map((article) => article.text).join("\n");

  it("reads the first 100,000 characters and says so", () => {
    const text = `${ARTICLES}\n`.repeat(12);
    const result = extractDrafts(text, CONTEXT);
    expect(result.read.truncated).toBe(true);
    expect(result.read.total).toBe(text.length);
    expect(result.read.characters).toBeLessThanOrEqual(MAX_BULLETIN_CHARACTERS);
    expect(result.read.characters).toBeGreaterThan(MAX_BULLETIN_CHARACTERS - 2_000);
    for (const entry of [...result.drafts, ...result.unplaced]) {
      expect(entry.end).toBeLessThanOrEqual(result.read.characters);
    }
  });

  it("leaves unread a sentence the limit cuts in two, rather than read half a figure", () => {
    const sentence = "Kim ngạch xuất khẩu tháng 7/2024 đạt 1.690 triệu USD.";
    const cut = sentence.indexOf("690");
    const filler = "x".repeat(MAX_BULLETIN_CHARACTERS - cut - 1);
    const result = extractDrafts(`${filler}\n${sentence}\nMore text.`, {
      ...CONTEXT,
      default_scope: "nghe-an",
    });
    expect(result.read.truncated).toBe(true);
    expect(result.drafts).toEqual([]);
    expect(result.unplaced).toEqual([]);
  });

  it.each([
    ["one long line of digits", "9".repeat(150_000)],
    ["dots between digits", "1.".repeat(75_000)],
    ["brackets", "(".repeat(150_000)],
    ["growth rates", "tăng 5% ".repeat(20_000)],
    ["values without a period", "Xuất khẩu đạt 1 triệu USD, ".repeat(5_000)],
    ["names without figures", "kim ngạch xuất khẩu hàng hóa ".repeat(5_000)],
    ["periods and scales", "1,2 tỷ USD quý I năm 2024 9 tháng đầu năm ".repeat(3_000)],
    ["line breaks", "\n".repeat(150_000)],
  ])("%s: answers, reading no more than the limit", (_, text) => {
    // A pattern that backtracks on hostile text would hang here until the test's timeout.
    // Its speed is measured by the bench, not asserted here (workerd's clock stands still
    // while code runs, so a timer in this test would read zero anyway).
    const result = extractDrafts(text, { ...CONTEXT, default_scope: "nghe-an" });
    expect(result.read.characters).toBeLessThanOrEqual(MAX_BULLETIN_CHARACTERS);
  });

  it("the same figure pasted many times is one draft, the rest listed as repeats", () => {
    const text = "Xuất khẩu tháng 1/2024 đạt 5 triệu USD. ".repeat(500);
    const result = extractDrafts(text, { ...CONTEXT, default_scope: "nghe-an" });
    expect(result.drafts).toHaveLength(1);
    expect(result.unplaced).toHaveLength(499);
    expect(new Set(result.unplaced.map((u) => u.reason))).toEqual(new Set(["repeated"]));
  });

  it("gives at most as many drafts as one commit can write, and lists the rest", () => {
    const lines: string[] = [];
    for (let year = 1950; year < 2050; year += 1) {
      for (let month = 1; month <= 12; month += 1) {
        lines.push(`Tháng ${month}/${year} xuất khẩu đạt ${month} triệu USD.`);
      }
    }
    const result = extractDrafts(lines.join("\n"), { ...CONTEXT, default_scope: "nghe-an" });
    expect(result.drafts).toHaveLength(MAX_DRAFTS);
    expect(result.unplaced).toHaveLength(lines.length - MAX_DRAFTS);
    expect(new Set(result.unplaced.map((u) => u.reason))).toEqual(new Set(["too_many_drafts"]));
  });
});

describe("odd characters", () => {
  const SENTENCE =
    "Trong 9 tháng đầu năm 2024, tổng kim ngạch nhập khẩu hàng hóa của Nghệ An ước đạt 1.690 triệu USD, tăng 73,51% so với cùng kỳ năm 2023, đạt 112,67% kế hoạch.";

  it("reads decomposed Vietnamese (combining tone marks) like precomposed", () => {
    const composed = extractDrafts(SENTENCE, CONTEXT);
    const decomposed = extractDrafts(SENTENCE.normalize("NFD"), CONTEXT);
    expect(decomposed).toEqual(composed);
    expect(decomposed.drafts[0]?.sentence).toBe(SENTENCE);
  });

  it("reads Vietnamese typed without diacritics, with its decimal comma", () => {
    const { drafts } = extractDrafts(
      "Kim ngach nhap khau 9 thang dau nam 2024 cua Nghe An uoc dat 1.690 trieu USD, tang 73,51%.",
      CONTEXT,
    );
    expect(drafts.map((d) => [d.indicator_id, d.value, d.scale, d.status, d.reported_yoy])).toEqual(
      [["nghe-an.goods-imports", 1690, "triệu", "estimate", 0.7351]],
    );
  });

  it("notes a number printed in the other language's convention", () => {
    const { drafts } = extractDrafts("Exports reached 1,5 billion USD in June 2024.", {
      ...CONTEXT,
      default_scope: "nghe-an",
    });
    expect(drafts.map((d) => [d.value, d.notes.map((n) => n.code)])).toEqual([
      [1.5, ["number_convention"]],
    ]);
  });

  it("survives emoji, control characters and zero-width spaces", () => {
    const text =
      "😀 Xuất khẩu\u200b năm 2024 đạt 2 tỷ USD \u0000😀.\u0301\u202e 1e9 NaN Infinity -0";
    const result = extractDrafts(text, { ...CONTEXT, default_scope: "nghe-an" });
    expect(result.drafts.map((d) => d.base_value)).toEqual([2e9]);
  });
});

describe("any text", () => {
  const WORDS = [
    "Xuất khẩu",
    "kim ngạch nhập khẩu",
    "IIP",
    "Nghệ An",
    "the region's",
    "tỉnh này",
    "exports",
    "ước đạt",
    "estimated at",
    "tăng",
    "giảm",
    "bằng",
    "up",
    "down",
    "so với cùng kỳ",
    "year on year",
    "kế hoạch",
    "of the plan",
    "mục tiêu",
    "trong đó",
    "tháng",
    "quý",
    "III",
    "năm",
    "9 tháng đầu năm",
    "first",
    "months",
    "Q3",
    "July",
    "in",
    "2024",
    "2023",
    "1.690",
    "1,690",
    "73,51",
    "%",
    "triệu",
    "tỷ",
    "nghìn tỷ",
    "billion",
    "USD",
    "đồng",
    "VND",
    "(",
    ")",
    ";",
    ",",
    ".",
    "/",
    "-",
    "\n",
    "+",
  ];
  const text = fc
    .array(fc.oneof(fc.constantFrom(...WORDS), fc.string({ maxLength: 6 })), { maxLength: 80 })
    .map((parts) => parts.join(" "));
  const context = fc.record({
    default_year: fc.option(fc.integer({ min: 2000, max: 2030 }), { nil: undefined }),
    reported_at: fc.option(fc.constantFrom("2024-01-15", "2024-10-05", "2023-12-31"), {
      nil: undefined,
    }),
    default_scope: fc.option(fc.constantFrom("nghe-an", "north", "nowhere"), { nil: undefined }),
  });

  it("never throws, dates every draft properly and quotes it exactly, the same way every time", () => {
    fc.assert(
      fc.property(text, context, (input, extra) => {
        const result = extractDrafts(input, { ...CONTEXT, ...extra });
        const normalized = input.normalize("NFC");
        const ids = new Set(CATALOGUE.map((indicator) => indicator.id));
        for (const draft of result.drafts) {
          expect(isValidIsoDate(draft.period_start) && isValidIsoDate(draft.period_end)).toBe(true);
          expect(draft.period_start <= draft.period_end).toBe(true);
          expect(Number.isFinite(draft.value) && Number.isFinite(draft.base_value)).toBe(true);
          expect(normalized.slice(draft.start, draft.end)).toBe(draft.sentence);
          if (draft.indicator_id === null) expect(draft.candidates.length).toBeGreaterThan(1);
          else expect(ids.has(draft.indicator_id)).toBe(true);
        }
        for (const entry of result.unplaced) {
          expect(normalized.slice(entry.start, entry.end)).toBe(entry.sentence);
          expect(entry.figures.length).toBeGreaterThan(0);
        }
        expect(extractDrafts(input, { ...CONTEXT, ...extra })).toEqual(result);
      }),
      { numRuns: 300 },
    );
  });
});

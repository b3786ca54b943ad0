// What an editor sees after pasting a bulletin: one draft per printed value, with the period,
// scale, unit, vintage, growth on a year earlier and share of plan the bulletin gave, and
// every statement that carries a figure but could not be placed listed with its reason.

import { describe, expect, it } from "vitest";
import { extractDrafts } from "../../src/bulletins/extract";
import { CATALOGUE } from "./catalogue";
import { OWN_SENTENCES, SEED_TABLE, seen } from "./expected-drafts";
import { NGHE_AN_NINE_MONTHS } from "./seed-articles";

describe("every figure-bearing statement of the seed articles", () => {
  for (const { article, rows } of SEED_TABLE) {
    describe(article.headline, () => {
      const result = extractDrafts(article.text, { indicators: CATALOGUE });

      it.each(rows)("$sentence", (row) => {
        const sentences = new Set(
          [...result.drafts, ...result.unplaced]
            .map((entry) => entry.sentence)
            .filter((sentence) => sentence.startsWith(row.sentence)),
        );
        expect(sentences.size).toBe(1);
        const drafts = result.drafts.filter((d) => d.sentence.startsWith(row.sentence));
        expect(drafts.map(seen)).toEqual(row.drafts ?? []);
        const unplaced = result.unplaced.filter((u) => u.sentence.startsWith(row.sentence));
        expect(unplaced.map((u) => u.reason)).toEqual(row.unplaced ?? []);
        for (const entry of unplaced) expect(entry.figures.length).toBeGreaterThan(0);
      });

      it("reports nothing the table does not list", () => {
        const listed = (sentence: string) => rows.some((row) => sentence.startsWith(row.sentence));
        const unlisted = [...result.drafts, ...result.unplaced]
          .map((entry) => entry.sentence)
          .filter((sentence) => !listed(sentence));
        expect(unlisted).toEqual([]);
      });

      it("quotes each statement exactly as it stands in the article", () => {
        for (const entry of [...result.drafts, ...result.unplaced]) {
          expect(article.text.slice(entry.start, entry.end)).toBe(entry.sentence);
        }
      });
    });
  }
});

describe("the editor's first paste", () => {
  const SENTENCE =
    "Trong 9 tháng đầu năm 2024, tổng kim ngạch nhập khẩu hàng hóa của Nghệ An ước đạt 1.690 triệu USD, tăng 73,51% so với cùng kỳ năm 2023, đạt 112,67% kế hoạch.";

  it("becomes one draft of Nghe An's goods imports, January to September 2024", () => {
    const result = extractDrafts(SENTENCE, {
      indicators: CATALOGUE,
      reported_at: "2024-10-05",
    });
    expect(result.unplaced).toEqual([]);
    expect(result.drafts).toEqual([
      {
        kind: "actual",
        indicator_id: "nghe-an.goods-imports",
        candidates: ["nghe-an.goods-imports"],
        period_start: "2024-01-01",
        period_end: "2024-09-30",
        period_text: "9 tháng đầu năm 2024",
        value: 1690,
        scale: "triệu",
        unit: "USD",
        base_value: 1_690_000_000,
        qualifier: null,
        status: "estimate",
        reported_at: "2024-10-05",
        reported_yoy: 0.7351,
        reported_attainment: 1.1267,
        language: "vi",
        sentence: SENTENCE,
        start: 0,
        end: SENTENCE.length,
        figure_text: "1.690 triệu USD",
        inferred: [],
        notes: [],
      },
    ]);
  });

  it("reads the same figure written 1,690 billion in the same article as a repeat, not a second draft", () => {
    const result = extractDrafts(NGHE_AN_NINE_MONTHS.text, { indicators: CATALOGUE });
    const imports = result.drafts.filter(
      (d) => d.indicator_id === "nghe-an.goods-imports" && d.period_end === "2024-09-30",
    );
    expect(imports).toHaveLength(1);
    const repeat = result.unplaced.find((u) => u.reason === "repeated");
    expect(repeat?.figures).toEqual(["1,690 tỷ USD"]);
    expect(repeat?.indicator_ids).toEqual(["nghe-an.goods-imports"]);
  });

  it("warns on both drafts when a carried-over indicator gives a second value for a year", () => {
    const result = extractDrafts(NGHE_AN_NINE_MONTHS.text, { indicators: CATALOGUE });
    const exports2023 = result.drafts.filter(
      (d) => d.indicator_id === "nghe-an.goods-exports" && d.period_start === "2023-01-01",
    );
    expect(exports2023.map((d) => d.figure_text)).toEqual(["2,5 tỷ USD", "3,11 tỷ USD"]);
    for (const d of exports2023) {
      expect(d.notes.map((n) => n.code)).toEqual(["conflicting_value"]);
    }
  });
});

describe("sentences in the bulletins' style", () => {
  it.each(OWN_SENTENCES)("$text", (row) => {
    const result = extractDrafts(row.text, {
      indicators: CATALOGUE,
      default_scope: "nghe-an",
      ...row.context,
    });
    expect(result.drafts.map(seen)).toEqual(row.drafts);
    expect(result.unplaced.map((u) => u.reason)).toEqual(row.unplaced ?? []);
  });

  it("has at least thirty of them, in both languages", () => {
    const vietnamese = OWN_SENTENCES.filter((row) =>
      extractDrafts(row.text, {
        indicators: CATALOGUE,
        default_scope: "nghe-an",
        ...row.context,
      }).drafts.every((d) => d.language === "vi"),
    );
    expect(OWN_SENTENCES.length).toBeGreaterThanOrEqual(30);
    expect(vietnamese.length).toBeGreaterThanOrEqual(15);
    expect(OWN_SENTENCES.length - vietnamese.length).toBeGreaterThanOrEqual(15);
  });
});

// The periods bulletins print, as the dates an editor would type. Each is read inside a
// sentence, the way it arrives: "Kim ngạch xuất khẩu <period> đạt 100 triệu USD."

import { describe, expect, it } from "vitest";
import { extractDrafts } from "../../src/bulletins/extract";
import type { ExtractionContext } from "../../src/bulletins/types";
import { CATALOGUE } from "./catalogue";

const CONTEXT: ExtractionContext = { indicators: CATALOGUE, default_scope: "nghe-an" };

function periodOf(sentence: string, context: Partial<ExtractionContext> = {}) {
  const { drafts, unplaced } = extractDrafts(sentence, { ...CONTEXT, ...context });
  expect(unplaced).toEqual([]);
  expect(drafts).toHaveLength(1);
  const [draft] = drafts;
  return [draft?.period_start, draft?.period_end];
}

describe("Vietnamese periods", () => {
  it.each([
    ["9 tháng đầu năm 2024", "2024-01-01", "2024-09-30"],
    ["tính chung 9 tháng năm 2024", "2024-01-01", "2024-09-30"],
    ["9 tháng qua", "2024-01-01", "2024-09-30"],
    ["6 tháng đầu năm", "2024-01-01", "2024-06-30"],
    ["6 tháng cuối năm 2023", "2023-07-01", "2023-12-31"],
    ["nửa đầu năm 2024", "2024-01-01", "2024-06-30"],
    ["tháng 7/2024", "2024-07-01", "2024-07-31"],
    ["tháng 7 năm 2024", "2024-07-01", "2024-07-31"],
    ["tháng 02/2024", "2024-02-01", "2024-02-29"],
    ["quý III/2024", "2024-07-01", "2024-09-30"],
    ["quý 1 năm 2024", "2024-01-01", "2024-03-31"],
    ["năm 2023", "2023-01-01", "2023-12-31"],
    ["năm nay", "2024-01-01", "2024-12-31"],
    ["năm trước", "2023-01-01", "2023-12-31"],
    ["từ đầu năm đến hết tháng 10", "2024-01-01", "2024-10-31"],
    ["giai đoạn 2021-2025", "2021-01-01", "2025-12-31"],
  ])("%s → %s..%s", (period, start, end) => {
    expect(
      periodOf(`Kim ngạch xuất khẩu ${period} đạt 100 triệu USD.`, { default_year: 2024 }),
    ).toEqual([start, end]);
  });

  it("reads a comparison base as the base, not as the period", () => {
    expect(
      periodOf("Kim ngạch xuất khẩu tháng 7/2024 đạt 100 triệu USD, tăng 5% so với tháng 7/2023."),
    ).toEqual(["2024-07-01", "2024-07-31"]);
    expect(
      periodOf("Kim ngạch xuất khẩu 9 tháng đạt 100 triệu USD, tăng 5% so với cùng kỳ năm 2023.", {
        default_year: 2024,
      }),
    ).toEqual(["2024-01-01", "2024-09-30"]);
  });
});

describe("English periods", () => {
  it.each([
    ["in the first 7 months of 2024", "2024-01-01", "2024-07-31"],
    ["in the first seven months of the year", "2024-01-01", "2024-07-31"],
    ["in the past 9 months", "2024-01-01", "2024-09-30"],
    ["in the last 3 months of 2023", "2023-10-01", "2023-12-31"],
    ["in July 2024", "2024-07-01", "2024-07-31"],
    ["in January", "2024-01-01", "2024-01-31"],
    ["in Q3 2024", "2024-07-01", "2024-09-30"],
    ["in the third quarter of 2024", "2024-07-01", "2024-09-30"],
    ["in the first half of 2024", "2024-01-01", "2024-06-30"],
    ["in H2 2023", "2023-07-01", "2023-12-31"],
    ["in 2023", "2023-01-01", "2023-12-31"],
    ["last year", "2023-01-01", "2023-12-31"],
    ["over the 2021–2025 term", "2021-01-01", "2025-12-31"],
    ["in the 9-month period", "2024-01-01", "2024-09-30"],
  ])("%s → %s..%s", (period, start, end) => {
    expect(periodOf(`Exports ${period} reached 100 million USD.`, { default_year: 2024 })).toEqual([
      start,
      end,
    ]);
  });

  it("runs 'from the beginning of the year' to the bulletin's date, and says so", () => {
    const { drafts } = extractDrafts(
      "From the beginning of the year, exports have reached 2.1 billion USD.",
      { ...CONTEXT, reported_at: "2024-08-20" },
    );
    expect(drafts.map((d) => [d.period_start, d.period_end])).toEqual([
      ["2024-01-01", "2024-08-20"],
    ]);
    expect(drafts[0]?.notes.map((n) => n.code)).toEqual(["period_end_from_reported_at"]);
  });

  it("cannot date 'from the beginning of the year' without the bulletin's date", () => {
    const { drafts, unplaced } = extractDrafts(
      "From the beginning of the year, exports have reached 2.1 billion USD.",
      { ...CONTEXT, default_year: 2024 },
    );
    expect(drafts).toEqual([]);
    expect(unplaced.map((u) => u.reason)).toEqual(["no_period"]);
  });

  it("does not take the verb 'may' or a day ('May 17') for a month", () => {
    const { drafts, unplaced } = extractDrafts(
      "Exports may reach 100 million USD, officials said on May 17.",
      { ...CONTEXT, default_year: 2024 },
    );
    expect(drafts).toEqual([]);
    expect(unplaced.map((u) => u.reason)).toEqual(["no_period"]);
  });
});

describe("years the text does not print", () => {
  it("takes the year printed earlier in the text before the editor's default", () => {
    const { drafts } = extractDrafts(
      "Năm 2023 là năm khó khăn. Kim ngạch xuất khẩu tháng 12 đạt 300 triệu USD.",
      { ...CONTEXT, default_year: 2024 },
    );
    expect(drafts.map((d) => [d.period_start, d.inferred.includes("year")])).toEqual([
      ["2023-12-01", true],
    ]);
  });

  it("never dates a month after the bulletin was published", () => {
    const { drafts } = extractDrafts("Kim ngạch xuất khẩu tháng 12 đạt 300 triệu USD.", {
      ...CONTEXT,
      reported_at: "2024-10-15",
    });
    expect(drafts.map((d) => d.period_start)).toEqual(["2023-12-01"]);
  });
});

// What an editor should see for each figure-bearing statement of the seed articles and for
// sentences written in the bulletins' style: the expected drafts, shared by the engine's tests
// (test/bulletins/extract.test.ts) and the API's (test/api/bulletins.test.ts).

import type {
  BulletinDraft,
  DraftStatus,
  ExtractionContext,
  InferredField,
  UnplacedReason,
} from "../../src/bulletins/types";
import {
  EARLY_2024_PRODUCTION,
  NGHE_AN_INDUSTRY,
  NGHE_AN_NINE_MONTHS,
  NORTHERN_LOCALITIES,
  type SeedArticle,
  TAY_NINH_LEADS,
} from "./seed-articles";

export interface Expected {
  kind: BulletinDraft["kind"];
  indicator_id: string | null;
  candidates?: string[];
  period_start: string;
  period_end: string;
  value: number;
  scale: string | null;
  unit: string | null;
  status: DraftStatus | null;
  reported_yoy: number | null;
  reported_attainment: number | null;
  qualifier: BulletinDraft["qualifier"];
  inferred: InferredField[];
}

export interface Extra {
  yoy?: number;
  ratio?: number;
  qualifier?: BulletinDraft["qualifier"];
  kind?: BulletinDraft["kind"];
  inferred?: InferredField[];
  candidates?: string[];
}

export function draft(
  indicator: string | null,
  start: string,
  end: string,
  value: number,
  scale: string | null,
  unit: string | null,
  status: DraftStatus | null,
  extra: Extra = {},
): Expected {
  return {
    kind: extra.kind ?? "actual",
    indicator_id: indicator,
    ...(extra.candidates ? { candidates: extra.candidates } : {}),
    period_start: start,
    period_end: end,
    value,
    scale,
    unit,
    status,
    reported_yoy: extra.yoy ?? null,
    reported_attainment: extra.ratio ?? null,
    qualifier: extra.qualifier ?? null,
    inferred: extra.inferred ?? [],
  };
}

/** The fields an editor checks on a draft, in a form toEqual can compare exactly. */
export function seen(d: BulletinDraft): Expected {
  return {
    kind: d.kind,
    indicator_id: d.indicator_id,
    ...(d.indicator_id === null ? { candidates: d.candidates } : {}),
    period_start: d.period_start,
    period_end: d.period_end,
    value: d.value,
    scale: d.scale,
    unit: d.unit,
    status: d.status,
    reported_yoy: d.reported_yoy,
    reported_attainment: d.reported_attainment,
    qualifier: d.qualifier,
    inferred: [...d.inferred].sort(),
  };
}

export interface Row {
  /** The start of the statement, long enough to name one statement of its article. */
  sentence: string;
  drafts?: Expected[];
  unplaced?: UnplacedReason[];
}

// Every statement of the seed articles that carries a number, in the order of the article.
// Statements whose only digits are a date or a period ("the 2020 - 2025 term") carry no
// figure and are not listed; anything else the engine reports must be in this table.
export const SEED_TABLE: readonly { article: SeedArticle; rows: Row[] }[] = [
  {
    article: NGHE_AN_INDUSTRY,
    rows: [
      {
        sentence: "Nghe An is on the rise, ranking in the top",
        unplaced: ["not_a_figure"],
      },
      {
        sentence: "According to the Socio-Economic Report published",
        drafts: [
          draft("nghe-an.grdp-growth", "2024-01-01", "2024-06-30", 6.76, null, "%", "final", {
            inferred: ["status"],
          }),
          draft("nghe-an.grdp-growth", "2024-01-01", "2024-03-31", 6.22, null, "%", "final", {
            inferred: ["status"],
          }),
          draft("nghe-an.grdp-growth", "2024-04-01", "2024-06-30", 7.22, null, "%", "final", {
            inferred: ["status"],
          }),
          draft("nghe-an.grdp-growth", "2023-01-01", "2023-06-30", 6.15, null, "%", "final", {
            inferred: ["status"],
          }),
        ],
      },
      {
        sentence: "The total newly granted and adjusted capital",
        unplaced: ["no_indicator"],
      },
      {
        sentence: "In July 2024, Nghe An's industrial production",
        drafts: [
          draft("nghe-an.iip", "2024-07-01", "2024-07-31", 11.04, null, "%", "final", {
            inferred: ["status"],
          }),
        ],
      },
      {
        sentence: "Some manufactured products grew quite well",
        unplaced: ["no_indicator"],
      },
      {
        sentence: "In the first 7 months of 2024, the industrial",
        drafts: [
          draft("nghe-an.iip", "2024-01-01", "2024-07-31", 10.16, null, "%", "final", {
            inferred: ["scope", "status"],
          }),
        ],
      },
      {
        sentence: "In 2024, large-scale FDI projects are expected",
        unplaced: ["unit_mismatch"],
      },
      {
        sentence: "According to the Department of Industry and",
        drafts: [
          draft(
            "nghe-an.goods-exports",
            "2024-01-01",
            "2024-07-31",
            1.677,
            "billion",
            "USD",
            "final",
            { yoy: 0.26, inferred: ["scope", "status", "year"] },
          ),
          draft(
            "nghe-an.goods-imports",
            "2024-01-01",
            "2024-07-31",
            1.172,
            "billion",
            "USD",
            "estimate",
            { yoy: 0.5717, inferred: ["scope", "year"] },
          ),
        ],
      },
      {
        sentence: "Nghe An enterprises have exported goods to",
        unplaced: ["not_a_figure"],
      },
      {
        sentence: "Export turnover to some markets increased",
        unplaced: ["no_value"],
      },
      {
        sentence: "In particular, electronic equipment and components",
        unplaced: ["no_value"],
      },
      {
        sentence: "In 2024, Nghe An aims to produce 580 million",
        drafts: [
          draft(
            "nghe-an.electronic-components",
            "2024-01-01",
            "2024-12-31",
            580,
            "million",
            null,
            null,
            { kind: "target" },
          ),
        ],
      },
      {
        sentence: "Currently, Nghe An is the locality that gathers",
        unplaced: ["not_a_figure"],
      },
      {
        sentence: "During this term, the Resolution of the Provincial",
        drafts: [
          draft(
            "nghe-an.goods-exports",
            "2025-01-01",
            "2025-12-31",
            1.765,
            "billion",
            "USD",
            null,
            { kind: "target", inferred: ["scope"] },
          ),
        ],
      },
      {
        sentence: "However, from 2021, Nghe An has exceeded",
        drafts: [
          draft(
            "nghe-an.goods-exports",
            "2021-01-01",
            "2021-12-31",
            2.4,
            "billion",
            "USD",
            "final",
            { qualifier: "over", inferred: ["indicator", "status"] },
          ),
          draft(
            "nghe-an.goods-exports",
            "2022-01-01",
            "2022-12-31",
            2.54,
            "billion",
            "USD",
            "final",
            { inferred: ["indicator", "status"] },
          ),
          draft(
            "nghe-an.export-turnover",
            "2023-01-01",
            "2023-12-31",
            3.11,
            "billion",
            "USD",
            "estimate",
          ),
        ],
      },
    ],
  },
  {
    article: NGHE_AN_NINE_MONTHS,
    rows: [
      {
        sentence: "Trong 9 tháng đầu năm 2024, tổng kim ngạch",
        drafts: [
          draft(
            "nghe-an.goods-imports",
            "2024-01-01",
            "2024-09-30",
            1690,
            "triệu",
            "USD",
            "estimate",
            { yoy: 0.7351, ratio: 1.1267 },
          ),
        ],
      },
      {
        sentence: "Cùng với đó, tổng kim ngạch xuất khẩu hàng",
        drafts: [
          draft(
            "nghe-an.goods-exports",
            "2024-01-01",
            "2024-09-30",
            2326,
            "triệu",
            "USD",
            "estimate",
            { yoy: 0.3201, ratio: 0.8458, inferred: ["period", "scope"] },
          ),
        ],
      },
      {
        sentence: "Theo đó, do một số nhà máy gia tăng nhiều",
        unplaced: ["no_value"],
      },
      {
        sentence: "Ngoài ra, gạo xuất khẩu của các doanh nghiệp",
        unplaced: ["no_value"],
      },
      {
        sentence: "Trong thời gian này, các doanh nghiệp Nghệ",
        unplaced: ["not_a_figure"],
      },
      {
        sentence: "Kim ngạch xuất khẩu sang một số thị trường tăng",
        unplaced: ["no_value"],
      },
      {
        sentence: "Ước kim ngạch xuất khẩu Nghệ An năm 2024",
        drafts: [
          draft("nghe-an.goods-exports", "2024-01-01", "2024-12-31", 3.5, "tỷ", "USD", "estimate", {
            qualifier: "about",
          }),
        ],
      },
      {
        sentence: "Trong khi đó, kim ngạch nhập khẩu 9 tháng",
        unplaced: ["repeated"],
      },
      {
        sentence: "Trước đó, Nghệ An đặt mục tiêu xuất khẩu",
        drafts: [
          draft("nghe-an.goods-exports", "2024-01-01", "2024-12-31", 2.75, "tỷ", "USD", null, {
            kind: "target",
          }),
        ],
      },
      {
        sentence: "Theo đó, có sáu nhóm hàng có kim ngạch xuất",
        unplaced: ["not_a_figure"],
      },
      {
        sentence: "Đứng đầu là nhóm hàng thiết bị, linh kiện",
        drafts: [
          draft(
            "nghe-an.exports.electronics",
            "2024-01-01",
            "2024-12-31",
            680,
            "triệu",
            "USD",
            null,
            { qualifier: "about", kind: "target", inferred: ["kind", "period", "scope"] },
          ),
          draft(
            "nghe-an.exports.building-materials",
            "2024-01-01",
            "2024-12-31",
            550,
            "triệu",
            "USD",
            null,
            { kind: "target", inferred: ["kind", "period", "scope"] },
          ),
          draft("nghe-an.exports.textiles", "2024-01-01", "2024-12-31", 500, "triệu", "USD", null, {
            kind: "target",
            inferred: ["kind", "period", "scope"],
          }),
          draft(
            "nghe-an.exports.wood-chips",
            "2024-01-01",
            "2024-12-31",
            200,
            "triệu",
            "USD",
            null,
            { kind: "target", inferred: ["kind", "period", "scope"] },
          ),
          draft("nghe-an.exports.seafood", "2024-01-01", "2024-12-31", 140, "triệu", "USD", null, {
            kind: "target",
            inferred: ["kind", "period", "scope"],
          }),
          draft("nghe-an.exports.footwear", "2024-01-01", "2024-12-31", 100, "triệu", "USD", null, {
            kind: "target",
            inferred: ["kind", "period", "scope"],
          }),
        ],
      },
      {
        sentence: "Năm 2023, tổng kim ngạch xuất khẩu của Nghệ",
        drafts: [
          draft("nghe-an.export-turnover", "2023-01-01", "2023-12-31", 3.11, "tỷ", "USD", "final", {
            inferred: ["status"],
          }),
          draft("nghe-an.goods-exports", "2023-01-01", "2023-12-31", 2.5, "tỷ", "USD", "final", {
            qualifier: "about",
            inferred: ["status"],
          }),
        ],
      },
      {
        sentence: "Trong hai năm 2022 và 2023, Nghệ An thu hút",
        unplaced: ["no_indicator"],
      },
      {
        sentence: "Năm 2024, Nghệ An đặt mục tiêu trên địa bàn",
        drafts: [
          draft(
            "nghe-an.electronic-components",
            "2024-01-01",
            "2024-12-31",
            580,
            "triệu",
            "units",
            null,
            { kind: "target" },
          ),
        ],
      },
      {
        sentence: "Theo đó, mục tiêu đặt ra đến năm 2025 là",
        drafts: [
          draft("nghe-an.goods-exports", "2025-01-01", "2025-12-31", 1.765, "tỷ", "USD", null, {
            kind: "target",
            inferred: ["indicator", "scope"],
          }),
          draft("nghe-an.goods-exports", "2021-01-01", "2021-12-31", 2.428, "tỷ", "USD", "final", {
            inferred: ["indicator", "status"],
          }),
          draft("nghe-an.goods-exports", "2022-01-01", "2022-12-31", 2.539, "tỷ", "USD", "final", {
            inferred: ["indicator", "status"],
          }),
          draft("nghe-an.goods-exports", "2023-01-01", "2023-12-31", 3.11, "tỷ", "USD", "final", {
            inferred: ["indicator", "status"],
          }),
        ],
      },
    ],
  },
  {
    article: NORTHERN_LOCALITIES,
    rows: [
      {
        sentence: "Hanoi (VNA) – As many as 25 out of 28 northern",
        unplaced: ["not_a_figure"],
      },
      {
        sentence: "Among the localities, 11 achieved a growth",
        unplaced: ["not_a_figure"],
      },
      {
        sentence: "In the period, the total retail sales of",
        drafts: [
          draft(
            "north.retail-sales",
            "2024-01-01",
            "2024-04-30",
            1400,
            "trillion",
            "VND",
            "final",
            { yoy: 0.123, qualifier: "over", inferred: ["period", "scope", "status"] },
          ),
        ],
      },
      {
        sentence: "Additionally, its export turnover jumped",
        drafts: [
          draft("north.exports", "2024-01-01", "2024-04-30", 120.7, "billion", "USD", "final", {
            yoy: 0.183,
            inferred: ["period", "scope", "status"],
          }),
        ],
      },
      {
        sentence: "Among the standout performers in this regard,",
        drafts: [
          draft("hai-phong.exports", "2024-01-01", "2024-04-30", 16, "billion", "USD", "final", {
            yoy: 0.21,
            inferred: ["indicator", "period", "status"],
          }),
        ],
      },
      {
        sentence: "Thai Nguyen province saw a 14.7% expansion",
        drafts: [
          draft(
            "thai-nguyen.exports",
            "2024-01-01",
            "2024-04-30",
            17.8,
            "billion",
            "USD",
            "final",
            { yoy: 0.147, inferred: ["indicator", "period", "status"] },
          ),
          draft("bac-giang.exports", "2024-01-01", "2024-04-30", 16.5, "billion", "USD", "final", {
            yoy: 0.22,
            inferred: ["indicator", "period", "status"],
          }),
        ],
      },
      {
        sentence: "Last year, the combined retail sales of goods",
        drafts: [
          draft(
            "north.retail-sales",
            "2023-01-01",
            "2023-12-31",
            2600,
            "trillion",
            "VND",
            "final",
            { yoy: 0.167, inferred: ["scope", "status", "year"] },
          ),
        ],
        unplaced: ["no_value"],
      },
      {
        sentence: "Meanwhile, the region’s export value was",
        drafts: [
          draft("north.exports", "2023-01-01", "2023-12-31", 221.5, "billion", "USD", "final", {
            yoy: 0.017,
            inferred: ["period", "scope", "status"],
          }),
        ],
      },
      {
        sentence: "Among the standout performers in export growth,",
        unplaced: ["repeated"],
      },
      {
        sentence: "Thai Nguyen saw a 14.7% expansion to 17.8",
        unplaced: ["repeated"],
      },
      {
        sentence: "In total, 24 out of 28 localities reported",
        unplaced: ["not_a_figure"],
      },
    ],
  },
  {
    article: TAY_NINH_LEADS,
    rows: [
      {
        sentence: "6/20 provinces and cities had a higher growth",
        unplaced: ["not_a_figure"],
      },
      {
        sentence: "There are 111 industrial clusters (ICs) with",
        unplaced: ["no_indicator"],
      },
      {
        sentence: "However, the number of ICs with wastewater",
        unplaced: ["no_indicator"],
      },
      {
        sentence: "Total retail sales of goods and service revenue",
        unplaced: ["no_value"],
      },
      {
        sentence: "The export turnover of goods in the Southern",
        drafts: [
          draft("south.exports", "2024-01-01", "2024-09-30", 108, "billion", "USD", "estimate", {
            qualifier: "over",
            inferred: ["period"],
          }),
        ],
        unplaced: ["no_value"],
      },
      {
        sentence: "189 sản phẩm công nghiệp nông thôn tiêu biểu",
        unplaced: ["no_indicator"],
      },
      {
        sentence: "Dự báo thời điểm bão Trà Mi đạt cường độ",
        unplaced: ["not_a_figure"],
      },
      {
        sentence: "Dự báo bão Trà Mi sẽ đạt cường độ cực đại",
        unplaced: ["not_a_figure"],
      },
      {
        sentence: "Giờ thứ 9: Đứa con bất hạnh - Phần 1",
        unplaced: ["not_a_figure"],
      },
      {
        sentence: "Giờ thứ 9 - Bé gái trong câu chuyện ngày",
        unplaced: ["not_a_figure"],
      },
      {
        sentence: "Ninh Bình - Sau 2 ngày cho con nghỉ học để",
        unplaced: ["not_a_figure"],
      },
      {
        sentence: "189 typical rural industrial products of",
        unplaced: ["not_a_figure"],
      },
    ],
  },
  {
    article: EARLY_2024_PRODUCTION,
    rows: [
      {
        sentence: "The General Statistics Office (GSO) reported",
        drafts: [
          draft("vietnam.iip", "2024-01-01", "2024-01-31", 18.3, null, "%", "final", {
            inferred: ["scope", "status", "year"],
          }),
        ],
        unplaced: ["no_value"],
      },
      {
        sentence: "In particular, the processing - manufacturing",
        unplaced: ["no_indicator"],
      },
      {
        sentence: "Notably, the January IIP posted year-on-year",
        unplaced: ["not_a_figure"],
      },
      {
        sentence: "Those recording high index rises in the processing",
        unplaced: ["no_indicator"],
      },
      {
        sentence: "The municipal Statistics Office noted the",
        drafts: [
          draft("hcm.iip", "2024-01-01", "2024-01-31", 26.9, null, "%", "final", {
            inferred: ["scope", "status", "year"],
          }),
        ],
      },
      {
        sentence: "In the northern province of Vinh Phuc, some",
        unplaced: ["unit_mismatch", "no_indicator"],
      },
    ],
  },
];

export interface OwnRow {
  text: string;
  context?: Partial<ExtractionContext>;
  drafts: Expected[];
  unplaced?: UnplacedReason[];
}

// Sentences in the bulletins' style, read as a Nghe An editor would paste them: their own
// province is the default scope.
export const OWN_SENTENCES: readonly OwnRow[] = [
  {
    text: "Tháng 7/2024, kim ngạch xuất khẩu hàng hóa của Nghệ An ước đạt 285,5 triệu USD, tăng 12,3% so với cùng kỳ năm trước.",
    drafts: [
      draft(
        "nghe-an.goods-exports",
        "2024-07-01",
        "2024-07-31",
        285.5,
        "triệu",
        "USD",
        "estimate",
        { yoy: 0.123 },
      ),
    ],
  },
  {
    text: "Tính chung 7 tháng năm 2024, kim ngạch xuất khẩu hàng hóa ước đạt 1.677 triệu USD, tăng 26% so với cùng kỳ, đạt 61% kế hoạch năm.",
    drafts: [
      draft("nghe-an.goods-exports", "2024-01-01", "2024-07-31", 1677, "triệu", "USD", "estimate", {
        yoy: 0.26,
        ratio: 0.61,
        inferred: ["scope"],
      }),
    ],
  },
  {
    text: "Quý III/2024, kim ngạch nhập khẩu hàng hóa đạt 620 triệu USD, giảm 5,2% so với quý III/2023.",
    drafts: [
      draft("nghe-an.goods-imports", "2024-07-01", "2024-09-30", 620, "triệu", "USD", "final", {
        yoy: -0.052,
        inferred: ["scope", "status"],
      }),
    ],
  },
  {
    text: "Chỉ số sản xuất công nghiệp (IIP) tháng 9/2024 của tỉnh Nghệ An tăng 15,8% so với cùng kỳ.",
    drafts: [
      draft("nghe-an.iip", "2024-09-01", "2024-09-30", 15.8, null, "%", "final", {
        inferred: ["status"],
      }),
    ],
  },
  {
    text: "IIP tháng 8 giảm 2,1% so với tháng trước nhưng tăng 9,4% so với cùng kỳ năm 2023.",
    context: { default_year: 2024 },
    drafts: [
      draft("nghe-an.iip", "2024-08-01", "2024-08-31", 9.4, null, "%", "final", {
        inferred: ["scope", "status", "year"],
      }),
    ],
    unplaced: ["no_value"],
  },
  {
    text: "Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ 9 tháng đầu năm 2024 ước đạt 72,5 nghìn tỷ đồng, tăng 11,2% so với cùng kỳ.",
    drafts: [
      draft(
        "nghe-an.retail-sales",
        "2024-01-01",
        "2024-09-30",
        72.5,
        "nghìn tỷ",
        "VND",
        "estimate",
        { yoy: 0.112, inferred: ["scope"] },
      ),
    ],
  },
  {
    text: "Thu ngân sách nhà nước trên địa bàn 6 tháng đầu năm đạt 12.345 tỷ đồng, bằng 67,8% dự toán năm, bằng 95,2% so với cùng kỳ.",
    context: { default_year: 2024 },
    drafts: [
      draft("nghe-an.budget-revenue", "2024-01-01", "2024-06-30", 12345, "tỷ", "VND", "final", {
        yoy: -0.048,
        ratio: 0.678,
        inferred: ["scope", "status", "year"],
      }),
    ],
  },
  {
    text: "Kim ngạch xuất khẩu tháng 10/2024 sơ bộ đạt 301 triệu USD.",
    drafts: [
      draft(
        "nghe-an.goods-exports",
        "2024-10-01",
        "2024-10-31",
        301,
        "triệu",
        "USD",
        "preliminary",
        { inferred: ["scope"] },
      ),
    ],
  },
  {
    text: "Lũy kế từ đầu năm đến hết tháng 10, kim ngạch nhập khẩu ước đạt 1.905 triệu USD.",
    context: { default_year: 2024 },
    drafts: [
      draft("nghe-an.goods-imports", "2024-01-01", "2024-10-31", 1905, "triệu", "USD", "estimate", {
        inferred: ["scope", "year"],
      }),
    ],
  },
  {
    text: "Kim ngạch xuất khẩu hàng hóa năm 2023 đạt 2,5 tỷ USD; kim ngạch nhập khẩu đạt 1,33 tỷ USD, giảm 3%.",
    drafts: [
      draft("nghe-an.goods-exports", "2023-01-01", "2023-12-31", 2.5, "tỷ", "USD", "final", {
        inferred: ["scope", "status"],
      }),
      draft("nghe-an.goods-imports", "2023-01-01", "2023-12-31", 1.33, "tỷ", "USD", "final", {
        yoy: -0.03,
        inferred: ["scope", "status"],
      }),
    ],
  },
  {
    text: "Nghệ An phấn đấu năm 2025 kim ngạch xuất khẩu hàng hóa đạt 3,2 tỷ USD.",
    drafts: [
      draft("nghe-an.goods-exports", "2025-01-01", "2025-12-31", 3.2, "tỷ", "USD", null, {
        kind: "target",
      }),
    ],
  },
  {
    text: "Mục tiêu nhiệm kỳ 2021-2025, tổng kim ngạch xuất khẩu đạt 4 tỷ USD vào năm cuối nhiệm kỳ.",
    drafts: [
      draft("nghe-an.export-turnover", "2021-01-01", "2025-12-31", 4, "tỷ", "USD", null, {
        kind: "target",
        inferred: ["scope"],
      }),
    ],
  },
  {
    text: "Kim ngach xuat khau hang hoa thang 6/2024 uoc dat 250 trieu USD, tang 20% so voi cung ky.",
    drafts: [
      draft("nghe-an.goods-exports", "2024-06-01", "2024-06-30", 250, "triệu", "USD", "estimate", {
        yoy: 0.2,
        inferred: ["scope"],
      }),
    ],
  },
  {
    text: "Xuất khẩu dăm gỗ 9 tháng đạt 150,2 triệu USD, tăng 8,5%.",
    context: { default_year: 2024 },
    drafts: [
      draft(
        "nghe-an.exports.wood-chips",
        "2024-01-01",
        "2024-09-30",
        150.2,
        "triệu",
        "USD",
        "final",
        { yoy: 0.085, inferred: ["scope", "status", "year"] },
      ),
    ],
  },
  {
    text: "6 tháng cuối năm 2023, kim ngạch xuất khẩu đạt 1.200 triệu USD.",
    drafts: [
      draft("nghe-an.goods-exports", "2023-07-01", "2023-12-31", 1200, "triệu", "USD", "final", {
        inferred: ["scope", "status"],
      }),
    ],
  },
  {
    text: "Tăng trưởng kinh tế (GRDP) quý I/2024 của Nghệ An ước đạt 6,22%.",
    drafts: [draft("nghe-an.grdp-growth", "2024-01-01", "2024-03-31", 6.22, null, "%", "estimate")],
  },
  {
    text: "Kim ngạch xuất khẩu hàng hóa tháng 12 ước đạt 280 triệu USD.",
    context: { reported_at: "2024-10-15" },
    drafts: [
      draft("nghe-an.goods-exports", "2023-12-01", "2023-12-31", 280, "triệu", "USD", "estimate", {
        inferred: ["scope", "year"],
      }),
    ],
  },
  {
    text: "Kim ngạch nhập khẩu nửa đầu năm 2024 đạt 980 triệu USD, vượt 8,9% kế hoạch.",
    drafts: [
      draft("nghe-an.goods-imports", "2024-01-01", "2024-06-30", 980, "triệu", "USD", "final", {
        ratio: 1.089,
        inferred: ["scope", "status"],
      }),
    ],
  },
  {
    text: "Trong tháng 9, xuất khẩu thủy sản đạt 12 triệu USD, gấp 2,5 lần cùng kỳ.",
    context: { default_year: 2024 },
    drafts: [
      draft("nghe-an.exports.seafood", "2024-09-01", "2024-09-30", 12, "triệu", "USD", "final", {
        yoy: 1.5,
        inferred: ["scope", "status", "year"],
      }),
    ],
  },
  {
    text: "Chỉ số IIP tháng 1/2024 của cả nước tăng 18,3% so với cùng kỳ năm trước.",
    drafts: [
      draft("vietnam.iip", "2024-01-01", "2024-01-31", 18.3, null, "%", "final", {
        inferred: ["scope", "status"],
      }),
    ],
  },
  {
    text: "In July 2024, Nghe An's goods exports reached 285.5 million USD, up 12.3% year on year.",
    drafts: [
      draft("nghe-an.goods-exports", "2024-07-01", "2024-07-31", 285.5, "million", "USD", "final", {
        yoy: 0.123,
        inferred: ["status"],
      }),
    ],
  },
  {
    text: "Exports in the first nine months of 2024 were estimated at 2.326 billion USD, an increase of 32.01% over the same period last year and 84.58% of the annual plan.",
    drafts: [
      draft(
        "nghe-an.goods-exports",
        "2024-01-01",
        "2024-09-30",
        2.326,
        "billion",
        "USD",
        "estimate",
        { yoy: 0.3201, ratio: 0.8458, inferred: ["scope"] },
      ),
    ],
  },
  {
    text: "Imports in Q3 2024 fell 5.2% year on year to 620 million USD.",
    drafts: [
      draft("nghe-an.goods-imports", "2024-07-01", "2024-09-30", 620, "million", "USD", "final", {
        yoy: -0.052,
        inferred: ["scope", "status"],
      }),
    ],
  },
  {
    text: "Preliminary figures show Nghe An's industrial production index rose 9.4% in August 2024.",
    drafts: [draft("nghe-an.iip", "2024-08-01", "2024-08-31", 9.4, null, "%", "preliminary")],
  },
  {
    text: "The province's import turnover in the first half of 2024 was 980 million USD, down 3% from a year earlier.",
    drafts: [
      draft("nghe-an.goods-imports", "2024-01-01", "2024-06-30", 980, "million", "USD", "final", {
        yoy: -0.03,
        inferred: ["scope", "status"],
      }),
    ],
  },
  {
    text: "Retail sales of goods and services in the first 9 months reached VND72.5 trillion, up 11.2%.",
    context: { default_year: 2024 },
    drafts: [
      draft("nghe-an.retail-sales", "2024-01-01", "2024-09-30", 72.5, "trillion", "VND", "final", {
        yoy: 0.112,
        inferred: ["scope", "status", "year"],
      }),
    ],
  },
  {
    text: "Nghe An aims to export 3.2 billion USD worth of goods in 2025.",
    drafts: [
      draft("nghe-an.goods-exports", "2025-01-01", "2025-12-31", 3.2, "billion", "USD", null, {
        kind: "target",
      }),
    ],
  },
  {
    text: "The 2021–2025 term target for total export turnover is 1.765 billion USD.",
    drafts: [
      draft("nghe-an.export-turnover", "2021-01-01", "2025-12-31", 1.765, "billion", "USD", null, {
        kind: "target",
        inferred: ["scope"],
      }),
    ],
  },
  {
    text: "Economic growth in Q2 2024 was 7.22%, while the first quarter saw growth of 6.22%.",
    drafts: [
      draft("nghe-an.grdp-growth", "2024-04-01", "2024-06-30", 7.22, null, "%", "final", {
        inferred: ["scope", "status"],
      }),
      draft("nghe-an.grdp-growth", "2024-01-01", "2024-03-31", 6.22, null, "%", "final", {
        inferred: ["scope", "status"],
      }),
    ],
  },
  {
    text: "Exports of electronic equipment and components in 2023 totalled 1.1 billion USD, 2.6 times higher than in 2022.",
    drafts: [
      draft(
        "nghe-an.exports.electronics",
        "2023-01-01",
        "2023-12-31",
        1.1,
        "billion",
        "USD",
        "final",
        { yoy: 1.6, inferred: ["scope", "status"] },
      ),
    ],
  },
  {
    text: "From the beginning of the year to date, exports have reached 2.1 billion USD.",
    context: { reported_at: "2024-08-20" },
    drafts: [
      draft("nghe-an.goods-exports", "2024-01-01", "2024-08-20", 2.1, "billion", "USD", "final", {
        inferred: ["scope", "status", "year"],
      }),
    ],
  },
  {
    text: "Nghe An's exports in September 2024 rose to 310 million USD, up 15% month on month.",
    drafts: [
      draft("nghe-an.goods-exports", "2024-09-01", "2024-09-30", 310, "million", "USD", "final", {
        inferred: ["status"],
      }),
    ],
    unplaced: ["no_value"],
  },
  {
    text: "Total export turnover was 3.11 billion USD in 2023 and 2.54 billion USD in 2022.",
    drafts: [
      draft(
        "nghe-an.export-turnover",
        "2023-01-01",
        "2023-12-31",
        3.11,
        "billion",
        "USD",
        "final",
        { inferred: ["scope", "status"] },
      ),
      draft(
        "nghe-an.export-turnover",
        "2022-01-01",
        "2022-12-31",
        2.54,
        "billion",
        "USD",
        "final",
        { inferred: ["scope", "status"] },
      ),
    ],
  },
  {
    text: "Exports reached 1,5 billion USD in June 2024.",
    drafts: [
      draft("nghe-an.goods-exports", "2024-06-01", "2024-06-30", 1.5, "billion", "USD", "final", {
        inferred: ["scope", "status"],
      }),
    ],
  },
  {
    text: "Kim ngạch xuất khẩu tháng 5 đạt 230 triệu USD, trong đó xuất khẩu dệt may đạt 80 triệu USD.",
    context: { default_year: 2024 },
    drafts: [
      draft("nghe-an.goods-exports", "2024-05-01", "2024-05-31", 230, "triệu", "USD", "final", {
        inferred: ["scope", "status", "year"],
      }),
      draft("nghe-an.exports.textiles", "2024-05-01", "2024-05-31", 80, "triệu", "USD", "final", {
        inferred: ["scope", "status", "year"],
      }),
    ],
  },
  {
    text: "Xuất khẩu 9 tháng đạt 2.326 triệu USD, nhập khẩu đạt 1.690 triệu USD.",
    context: { default_year: 2024 },
    drafts: [
      draft("nghe-an.goods-exports", "2024-01-01", "2024-09-30", 2326, "triệu", "USD", "final", {
        inferred: ["scope", "status", "year"],
      }),
      draft("nghe-an.goods-imports", "2024-01-01", "2024-09-30", 1690, "triệu", "USD", "final", {
        inferred: ["scope", "status", "year"],
      }),
    ],
  },
  {
    text: "Budget revenue in the first quarter of 2024 decreased by 4.5% to VND 3,120 billion, equal to 21.5% of the annual estimate.",
    drafts: [
      draft("nghe-an.budget-revenue", "2024-01-01", "2024-03-31", 3120, "billion", "VND", "final", {
        yoy: -0.045,
        ratio: 0.215,
        inferred: ["scope", "status"],
      }),
    ],
  },
  {
    text: "Trong khi đó, xuất khẩu giày, dép các loại tháng 8/2024 giảm 12% so với cùng kỳ, chỉ đạt 9,8 triệu USD.",
    drafts: [
      draft("nghe-an.exports.footwear", "2024-08-01", "2024-08-31", 9.8, "triệu", "USD", "final", {
        yoy: -0.12,
        inferred: ["scope", "status"],
      }),
    ],
  },
  {
    text: "Seafood exports in the first half of 2024 were 60 million USD, down 4.1% year-on-year.",
    drafts: [
      draft("nghe-an.exports.seafood", "2024-01-01", "2024-06-30", 60, "million", "USD", "final", {
        yoy: -0.041,
        inferred: ["scope", "status"],
      }),
    ],
  },
  {
    text: "Tổng mức bán lẻ hàng hóa tháng 7 năm 2024 ước đạt 8,1 ngàn tỷ đồng, giảm 1,5% so với tháng trước và tăng 9,6% so với cùng kỳ.",
    drafts: [
      draft("nghe-an.retail-sales", "2024-07-01", "2024-07-31", 8.1, "ngàn tỷ", "VND", "estimate", {
        yoy: 0.096,
        inferred: ["scope"],
      }),
    ],
    unplaced: ["no_value"],
  },
  {
    text: "Goods imports in Q3/2024 are estimated at 640 million USD, equal to 104.5% of the same period.",
    drafts: [
      draft(
        "nghe-an.goods-imports",
        "2024-07-01",
        "2024-09-30",
        640,
        "million",
        "USD",
        "estimate",
        { yoy: 0.045, inferred: ["scope"] },
      ),
    ],
  },
];

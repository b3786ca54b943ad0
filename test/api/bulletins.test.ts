// POST /api/bulletins/extract: a pasted bulletin in, draft figures out, nothing written. The
// indicators are stored through the API with their aliases, so these tests read the bulletins
// the way a deployment does: the catalogue comes from D1, limited to what the token may write.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import type { BulletinDraft, UnplacedStatement } from "../../src/bulletins/types";
import { CATALOGUE } from "../bulletins/catalogue";
import { OWN_SENTENCES, SEED_TABLE, seen } from "../bulletins/expected-drafts";
import { NGHE_AN_NINE_MONTHS } from "../bulletins/seed-articles";
import { ADMIN, call, createToken, dump, send } from "../factories";

interface Answer {
  drafts: BulletinDraft[];
  unplaced: UnplacedStatement[];
  read: { characters: number; total: number; truncated: boolean; statements: number };
}

async function extract(body: Record<string, unknown>, headers: HeadersInit = ADMIN) {
  return send("POST", "/api/bulletins/extract", body, headers);
}

async function drafts(body: Record<string, unknown>, headers: HeadersInit = ADMIN) {
  const res = await extract(body, headers);
  if (res.status !== 200) throw new Error(`extract: ${res.status} ${await res.text()}`);
  return (await res.json()) as Answer;
}

beforeAll(async () => {
  for (const indicator of CATALOGUE) {
    const { id, scope_aliases: _, ...fields } = indicator;
    const res = await send("PUT", `/api/indicators/${id}`, fields);
    if (res.status !== 201) throw new Error(`${id}: ${res.status} ${await res.text()}`);
  }
});

describe("every figure-bearing statement of the seed articles, through the API", () => {
  for (const { article, rows } of SEED_TABLE) {
    describe(article.headline, () => {
      let answer: Answer;
      beforeAll(async () => {
        answer = await drafts({ text: article.text });
      });

      it.each(rows)("$sentence", (row) => {
        const found = answer.drafts.filter((d) => d.sentence.startsWith(row.sentence));
        expect(found.map(seen)).toEqual(row.drafts ?? []);
        const unplaced = answer.unplaced.filter((u) => u.sentence.startsWith(row.sentence));
        expect(unplaced.map((u) => u.reason)).toEqual(row.unplaced ?? []);
      });

      it("reports nothing the table does not list", () => {
        const listed = (s: string) => rows.some((row) => s.startsWith(row.sentence));
        const unlisted = [...answer.drafts, ...answer.unplaced]
          .map((entry) => entry.sentence)
          .filter((s) => !listed(s));
        expect(unlisted).toEqual([]);
      });
    });
  }
});

describe("the bulletins' style, through the API", () => {
  it.each(OWN_SENTENCES)("$text", async (row) => {
    const answer = await drafts({ text: row.text, default_scope: "nghe-an", ...row.context });
    expect(answer.drafts.map(seen)).toEqual(row.drafts);
    expect(answer.unplaced.map((u) => u.reason)).toEqual(row.unplaced ?? []);
  });
});

/** What an editor checks first on a draft. */
interface Check {
  indicator: string;
  start: string;
  end: string;
  value: number;
  scale: string | null;
  unit: string;
  status: string;
  yoy?: number;
  ratio?: number;
}

function checked(d: BulletinDraft): Check {
  return {
    indicator: d.indicator_id ?? "(none)",
    start: d.period_start,
    end: d.period_end,
    value: d.value,
    scale: d.scale,
    unit: d.unit ?? "(none)",
    status: d.status ?? "(target)",
    ...(d.reported_yoy === null ? {} : { yoy: d.reported_yoy }),
    ...(d.reported_attainment === null ? {} : { ratio: d.reported_attainment }),
  };
}

type Sentence = [text: string, expected: Check, unplaced?: string[]];

const FIGURES = (indicator: string) => `nghe-an.${indicator}`;

/**
 * Sentences written for these tests in the bulletins' style, as a Nghe An editor pastes them
 * (their province is the default scope): monthly, quarterly and cumulative periods, "tính
 * chung", falls ("giảm", "down"), "bằng … so với cùng kỳ", "gấp … lần", "nghìn tỷ đồng",
 * "year on year", "up/down", each with the draft it must give.
 */
const VIETNAMESE: Sentence[] = [
  [
    "Tháng 8/2024, kim ngạch nhập khẩu hàng hóa ước đạt 210,4 triệu USD, tăng 18,6% so với cùng kỳ năm trước.",
    {
      indicator: FIGURES("goods-imports"),
      start: "2024-08-01",
      end: "2024-08-31",
      value: 210.4,
      scale: "triệu",
      unit: "USD",
      status: "estimate",
      yoy: 0.186,
    },
  ],
  [
    "Tính chung 8 tháng đầu năm 2024, kim ngạch nhập khẩu ước đạt 1.382 triệu USD, tăng 60,2% so với cùng kỳ, đạt 92,1% kế hoạch năm.",
    {
      indicator: FIGURES("goods-imports"),
      start: "2024-01-01",
      end: "2024-08-31",
      value: 1382,
      scale: "triệu",
      unit: "USD",
      status: "estimate",
      yoy: 0.602,
      ratio: 0.921,
    },
  ],
  [
    "Quý II/2024, kim ngạch xuất khẩu hàng hóa đạt 790 triệu USD, tăng 28,4% so với quý II/2023.",
    {
      indicator: FIGURES("goods-exports"),
      start: "2024-04-01",
      end: "2024-06-30",
      value: 790,
      scale: "triệu",
      unit: "USD",
      status: "final",
      yoy: 0.284,
    },
  ],
  [
    "Kim ngạch xuất khẩu hàng dệt may 6 tháng đầu năm 2024 ước đạt 215 triệu USD, giảm 3,4% so với cùng kỳ.",
    {
      indicator: FIGURES("exports.textiles"),
      start: "2024-01-01",
      end: "2024-06-30",
      value: 215,
      scale: "triệu",
      unit: "USD",
      status: "estimate",
      yoy: -0.034,
    },
  ],
  [
    "Thu ngân sách nhà nước 9 tháng năm 2024 ước đạt 16,2 nghìn tỷ đồng, bằng 95,6% so với cùng kỳ, bằng 82,3% dự toán.",
    {
      indicator: FIGURES("budget-revenue"),
      start: "2024-01-01",
      end: "2024-09-30",
      value: 16.2,
      scale: "nghìn tỷ",
      unit: "VND",
      status: "estimate",
      yoy: -0.044,
      ratio: 0.823,
    },
  ],
  [
    "Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ tháng 9/2024 ước đạt 8.540 tỷ đồng, tăng 10,7% so với cùng kỳ.",
    {
      indicator: FIGURES("retail-sales"),
      start: "2024-09-01",
      end: "2024-09-30",
      value: 8540,
      scale: "tỷ",
      unit: "VND",
      status: "estimate",
      yoy: 0.107,
    },
  ],
  [
    "Chỉ số sản xuất công nghiệp tháng 6/2024 ước tăng 12,5% so với cùng kỳ năm trước.",
    {
      indicator: FIGURES("iip"),
      start: "2024-06-01",
      end: "2024-06-30",
      value: 12.5,
      scale: null,
      unit: "%",
      status: "estimate",
    },
  ],
  [
    "Xuất khẩu thủy sản quý I/2024 đạt 32,5 triệu USD, giảm 6,1%.",
    {
      indicator: FIGURES("exports.seafood"),
      start: "2024-01-01",
      end: "2024-03-31",
      value: 32.5,
      scale: "triệu",
      unit: "USD",
      status: "final",
      yoy: -0.061,
    },
  ],
  [
    "Kim ngạch xuất khẩu giày dép 7 tháng năm 2024 sơ bộ đạt 61 triệu USD, tăng 44% so với cùng kỳ năm 2023.",
    {
      indicator: FIGURES("exports.footwear"),
      start: "2024-01-01",
      end: "2024-07-31",
      value: 61,
      scale: "triệu",
      unit: "USD",
      status: "preliminary",
      yoy: 0.44,
    },
  ],
  [
    "Năm 2023, tổng kim ngạch xuất khẩu của tỉnh đạt 3,11 tỷ USD, tăng 22,4% so với năm 2022.",
    {
      indicator: FIGURES("export-turnover"),
      start: "2023-01-01",
      end: "2023-12-31",
      value: 3.11,
      scale: "tỷ",
      unit: "USD",
      status: "final",
      yoy: 0.224,
    },
  ],
  [
    "Tăng trưởng kinh tế quý III/2024 ước đạt 7,5%.",
    {
      indicator: FIGURES("grdp-growth"),
      start: "2024-07-01",
      end: "2024-09-30",
      value: 7.5,
      scale: null,
      unit: "%",
      status: "estimate",
    },
  ],
  [
    "Kim ngạch xuất khẩu vật liệu xây dựng 9 tháng đầu năm 2024 đạt 402 triệu USD, đạt 73,1% kế hoạch.",
    {
      indicator: FIGURES("exports.building-materials"),
      start: "2024-01-01",
      end: "2024-09-30",
      value: 402,
      scale: "triệu",
      unit: "USD",
      status: "final",
      ratio: 0.731,
    },
  ],
  [
    "Trong tháng 10/2024, kim ngạch nhập khẩu hàng hóa ước đạt 228 triệu USD, giảm 4,2% so với tháng trước.",
    {
      indicator: FIGURES("goods-imports"),
      start: "2024-10-01",
      end: "2024-10-31",
      value: 228,
      scale: "triệu",
      unit: "USD",
      status: "estimate",
    },
    ["no_value"],
  ],
  [
    "Xuất khẩu dăm gỗ 6 tháng đầu năm 2024 đạt 96,3 triệu USD, bằng 48,2% kế hoạch năm.",
    {
      indicator: FIGURES("exports.wood-chips"),
      start: "2024-01-01",
      end: "2024-06-30",
      value: 96.3,
      scale: "triệu",
      unit: "USD",
      status: "final",
      ratio: 0.482,
    },
  ],
  [
    "Tổng mức bán lẻ hàng hóa 6 tháng đầu năm 2024 ước đạt 49,8 nghìn tỷ đồng, tăng 12,1% so với cùng kỳ năm trước.",
    {
      indicator: FIGURES("retail-sales"),
      start: "2024-01-01",
      end: "2024-06-30",
      value: 49.8,
      scale: "nghìn tỷ",
      unit: "VND",
      status: "estimate",
      yoy: 0.121,
    },
  ],
  [
    "Kim ngạch xuất khẩu thiết bị, linh kiện điện tử quý III/2024 ước đạt 205 triệu USD, gấp 2,1 lần cùng kỳ.",
    {
      indicator: FIGURES("exports.electronics"),
      start: "2024-07-01",
      end: "2024-09-30",
      value: 205,
      scale: "triệu",
      unit: "USD",
      status: "estimate",
      yoy: 1.1,
    },
  ],
  [
    "Thu ngân sách 6 tháng đầu năm 2024 đạt 11.020 tỷ đồng, giảm 7,3% so với cùng kỳ năm 2023.",
    {
      indicator: FIGURES("budget-revenue"),
      start: "2024-01-01",
      end: "2024-06-30",
      value: 11020,
      scale: "tỷ",
      unit: "VND",
      status: "final",
      yoy: -0.073,
    },
  ],
];

const ENGLISH: Sentence[] = [
  [
    "In August 2024, Nghe An's goods imports were estimated at 210.4 million USD, up 18.6% year on year.",
    {
      indicator: FIGURES("goods-imports"),
      start: "2024-08-01",
      end: "2024-08-31",
      value: 210.4,
      scale: "million",
      unit: "USD",
      status: "estimate",
      yoy: 0.186,
    },
  ],
  [
    "In the first eight months of 2024, goods exports reached 1.98 billion USD, up 29.3% year on year.",
    {
      indicator: FIGURES("goods-exports"),
      start: "2024-01-01",
      end: "2024-08-31",
      value: 1.98,
      scale: "billion",
      unit: "USD",
      status: "final",
      yoy: 0.293,
    },
  ],
  [
    "Q2 2024 exports rose 28.4% year on year to 790 million USD.",
    {
      indicator: FIGURES("goods-exports"),
      start: "2024-04-01",
      end: "2024-06-30",
      value: 790,
      scale: "million",
      unit: "USD",
      status: "final",
      yoy: 0.284,
    },
  ],
  [
    "Textile exports in the first half of 2024 were estimated at 215 million USD, down 3.4% year on year.",
    {
      indicator: FIGURES("exports.textiles"),
      start: "2024-01-01",
      end: "2024-06-30",
      value: 215,
      scale: "million",
      unit: "USD",
      status: "estimate",
      yoy: -0.034,
    },
  ],
  [
    "Budget revenue in the first nine months of 2024 was VND 16,200 billion, equal to 82.3% of the annual estimate.",
    {
      indicator: FIGURES("budget-revenue"),
      start: "2024-01-01",
      end: "2024-09-30",
      value: 16200,
      scale: "billion",
      unit: "VND",
      status: "final",
      ratio: 0.823,
    },
  ],
  [
    "Retail sales of goods and services in September 2024 were estimated at VND 8,540 billion, up 10.7% year on year.",
    {
      indicator: FIGURES("retail-sales"),
      start: "2024-09-01",
      end: "2024-09-30",
      value: 8540,
      scale: "billion",
      unit: "VND",
      status: "estimate",
      yoy: 0.107,
    },
  ],
  [
    "The industrial production index in June 2024 rose 12.5% year on year.",
    {
      indicator: FIGURES("iip"),
      start: "2024-06-01",
      end: "2024-06-30",
      value: 12.5,
      scale: null,
      unit: "%",
      status: "final",
    },
  ],
  [
    "Seafood exports in the first quarter of 2024 reached 32.5 million USD, down 6.1%.",
    {
      indicator: FIGURES("exports.seafood"),
      start: "2024-01-01",
      end: "2024-03-31",
      value: 32.5,
      scale: "million",
      unit: "USD",
      status: "final",
      yoy: -0.061,
    },
  ],
  [
    "Preliminary data show footwear exports in the first seven months of 2024 at 61 million USD, up 44% over the same period in 2023.",
    {
      indicator: FIGURES("exports.footwear"),
      start: "2024-01-01",
      end: "2024-07-31",
      value: 61,
      scale: "million",
      unit: "USD",
      status: "preliminary",
      yoy: 0.44,
    },
  ],
  [
    "In 2023, total export turnover reached 3.11 billion USD, up 22.4% from 2022.",
    {
      indicator: FIGURES("export-turnover"),
      start: "2023-01-01",
      end: "2023-12-31",
      value: 3.11,
      scale: "billion",
      unit: "USD",
      status: "final",
      yoy: 0.224,
    },
  ],
  [
    "Economic growth in the third quarter of 2024 is estimated at 7.5%.",
    {
      indicator: FIGURES("grdp-growth"),
      start: "2024-07-01",
      end: "2024-09-30",
      value: 7.5,
      scale: null,
      unit: "%",
      status: "estimate",
    },
  ],
  [
    "Building materials exports in the first nine months of 2024 reached 402 million USD, 73.1% of the annual plan.",
    {
      indicator: FIGURES("exports.building-materials"),
      start: "2024-01-01",
      end: "2024-09-30",
      value: 402,
      scale: "million",
      unit: "USD",
      status: "final",
      ratio: 0.731,
    },
  ],
  [
    "Goods imports in October 2024 were estimated at 228 million USD, down 4.2% month on month.",
    {
      indicator: FIGURES("goods-imports"),
      start: "2024-10-01",
      end: "2024-10-31",
      value: 228,
      scale: "million",
      unit: "USD",
      status: "estimate",
    },
    ["no_value"],
  ],
  [
    "Exports of wood chips in the first half of 2024 totalled 96.3 million USD, equal to 48.2% of the annual plan.",
    {
      indicator: FIGURES("exports.wood-chips"),
      start: "2024-01-01",
      end: "2024-06-30",
      value: 96.3,
      scale: "million",
      unit: "USD",
      status: "final",
      ratio: 0.482,
    },
  ],
  [
    "Retail sales in the first half of 2024 were estimated at VND 49.8 trillion, up 12.1% year on year.",
    {
      indicator: FIGURES("retail-sales"),
      start: "2024-01-01",
      end: "2024-06-30",
      value: 49.8,
      scale: "trillion",
      unit: "VND",
      status: "estimate",
      yoy: 0.121,
    },
  ],
  [
    "Exports of electronic equipment and components in Q3 2024 are estimated at 205 million USD, 2.1 times the same period last year.",
    {
      indicator: FIGURES("exports.electronics"),
      start: "2024-07-01",
      end: "2024-09-30",
      value: 205,
      scale: "million",
      unit: "USD",
      status: "estimate",
      yoy: 1.1,
    },
  ],
  [
    "Budget revenue in the first half of 2024 was VND 11,020 billion, down 7.3% from the same period in 2023.",
    {
      indicator: FIGURES("budget-revenue"),
      start: "2024-01-01",
      end: "2024-06-30",
      value: 11020,
      scale: "billion",
      unit: "VND",
      status: "final",
      yoy: -0.073,
    },
  ],
];

describe("sentences of our own, through the API", () => {
  it.each([...VIETNAMESE, ...ENGLISH])("%s", async (text, expected, unplaced = []) => {
    const answer = await drafts({ text, default_scope: "nghe-an" });
    expect(answer.drafts.map(checked)).toEqual([expected]);
    expect(answer.unplaced.map((u) => u.reason)).toEqual(unplaced);
  });

  it("are at least thirty, in both languages", async () => {
    expect(VIETNAMESE.length + ENGLISH.length).toBeGreaterThanOrEqual(30);
    for (const [sentences, language] of [
      [VIETNAMESE, "vi"],
      [ENGLISH, "en"],
    ] as const) {
      for (const [text] of sentences) {
        const answer = await drafts({ text, default_scope: "nghe-an" });
        expect(answer.drafts.map((d) => d.language)).toEqual([language]);
      }
    }
  });
});

describe("POST /api/bulletins/extract", () => {
  const SENTENCE =
    "Trong 9 tháng đầu năm 2024, tổng kim ngạch nhập khẩu hàng hóa của Nghệ An ước đạt 1.690 triệu USD, tăng 73,51% so với cùng kỳ năm 2023, đạt 112,67% kế hoạch.";

  it("reads the editor's first paste into the draft the desk proposes", async () => {
    const answer = await drafts({ text: SENTENCE, reported_at: "2024-10-05" });
    expect(answer.unplaced).toEqual([]);
    expect(answer.drafts).toHaveLength(1);
    expect(answer.drafts[0]).toMatchObject({
      kind: "actual",
      indicator_id: "nghe-an.goods-imports",
      period_start: "2024-01-01",
      period_end: "2024-09-30",
      value: 1690,
      scale: "triệu",
      unit: "USD",
      base_value: 1_690_000_000,
      status: "estimate",
      reported_at: "2024-10-05",
      reported_yoy: 0.7351,
      reported_attainment: 1.1267,
      sentence: SENTENCE,
      figure_text: "1.690 triệu USD",
    });
  });

  it("writes nothing", async () => {
    const before = await dump(env.DB);
    await drafts({ text: NGHE_AN_NINE_MONTHS.text });
    expect(await dump(env.DB)).toBe(before);
  });

  it("offers a token limited to one province only that province's indicators", async () => {
    const nghean = await createToken({ scopes: ["write"], indicator_scope: "nghe-an" });
    const text = "Kim ngạch xuất khẩu của Hải Phòng tháng 9/2024 đạt 2.100 triệu USD.";
    const admin = await drafts({ text });
    expect(admin.drafts.map((d) => d.indicator_id)).toEqual(["hai-phong.exports"]);
    const limited = await drafts({ text }, nghean.bearer);
    expect(limited.drafts.map((d) => d.indicator_id)).not.toContain("hai-phong.exports");
    // Its own province is where a figure that names no place belongs.
    const unnamed = await drafts(
      { text: "Kim ngạch nhập khẩu tháng 9/2024 ước đạt 230 triệu USD." },
      nghean.bearer,
    );
    expect(unnamed.drafts.map((d) => d.indicator_id)).toEqual(["nghe-an.goods-imports"]);
  });

  it("needs a write token: 401 without one, 403 with a read token", async () => {
    const anonymous = await send("POST", "/api/bulletins/extract", { text: SENTENCE }, {});
    expect(anonymous.status).toBe(401);
    const reader = await createToken({ scopes: ["read"] });
    const read = await extract({ text: SENTENCE }, reader.bearer);
    expect(read.status).toBe(403);
    expect(((await read.json()) as { code: string }).code).toBe("forbidden");
  });

  it.each([
    ["an empty text", { text: "" }, "/text"],
    ["more than 20,000 characters", { text: `${SENTENCE} `.repeat(140) }, "/text"],
    ["an unpaired surrogate", { text: `${SENTENCE}\ud800` }, "/text"],
    ["a date that is not one", { text: SENTENCE, reported_at: "2024-02-30" }, "/reported_at"],
    ["an unknown vintage", { text: SENTENCE, default_status: "rumour" }, "/default_status"],
    ["a field it does not know", { text: SENTENCE, indicators: [] }, "/"],
  ])("refuses %s with a 422 naming the field", async (_, body, path) => {
    const res = await extract(body);
    expect(res.status).toBe(422);
    const problem = (await res.json()) as { code: string; errors: { path: string }[] };
    expect(problem.code).toBe("validation_failed");
    expect(problem.errors.map((e) => e.path)).toContain(path);
  });

  it("is described in the OpenAPI document", async () => {
    const doc = (await (await call("/openapi.json")).json()) as {
      paths: Record<string, Record<string, { requestBody?: unknown; responses: object }>>;
    };
    const route = doc.paths["/api/bulletins/extract"]?.post;
    expect(route?.requestBody).toBeDefined();
    expect(Object.keys(route?.responses ?? {})).toContain("200");
  });
});

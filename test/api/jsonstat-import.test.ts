// POST /api/import/jsonstat: a PxWeb table saved as JSON-stat 2.0 imports after its dimensions
// are mapped, with a dry run first; any problem writes nothing. The table is the saved sample in
// test/formats/fixtures; the network is never used.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import {
  ADMIN,
  auditOf,
  call,
  createIndicator,
  createToken,
  DATA_TABLES,
  dump,
  send,
  uid,
} from "../factories";
import table from "../formats/fixtures/pxweb-exports-by-province.json";

interface Result {
  format: string;
  dry_run: boolean;
  summary: Record<string, number>;
  rows: {
    cell: number;
    categories: Record<string, string>;
    outcome: string;
    id: number | null;
    figure: Record<string, unknown>;
  }[];
  skipped: { cell: number; categories: Record<string, string>; status: string | null }[];
}
interface Problem {
  code: string;
  detail: string;
  errors: {
    path: string;
    row?: number;
    column?: string;
    code?: string;
    categories?: Record<string, string>;
    message: string;
  }[];
}

/** Two areas of their own, each with goods exports and imports, mapped from the table's provinces. */
async function provinces() {
  const nghean = uid("nghe-an");
  const hanoi = uid("ha-noi");
  for (const scope of [nghean, hanoi]) {
    await createIndicator({ scope }, `${scope}.goods-exports`);
    await createIndicator({ scope }, `${scope}.goods-imports`);
  }
  const mapping = {
    area: { dimension: "Tinh", categories: { "40": nghean, "01": hanoi } },
    indicator: { dimension: "ChiTieu", categories: { XK: "goods-exports", NK: "goods-imports" } },
    period: { dimension: "Thang", cumulative: true },
    fixed: { ContentsCode: "CongDon" },
    scale: "triệu",
    status: "preliminary",
    status_by_symbol: { e: "estimate" },
  };
  return { nghean, hanoi, mapping };
}

function post(body: unknown, query = "", headers: Record<string, string> = ADMIN) {
  return send("POST", `/api/import/jsonstat${query}`, body, headers);
}

async function imported(body: unknown, query = "", headers = ADMIN): Promise<Result> {
  const res = await post(body, query, headers);
  if (res.status !== 200) throw new Error(`import: ${res.status} ${await res.text()}`);
  return (await res.json()) as Result;
}

async function refused(body: unknown, status = 422): Promise<Problem> {
  const before = await dump(env.DB);
  const res = await post(body);
  expect(res.status).toBe(status);
  expect(res.headers.get("content-type")).toContain("application/problem+json");
  expect(await dump(env.DB)).toBe(before);
  return (await res.json()) as Problem;
}

async function vintages(indicator: string) {
  const res = await call(`/api/indicators/${indicator}/actuals?revisions=all`);
  return ((await res.json()) as { actuals: Record<string, unknown>[] }).actuals;
}

describe("importing a PxWeb table after mapping its dimensions", () => {
  it("shows the dry run first, then writes every figure it showed", async () => {
    const { nghean, hanoi, mapping } = await provinces();
    const before = await dump(env.DB);
    const dry = await imported({ dataset: table, mapping }, "?dry_run=true");
    expect(await dump(env.DB)).toBe(before);
    expect(dry.dry_run).toBe(true);
    expect(dry.summary).toEqual({
      rows: 10,
      created: 10,
      updated: 0,
      revised: 0,
      corrected: 0,
      unchanged: 0,
      duplicate: 0,
    });
    expect(dry.rows[2]).toEqual({
      cell: 5,
      categories: { Tinh: "40", ChiTieu: "XK", ContentsCode: "CongDon", Thang: "2024M09" },
      outcome: "created",
      id: null,
      figure: {
        indicator_id: `${nghean}.goods-exports`,
        period_start: "2024-01-01",
        period_end: "2024-09-30",
        value: 2_326_000_000,
        status: "estimate",
        reported_at: "2024-10-06",
      },
    });
    expect(dry.skipped).toEqual([
      {
        cell: 17,
        categories: { Tinh: "01", ChiTieu: "XK", ContentsCode: "CongDon", Thang: "2024M09" },
        status: "..",
      },
      {
        cell: 23,
        categories: { Tinh: "01", ChiTieu: "NK", ContentsCode: "CongDon", Thang: "2024M09" },
        status: "..",
      },
    ]);

    const done = await imported({ dataset: table, mapping });
    expect(done.rows.map((r) => [r.cell, r.figure])).toEqual(
      dry.rows.map((r) => [r.cell, r.figure]),
    );
    const exports = await vintages(`${nghean}.goods-exports`);
    expect(exports.map((a) => [a.period_end, a.value, a.status, a.reported_at])).toEqual([
      ["2024-07-31", 1_745_200_000, "preliminary", "2024-10-06"],
      ["2024-08-31", 2_041_600_000, "preliminary", "2024-10-06"],
      ["2024-09-30", 2_326_000_000, "estimate", "2024-10-06"],
    ]);
    expect(exports[0]?.source).toBe(
      "Cục Thống kê tỉnh Nghệ An, table V08.03, Trị giá xuất khẩu, nhập khẩu hàng hóa phân theo tỉnh, chỉ tiêu, nội dung và tháng",
    );
    expect(done.rows[0]?.id).toBe(exports[0]?.id);
    expect(await vintages(`${hanoi}.goods-imports`)).toHaveLength(2);
    expect((await auditOf("actual", String(exports[2]?.id))).map((e) => e.actor)).toEqual([
      "admin",
    ]);

    const again = await imported({ dataset: table, mapping });
    expect(again.summary).toMatchObject({ rows: 10, unchanged: 10 });
  });

  it("imports single months of one province under an id template of its own", async () => {
    const { nghean } = await provinces();
    const res = await imported({
      dataset: table,
      mapping: {
        area: { dimension: "Tinh", categories: { "40": nghean } },
        indicator: { dimension: "ChiTieu", categories: { XK: "exports" } },
        id_template: "{area}.goods-{indicator}",
        period: { dimension: "Thang" },
        fixed: { ContentsCode: "TriGia" },
        scale: "million",
        status: "final",
        status_by_symbol: { e: "estimate" },
        reported_at: "2024-10-07",
      },
    });
    expect(res.rows.map((r) => [r.figure.period_start, r.figure.value, r.figure.status])).toEqual([
      ["2024-07-01", 268_400_000, "final"],
      ["2024-08-01", 296_400_000, "final"],
      ["2024-09-01", 284_400_000, "estimate"],
    ]);
  });
});

describe("a table refused whole", () => {
  it("refuses a mapping the table does not fit, naming each part of the mapping", async () => {
    const { mapping } = await provinces();
    const problem = await refused({
      dataset: table,
      mapping: {
        ...mapping,
        area: { dimension: "Province", categories: { "40": "nghe-an" } },
        fixed: {},
      },
    });
    expect(problem.code).toBe("validation_failed");
    expect(problem.errors.map((e) => [e.path, e.code])).toEqual([
      ["/mapping/area/dimension", "unknown_dimension"],
      ["/mapping/fixed/ContentsCode", "unmapped_dimension"],
      ["/mapping/fixed/Tinh", "unmapped_dimension"],
    ]);
    expect(problem.detail).toBe("3 problems in the table; nothing was written.");
    // A mapping problem belongs to no cell, so it names none.
    expect(problem.errors[0]).not.toHaveProperty("row");
  });

  it("refuses a cell it cannot read, and writes none of the cells it could", async () => {
    const { mapping } = await provinces();
    const problem = await refused({
      dataset: table,
      mapping: { ...mapping, status_by_symbol: {} },
    });
    expect(problem.errors.map((e) => [e.path, e.code, e.categories?.Thang])).toEqual([
      ["/cells/5", "unknown_status_symbol", "2024M09"],
      ["/cells/11", "unknown_status_symbol", "2024M09"],
    ]);
  });

  it("refuses cells whose indicator does not exist or belongs to another area", async () => {
    const { nghean, hanoi, mapping } = await provinces();
    const unknown = await refused({
      dataset: table,
      mapping: { ...mapping, area: { dimension: "Tinh", categories: { "40": uid("nowhere") } } },
    });
    expect(unknown.code).toBe("unknown_indicator");
    expect(unknown.errors.map((e) => [e.path, e.code])).toEqual(
      [3, 4, 5, 9, 10, 11].map((cell) => [`/cells/${cell}/indicator_id`, "unknown_indicator"]),
    );
    const crossed = await refused({
      dataset: table,
      mapping: {
        ...mapping,
        area: { dimension: "Tinh", categories: { "40": hanoi } },
        indicator: { dimension: "ChiTieu", categories: { XK: `${nghean}.goods-exports` } },
        id_template: "{indicator}",
      },
    });
    expect(crossed.errors.map((e) => [e.path, e.code])).toEqual(
      [3, 4, 5].map((cell) => [`/cells/${cell}/area`, "area_mismatch"]),
    );
  });

  it("refuses a body that is no table and mapping, and a mapping that selects nothing", async () => {
    const { mapping } = await provinces();
    const paths = async (body: unknown) =>
      (await refused(body)).errors.map((e) => [e.path, e.code ?? null]);
    expect(await paths({ dataset: table })).toEqual([["/mapping", null]]);
    expect(await paths({ dataset: table, mapping, extra: 1 })).toEqual([["/", null]]);
    expect(await paths({ dataset: [1, 2], mapping })).toEqual([["/dataset", null]]);
    expect(await paths({ dataset: { class: "dataset" }, mapping })).toEqual([
      ["/dataset", "not_jsonstat_dataset"],
    ]);
    expect(await paths({ dataset: table, mapping: { ...mapping, status: "provisional" } })).toEqual(
      [["/mapping/status", null]],
    );
    const none = {
      ...mapping,
      area: { dimension: "Tinh", categories: {} },
    };
    expect(await paths({ dataset: table, mapping: none })).toEqual([["/mapping", null]]);
  });
});

describe("who may import a table", () => {
  it("holds a scoped token to its scope", async () => {
    const { nghean, mapping } = await provinces();
    const token = await createToken({ scopes: ["write"], indicator_scope: nghean });
    const tables = [...DATA_TABLES, "audit_log"];
    const before = await dump(env.DB, tables);
    const res = await post({ dataset: table, mapping }, "", token.bearer);
    expect(res.status).toBe(403);
    expect(((await res.json()) as Problem).code).toBe("forbidden");
    expect(await dump(env.DB, tables)).toBe(before);

    const own = { ...mapping, area: { dimension: "Tinh", categories: { "40": nghean } } };
    const done = await imported({ dataset: table, mapping: own }, "", token.bearer);
    expect(done.summary.created).toBe(6);
    expect((await auditOf("actual", String(done.rows[0]?.id))).map((e) => e.actor)).toEqual([
      token.id,
    ]);
  });

  it("needs a token that may write, and a JSON body", async () => {
    const { mapping } = await provinces();
    expect((await post({ dataset: table, mapping }, "", {})).status).toBe(401);
    const csv = await call("/api/import/jsonstat", {
      method: "POST",
      headers: { "content-type": "text/csv", ...ADMIN },
      body: "a,b\r\n1,2\r\n",
    });
    expect(csv.status).toBe(415);
  });
});

import { describe, expect, it } from "vitest";
import { importJsonStat, type JsonStatMapping } from "../../src/formats/jsonstat";
import { parsePxTime } from "../../src/formats/pxweb-time";
// A PxWeb table as its API answers with format=json-stat2, made by hand: two provinces, exports
// and imports, in-month and year-to-date values for July to September 2024, September an
// estimate (status e) and not yet available for Hà Nội (..).
import table from "./fixtures/pxweb-exports-by-province.json";

const MAPPING: JsonStatMapping = {
  area: { dimension: "Tinh", categories: { "40": "nghe-an", "01": "ha-noi" } },
  indicator: { dimension: "ChiTieu", categories: { XK: "goods-exports", NK: "goods-imports" } },
  period: { dimension: "Thang", cumulative: true },
  fixed: { ContentsCode: "CongDon" },
  scale: "triệu",
  status: "preliminary",
  status_by_symbol: { e: "estimate" },
};

/** The fixture with some of its parts replaced. */
const variant = (changes: object) => ({ ...structuredClone(table), ...changes });

const codes = (mapping: JsonStatMapping, response: unknown = table) =>
  importJsonStat(response, mapping).errors.map((e) => [e.path, e.code]);

describe("parsePxTime", () => {
  const span = (code: string, cumulative = false) => {
    const p = parsePxTime(code, cumulative);
    return p.ok ? [p.start, p.end] : p.code;
  };

  it("reads years, months, quarters, half-years and tertials", () => {
    expect(span("2024")).toEqual(["2024-01-01", "2024-12-31"]);
    expect(span("2024M01")).toEqual(["2024-01-01", "2024-01-31"]);
    expect(span("2024M02")).toEqual(["2024-02-01", "2024-02-29"]);
    expect(span("2023M02")).toEqual(["2023-02-01", "2023-02-28"]);
    expect(span("2024M09")).toEqual(["2024-09-01", "2024-09-30"]);
    expect(span("2024M12")).toEqual(["2024-12-01", "2024-12-31"]);
    expect(span("2024Q1")).toEqual(["2024-01-01", "2024-03-31"]);
    expect(span("2024Q3")).toEqual(["2024-07-01", "2024-09-30"]);
    expect(span("2024K3")).toEqual(["2024-07-01", "2024-09-30"]);
    expect(span("2024K4")).toEqual(["2024-10-01", "2024-12-31"]);
    expect(span("2024H1")).toEqual(["2024-01-01", "2024-06-30"]);
    expect(span("2024S2")).toEqual(["2024-07-01", "2024-12-31"]);
    expect(span("2024T1")).toEqual(["2024-01-01", "2024-04-30"]);
    expect(span("2024T3")).toEqual(["2024-09-01", "2024-12-31"]);
    expect(span(" 2024m09 ")).toEqual(["2024-09-01", "2024-09-30"]);
  });

  it("starts every period on 1 January for year-to-date tables", () => {
    expect(span("2024M09", true)).toEqual(["2024-01-01", "2024-09-30"]);
    expect(span("2024K2", true)).toEqual(["2024-01-01", "2024-06-30"]);
    expect(span("2024", true)).toEqual(["2024-01-01", "2024-12-31"]);
  });

  it("refuses weeks as unsupported and anything else as a bad code", () => {
    expect(span("2024W05")).toBe("unsupported_time_code");
    expect(span("2024V05")).toBe("unsupported_time_code");
    for (const code of [
      "",
      "24",
      "2024M13",
      "2024M00",
      "2024M9",
      "2024Q5",
      "2024K0",
      "2024H3",
      "2024T4",
      "2024-09",
      "Sơ bộ 2024",
      "2024X1",
    ]) {
      expect(span(code), code).toBe("bad_time_code");
    }
  });
});

describe("importJsonStat of a PxWeb table", () => {
  const result = importJsonStat(table, MAPPING);

  it("turns every selected cell into a figure in base units", () => {
    expect(result.errors).toEqual([]);
    expect(
      result.figures.map((f) => [
        f.input.indicator_id,
        f.input.period_end,
        f.input.value,
        f.input.status,
      ]),
    ).toEqual([
      ["nghe-an.goods-exports", "2024-07-31", 1_745_200_000, "preliminary"],
      ["nghe-an.goods-exports", "2024-08-31", 2_041_600_000, "preliminary"],
      ["nghe-an.goods-exports", "2024-09-30", 2_326_000_000, "estimate"],
      ["nghe-an.goods-imports", "2024-07-31", 1_288_500_000, "preliminary"],
      ["nghe-an.goods-imports", "2024-08-31", 1_492_700_000, "preliminary"],
      ["nghe-an.goods-imports", "2024-09-30", 1_690_000_000, "estimate"],
      ["ha-noi.goods-exports", "2024-07-31", 10_125_300_000, "preliminary"],
      ["ha-noi.goods-exports", "2024-08-31", 11_702_800_000, "preliminary"],
      ["ha-noi.goods-imports", "2024-07-31", 20_530_000_000, "preliminary"],
      ["ha-noi.goods-imports", "2024-08-31", 23_580_400_000, "preliminary"],
    ]);
  });

  it("gives each figure the body POST /api/actuals takes, and says where it came from", () => {
    expect(result.figures[2]).toEqual({
      index: 5,
      categories: { Tinh: "40", ChiTieu: "XK", ContentsCode: "CongDon", Thang: "2024M09" },
      area: "nghe-an",
      unit: "triệu USD",
      input: {
        indicator_id: "nghe-an.goods-exports",
        period_start: "2024-01-01",
        period_end: "2024-09-30",
        value: 2_326_000_000,
        status: "estimate",
        reported_at: "2024-10-06",
        source:
          "Cục Thống kê tỉnh Nghệ An, table V08.03, Trị giá xuất khẩu, nhập khẩu hàng hóa phân theo tỉnh, chỉ tiêu, nội dung và tháng",
      },
    });
  });

  it("skips the cells PxWeb marks as not available", () => {
    expect(result.skipped).toEqual([
      {
        index: 17,
        categories: { Tinh: "01", ChiTieu: "XK", ContentsCode: "CongDon", Thang: "2024M09" },
        status: "..",
      },
      {
        index: 23,
        categories: { Tinh: "01", ChiTieu: "NK", ContentsCode: "CongDon", Thang: "2024M09" },
        status: "..",
      },
    ]);
  });

  it("imports only the categories mapped, and single months when not cumulative", () => {
    const monthly = importJsonStat(table, {
      ...MAPPING,
      area: { dimension: "Tinh", categories: { "40": "nghe-an" } },
      indicator: { dimension: "ChiTieu", categories: { XK: "exports" } },
      id_template: "{area}.goods-{indicator}",
      period: { dimension: "Thang" },
      fixed: { ContentsCode: "TriGia" },
      reported_at: "2024-10-07",
      source: "Nghe An statistics office, monthly release",
    });
    expect(monthly.errors).toEqual([]);
    expect(monthly.figures.map((f) => f.input)).toEqual(
      [
        ["2024-07-01", "2024-07-31", 268_400_000, "preliminary"],
        ["2024-08-01", "2024-08-31", 296_400_000, "preliminary"],
        ["2024-09-01", "2024-09-30", 284_400_000, "estimate"],
      ].map(([start, end, value, status]) => ({
        indicator_id: "nghe-an.goods-exports",
        period_start: start,
        period_end: end,
        value,
        status,
        reported_at: "2024-10-07",
        source: "Nghe An statistics office, monthly release",
      })),
    );
  });

  it("reads a table of one area and indicator with quarterly K codes and renamed codes", () => {
    const quarterly = {
      version: "2.0",
      class: "dataset",
      label: "GRDP",
      updated: "2025-01-10T00:00:00Z",
      id: ["ContentsCode", "Quy"],
      size: [1, 3],
      dimension: {
        ContentsCode: {
          label: "Nội dung",
          category: { index: { GRDP: 0 }, unit: { GRDP: { base: "%", decimals: 2 } } },
        },
        Quy: { label: "Quý", category: { index: ["2024K3", "2024K4", "Sơ bộ 2024"] } },
      },
      role: { time: ["Quy"], metric: ["ContentsCode"] },
      value: [7.1, 7.6, 7.4],
    };
    const read = importJsonStat(quarterly, {
      area: { value: "nghe-an" },
      indicator: { value: "grdp-growth" },
      period: { dimension: "Quy", codes: { "Sơ bộ 2024": "2024" } },
      status: "final",
      status_by_period: { "Sơ bộ 2024": "preliminary" },
    });
    expect(read.errors).toEqual([]);
    expect(
      read.figures.map((f) => [
        f.input.indicator_id,
        f.input.period_start,
        f.input.period_end,
        f.input.value,
        f.input.status,
        f.unit,
      ]),
    ).toEqual([
      ["nghe-an.grdp-growth", "2024-07-01", "2024-09-30", 7.1, "final", "%"],
      ["nghe-an.grdp-growth", "2024-10-01", "2024-12-31", 7.6, "final", "%"],
      ["nghe-an.grdp-growth", "2024-01-01", "2024-12-31", 7.4, "preliminary", "%"],
    ]);
    expect(read.figures[0]?.input.source).toBe("GRDP");
  });

  it("reads the first dataset of a collection", () => {
    const collection = {
      version: "2.0",
      class: "collection",
      link: { item: [structuredClone(table)] },
    };
    expect(importJsonStat(collection, MAPPING).figures).toHaveLength(10);
  });
});

describe("importJsonStat refuses a mapping it cannot follow, before any cell", () => {
  it("names dimensions and categories the table does not have", () => {
    expect(
      codes({
        ...MAPPING,
        area: { dimension: "Province", categories: { "40": "nghe-an" } },
        indicator: { dimension: "ChiTieu", categories: { XK: "goods-exports", DV: "services" } },
      }),
    ).toEqual([
      ["/mapping/area/dimension", "unknown_dimension"],
      ["/mapping/indicator/categories/DV", "unknown_category"],
      ["/mapping/fixed/Tinh", "unmapped_dimension"],
    ]);
  });

  it("refuses a dimension mapped twice and one left unmapped", () => {
    expect(codes({ ...MAPPING, period: { dimension: "Tinh" } })).toEqual([
      ["/mapping/period/dimension", "dimension_mapped_twice"],
      ["/mapping/fixed/Thang", "unmapped_dimension"],
    ]);
    expect(codes({ ...MAPPING, fixed: {} })).toEqual([
      ["/mapping/fixed/ContentsCode", "unmapped_dimension"],
    ]);
  });

  it("refuses slugs, templates, scales and statuses it does not know", () => {
    expect(
      codes({
        ...MAPPING,
        area: { dimension: "Tinh", categories: { "40": "Nghệ An" } },
        indicator: { value: "goods exports" },
        id_template: "{area}_{indicator}",
        scale: "lakh",
        status: "provisional" as "preliminary",
        status_by_symbol: { e: "guess" as "estimate" },
      }),
    ).toEqual([
      ["/mapping/area/categories/40", "bad_mapping"],
      ["/mapping/indicator/value", "bad_mapping"],
      ["/mapping/fixed/ChiTieu", "unmapped_dimension"],
      ["/mapping/id_template", "bad_mapping"],
      ["/mapping/scale", "bad_mapping"],
      ["/mapping/status", "bad_mapping"],
      ["/mapping/status_by_symbol/e", "bad_mapping"],
    ]);
  });

  it("refuses a mapping that selects more cells than one import takes, before reading any", () => {
    const read = importJsonStat(table, MAPPING, { maxCells: 11 });
    expect(read.errors.map((e) => [e.path, e.code])).toEqual([["/mapping", "too_many_cells"]]);
    expect(read.errors[0]?.message).toContain("selects 12 cells");
    expect(importJsonStat(table, MAPPING, { maxCells: 12 }).errors).toEqual([]);
  });

  it("asks for the publication day when the table has none", () => {
    const undated = variant({ updated: undefined });
    expect(codes(MAPPING, undated)).toEqual([["/mapping/reported_at", "bad_mapping"]]);
    expect(importJsonStat(undated, { ...MAPPING, reported_at: "2024-10-06" }).errors).toEqual([]);
  });

  it("refuses what is not a JSON-stat dataset", () => {
    for (const response of [
      null,
      "text",
      {},
      { class: "collection" },
      { class: "dataset", id: ["A"], size: [2], dimension: {} },
    ]) {
      expect(codes(MAPPING, response)).toEqual([["", "not_jsonstat_dataset"]]);
    }
  });
});

describe("importJsonStat errors name the cell by its categories", () => {
  it("refuses time codes it cannot read", () => {
    const odd = variant({
      dimension: {
        ...table.dimension,
        Thang: { label: "Tháng", category: { index: ["2024M07", "2024W35", "Tháng 9/2024"] } },
      },
    });
    const read = importJsonStat(odd, MAPPING);
    expect(read.errors.map((e) => [e.path, e.code, e.categories?.Thang])).toEqual([
      ["/cells/4", "unsupported_time_code", "2024W35"],
      ["/cells/5", "bad_time_code", "Tháng 9/2024"],
      ["/cells/10", "unsupported_time_code", "2024W35"],
      ["/cells/11", "bad_time_code", "Tháng 9/2024"],
      ["/cells/16", "unsupported_time_code", "2024W35"],
      ["/cells/22", "unsupported_time_code", "2024W35"],
    ]);
    expect(read.errors[1]?.message).toContain(
      "Tinh=40, ChiTieu=XK, ContentsCode=CongDon, Thang=Tháng 9/2024",
    );
  });

  it("refuses values that are not numbers and status symbols nobody mapped", () => {
    const values = [...table.value] as (number | string | null)[];
    values[3] = "x";
    const read = importJsonStat(variant({ value: values }), { ...MAPPING, status_by_symbol: {} });
    expect(read.errors.map((e) => [e.path, e.code])).toEqual([
      ["/cells/3", "bad_value"],
      ["/cells/5", "unknown_status_symbol"],
      ["/cells/11", "unknown_status_symbol"],
    ]);
  });

  it("refuses figures dated before their period begins", () => {
    const read = importJsonStat(table, {
      ...MAPPING,
      period: { dimension: "Thang" },
      reported_at: "2024-08-15",
    });
    expect(read.errors.map((e) => [e.path, e.code])).toEqual([
      ["/cells/5", "reported_before_period"],
      ["/cells/11", "reported_before_period"],
    ]);
  });
});

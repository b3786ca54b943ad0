import { parse } from "csv-parse/sync";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ACTUAL_STATUSES } from "../../src/domain/vocabulary";
import type { ActualRow, FigureRow, TargetRow } from "../../src/formats/rows";
import { readSdmxCsv, SDMX_CSV_ERROR_CODES } from "../../src/formats/sdmx-csv-reader";
import {
  selectVintages,
  writeFiguresCsv,
  writeTargetsCsv,
} from "../../src/formats/sdmx-csv-writer";
import { FIGURE_COLUMNS, TARGET_COLUMNS } from "../../src/formats/sdmx-structure";

// Figures as the demo data holds them: two vintages of Nghe An's Jan–Sep exports, a full year,
// a month and a quarter, notes with commas, quotes and line breaks.
const FIGURES: FigureRow[] = [
  {
    id: 1,
    indicator_id: "nghe-an.goods-exports",
    area: "nghe-an",
    unit: "USD",
    period_start: "2024-01-01",
    period_end: "2024-09-30",
    value: 2_326_000_000,
    status: "estimate",
    reported_at: "2024-09-30",
    source: 'Nghe An statistics office: "xuất khẩu hàng hóa ước đạt 2.326 triệu USD"',
    note: "Estimate, 84.58% of plan.\nPublication date not given; dated at the period end.",
    reported_attainment: 0.8458,
    reported_yoy: 0.3201,
  },
  {
    id: 2,
    indicator_id: "nghe-an.goods-exports",
    area: "nghe-an",
    unit: "USD",
    period_start: "2024-01-01",
    period_end: "2024-09-30",
    value: 1_700_000_000,
    status: "preliminary",
    reported_at: "2024-10-10",
    source: "Revised bulletin, October",
  },
  {
    id: 3,
    indicator_id: "nghe-an.goods-exports",
    area: "nghe-an",
    unit: "USD",
    period_start: "2023-01-01",
    period_end: "2023-12-31",
    value: 2_500_000_000,
    status: "final",
    reported_at: "2024-02-15",
    note: "About 2.5 bn USD; final, audited",
  },
  {
    id: 4,
    indicator_id: "nghe-an.electronic-components",
    area: "nghe-an",
    unit: "units",
    period_start: "2024-09-01",
    period_end: "2024-09-30",
    value: 48_250_000,
    status: "estimate",
    reported_at: "2024-10-06",
  },
  {
    id: 5,
    indicator_id: "ha-noi.cpi",
    area: "ha-noi",
    unit: "%",
    period_start: "2024-07-01",
    period_end: "2024-09-30",
    value: 3.27,
    status: "final",
    reported_at: "2024-10-06",
    reported_yoy: -0.0125,
  },
];

/** What re-importing a figure must give back: the stored vintage as an API body. */
function asInput(f: FigureRow): ActualRow {
  const out: ActualRow = {
    indicator_id: f.indicator_id,
    period_start: f.period_start,
    period_end: f.period_end,
    value: f.value,
    status: f.status,
    reported_at: f.reported_at,
  };
  if (f.source) out.source = f.source;
  if (f.note) out.note = f.note;
  if (f.reported_attainment != null) out.reported_attainment = f.reported_attainment;
  if (f.reported_yoy != null) out.reported_yoy = f.reported_yoy;
  return out;
}

type Record = { [column: string]: string };

/** csv-parse, not our reader, turns the message into one object per row, keyed by header. */
function independent(text: string, delimiter = ","): Record[] {
  return parse(text, { columns: true, delimiter, bom: true, relax_column_count: false });
}

describe("writeFiguresCsv, read by an independent CSV parser", () => {
  const text = writeFiguresCsv(FIGURES, { includeHistory: true });
  const rows = independent(text);

  it("opens with SDMX-CSV 2.0's columns, then our dimensions and attributes", () => {
    const header = text.slice(0, text.indexOf("\r\n")).split(",");
    expect(header).toEqual([...FIGURE_COLUMNS]);
    expect(header.slice(0, 3)).toEqual(["STRUCTURE", "STRUCTURE_ID", "ACTION"]);
  });

  it("has one row per vintage, each naming the FIGURES dataflow", () => {
    expect(rows).toHaveLength(FIGURES.length);
    for (const row of rows) {
      expect(Object.keys(row)).toEqual([...FIGURE_COLUMNS]);
      expect(row.STRUCTURE).toBe("dataflow");
      expect(row.STRUCTURE_ID).toBe("TARGET_MONITOR:FIGURES(1.0.0)");
      expect(row.ACTION).toBe("I");
    }
  });

  it("writes codes, periods, statuses and vintage dates", () => {
    const brief = rows.map((r) => [
      r.REF_AREA,
      r.INDICATOR,
      r.TIME_PERIOD,
      r.OBS_VALUE,
      r.OBS_STATUS,
      r.UNIT_MEASURE,
      r.UNIT_MULT,
      r.VALID_FROM,
      r.VALID_TO,
    ]);
    expect(brief).toEqual([
      ["ha-noi", "ha-noi_cpi", "2024-Q3", "3.27", "A", "%", "0", "2024-10-06", ""],
      [
        "nghe-an",
        "nghe-an_electronic-components",
        "2024-M09",
        "48250000",
        "E",
        "units",
        "0",
        "2024-10-06",
        "",
      ],
      ["nghe-an", "nghe-an_goods-exports", "2023", "2500000000", "A", "USD", "0", "2024-02-15", ""],
      [
        "nghe-an",
        "nghe-an_goods-exports",
        "2024-01-01/P9M",
        "2326000000",
        "E",
        "USD",
        "0",
        "2024-09-30",
        "2024-10-10",
      ],
      [
        "nghe-an",
        "nghe-an_goods-exports",
        "2024-01-01/P9M",
        "1700000000",
        "P",
        "USD",
        "0",
        "2024-10-10",
        "",
      ],
    ]);
  });

  it("keeps commas, quotes and line breaks of sources and notes intact", () => {
    const estimate = rows.find((r) => r.OBS_VALUE === "2326000000");
    expect(estimate?.SOURCE_DETAIL).toBe(FIGURES[0]?.source);
    expect(estimate?.COMMENT_OBS).toBe(FIGURES[0]?.note);
    expect(estimate?.REPORTED_ATTAINMENT).toBe("0.8458");
    expect(estimate?.REPORTED_YOY).toBe("0.3201");
    expect(rows.find((r) => r.OBS_VALUE === "2500000000")?.COMMENT_OBS).toBe(
      "About 2.5 bn USD; final, audited",
    );
  });

  it("ends every line with CRLF, as RFC 4180 has it", () => {
    expect(text.endsWith("\r\n")).toBe(true);
    // The only bare LF is the one inside the quoted note.
    expect(text.replaceAll("\r\n", "").split("\n")).toHaveLength(2);
  });
});

describe("semicolon-separated SDMX-CSV for decimal-comma locales", () => {
  const text = writeFiguresCsv(FIGURES, { separator: ";", unitMult: 6, includeHistory: true });
  const rows = independent(text, ";");

  it("separates with semicolons and writes a decimal comma", () => {
    expect(text.startsWith("STRUCTURE;STRUCTURE_ID;ACTION;")).toBe(true);
    expect(rows.map((r) => r.OBS_VALUE)).toEqual(["0,00000327", "48,25", "2500", "2326", "1700"]);
    expect(rows.every((r) => r.UNIT_MULT === "6")).toBe(true);
    expect(rows.find((r) => r.OBS_VALUE === "2326")?.REPORTED_ATTAINMENT).toBe("0,8458");
  });

  it("quotes the fields that hold a semicolon, and only those need it", () => {
    expect(rows.find((r) => r.OBS_VALUE === "2500")?.COMMENT_OBS).toBe(
      "About 2.5 bn USD; final, audited",
    );
    expect(text).toContain('"About 2.5 bn USD; final, audited"');
  });

  it("reads back to the same figures", () => {
    const read = readSdmxCsv(text);
    expect(read.separator).toBe(";");
    expect(read.errors).toEqual([]);
    expect(read.figures.map((f) => f.input)).toEqual(
      selectVintages(FIGURES, { includeHistory: true }).map(asInput),
    );
  });

  it("starts with a byte order mark when asked, which the reader skips", () => {
    const withBom = writeFiguresCsv(FIGURES, { separator: ";", byteOrderMark: true });
    expect(withBom.charCodeAt(0)).toBe(0xfeff);
    expect(readSdmxCsv(withBom).figures).toHaveLength(4);
  });
});

describe("selectVintages: SDMX's asOf and includeHistory", () => {
  it("keeps the latest vintage of each observation by default", () => {
    const latest = selectVintages(FIGURES);
    expect(latest).toHaveLength(4);
    const ytd = latest.find(
      (r) => r.indicator_id === "nghe-an.goods-exports" && r.period_end === "2024-09-30",
    );
    expect(ytd?.value).toBe(1_700_000_000);
    expect(ytd?.valid_to).toBeNull();
  });

  it("shows what was known on a past day", () => {
    const then = selectVintages(FIGURES, { asOf: "2024-10-05" });
    expect(then.map((r) => r.value)).toEqual([2_500_000_000, 2_326_000_000]);
    // As of that day nothing had replaced the estimate yet.
    expect(then[1]?.valid_to).toBeNull();
    const history = selectVintages(FIGURES, { asOf: "2024-10-10", includeHistory: true });
    const ytd = history.filter((r) => r.period_start === "2024-01-01");
    expect(ytd.map((r) => r.valid_to)).toEqual(["2024-10-10", null]);
  });

  it("orders vintages of one day by storage id, then input order", () => {
    const base = FIGURES[3] as FigureRow;
    const sameDay = [
      { ...base, id: 9, value: 2 },
      { ...base, id: 8, value: 1 },
    ];
    expect(selectVintages(sameDay).map((r) => r.value)).toEqual([2]);
    const noIds = sameDay.map(({ id: _, ...rest }) => rest);
    expect(selectVintages(noIds).map((r) => r.value)).toEqual([1]);
    expect(selectVintages(sameDay, { includeHistory: true }).map((r) => r.valid_to)).toEqual([
      "2024-10-06",
      null,
    ]);
  });
});

describe("readSdmxCsv round trips", () => {
  it("gives back every vintage, status and note it wrote", () => {
    const text = writeFiguresCsv(FIGURES, { includeHistory: true });
    const read = readSdmxCsv(text);
    expect(read.errors).toEqual([]);
    expect(read.ignoredColumns).toEqual([]);
    expect(read.figures.map((f) => f.input)).toEqual(
      selectVintages(FIGURES, { includeHistory: true }).map(asInput),
    );
    expect(read.figures.map((f) => [f.row, f.area, f.unit])).toEqual([
      [2, "ha-noi", "%"],
      [3, "nghe-an", "units"],
      [4, "nghe-an", "USD"],
      [5, "nghe-an", "USD"],
      [6, "nghe-an", "USD"],
    ]);
  });

  it("reads start/end intervals as well as durations", () => {
    const text = writeFiguresCsv(FIGURES, { timeRange: "end", includeHistory: true });
    expect(text).toContain(",2024-01-01/2024-09-30,");
    expect(readSdmxCsv(text).figures.map((f) => f.input)).toEqual(
      selectVintages(FIGURES, { includeHistory: true }).map(asInput),
    );
  });

  it("holds for any figures, separator and unit multiplier", () => {
    const slug = fc.stringMatching(/^[a-z0-9]{1,6}(?:[.-][a-z0-9]{1,6}){0,2}$/);
    const day = fc.integer({ min: 0, max: 40 * 365 }).map((n) => {
      const d = new Date(Date.UTC(2000, 0, 1) + n * 86_400_000);
      return d.toISOString().slice(0, 10);
    });
    // Stored text is trimmed and holds no carriage return (the API refuses control characters).
    const text = fc
      .string({ unit: "grapheme", maxLength: 30 })
      .map((s) => s.replaceAll("\r", "").trim())
      .filter((s) => s !== "");
    const figure = fc
      .record({
        indicator_id: slug,
        area: slug,
        unit: fc.constantFrom("USD", "VND", "%", "units"),
        start: day,
        length: fc.integer({ min: 0, max: 800 }),
        lag: fc.integer({ min: 0, max: 400 }),
        // Figures as bulletins print them: up to six decimals, up to ten trillion.
        value: fc
          .tuple(fc.integer({ min: -1e13, max: 1e13 }), fc.integer({ min: 0, max: 6 }))
          .map(([n, k]) => Number(`${n}e-${k}`)),
        status: fc.constantFrom(...ACTUAL_STATUSES),
        source: fc.option(text, { nil: undefined }),
        note: fc.option(text, { nil: undefined }),
        reported_yoy: fc.option(
          fc.integer({ min: -10_000, max: 50_000 }).map((n) => n / 10_000),
          { nil: undefined },
        ),
      })
      .map(({ start, length, lag, ...f }): FigureRow => {
        const end = new Date(Date.parse(start) + length * 86_400_000).toISOString().slice(0, 10);
        const reported = new Date(Date.parse(start) + lag * 86_400_000).toISOString().slice(0, 10);
        return { ...f, period_start: start, period_end: end, reported_at: reported };
      });
    fc.assert(
      fc.property(
        fc.array(figure, { maxLength: 8 }),
        fc.constantFrom<"," | ";">(",", ";"),
        fc.constantFrom(0, 3, 6, 9),
        (figures, separator, unitMult) => {
          const written = writeFiguresCsv(figures, { separator, unitMult, includeHistory: true });
          const read = readSdmxCsv(written);
          expect(read.errors).toEqual([]);
          const expected = selectVintages(figures, { includeHistory: true }).map(asInput);
          expect(read.figures.map((f) => f.input)).toEqual(expected);
          expect(independent(written, separator)).toHaveLength(expected.length);
        },
      ),
      { numRuns: 300 },
    );
  });
});

const TARGETS: TargetRow[] = [
  {
    id: "nghe-an.goods-exports.2024",
    indicator_id: "nghe-an.goods-exports",
    area: "nghe-an",
    unit: "USD",
    title: "Goods exports, 2024",
    period_start: "2024-01-01",
    period_end: "2024-12-31",
    target: 2_750_000_000,
    comparator: "at_least",
    phasing: "linear",
    source: 'Resolution 12/NQ-HĐND, "2,75 tỷ USD"',
    revision: 1,
  },
  {
    id: "nghe-an.export-turnover.2020-2025",
    indicator_id: "nghe-an.export-turnover",
    area: "nghe-an",
    unit: "USD",
    period_start: "2021-01-01",
    period_end: "2025-12-31",
    target: 1_765_000_000,
    comparator: "at_least",
    phasing: {
      monthly_weights: [0.05, 0.07, 0.08, 0.08, 0.08, 0.09, 0.09, 0.09, 0.09, 0.09, 0.09, 0.1],
    },
    baseline: { value: 1_100_000_000, date: "2020-12-31" },
    note: "Term target; baseline from the 2020 yearbook",
    revision: 2,
  },
  {
    id: "ha-noi.cpi.2024",
    indicator_id: "ha-noi.cpi",
    area: "ha-noi",
    unit: "%",
    period_start: "2024-01-01",
    period_end: "2024-12-31",
    target: 4,
    comparator: "at_most",
    phasing: "linear",
  },
];

describe("writeTargetsCsv", () => {
  it("writes the TARGETS dataflow that an independent parser reads", () => {
    const text = writeTargetsCsv(TARGETS, { separator: ";" });
    const rows = independent(text, ";");
    expect(Object.keys(rows[0] ?? {})).toEqual([...TARGET_COLUMNS]);
    expect(
      rows.map((r) => [r.STRUCTURE_ID, r.INDICATOR, r.TIME_PERIOD, r.OBS_VALUE, r.COMPARATOR]),
    ).toEqual([
      ["TARGET_MONITOR:TARGETS(1.0.0)", "ha-noi_cpi", "2024", "4", "at_most"],
      [
        "TARGET_MONITOR:TARGETS(1.0.0)",
        "nghe-an_export-turnover",
        "2021-01-01/P5Y",
        "1765000000",
        "at_least",
      ],
      ["TARGET_MONITOR:TARGETS(1.0.0)", "nghe-an_goods-exports", "2024", "2750000000", "at_least"],
    ]);
    expect(rows[1]?.PHASING).toBe("0,05;0,07;0,08;0,08;0,08;0,09;0,09;0,09;0,09;0,09;0,09;0,1");
    expect(rows[1]?.BASELINE_VALUE).toBe("1100000000");
    expect(rows[2]?.SOURCE_DETAIL).toBe(TARGETS[0]?.source);
  });

  it("reads back to the plans' create bodies, in either separator and scale", () => {
    for (const options of [{}, { separator: ";" as const, unitMult: 6 }]) {
      const read = readSdmxCsv(writeTargetsCsv(TARGETS, options));
      expect(read.errors).toEqual([]);
      expect(read.figures).toEqual([]);
      expect(read.targets.map((t) => t.input)).toEqual([
        {
          id: "ha-noi.cpi.2024",
          indicator_id: "ha-noi.cpi",
          period_start: "2024-01-01",
          period_end: "2024-12-31",
          target: 4,
          comparator: "at_most",
          phasing: "linear",
        },
        {
          id: "nghe-an.export-turnover.2020-2025",
          indicator_id: "nghe-an.export-turnover",
          period_start: "2021-01-01",
          period_end: "2025-12-31",
          target: 1_765_000_000,
          comparator: "at_least",
          phasing: TARGETS[1]?.phasing,
          baseline: { value: 1_100_000_000, date: "2020-12-31" },
          note: "Term target; baseline from the 2020 yearbook",
        },
        {
          id: "nghe-an.goods-exports.2024",
          indicator_id: "nghe-an.goods-exports",
          title: "Goods exports, 2024",
          period_start: "2024-01-01",
          period_end: "2024-12-31",
          target: 2_750_000_000,
          comparator: "at_least",
          phasing: "linear",
          source: TARGETS[0]?.source,
        },
      ]);
    }
  });
});

describe("writeTargetsCsv, of plans with their own boundaries and revisions", () => {
  const base = TARGETS[2] as TargetRow;
  const revised: TargetRow[] = [
    { ...base, revision: 1, target: 4.5 },
    { ...base, revision: 2, target: 4, thresholds: { ahead: 1.2, at_risk_pp: 2.25 } },
  ];

  it("keeps a plan's threshold overrides, unscaled, in either separator", () => {
    for (const options of [{ unitMult: 6 }, { separator: ";" as const, unitMult: 6 }]) {
      const text = writeTargetsCsv(revised, options);
      const [row] = independent(text, options.separator ?? ",");
      expect(row?.THRESHOLD_AHEAD).toBe(options.separator ? "1,2" : "1.2");
      expect(row?.THRESHOLD_AT_RISK_PP).toBe(options.separator ? "2,25" : "2.25");
      expect(row?.THRESHOLD_ON_TRACK).toBe("");
      expect(readSdmxCsv(text).targets.map((t) => t.input.thresholds)).toEqual([
        { ahead: 1.2, at_risk_pp: 2.25 },
      ]);
    }
  });

  it("writes only each plan's latest revision, unless asked for every one, oldest first", () => {
    const latest = independent(writeTargetsCsv([...revised].reverse()));
    expect(latest.map((r) => [r.REVISION, r.OBS_VALUE])).toEqual([["2", "4"]]);
    const all = independent(writeTargetsCsv([...revised].reverse(), { includeHistory: true }));
    expect(all.map((r) => [r.REVISION, r.OBS_VALUE])).toEqual([
      ["1", "4.5"],
      ["2", "4"],
    ]);
  });

  it("keeps a plan's revisions together when a revision moved its period", () => {
    const moved: TargetRow[] = [
      { ...base, id: "p", revision: 1, period_start: "2025-01-01", period_end: "2025-12-31" },
      { ...base, id: "p", revision: 2 },
      { ...base, id: "q", revision: 1, period_start: "2024-07-01" },
    ];
    const rows = independent(writeTargetsCsv(moved, { includeHistory: true }));
    expect(rows.map((r) => [r.PLAN_ID, r.REVISION, r.TIME_PERIOD])).toEqual([
      ["p", "1", "2025"],
      ["p", "2", "2024"],
      ["q", "1", "2024-S2"],
    ]);
  });
});

const HEADER =
  "STRUCTURE,STRUCTURE_ID,ACTION,REF_AREA,INDICATOR,TIME_PERIOD,OBS_VALUE,OBS_STATUS,UNIT_MULT,VALID_FROM";
const FLOW = "dataflow,TARGET_MONITOR:FIGURES(1.0.0)";

/** The errors of a message with HEADER and the given rows after STRUCTURE,STRUCTURE_ID. */
function errorsOf(...rows: string[]) {
  return readSdmxCsv([HEADER, ...rows].join("\n")).errors.map((e) => [e.row, e.column, e.code]);
}

describe("readSdmxCsv errors: row, column and a stable code", () => {
  it("accepts a well-formed row", () => {
    const read = readSdmxCsv(
      `${HEADER}\n${FLOW},I,nghe-an,nghe-an.goods-exports,2024-Q3,5,E,6,2024-10-06`,
    );
    expect(read.errors).toEqual([]);
    expect(read.figures[0]?.input).toEqual({
      indicator_id: "nghe-an.goods-exports",
      period_start: "2024-07-01",
      period_end: "2024-09-30",
      value: 5_000_000,
      status: "estimate",
      reported_at: "2024-10-06",
    });
  });

  it("names an observation status it cannot map, and the codes it can", () => {
    const read = readSdmxCsv(`${HEADER}\n${FLOW},I,nghe-an,x,2024,5,F,0,2024-10-06`);
    expect(read.errors).toEqual([
      {
        path: "/rows/2/OBS_STATUS",
        row: 2,
        column: "OBS_STATUS",
        code: "unknown_obs_status",
        message: expect.stringContaining("E (estimate), P (preliminary), A (final)"),
      },
    ]);
    expect(read.figures).toEqual([]);
  });

  it("refuses bad and unsupported periods", () => {
    expect(
      errorsOf(
        `${FLOW},I,a,x,2024-Q5,5,E,0,2024-10-06`,
        `${FLOW},I,a,x,2024-W05,5,E,0,2024-10-06`,
        `${FLOW},I,a,x,,5,E,0,2024-10-06`,
      ),
    ).toEqual([
      [2, "TIME_PERIOD", "bad_time_period"],
      [3, "TIME_PERIOD", "unsupported_time_period"],
      [4, "TIME_PERIOD", "missing_value"],
    ]);
  });

  it("refuses numbers, multipliers, codes and dates it cannot read", () => {
    expect(
      errorsOf(
        `${FLOW},I,a,x,2024,"2,326",E,0,2024-10-06`,
        `${FLOW},I,a,x,2024,,E,0,2024-10-06`,
        `${FLOW},I,a,x,2024,5,E,M,2024-10-06`,
        `${FLOW},I,a,x,2024,5,E,99,2024-10-06`,
        `${FLOW},I,a,Goods Exports!,2024,5,E,0,2024-10-06`,
        `${FLOW},I,a,x,2024,5,E,0,06/10/2024`,
        `${FLOW},I,a,x,2024,5,E,0,`,
        `${FLOW},I,a,x,2024,5,E,0,2023-12-31`,
        `${FLOW},I,a,x,2024,5,,0,2024-10-06`,
      ),
    ).toEqual([
      [2, "OBS_VALUE", "bad_number"],
      [3, "OBS_VALUE", "missing_value"],
      [4, "UNIT_MULT", "bad_unit_mult"],
      [5, "UNIT_MULT", "bad_unit_mult"],
      [6, "INDICATOR", "bad_code"],
      [7, "VALID_FROM", "bad_date"],
      [8, "VALID_FROM", "missing_value"],
      [9, "VALID_FROM", "reported_before_period"],
      [10, "OBS_STATUS", "missing_value"],
    ]);
  });

  it("refuses deletions and unknown actions, dataflows and structures", () => {
    expect(
      errorsOf(
        `${FLOW},D,a,x,2024,5,E,0,2024-10-06`,
        `${FLOW},X,a,x,2024,5,E,0,2024-10-06`,
        "dataflow,ESTAT:NA_MAIN(1.6.0),I,a,x,2024,5,E,0,2024-10-06",
        "dataflow,TARGET_MONITOR:FIGURES(2.0.0),I,a,x,2024,5,E,0,2024-10-06",
        "datastructure,TARGET_MONITOR:FIGURES(1.0.0),I,a,x,2024,5,E,0,2024-10-06",
      ),
    ).toEqual([
      [2, "ACTION", "unsupported_action"],
      [3, "ACTION", "unsupported_action"],
      [4, "STRUCTURE_ID", "unknown_structure"],
      [5, "STRUCTURE_ID", "unknown_structure"],
      [6, "STRUCTURE", "unknown_structure"],
    ]);
  });

  it("refuses a row with the wrong number of fields", () => {
    expect(errorsOf(`${FLOW},I,a,x,2024,5,E,0`)).toEqual([[2, undefined, "field_count"]]);
  });

  it("names each missing column once, on the header row", () => {
    const text =
      "STRUCTURE,STRUCTURE_ID,INDICATOR,OBS_VALUE\ndataflow,TARGET_MONITOR:FIGURES(1.0.0),x,5\ndataflow,TARGET_MONITOR:FIGURES(1.0.0),y,6";
    expect(readSdmxCsv(text).errors.map((e) => [e.row, e.column, e.code])).toEqual([
      [1, "TIME_PERIOD", "missing_column"],
      [1, "OBS_STATUS", "missing_column"],
    ]);
  });

  it("refuses a column given twice, a file that is not SDMX-CSV, and broken quoting", () => {
    expect(
      readSdmxCsv("STRUCTURE,STRUCTURE_ID,OBS_VALUE,OBS_VALUE\n").errors.map((e) => e.code),
    ).toEqual(["duplicate_column"]);
    expect(readSdmxCsv("indicator_id,value\nx,1\n").errors.map((e) => e.code)).toEqual([
      "not_sdmx_csv",
    ]);
    expect(readSdmxCsv(`${HEADER}\n${FLOW},I,a,x,2024,"5,E,0,2024-10-06`).errors).toEqual([
      expect.objectContaining({ row: 2, code: "csv_syntax" }),
    ]);
  });

  it("refuses comparators, phasings, plan ids and half baselines of targets", () => {
    const header =
      "STRUCTURE;STRUCTURE_ID;INDICATOR;TIME_PERIOD;OBS_VALUE;PLAN_ID;COMPARATOR;PHASING;BASELINE_VALUE;BASELINE_DATE";
    const flow = "dataflow;TARGET_MONITOR:TARGETS(1.0.0);x;2024";
    const read = readSdmxCsv(
      [
        header,
        `${flow};5;p;more;linear;;`,
        `${flow};5;p;at_least;0,5;;`,
        `${flow};5;P 1;at_least;linear;;`,
        `${flow};5;p;at_least;linear;10;`,
      ].join("\n"),
    );
    expect(read.errors.map((e) => [e.row, e.column, e.code])).toEqual([
      [2, "COMPARATOR", "bad_comparator"],
      [3, "PHASING", "bad_phasing"],
      [4, "PLAN_ID", "bad_code"],
      [5, "BASELINE_DATE", "missing_value"],
    ]);
  });

  it("has a message for each code it declares, and no other", () => {
    const targets = "STRUCTURE,STRUCTURE_ID,INDICATOR,TIME_PERIOD,OBS_VALUE,COMPARATOR,PHASING";
    const target = "dataflow,TARGET_MONITOR:TARGETS(1.0.0),x,2024,5";
    const messages = [
      "indicator_id,value\nx,1",
      "STRUCTURE,OBS_VALUE,OBS_VALUE\n",
      `${HEADER}\n${FLOW},I,a,x,2024,"5`,
      "STRUCTURE,STRUCTURE_ID,INDICATOR,TIME_PERIOD,OBS_VALUE\ndataflow,TARGET_MONITOR:FIGURES(1.0.0),x,2024,5",
      `${HEADER}\n${FLOW},I`,
      `${HEADER}\ndataflow,X:Y(1.0),I,a,x,2024,5,E,0,2024-10-06`,
      `${HEADER}\n${FLOW},D,a,x,2024,5,E,0,2024-10-06`,
      `${HEADER}\n${FLOW},I,a,,2024,5,E,0,2024-10-06`,
      `${HEADER}\n${FLOW},I,a,X Y,2024,5,E,0,2024-10-06`,
      `${HEADER}\n${FLOW},I,a,x,2024-Q9,5,E,0,2024-10-06`,
      `${HEADER}\n${FLOW},I,a,x,2024-W01,5,E,0,2024-10-06`,
      `${HEADER}\n${FLOW},I,a,x,2024,five,E,0,2024-10-06`,
      `${HEADER}\n${FLOW},I,a,x,2024,5,E,1000,2024-10-06`,
      `${HEADER}\n${FLOW},I,a,x,2024,5,Z,0,2024-10-06`,
      `${HEADER}\n${FLOW},I,a,x,2024,5,E,0,yesterday`,
      `${HEADER}\n${FLOW},I,a,x,2024,5,E,0,2023-10-06`,
      `${targets}\n${target},most,linear`,
      `${targets}\n${target},at_most,flat`,
    ];
    const seen = messages.flatMap((m) => readSdmxCsv(m).errors.map((e) => e.code));
    expect(new Set(seen)).toEqual(new Set(SDMX_CSV_ERROR_CODES));
    expect(seen).toHaveLength(messages.length);
  });
});

describe("readSdmxCsv from other publishers", () => {
  it("reads labels=both headers and cells, custom columns, and a default publication day", () => {
    const text = [
      "STRUCTURE[;],STRUCTURE_ID,STRUCTURE_NAME,ACTION,SERIES_KEY,INDICATOR: Indicator,TIME_PERIOD: Time,OBS_VALUE: Observation value,OBS_STATUS: Observation status,UPDATED",
      'dataflow,TARGET_MONITOR:FIGURES(1.0.0): Figures,Figures,I,x,"NGHE-AN_GOODS-EXPORTS: Goods exports",2024-M09: September 2024,12.4,P: Provisional value,2024-10-06T08:00:00Z',
    ].join("\r\n");
    const read = readSdmxCsv(text, { reportedAt: "2024-10-06" });
    expect(read.errors).toEqual([]);
    expect(read.ignoredColumns).toEqual(["STRUCTURE_NAME", "SERIES_KEY", "UPDATED"]);
    expect(read.figures[0]?.input).toEqual({
      indicator_id: "nghe-an.goods-exports",
      period_start: "2024-09-01",
      period_end: "2024-09-30",
      value: 12.4,
      status: "preliminary",
      reported_at: "2024-10-06",
    });
  });

  it("takes the day of a VALID_FROM that carries a time", () => {
    const read = readSdmxCsv(`${HEADER}\n${FLOW},,a,x,2024,5,A,,2025-01-15T08:30:00+07:00`);
    expect(read.figures[0]?.input.reported_at).toBe("2025-01-15");
    expect(read.figures[0]?.input.status).toBe("final");
  });

  it("skips blank lines", () => {
    const read = readSdmxCsv(`${HEADER}\n\n${FLOW},I,a,x,2024,5,E,0,2024-10-06\n\n`);
    expect(read.errors).toEqual([]);
    expect(read.figures.map((f) => f.row)).toEqual([3]);
  });
});

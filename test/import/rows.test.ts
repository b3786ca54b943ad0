import { describe, expect, it } from "vitest";
import { parseCsv } from "../../src/import/csv";
import {
  actualMapper,
  detectKind,
  type MappedRow,
  planMapper,
  type RecordMapper,
  type RowError,
  readHeader,
} from "../../src/import/rows";

/** Every record of a file through the mapper the import uses, one record at a time. */
function mapped(text: string, mark: "point" | "comma" = "point") {
  const [header, ...records] = parseCsv(text);
  const read = readHeader(header?.fields ?? [], undefined);
  if ("errors" in read) throw new Error(JSON.stringify(read.errors));
  const map: RecordMapper<Record<string, unknown>> =
    read.kind === "plans" ? planMapper(read.columns, mark) : actualMapper(read.columns, mark);
  const rows: MappedRow<Record<string, unknown>>[] = [];
  const errors: RowError[] = [];
  for (const record of records) {
    const result = map(record);
    if ("errors" in result) errors.push(...result.errors);
    else rows.push({ row: record.row, input: result.input });
  }
  return { rows, errors };
}

describe("the header", () => {
  it("tells the kind from the one column only that kind has", () => {
    expect(detectKind(["id", "name", "measure"])).toBe("indicators");
    expect(detectKind(["indicator_id", "target"])).toBe("plans");
    expect(detectKind(["indicator_id", "value"])).toBe("actuals");
    expect(detectKind(["indicator_id", "value", "target"])).toBeNull();
    expect(detectKind(["id", "name"])).toBeNull();
  });

  it("accepts column names as people type them", () => {
    const read = readHeader(
      ["Indicator ID", "period-start", "PERIOD_END", " value ", "status", "reported at"],
      undefined,
    );
    expect(read).toEqual({
      kind: "actuals",
      columns: ["indicator_id", "period_start", "period_end", "value", "status", "reported_at"],
    });
  });

  it("names every unknown, repeated or missing column", () => {
    const read = readHeader(["indicator_id", "value", "valeu", "value", "status"], "actuals");
    expect("errors" in read && read.errors.map((e) => [e.path, e.row, e.column])).toEqual([
      ["/rows/1/valeu", 1, "valeu"],
      ["/rows/1/value", 1, "value"],
      ["/rows/1/period_start", 1, "period_start"],
      ["/rows/1/period_end", 1, "period_end"],
      ["/rows/1/reported_at", 1, "reported_at"],
    ]);
  });
});

describe("rows", () => {
  const header = "indicator_id,period_start,period_end,value,scale,status,reported_at,note\n";

  it("become what the JSON API would receive, in base units", () => {
    const { rows, errors } = mapped(
      `${header}nghe-an.exports,2024-01-01,2024-09-30,"2.326",triệu,estimate,2024-10-05,"a, b"\n`,
      "comma",
    );
    expect(errors).toEqual([]);
    expect(rows).toEqual([
      {
        row: 2,
        input: {
          indicator_id: "nghe-an.exports",
          period_start: "2024-01-01",
          period_end: "2024-09-30",
          value: 2_326_000_000,
          status: "estimate",
          reported_at: "2024-10-05",
          note: "a, b",
        },
      },
    ]);
  });

  it("report each bad cell by row and column, with the schema's own rules", () => {
    const { rows, errors } = mapped(
      `${header}` +
        "x,2024-01-01,2024-09-30,2326,,estimate,2024-10-05,\n" +
        "x,2024-01-01,2024-13-01,lots,,rumour,2023-01-01,\n" +
        "Bad Id,2024-01-01,2024-09-30,1,gazillion,final,,\n",
    );
    expect(rows.map((r) => r.row)).toEqual([2]);
    expect(errors.map((e) => [e.path, e.column])).toEqual([
      ["/rows/3/value", "value"],
      ["/rows/3/period_end", "period_end"],
      ["/rows/3/status", "status"],
      ["/rows/4/scale", "scale"],
      ["/rows/4/reported_at", "reported_at"],
      ["/rows/4/indicator_id", "indicator_id"],
    ]);
    expect(errors.find((e) => e.column === "reported_at")?.message).toBe("Required.");
  });

  it("refuse a row whose field count differs from the header's", () => {
    const { errors } = mapped(`${header}x,2024-01-01,2024-09-30,1,,final,2024-10-01,,extra\n`);
    expect(errors.map((e) => e.path)).toEqual(["/rows/2"]);
  });

  it("map a plan's baseline, thresholds and phasing onto their columns", () => {
    const { rows, errors } = mapped(
      "indicator_id,period_start,period_end,target,scale,phasing,baseline_value,baseline_date,threshold_ahead,threshold_on_track\n" +
        'x,2021-01-01,2025-12-31,"1,765",tỷ,linear,"0,9",2020-12-31,"1,2",1\n' +
        'x,2024-01-01,2024-12-31,"2,75 tỷ",,1;2,,,,\n' +
        "x,2024-01-01,2024-12-31,1,,,,,1,2\n",
      "comma",
    );
    expect(rows[0]?.input).toMatchObject({
      target: 1_765_000_000,
      baseline: { value: 900_000_000, date: "2020-12-31" },
      thresholds: { ahead: 1.2, on_track: 1 },
    });
    expect(errors.map((e) => [e.path, e.message])).toEqual([
      ["/rows/3/phasing", "Give twelve weights, January first."],
      ["/rows/4/threshold_ahead", "Needs ahead ≥ on_track ≥ at_risk."],
    ]);
  });
});

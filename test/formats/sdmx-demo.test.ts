import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import demo from "../../scripts/demo-data.json";
import { applyScale } from "../../src/domain/units";
import type { FigureRow, TargetRow } from "../../src/formats/rows";
import { readSdmxCsv } from "../../src/formats/sdmx-csv-reader";
import { writeFiguresCsv, writeTargetsCsv } from "../../src/formats/sdmx-csv-writer";

// The demo data set, as the database holds it (values in base units), exported and read back.
const indicators = new Map(demo.indicators.map((i) => [i.id, i]));
const meta = (id: string) => {
  const indicator = indicators.get(id);
  if (!indicator) throw new Error(`no indicator ${id}`);
  return { area: indicator.scope, unit: indicator.unit };
};

const figures: FigureRow[] = demo.actuals.map(({ scale, value, ...a }, i) => ({
  ...a,
  ...meta(a.indicator_id),
  id: i + 1,
  status: a.status as FigureRow["status"],
  value: applyScale(value, scale),
}));

const targets: TargetRow[] = demo.plans.map((p) => ({
  id: p.id,
  indicator_id: p.indicator_id,
  ...meta(p.indicator_id),
  title: p.title,
  period_start: p.period_start,
  period_end: p.period_end,
  target: applyScale(p.target, p.scale),
  comparator: "at_least",
  phasing: "linear",
  baseline: p.baseline && { ...p.baseline, value: applyScale(p.baseline.value, p.scale) },
  source: p.source,
  note: p.note,
}));

describe("the demo data as SDMX-CSV", () => {
  for (const separator of [",", ";"] as const) {
    it(`re-imports every figure, vintage and status (separator '${separator}')`, () => {
      const text = writeFiguresCsv(figures, { separator, unitMult: 6, includeHistory: true });
      const rows = parse(text, { columns: true, delimiter: separator }) as Record<string, string>[];
      expect(rows).toHaveLength(figures.length);
      expect(new Set(rows.map((r) => r.OBS_STATUS))).toEqual(
        new Set(figures.map((f) => ({ estimate: "E", preliminary: "P", final: "A" })[f.status])),
      );
      const read = readSdmxCsv(text);
      expect(read.errors).toEqual([]);
      const key = (f: {
        indicator_id: string;
        period_start: string;
        period_end: string;
        reported_at: string;
      }) => `${f.indicator_id} ${f.period_start} ${f.period_end} ${f.reported_at}`;
      const back = new Map(read.figures.map((f) => [key(f.input), f.input]));
      for (const { id: _, area: __, unit: ___, ...stored } of figures) {
        expect(back.get(key(stored))).toEqual(stored);
      }
    });
  }

  it("re-imports every target", () => {
    const read = readSdmxCsv(writeTargetsCsv(targets, { separator: ";", unitMult: 6 }));
    expect(read.errors).toEqual([]);
    expect(read.targets).toHaveLength(targets.length);
    const byId = new Map(read.targets.map((t) => [t.input.id, t.input]));
    for (const t of targets) {
      expect(byId.get(t.id)).toMatchObject({
        indicator_id: t.indicator_id,
        period_start: t.period_start,
        period_end: t.period_end,
        target: t.target,
        ...(t.baseline ? { baseline: t.baseline } : {}),
      });
    }
  });
});

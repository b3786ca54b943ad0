import { describe, expect, it } from "vitest";
import { exportPages, ROWS_PER_PAGE } from "../../src/commands/export-sdmx";
import { IDS_PER_QUERY } from "../../src/db/chunks";

const counts = (...rows: number[]) => rows.map((n, i) => ({ id: `i${i}`, rows: n }));

describe("exportPages", () => {
  it("keeps the export order and fills pages up to the row bound", () => {
    const half = ROWS_PER_PAGE / 2;
    const pages = exportPages(counts(half, half / 2, half / 2, 1, ROWS_PER_PAGE - 1));
    expect(pages).toEqual([
      ["i0", "i1", "i2"],
      ["i3", "i4"],
    ]);
  });

  it("gives an indicator with more rows than a page holds a page of its own", () => {
    expect(exportPages(counts(10, ROWS_PER_PAGE * 3, 10))).toEqual([["i0"], ["i1"], ["i2"]]);
  });

  it("never puts more indicators on a page than one query may name", () => {
    const pages = exportPages(counts(...Array(IDS_PER_QUERY * 2 + 1).fill(1)));
    expect(pages.map((p) => p.length)).toEqual([IDS_PER_QUERY, IDS_PER_QUERY, 1]);
  });

  it("has no page for nothing", () => {
    expect(exportPages([])).toEqual([]);
  });
});

// A PxWeb table in JSON-stat 2.0 as a command: the person importing has mapped the table's
// dimensions to areas, indicators and periods once; every selected cell becomes a figure,
// checked as POST /api/actuals would check it, and all of them are written in one D1 batch, or
// none. A dry run shows each figure the mapping makes before anything is written.
import type { z } from "@hono/zod-openapi";
import type { Db } from "../db/client";
import { importJsonStat, type JsonStatFigure } from "../formats/jsonstat";
import { DEFAULT_CSV_LIMITS } from "../import/csv-limits";
import { ApiError } from "../lib/errors";
import type { AuditContext, Principal } from "../lib/principal";
import type { JsonStatImportResult, JsonStatImportSchema } from "../schemas/formats";
import {
  applyReadRows,
  type ReadRow,
  type RowProblem,
  refuseFile,
  summarise,
} from "./apply-read-rows";

/** As many rows as a CSV file may hold: each file is written in one D1 batch. */
const MAX_IMPORT_ROWS = DEFAULT_CSV_LIMITS.rows;

export type JsonStatImportBody = z.infer<typeof JsonStatImportSchema>;

function readRow(f: JsonStatFigure): ReadRow<JsonStatFigure["input"]> {
  return {
    row: f.index,
    input: f.input,
    // With an id template that leaves the area out, the area a cell is mapped to must still
    // be its indicator's scope.
    area: f.area,
    at: (path) => {
      const field = path.length ? String(path[0]) : "";
      return {
        path: field ? `/cells/${f.index}/${field}` : `/cells/${f.index}`,
        row: f.index,
        ...(field && field !== "area" ? { column: field } : {}),
        categories: f.categories,
      };
    },
  };
}

/**
 * Imports the cells a mapping selects from a JSON-stat dataset as figures: every one of them or
 * none. Problems with the mapping come back alone, under `/mapping/...`; otherwise every refused
 * cell is listed under `/cells/<position>` with its categories.
 */
export async function importJsonStatTable(
  db: Db,
  body: JsonStatImportBody,
  options: { dryRun: boolean },
  who: { principal: Principal | null; audit: AuditContext },
): Promise<JsonStatImportResult> {
  const read = importJsonStat(body.dataset, body.mapping, { maxCells: MAX_IMPORT_ROWS });
  // Paths point into the request: `/mapping/...` at the mapping, `/dataset` at a table that is
  // none, and `/cells/<position>` at a cell of the table's value array.
  const problems: RowProblem[] = read.errors.map((e) => {
    if (e.path.startsWith("/cells/")) return e;
    // The mapping or the table itself: no cell is involved, so there is no position to give.
    const { row: _, ...rest } = e;
    return { ...rest, path: e.path || "/dataset" };
  });
  // A problem with the mapping or the table itself comes alone: no cell was read.
  if (problems.some((p) => !p.path.startsWith("/cells/"))) refuseFile(problems, "table");
  if (read.figures.length + read.skipped.length === 0) {
    throw new ApiError("validation_failed", "The mapping selects no cell of the table.", [
      {
        path: "/mapping",
        message: "Map at least one category of the area and indicator dimensions.",
      },
    ]);
  }
  const applied = await applyReadRows(
    db,
    { targets: [], figures: read.figures.map(readRow), problems },
    { what: "table", dryRun: options.dryRun, ...who },
  );
  const outcomes = new Map(applied.figures.map((o) => [o.row, o]));
  return {
    format: "json-stat",
    dry_run: options.dryRun,
    summary: summarise(applied.figures),
    rows: read.figures.map((f) => {
      const o = outcomes.get(f.index);
      return {
        cell: f.index,
        categories: f.categories,
        outcome: o?.outcome ?? "created",
        id: typeof o?.id === "number" ? o.id : null,
        figure: {
          indicator_id: f.input.indicator_id,
          period_start: f.input.period_start,
          period_end: f.input.period_end,
          value: f.input.value,
          status: f.input.status,
          reported_at: f.input.reported_at,
        },
      };
    }),
    skipped: read.skipped.map((s) => ({
      cell: s.index,
      categories: s.categories,
      status: s.status,
    })),
  };
}

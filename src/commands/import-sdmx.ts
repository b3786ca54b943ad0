// An SDMX-CSV 2.0 message of the monitor's dataflows as a command: read it, check every row as
// the JSON API would, then write its targets and figures in one D1 batch, or nothing. The route
// only validates the query, authorises and presents what this returns.
import type { Db } from "../db/client";
import type { IsoDate } from "../domain/types";
import type { FormatError } from "../formats/rows";
import { readSdmxCsv, type SdmxRow } from "../formats/sdmx-csv-reader";
import { type DecimalMark, THRESHOLD_COLUMNS } from "../formats/sdmx-structure";
import { DEFAULT_CSV_LIMITS } from "../import/csv-limits";
import { ApiError } from "../lib/errors";
import type { AuditContext, Principal } from "../lib/principal";
import type { SdmxImportResult } from "../schemas/formats";
import {
  applyReadRows,
  type Location,
  type ReadRow,
  type RowProblem,
  refuseFile,
  summarise,
} from "./apply-read-rows";

/** As many rows as a CSV file may hold: each file is written in one D1 batch. */
const MAX_IMPORT_ROWS = DEFAULT_CSV_LIMITS.rows;

export interface SdmxImportOptions {
  dryRun: boolean;
  /** The decimal mark; by default a comma in `;`-separated files, else a point. */
  decimal?: DecimalMark;
  /** The publication day of figures whose row has no VALID_FROM. */
  reportedAt?: IsoDate;
}

/** The column that holds each field of the bodies the JSON API takes. */
const COLUMN_OF_FIELD: Readonly<Record<string, string>> = {
  indicator_id: "INDICATOR",
  area: "REF_AREA",
  unit: "UNIT_MEASURE",
  period_start: "TIME_PERIOD",
  period_end: "TIME_PERIOD",
  value: "OBS_VALUE",
  target: "OBS_VALUE",
  status: "OBS_STATUS",
  reported_at: "VALID_FROM",
  source: "SOURCE_DETAIL",
  note: "COMMENT_OBS",
  reported_attainment: "REPORTED_ATTAINMENT",
  reported_yoy: "REPORTED_YOY",
  id: "PLAN_ID",
  title: "TITLE",
  comparator: "COMPARATOR",
  phasing: "PHASING",
};

function columnOf(path: readonly PropertyKey[]): string | undefined {
  const [head, sub] = path;
  if (head === "baseline") return sub === "date" ? "BASELINE_DATE" : "BASELINE_VALUE";
  if (head === "thresholds") {
    const entry = Object.entries(THRESHOLD_COLUMNS).find(([, key]) => key === sub);
    return entry?.[0] ?? "THRESHOLD_AHEAD";
  }
  return COLUMN_OF_FIELD[String(head)];
}

function locate(row: number, column: string | undefined): Location {
  if (!column) return { path: `/rows/${row}`, row };
  return { path: `/rows/${row}/${column}`, row, column };
}

function readRow<T>(r: SdmxRow<T>): ReadRow<T> {
  return { ...r, at: (path) => locate(r.row, columnOf(path)) };
}

const asProblem = (e: FormatError): RowProblem => ({ ...e });

/**
 * Imports one SDMX-CSV message holding rows of TARGET_MONITOR:TARGETS, FIGURES or both, in one
 * batch (targets and figures together), or nothing; a dry run answers what each row would do.
 */
export async function importSdmxCsv(
  db: Db,
  body: ArrayBuffer,
  options: SdmxImportOptions,
  who: { principal: Principal | null; audit: AuditContext },
): Promise<SdmxImportResult> {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(body);
  } catch {
    throw new ApiError("malformed_csv", "The file is not UTF-8 text; save it as 'CSV UTF-8'.");
  }
  const read = readSdmxCsv(text, { decimal: options.decimal, reportedAt: options.reportedAt });
  const syntax = read.errors.filter((e) => e.code === "csv_syntax");
  if (syntax.length) {
    throw new ApiError(
      "malformed_csv",
      "The file is not valid CSV; nothing was written.",
      syntax.map(asProblem),
    );
  }
  const rows = new Set([
    ...read.figures.map((f) => f.row),
    ...read.targets.map((t) => t.row),
    ...read.errors.filter((e) => e.row > 1).map((e) => e.row),
  ]);
  if (rows.size > MAX_IMPORT_ROWS) {
    throw new ApiError(
      "validation_failed",
      `At most ${MAX_IMPORT_ROWS} rows per file; this one has ${rows.size}. Split it: each file is written all-or-nothing.`,
      [{ path: "/rows", message: `At most ${MAX_IMPORT_ROWS} rows.` }],
    );
  }
  if (rows.size === 0 && read.errors.length === 0) {
    throw new ApiError("validation_failed", "The message has a header but no rows.", [
      { path: "/rows/2", message: "Expected at least one row under the header." },
    ]);
  }
  if (read.errors.length && rows.size === 0) refuseFile(read.errors.map(asProblem));

  const applied = await applyReadRows(
    db,
    {
      targets: read.targets.map(readRow),
      figures: read.figures.map(readRow),
      problems: read.errors.map(asProblem),
    },
    { dryRun: options.dryRun, ...who },
  );
  const outcomes = [
    ...applied.targets.map((o) => ({ ...o, dataflow: "targets" as const })),
    ...applied.figures.map((o) => ({ ...o, dataflow: "figures" as const })),
  ].sort((a, b) => a.row - b.row);
  return {
    format: "sdmx-csv",
    dry_run: options.dryRun,
    summary: summarise(outcomes),
    rows: outcomes.map(({ row, dataflow, outcome, id }) => ({ row, dataflow, outcome, id })),
    ignored_columns: read.ignoredColumns,
  };
}

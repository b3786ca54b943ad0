// The shapes the format codecs exchange with the rest of the monitor. Figures and targets go
// out as stored (values in base units, snake_case like the JSON API), with the indicator's
// area and unit beside them; they come back as the very objects POST /api/actuals and
// POST /api/plans accept, so an import validates them with the same schemas.
import type { IsoDate, Thresholds } from "../domain/types";
import type { ActualStatus, Comparator } from "../domain/vocabulary";

/** One stored vintage of a figure, with what an exchange format needs of its indicator. */
export interface FigureRow {
  indicator_id: string;
  /** The indicator's scope (`nghe-an`): SDMX's reference area. */
  area: string;
  /** The indicator's unit (`USD`). */
  unit: string;
  period_start: IsoDate;
  period_end: IsoDate;
  /** In base units. */
  value: number;
  status: ActualStatus;
  reported_at: IsoDate;
  source?: string | null;
  note?: string | null;
  reported_attainment?: number | null;
  reported_yoy?: number | null;
  /** Storage order: of two vintages reported the same day, the higher id was recorded later. */
  id?: number;
}

/** One plan (target), with its indicator's area and unit. */
export interface TargetRow {
  id: string;
  indicator_id: string;
  area: string;
  unit: string;
  title?: string | null;
  period_start: IsoDate;
  period_end: IsoDate;
  /** In base units. */
  target: number;
  comparator: Comparator;
  phasing: "linear" | "history" | { monthly_weights: number[] };
  /** The plan's own status boundaries; null or absent when it keeps the defaults. */
  thresholds?: Partial<Thresholds> | null;
  baseline?: { value: number; date: IsoDate } | null;
  source?: string | null;
  note?: string | null;
  revision?: number;
}

/** A figure read from a file: the body POST /api/actuals accepts, value in base units. */
export interface ActualRow {
  indicator_id: string;
  period_start: IsoDate;
  period_end: IsoDate;
  value: number;
  status: ActualStatus;
  reported_at: IsoDate;
  source?: string;
  note?: string;
  reported_attainment?: number;
  reported_yoy?: number;
}

/** A target read from a file: the body POST /api/plans accepts, target in base units. */
export interface PlanRow {
  id?: string;
  indicator_id: string;
  title?: string;
  period_start: IsoDate;
  period_end: IsoDate;
  target: number;
  comparator?: Comparator;
  phasing?: "linear" | "history" | { monthly_weights: number[] };
  thresholds?: Partial<Thresholds>;
  baseline?: { value: number; date: IsoDate };
  source?: string;
  note?: string;
}

/**
 * A problem with one row or cell of an imported file. `row` counts as a spreadsheet does (the
 * header is row 1) for CSV; for a JSON-stat table it is the cell's position in the value
 * array, counted from 0. `path` is the JSON pointer the import's problem answer lists.
 */
export interface FormatError {
  path: string;
  row: number;
  column?: string;
  code: string;
  message: string;
}

export function formatError(
  root: string,
  row: number,
  column: string | undefined,
  code: string,
  message: string,
): FormatError {
  if (!column) return { path: `/${root}/${row}`, row, code, message };
  const pointer = column.replaceAll("~", "~0").replaceAll("/", "~1");
  return { path: `/${root}/${row}/${pointer}`, row, column, code, message };
}

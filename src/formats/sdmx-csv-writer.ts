// Figures and targets as SDMX-CSV 2.0 messages (the dataflows are described in
// sdmx-structure.ts), for statistics offices that load SDMX into their own systems.

import type { IsoDate } from "../domain/types";
import { shiftDecimal } from "../domain/units";
import type { FigureRow, TargetRow } from "./rows";
import { formatSdmxPeriod, type TimeRangeStyle } from "./sdmx-period";
import {
  DATAFLOWS,
  type Dataflow,
  type DecimalMark,
  FIGURE_COLUMNS,
  formatSdmxNumber,
  OBS_STATUS,
  TARGET_COLUMNS,
  THRESHOLD_COLUMNS,
  type ThresholdColumn,
  toSdmxCode,
} from "./sdmx-structure";

export type SdmxSeparator = "," | ";";

export interface SdmxCsvOptions {
  /**
   * `;` for decimal-comma locales (Vietnamese, most of Europe): SDMX-CSV then writes numbers
   * with a decimal comma, as a spreadsheet in that locale expects. Default `,`.
   */
  separator?: SdmxSeparator;
  /**
   * Values are written divided by 10^unitMult, with UNIT_MULT saying so: 6 writes 2,326,000,000
   * USD as 2326 with UNIT_MULT 6 (millions). Default 0, values in base units.
   */
  unitMult?: number;
  timeRange?: TimeRangeStyle;
  /** SDMX-CSV's action for every row; default I (information). */
  action?: "I" | "A" | "R";
  /** A UTF-8 byte order mark, which spreadsheets need to read Vietnamese text right. */
  byteOrderMark?: boolean;
}

export interface VintageOptions {
  /** Only what had been reported by this day, as SDMX's asOf ("time travel"). */
  asOf?: IsoDate;
  /** Every vintage rather than the latest of each observation, as SDMX's includeHistory. */
  includeHistory?: boolean;
}

export type FigureVintage = FigureRow & {
  /** The day a later vintage of the same observation was reported, or null if none was. */
  valid_to: IsoDate | null;
};

const observationKey = (r: FigureRow) => `${r.indicator_id}|${r.period_start}|${r.period_end}`;

function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The vintages an SDMX answer holds: those reported by `asOf`, then every one of them
 * (`includeHistory`) or only the latest of each observation, the way the monitor itself picks
 * one (later reported_at, then higher id; input order when neither tells). Each carries
 * `valid_to`, the day the next vintage replaced it. Sorted by area, indicator, period, then
 * reported_at, so applying the rows in order leaves the latest vintage standing.
 */
export function selectVintages(
  rows: readonly FigureRow[],
  options: VintageOptions = {},
): FigureVintage[] {
  const { asOf, includeHistory = false } = options;
  const groups = new Map<string, { row: FigureRow; order: number }[]>();
  rows.forEach((row, order) => {
    if (asOf !== undefined && row.reported_at > asOf) return;
    const key = observationKey(row);
    const group = groups.get(key);
    if (group) group.push({ row, order });
    else groups.set(key, [{ row, order }]);
  });
  const out: FigureVintage[] = [];
  for (const group of groups.values()) {
    group.sort(
      (a, b) =>
        byText(a.row.reported_at, b.row.reported_at) ||
        (a.row.id ?? 0) - (b.row.id ?? 0) ||
        a.order - b.order,
    );
    const vintages = group.map(({ row }, i) => ({
      ...row,
      valid_to: group[i + 1]?.row.reported_at ?? null,
    }));
    out.push(...(includeHistory ? vintages : vintages.slice(-1)));
  }
  return out.sort(
    (a, b) =>
      byText(a.area, b.area) ||
      byText(a.indicator_id, b.indicator_id) ||
      byText(a.period_start, b.period_start) ||
      byText(a.period_end, b.period_end) ||
      byText(a.reported_at, b.reported_at),
  );
}

/** RFC 4180 quoting: a field holding the separator, a quote or a line break is quoted. */
function field(value: string, separator: SdmxSeparator): string {
  if (!value.includes(separator) && !/["\r\n]/.test(value)) return value;
  return `"${value.replaceAll('"', '""')}"`;
}

interface Writer {
  separator: SdmxSeparator;
  mark: DecimalMark;
  unitMult: number;
  timeRange: TimeRangeStyle;
  action: string;
}

function writer(options: SdmxCsvOptions): Writer {
  const separator = options.separator ?? ",";
  const unitMult = options.unitMult ?? 0;
  if (!Number.isInteger(unitMult)) throw new RangeError(`unitMult must be an integer: ${unitMult}`);
  return {
    separator,
    mark: separator === ";" ? "comma" : "point",
    unitMult,
    timeRange: options.timeRange ?? "duration",
    action: options.action ?? "I",
  };
}

/** Lines of cells, each ended by CRLF as RFC 4180 has it. */
function lines(w: Writer, rows: readonly (readonly string[])[]): string {
  return rows
    .map((cells) => `${cells.map((c) => field(c, w.separator)).join(w.separator)}\r\n`)
    .join("");
}

const COLUMNS: Record<Dataflow, readonly string[]> = {
  figures: FIGURE_COLUMNS,
  targets: TARGET_COLUMNS,
};

/**
 * What a message of `dataflow` starts with: the byte order mark if asked for, and the header
 * line. A message may then be written a block of lines at a time (figureLines, targetLines),
 * so a large export never holds all of it at once.
 */
export function sdmxCsvStart(dataflow: Dataflow, options: SdmxCsvOptions = {}): string {
  return `${options.byteOrderMark ? "\uFEFF" : ""}${lines(writer(options), [COLUMNS[dataflow]])}`;
}

const num = (w: Writer, value: number | null | undefined) =>
  value === null || value === undefined ? "" : formatSdmxNumber(value, w.mark);
const scaled = (w: Writer, value: number | null | undefined) =>
  value === null || value === undefined ? "" : num(w, shiftDecimal(value, -w.unitMult));

/**
 * The FIGURES dataflow: the vintages selectVintages picks from `rows` (every stored vintage of
 * the figures asked for), one line each, CRLF line ends as RFC 4180 has them.
 */
export function writeFiguresCsv(
  rows: readonly FigureRow[],
  options: SdmxCsvOptions & VintageOptions = {},
): string {
  return sdmxCsvStart("figures", options) + figureLines(rows, options);
}

/**
 * The lines of writeFiguresCsv without its header, for a message written in blocks. Every
 * stored vintage of an observation must be in the same block: which one is latest, and when
 * each stopped counting, depends on all of them.
 */
export function figureLines(
  rows: readonly FigureRow[],
  options: SdmxCsvOptions & VintageOptions = {},
): string {
  const w = writer(options);
  const table = selectVintages(rows, options).map((r) => {
    const cells: Record<(typeof FIGURE_COLUMNS)[number], string> = {
      STRUCTURE: "dataflow",
      STRUCTURE_ID: DATAFLOWS.figures.ref,
      ACTION: w.action,
      REF_AREA: toSdmxCode(r.area),
      INDICATOR: toSdmxCode(r.indicator_id),
      TIME_PERIOD: formatSdmxPeriod(r.period_start, r.period_end, w.timeRange),
      OBS_VALUE: scaled(w, r.value),
      OBS_STATUS: OBS_STATUS[r.status],
      UNIT_MEASURE: r.unit,
      UNIT_MULT: String(w.unitMult),
      SOURCE_DETAIL: r.source ?? "",
      COMMENT_OBS: r.note ?? "",
      REPORTED_ATTAINMENT: num(w, r.reported_attainment),
      REPORTED_YOY: num(w, r.reported_yoy),
      VALID_FROM: r.reported_at,
      VALID_TO: r.valid_to ?? "",
    };
    return FIGURE_COLUMNS.map((c) => cells[c]);
  });
  return lines(w, table);
}

/** Each plan's latest revision: the highest number, or the last given when none is numbered. */
function latestRevisions(rows: readonly TargetRow[]): TargetRow[] {
  const latest = new Map<string, TargetRow>();
  for (const row of rows) {
    const seen = latest.get(row.id);
    if (!seen || (row.revision ?? 0) >= (seen.revision ?? 0)) latest.set(row.id, row);
  }
  return [...latest.values()];
}

/**
 * The TARGETS dataflow: one line per plan (or per revision, when `rows` holds several of one
 * plan and `includeHistory` is set; otherwise only each plan's latest), sorted by area,
 * indicator, period, plan id and revision, so applying the lines in order leaves each plan's
 * latest revision standing.
 */
export function writeTargetsCsv(
  rows: readonly TargetRow[],
  options: SdmxCsvOptions & Pick<VintageOptions, "includeHistory"> = {},
): string {
  return sdmxCsvStart("targets", options) + targetLines(rows, options);
}

/**
 * The lines of writeTargetsCsv without its header, for a message written in blocks; every
 * revision of a plan must be in the same block.
 */
export function targetLines(
  rows: readonly TargetRow[],
  options: SdmxCsvOptions & Pick<VintageOptions, "includeHistory"> = {},
): string {
  const w = writer(options);
  const latest = latestRevisions(rows);
  // A plan's revisions stay together and in order even when a revision moved its period: each
  // sorts by the period of the plan's latest revision.
  const periodOf = new Map(latest.map((r) => [r.id, `${r.period_start}/${r.period_end}`]));
  const sorted = (options.includeHistory ? [...rows] : latest).sort(
    (a, b) =>
      byText(a.area, b.area) ||
      byText(a.indicator_id, b.indicator_id) ||
      byText(periodOf.get(a.id) ?? "", periodOf.get(b.id) ?? "") ||
      byText(a.id, b.id) ||
      (a.revision ?? 0) - (b.revision ?? 0),
  );
  const table = sorted.map((r) => {
    const thresholds = Object.fromEntries(
      Object.entries(THRESHOLD_COLUMNS).map(([column, key]) => [
        column,
        num(w, r.thresholds?.[key]),
      ]),
    ) as Record<ThresholdColumn, string>;
    const cells: Record<(typeof TARGET_COLUMNS)[number], string> = {
      STRUCTURE: "dataflow",
      STRUCTURE_ID: DATAFLOWS.targets.ref,
      ACTION: w.action,
      REF_AREA: toSdmxCode(r.area),
      INDICATOR: toSdmxCode(r.indicator_id),
      TIME_PERIOD: formatSdmxPeriod(r.period_start, r.period_end, w.timeRange),
      OBS_VALUE: scaled(w, r.target),
      UNIT_MEASURE: r.unit,
      UNIT_MULT: String(w.unitMult),
      PLAN_ID: r.id,
      TITLE: r.title ?? "",
      COMPARATOR: r.comparator,
      // The CSV import's spelling: `linear`, `history`, or twelve weights separated by `;`.
      PHASING:
        r.phasing === "linear" || r.phasing === "history"
          ? r.phasing
          : r.phasing.monthly_weights.map((x) => num(w, x)).join(";"),
      ...thresholds,
      BASELINE_VALUE: scaled(w, r.baseline?.value),
      BASELINE_DATE: r.baseline?.date ?? "",
      SOURCE_DETAIL: r.source ?? "",
      COMMENT_OBS: r.note ?? "",
      REVISION: r.revision === undefined ? "" : String(r.revision),
    };
    return TARGET_COLUMNS.map((c) => cells[c]);
  });
  return lines(w, table);
}

// SDMX-CSV 2.0 messages of our two dataflows back into the bodies POST /api/actuals and
// POST /api/plans accept. Every row that cannot be mapped says which row, which column and
// why, with a stable code, so an all-or-nothing import can show them all at once.
import { parseIsoDate } from "../domain/dates";
import type { IsoDate } from "../domain/types";
import { shiftDecimal } from "../domain/units";
// Only parseCsv and CsvRecord: the reader's internals (and its other exports) are the CSV
// import's own business.
import { type CsvRecord, parseCsv } from "../import/csv";
import type { SdmxCsvErrorCode } from "../schemas/formats";
import { type ActualRow, type FormatError, formatError, type PlanRow } from "./rows";
import { parseSdmxPeriod } from "./sdmx-period";
import {
  DATAFLOWS,
  type Dataflow,
  type DecimalMark,
  FIGURE_COLUMNS,
  fromSdmxCode,
  OBS_STATUS,
  REQUIRED_COLUMNS,
  readSdmxNumber,
  SDMX_AGENCY,
  statusOfObsStatus,
  TARGET_COLUMNS,
  THRESHOLD_COLUMNS,
} from "./sdmx-structure";

// The closed set of reasons a file, a header or a row is refused is part of the import's wire
// contract, so it is declared with it.
export { SDMX_CSV_ERROR_CODES } from "../schemas/formats";

export interface SdmxCsvReadOptions {
  /** The decimal mark of numbers; by default a comma when the file is separated by `;`. */
  decimal?: DecimalMark;
  /**
   * The publication day of every figure whose row has no VALID_FROM, for SDMX data from
   * elsewhere that does not carry it. Without it such a row is an error.
   */
  reportedAt?: IsoDate;
}

/** A mapped row, with what the file said of its indicator for the import to check. */
export interface SdmxRow<T> {
  row: number;
  /** REF_AREA, as one of our slugs, when the file has it. */
  area?: string;
  /** UNIT_MEASURE, when the file has it. */
  unit?: string;
  input: T;
}

export interface SdmxCsvRead {
  separator: string;
  figures: SdmxRow<ActualRow>[];
  targets: SdmxRow<PlanRow>[];
  errors: FormatError[];
  /** Columns neither dataflow defines (labels, series keys, a publisher's own), left unread. */
  ignoredColumns: string[];
}

const KNOWN_COLUMNS = new Set<string>([...FIGURE_COLUMNS, ...TARGET_COLUMNS]);
const SLUG = /^[a-z0-9]+(?:[.-][a-z0-9]+)*$/;
const MAX_UNIT_MULT = 15;

const rowError = (row: number, column: string | undefined, code: SdmxCsvErrorCode, msg: string) =>
  formatError("rows", row, column, code, msg);

/**
 * The column a header field names: `OBS_VALUE: Observation value` (labels=both) and
 * `STRUCTURE[;]` (a sub-field separator) both name their id.
 */
function columnId(header: string): string {
  const id = header.split(": ")[0] ?? "";
  return id
    .replace(/\[[^\]]*\]$/, "")
    .trim()
    .toUpperCase();
}

/** A coded cell's id: `E: Estimated value` (labels=both) is `E`. */
function codeOf(cell: string): string {
  return (cell.split(": ")[0] ?? "").trim();
}

function dataflowOf(structureId: string): Dataflow | null {
  const match = /^([A-Za-z][\w-]*):([\w@$-]+)(?:\((\d+)(?:\.\d+)*(?:-[\w.]+)?\))?$/.exec(
    structureId,
  );
  if (!match || match[1] !== SDMX_AGENCY || (match[3] !== undefined && match[3] !== "1")) {
    return null;
  }
  if (match[2] === DATAFLOWS.figures.id) return "figures";
  if (match[2] === DATAFLOWS.targets.id) return "targets";
  return null;
}

/** One row in progress: its cells by column id, and its problems, one per cell. */
class Row {
  readonly errors: FormatError[] = [];

  constructor(
    readonly row: number,
    private readonly cells: ReadonlyMap<string, string>,
    private readonly mark: DecimalMark,
  ) {}

  fail(column: string | undefined, code: SdmxCsvErrorCode, message: string): undefined {
    if (!this.errors.some((e) => e.column === column)) {
      this.errors.push(rowError(this.row, column, code, message));
    }
    return undefined;
  }

  text(column: string): string | undefined {
    const value = this.cells.get(column)?.trim();
    return value ? value : undefined;
  }

  required(column: string): string | undefined {
    return this.text(column) ?? this.fail(column, "missing_value", "Required.");
  }

  slug(column: string, required: boolean): string | undefined {
    const cell = required ? this.required(column) : this.text(column);
    if (cell === undefined) return undefined;
    const slug = fromSdmxCode(codeOf(cell)).toLowerCase();
    if (SLUG.test(slug)) return slug;
    return this.fail(
      column,
      "bad_code",
      `'${cell}' is not one of our ids: lower-case letters and digits joined by '-', '.' or '_'.`,
    );
  }

  number(column: string, required = false): number | undefined {
    const cell = required ? this.required(column) : this.text(column);
    if (cell === undefined) return undefined;
    const value = readSdmxNumber(cell, this.mark);
    if (value !== null) return value;
    return this.fail(
      column,
      "bad_number",
      this.mark === "comma"
        ? `'${cell}' is not a number such as 2326,5 (this file's decimal mark is a comma).`
        : `'${cell}' is not a number such as 2326.5, with no thousands separators.`,
    );
  }

  date(column: string, fallback?: IsoDate): IsoDate | undefined {
    const cell = this.text(column);
    if (cell === undefined) {
      return (
        fallback ??
        this.fail(column, "missing_value", "Required: the day the source published the figure.")
      );
    }
    // SDMX dates its vintages with a dateTime; the monitor keeps the day.
    const day = /^\d{4}-\d{2}-\d{2}(?:T[\d:.]+(?:Z|[+-]\d{2}:\d{2})?)?$/.test(cell)
      ? cell.slice(0, 10)
      : "";
    if (parseIsoDate(day)) return day;
    return this.fail(column, "bad_date", `'${cell}' is not a date such as 2024-10-06.`);
  }

  /** The unit multiplier: values in the row are OBS_VALUE × 10^UNIT_MULT. */
  unitMult(): number | undefined {
    const cell = this.text("UNIT_MULT");
    if (cell === undefined) return 0;
    const code = codeOf(cell);
    const mult = /^[+-]?\d{1,2}$/.test(code) ? Number(code) : Number.NaN;
    if (Math.abs(mult) <= MAX_UNIT_MULT) return mult;
    return this.fail(
      "UNIT_MULT",
      "bad_unit_mult",
      `'${cell}' is not a unit multiplier: a power of ten such as 0, 3 (thousands) or 6 (millions).`,
    );
  }

  period(): { start: IsoDate; end: IsoDate } | undefined {
    const cell = this.required("TIME_PERIOD");
    if (cell === undefined) return undefined;
    const period = parseSdmxPeriod(codeOf(cell));
    if (period.ok) return { start: period.start, end: period.end };
    return this.fail("TIME_PERIOD", period.code, period.message);
  }

  action(): void {
    const cell = this.text("ACTION");
    if (cell === undefined) return;
    const action = codeOf(cell).toUpperCase();
    if (action === "I" || action === "A" || action === "R") return;
    this.fail(
      "ACTION",
      "unsupported_action",
      action === "D"
        ? "Deletions are not imported: every vintage of a figure is kept, and a correction is a new vintage."
        : `'${cell}' is not an action this import takes; use I (information), A (append) or R (replace).`,
    );
  }
}

function defined<T extends object>(draft: T): T {
  return Object.fromEntries(Object.entries(draft).filter(([, v]) => v !== undefined)) as T;
}

function readFigure(r: Row, reportedAt: IsoDate | undefined): ActualRow | undefined {
  r.action();
  const indicator = r.slug("INDICATOR", true);
  const period = r.period();
  const obs = r.number("OBS_VALUE", true);
  const mult = r.unitMult();
  const statusCell = r.required("OBS_STATUS");
  const status = statusCell === undefined ? undefined : statusOfObsStatus(codeOf(statusCell));
  if (statusCell !== undefined && status === undefined) {
    const known = Object.entries(OBS_STATUS)
      .map(([ours, code]) => `${code} (${ours})`)
      .join(", ");
    r.fail(
      "OBS_STATUS",
      "unknown_obs_status",
      `The observation status '${statusCell}' has no counterpart here; use ${known}.`,
    );
  }
  const reported = r.date("VALID_FROM", reportedAt);
  if (period && reported && reported < period.start) {
    r.fail(
      "VALID_FROM",
      "reported_before_period",
      `A figure cannot be published (${reported}) before its period begins (${period.start}).`,
    );
  }
  const attainment = r.number("REPORTED_ATTAINMENT");
  const yoy = r.number("REPORTED_YOY");
  if (r.errors.length || !indicator || !period || obs === undefined || mult === undefined) {
    return undefined;
  }
  if (!status || !reported) return undefined;
  return defined({
    indicator_id: indicator,
    period_start: period.start,
    period_end: period.end,
    value: shiftDecimal(obs, mult),
    status,
    reported_at: reported,
    source: r.text("SOURCE_DETAIL"),
    note: r.text("COMMENT_OBS"),
    reported_attainment: attainment,
    reported_yoy: yoy,
  });
}

function readPhasing(r: Row, mark: DecimalMark): PlanRow["phasing"] {
  const cell = r.text("PHASING");
  if (cell === undefined) return undefined;
  if (cell.toLowerCase() === "linear") return "linear";
  if (cell.toLowerCase() === "history") return "history";
  const weights = cell.split(";").map((w) => readSdmxNumber(w, mark));
  if (weights.length === 12 && weights.every((w): w is number => w !== null && w >= 0)) {
    return { monthly_weights: weights };
  }
  r.fail(
    "PHASING",
    "bad_phasing",
    "Write 'linear', 'history' or twelve monthly weights separated by ';'.",
  );
  return undefined;
}

function readTarget(r: Row, mark: DecimalMark): PlanRow | undefined {
  r.action();
  const indicator = r.slug("INDICATOR", true);
  const period = r.period();
  const target = r.number("OBS_VALUE", true);
  const mult = r.unitMult() ?? 0;
  const planId = r.text("PLAN_ID");
  if (planId !== undefined && !SLUG.test(planId)) {
    r.fail(
      "PLAN_ID",
      "bad_code",
      `'${planId}' is not a plan id: lower-case words joined by '-' or '.'.`,
    );
  }
  const comparatorCell = r.text("COMPARATOR");
  const comparator = comparatorCell?.toLowerCase();
  if (comparator !== undefined && comparator !== "at_least" && comparator !== "at_most") {
    r.fail("COMPARATOR", "bad_comparator", `'${comparatorCell}' is not at_least or at_most.`);
  }
  const phasing = readPhasing(r, mark);
  const thresholds = defined(
    Object.fromEntries(
      Object.entries(THRESHOLD_COLUMNS).map(([column, key]) => [key, r.number(column)]),
    ),
  );
  const baselineValue = r.number("BASELINE_VALUE");
  const baselineDate = r.text("BASELINE_DATE") === undefined ? undefined : r.date("BASELINE_DATE");
  if ((baselineValue === undefined) !== (baselineDate === undefined)) {
    const missing = baselineValue === undefined ? "BASELINE_VALUE" : "BASELINE_DATE";
    if (!r.errors.some((e) => e.column?.startsWith("BASELINE_"))) {
      r.fail(missing, "missing_value", "A baseline needs both its value and its date.");
    }
  }
  if (r.errors.length || !indicator || !period || target === undefined) return undefined;
  return defined({
    id: planId,
    indicator_id: indicator,
    title: r.text("TITLE"),
    period_start: period.start,
    period_end: period.end,
    target: shiftDecimal(target, mult),
    comparator: comparator as PlanRow["comparator"],
    phasing,
    thresholds: Object.keys(thresholds).length ? thresholds : undefined,
    baseline:
      baselineValue !== undefined && baselineDate !== undefined
        ? { value: shiftDecimal(baselineValue, mult), date: baselineDate }
        : undefined,
    source: r.text("SOURCE_DETAIL"),
    note: r.text("COMMENT_OBS"),
  });
}

/**
 * Reads an SDMX-CSV 2.0 message holding rows of TARGET_MONITOR:FIGURES, TARGETS or both. The
 * separator is the character after the leading STRUCTURE column, as SDMX-CSV specifies; the
 * decimal mark follows it (a comma in `;`-separated files) unless `options.decimal` says
 * otherwise. Columns may come in any order; those neither dataflow defines are ignored.
 */
export function readSdmxCsv(text: string, options: SdmxCsvReadOptions = {}): SdmxCsvRead {
  const body = text.startsWith("\uFEFF") ? text.slice(1) : text;
  const lead = /^STRUCTURE(?:\[[^\]]*\])?(.)/i.exec(body);
  const empty = (separator: string, errors: FormatError[]): SdmxCsvRead => ({
    separator,
    figures: [],
    targets: [],
    errors,
    ignoredColumns: [],
  });
  const separator = lead?.[1];
  if (separator !== "," && separator !== ";" && separator !== "\t") {
    return empty(",", [
      rowError(
        1,
        undefined,
        "not_sdmx_csv",
        "An SDMX-CSV message starts with the column STRUCTURE followed by its separator (',' or ';').",
      ),
    ]);
  }
  let records: CsvRecord[];
  try {
    records = parseCsv(body, separator);
  } catch (e) {
    // What stops the CSV reader (a stray quote, a field past its length limit) is the file's
    // fault, and the reader's errors name the row it was reading; anything else is a bug.
    if (!(e instanceof Error && "row" in e && typeof e.row === "number")) throw e;
    return empty(separator, [rowError(e.row, undefined, "csv_syntax", e.message)]);
  }
  const mark: DecimalMark = options.decimal ?? (separator === ";" ? "comma" : "point");
  const [header, ...rest] = records;
  const columns = (header?.fields ?? []).map(columnId);
  const errors: FormatError[] = [];
  const seen = new Set<string>();
  for (const column of columns) {
    if (seen.has(column) && KNOWN_COLUMNS.has(column)) {
      errors.push(rowError(1, column, "duplicate_column", "This column appears twice."));
    }
    seen.add(column);
  }
  const ignoredColumns = [...new Set(columns.filter((c) => !KNOWN_COLUMNS.has(c)))];
  const result: SdmxCsvRead = { separator, figures: [], targets: [], errors, ignoredColumns };
  if (errors.length) return result;

  // Each dataflow's required columns are checked once, at its first row.
  const usable = new Map<Dataflow, boolean>();
  const checkColumns = (flow: Dataflow): boolean => {
    const known = usable.get(flow);
    if (known !== undefined) return known;
    const missing = REQUIRED_COLUMNS[flow].filter((c) => !seen.has(c));
    for (const column of missing) {
      errors.push(
        rowError(1, column, "missing_column", `Rows of ${DATAFLOWS[flow].ref} need this column.`),
      );
    }
    usable.set(flow, missing.length === 0);
    return missing.length === 0;
  };

  for (const record of rest) {
    if (record.fields.every((f) => f.trim() === "")) continue;
    if (record.fields.length !== columns.length) {
      errors.push(
        rowError(
          record.row,
          undefined,
          "field_count",
          `Has ${record.fields.length} fields; the header has ${columns.length}.`,
        ),
      );
      continue;
    }
    const cells = new Map<string, string>();
    columns.forEach((c, i) => {
      if (!cells.has(c)) cells.set(c, record.fields[i] ?? "");
    });
    const r = new Row(record.row, cells, mark);
    const structure = r.text("STRUCTURE")?.toLowerCase();
    const structureId = codeOf(r.text("STRUCTURE_ID") ?? "");
    const flow = structure === "dataflow" ? dataflowOf(structureId) : null;
    if (!flow) {
      errors.push(
        rowError(
          record.row,
          structure === "dataflow" ? "STRUCTURE_ID" : "STRUCTURE",
          "unknown_structure",
          `Rows must belong to the dataflow ${DATAFLOWS.figures.ref} or ${DATAFLOWS.targets.ref}.`,
        ),
      );
      continue;
    }
    if (!checkColumns(flow)) continue;
    const area = r.slug("REF_AREA", false);
    const unit = r.text("UNIT_MEASURE");
    const meta = defined({ area, unit: unit === undefined ? undefined : codeOf(unit) });
    if (flow === "figures") {
      const input = readFigure(r, options.reportedAt);
      if (input && !r.errors.length) result.figures.push({ row: record.row, ...meta, input });
    } else {
      const input = readTarget(r, mark);
      if (input && !r.errors.length) result.targets.push({ row: record.row, ...meta, input });
    }
    errors.push(...r.errors);
  }
  return result;
}

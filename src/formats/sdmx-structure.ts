// The two SDMX dataflows the monitor publishes and reads, and the code lists they share.
//
// TARGET_MONITOR:FIGURES(1.0.0): every reported figure, one row per vintage.
//   dimensions  REF_AREA (the indicator's scope), INDICATOR, TIME_PERIOD
//   measure     OBS_VALUE
//   attributes  OBS_STATUS, UNIT_MEASURE, UNIT_MULT, SOURCE_DETAIL, COMMENT_OBS,
//               REPORTED_ATTAINMENT, REPORTED_YOY
//   custom      VALID_FROM, VALID_TO: the vintage's validity, as SDMX's validFromDate and
//               validToDate carry it for includeHistory and asOf. VALID_FROM is the day the
//               source published the figure (our reported_at); VALID_TO is the day a later
//               vintage of the same observation replaced it, empty while it still stands.
// TARGET_MONITOR:TARGETS(1.0.0): the plans, one row per plan.
//   dimensions  REF_AREA, INDICATOR, TIME_PERIOD
//   measure     OBS_VALUE (the target)
//   attributes  UNIT_MEASURE, UNIT_MULT, PLAN_ID, TITLE, COMPARATOR, PHASING, the six
//               THRESHOLD_* overrides, BASELINE_VALUE, BASELINE_DATE, SOURCE_DETAIL,
//               COMMENT_OBS, REVISION
//
// Attribute ids follow the SDMX cross-domain concepts where one fits (OBS_STATUS, UNIT_MULT,
// UNIT_MEASURE, SOURCE_DETAIL, COMMENT_OBS); the rest are the monitor's own.
import type { Thresholds } from "../domain/types";
import type { ActualStatus } from "../domain/vocabulary";

export const SDMX_AGENCY = "TARGET_MONITOR";
export const SDMX_VERSION = "1.0.0";

export const DATAFLOWS = {
  figures: { id: "FIGURES", ref: `${SDMX_AGENCY}:FIGURES(${SDMX_VERSION})` },
  targets: { id: "TARGETS", ref: `${SDMX_AGENCY}:TARGETS(${SDMX_VERSION})` },
} as const;

export type Dataflow = keyof typeof DATAFLOWS;

/**
 * A plan's own status boundaries, one column each, named as the CSV import names them. They
 * are ratios and percentage points, never scaled by UNIT_MULT; a plan that keeps the defaults
 * leaves them empty. Without them a plan exported and read back would lose its overrides.
 */
export const THRESHOLD_COLUMNS = {
  THRESHOLD_AHEAD: "ahead",
  THRESHOLD_ON_TRACK: "on_track",
  THRESHOLD_AT_RISK: "at_risk",
  THRESHOLD_AHEAD_PP: "ahead_pp",
  THRESHOLD_ON_TRACK_PP: "on_track_pp",
  THRESHOLD_AT_RISK_PP: "at_risk_pp",
} as const satisfies Record<string, keyof Thresholds>;

export type ThresholdColumn = keyof typeof THRESHOLD_COLUMNS;

/** The fixed leading columns of every SDMX-CSV 2.0 message. */
const LEAD = ["STRUCTURE", "STRUCTURE_ID", "ACTION"] as const;
const KEY = ["REF_AREA", "INDICATOR", "TIME_PERIOD"] as const;

export const FIGURE_COLUMNS = [
  ...LEAD,
  ...KEY,
  "OBS_VALUE",
  "OBS_STATUS",
  "UNIT_MEASURE",
  "UNIT_MULT",
  "SOURCE_DETAIL",
  "COMMENT_OBS",
  "REPORTED_ATTAINMENT",
  "REPORTED_YOY",
  "VALID_FROM",
  "VALID_TO",
] as const;

export const TARGET_COLUMNS = [
  ...LEAD,
  ...KEY,
  "OBS_VALUE",
  "UNIT_MEASURE",
  "UNIT_MULT",
  "PLAN_ID",
  "TITLE",
  "COMPARATOR",
  "PHASING",
  "THRESHOLD_AHEAD",
  "THRESHOLD_ON_TRACK",
  "THRESHOLD_AT_RISK",
  "THRESHOLD_AHEAD_PP",
  "THRESHOLD_ON_TRACK_PP",
  "THRESHOLD_AT_RISK_PP",
  "BASELINE_VALUE",
  "BASELINE_DATE",
  "SOURCE_DETAIL",
  "COMMENT_OBS",
  "REVISION",
] as const;

/**
 * Columns a row of each dataflow cannot do without. ACTION may be left out (SDMX then assumes
 * Information), REF_AREA only repeats the indicator's scope, and VALID_FROM can be supplied for
 * the whole file when a third party's data does not carry it.
 */
export const REQUIRED_COLUMNS: Record<Dataflow, readonly string[]> = {
  figures: ["STRUCTURE", "STRUCTURE_ID", "INDICATOR", "TIME_PERIOD", "OBS_VALUE", "OBS_STATUS"],
  targets: ["STRUCTURE", "STRUCTURE_ID", "INDICATOR", "TIME_PERIOD", "OBS_VALUE"],
};

/**
 * SDMX's observation status codes (code list CL_OBS_STATUS) for our three kinds of figure: an
 * estimate is E (estimated value), a preliminary figure P (provisional value), a final one A
 * (normal value).
 */
export const OBS_STATUS: Readonly<Record<ActualStatus, string>> = {
  estimate: "E",
  preliminary: "P",
  final: "A",
};

const STATUS_OF_CODE = new Map<string, ActualStatus>(
  Object.entries(OBS_STATUS).map(([status, code]) => [code, status as ActualStatus]),
);

export function statusOfObsStatus(code: string): ActualStatus | undefined {
  return STATUS_OF_CODE.get(code.trim().toUpperCase());
}

/**
 * Our ids as SDMX codes. SDMX ids allow letters, digits, `_`, `@`, `$` and `-` but no `.`,
 * which separates the parts of a series key (`nghe-an.nghe-an_goods-exports`). Our slugs are
 * lower-case letters and digits joined by `-` or `.`, never `_`, so `.` ↔ `_` is lossless.
 */
export function toSdmxCode(slug: string): string {
  return slug.replaceAll(".", "_");
}

/** Reads a code back into our slug; a `.` a person typed by hand is accepted as it is. */
export function fromSdmxCode(code: string): string {
  return code.replaceAll("_", ".");
}

export type DecimalMark = "point" | "comma";

/**
 * A number in plain decimal notation: SDMX-CSV values are read by spreadsheets and statistical
 * software alike, and neither expects JavaScript's exponent form (1e-7, 1e+21).
 */
export function formatSdmxNumber(value: number, mark: DecimalMark): string {
  if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
  const text = String(value === 0 ? 0 : value);
  const plain = text.includes("e") ? expandExponent(text) : text;
  return mark === "comma" ? plain.replace(".", ",") : plain;
}

function expandExponent(text: string): string {
  const [mantissa = "", exp = "0"] = text.split("e");
  const negative = mantissa.startsWith("-");
  const unsigned = negative ? mantissa.slice(1) : mantissa;
  const [whole = "", fraction = ""] = unsigned.split(".");
  const digits = whole + fraction;
  const point = whole.length + Number(exp);
  let out: string;
  if (point <= 0) out = `0.${"0".repeat(-point)}${digits}`;
  else if (point >= digits.length) out = digits + "0".repeat(point - digits.length);
  else out = `${digits.slice(0, point)}.${digits.slice(point)}`;
  return negative ? `-${out}` : out;
}

/**
 * Reads a number as SDMX-CSV writes it: optional sign, digits, one decimal mark (the one the
 * file's locale uses) and an optional exponent. No thousands separators: `2.326` in a
 * decimal-comma file would otherwise be read as 2326 or 2.326 depending on a guess.
 */
export function readSdmxNumber(cell: string, mark: DecimalMark): number | null {
  const decimal = mark === "comma" ? "," : "\\.";
  const match = new RegExp(`^([+-]?\\d+)(?:${decimal}(\\d+))?(?:[eE]([+-]?\\d+))?$`).exec(
    cell.trim(),
  );
  if (!match) return null;
  const [, whole = "", fraction, exp] = match;
  const value = Number(`${whole}${fraction === undefined ? "" : `.${fraction}`}e${exp ?? "0"}`);
  if (!Number.isFinite(value)) return null;
  return value === 0 ? 0 : value;
}

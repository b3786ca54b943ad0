// Reading one spreadsheet cell into what the JSON API would have received for that field.
import { parseDecimal, SCALES, scaleExponent, shiftDecimal } from "../domain/units";

export type DecimalMark = "point" | "comma";

export type Cell<T> = { ok: true; value: T } | { ok: false; message: string };

const ok = <T>(value: T): Cell<T> => ({ ok: true, value });
const fail = <T>(message: string): Cell<T> => ({ ok: false, message });

function numberHint(mark: DecimalMark): string {
  return mark === "comma"
    ? "Write a number such as 2.326,5 (decimal=comma: ',' is the decimal mark, '.' groups thousands)."
    : "Write a number such as 2,326.5 (add ?decimal=comma for 2.326,5).";
}

/** The scale word as the JSON API spells it (lower case, NFC, single spaces), or null if unknown. */
export function canonicalScale(word: string): string | null {
  const key = word.normalize("NFC").trim().toLowerCase().replace(/\s+/g, " ");
  return Object.hasOwn(SCALES, key) ? key : null;
}

/** A plain number: no scale word, no percent sign. */
export function readNumber(cell: string, mark: DecimalMark): Cell<number> {
  const value = parseDecimal(cell, { decimalComma: mark === "comma" });
  return value === null ? fail(numberHint(mark)) : ok(value);
}

/**
 * A figure as bulletins print it: a number, optionally followed by a scale word of either
 * language ("2.326 triệu", "2,75 tỷ", "1.2 billion"), converted exactly into base units. A word
 * in the cell wins over the row's `scale` column, which applies to cells without one.
 */
export function readFigure(
  cell: string,
  mark: DecimalMark,
  rowScale: string | undefined,
): Cell<number> {
  const match = /^\s*([+\-\u2212]?[\d.,]+)\s*(.*?)\s*$/su.exec(cell);
  if (!match) return fail(numberHint(mark));
  const [, digits = "", word = ""] = match;
  const value = parseDecimal(digits, { decimalComma: mark === "comma" });
  if (value === null) return fail(numberHint(mark));
  const scale = word === "" ? rowScale : canonicalScale(word);
  if (scale === null) {
    return fail(`Unknown scale word '${word}'; use one of: ${Object.keys(SCALES).join(", ")}.`);
  }
  const exponent = scaleExponent(scale);
  // rowScale was checked by the caller; an unknown one never reaches here.
  const scaled = exponent === null ? value : shiftDecimal(value, exponent);
  return Number.isFinite(scaled)
    ? ok(scaled)
    : fail(`Too large once multiplied by its scale (${scale}).`);
}

/** A ratio the source printed: a fraction (0.8458) or a percentage ("84.58%", "84,58 %"). */
export function readRatio(cell: string, mark: DecimalMark): Cell<number> {
  const percent = /%\s*$/.test(cell);
  const parsed = readNumber(percent ? cell.replace(/\s*%\s*$/, "") : cell, mark);
  if (!parsed.ok) return parsed;
  return ok(percent ? shiftDecimal(parsed.value, -2) : parsed.value);
}

/** Lists such as tags: separated by `;`, `,` or spaces. */
export function readList(cell: string): string[] {
  return cell.split(/[;,\s]+/).filter((s) => s !== "");
}

/**
 * An indicator's aliases: separated by `;` only, because a name may itself hold commas and
 * spaces ("thiết bị, linh kiện điện tử").
 */
export function readAliases(cell: string): string[] {
  return cell
    .split(";")
    .map((s) => s.trim())
    .filter((s) => s !== "");
}

/**
 * A plan's phasing: `linear`, `history`, or twelve monthly weights (January first) separated
 * by `;` so the cell needs no quoting whatever the decimal mark.
 */
export function readPhasing(
  cell: string,
  mark: DecimalMark,
): Cell<"linear" | "history" | { monthly_weights: number[] }> {
  const word = cell.trim().toLowerCase();
  if (word === "linear" || word === "history") return ok(word);
  const parts = cell.split(";").map((p) => p.trim());
  const weights: number[] = [];
  for (const part of parts) {
    const w = readNumber(part, mark);
    if (!w.ok) {
      return fail("Write 'linear', 'history' or twelve monthly weights separated by ';'.");
    }
    weights.push(w.value);
  }
  return ok({ monthly_weights: weights });
}

/**
 * An indicator's release rule in one cell: the same JSON the API takes (a spreadsheet cell holds
 * it as text); its meaning is checked with the rest of the indicator.
 */
export function readJsonCell(cell: string): Cell<unknown> {
  try {
    return ok(JSON.parse(cell));
  } catch {
    return fail(
      'Write the release rule as JSON, e.g. {"schedules":[{"effective_from":null,"releases":[{"vintage":"estimate","due":{"kind":"day_of_month","months_after":1,"day":6}}]}]}.',
    );
  }
}

// Reading the desk's form fields: what a person typed, in their language's conventions, into
// the values the JSON API takes. Every problem names its field and a code the page words in
// the reader's language; the API's own schema then checks the result, so a form can never
// accept what the API would refuse.
import type { z } from "@hono/zod-openapi";
import { readPeriodText } from "../bulletins/period-text";
import { isValidIsoDate } from "../domain/dates";
import { parseDecimal, shiftDecimal } from "../domain/units";
import { canonicalScale } from "../import/cells";
import { textSchema } from "../schemas/common";

export type DeskLang = "en" | "vi";

export const PROBLEM_CODES = [
  "required",
  "too_long",
  "control_chars",
  "date",
  "number",
  "scale",
  "percent",
  "period",
  "period_order",
  "reported_early",
  "choice",
  "indicator_unknown",
  "indicator_outside",
  "scope_outside",
  "slug",
  "target_positive",
  "baseline_positive",
  "baseline_late",
  "measure_in_use",
  "plan_indicator",
  "alias_twice",
  "too_many",
  "email",
  "email_taken",
  "future",
  "admin_scope",
  "none_selected",
  "invalid",
] as const;
export type ProblemCode = (typeof PROBLEM_CODES)[number];

export interface Problem {
  /** The form field to show it beside. */
  field: string;
  code: ProblemCode;
  vars?: Readonly<Record<string, string | number>>;
}

/** What was posted, as text, so a refused form comes back exactly as it was typed. */
export type FormValues = Readonly<Record<string, string>>;

/** Examples in each language's own way of writing numbers and periods. */
export const EXAMPLES = {
  en: { number: "1,690.5", figure: "1,690 million", percent: "112.67", date: "2024-10-05" },
  vi: { number: "1.690,5", figure: "1.690 triệu", percent: "112,67", date: "05/10/2024" },
} as const;

export const PERIOD_EXAMPLES = {
  en: ["first 9 months of 2024", "Q3 2024", "July 2024", "2024", "2021–2025"],
  vi: ["9 tháng đầu năm 2024", "quý III/2024", "tháng 7/2024", "năm 2024", "nhiệm kỳ 2021-2025"],
} as const;

/** A figure as the API takes it: the number as written and its scale word. */
export interface TypedFigure {
  value: number;
  scale: string | undefined;
}

export class FormReader {
  readonly problems: Problem[] = [];
  /** Fields the reading filled in: the dates of a period given in words. */
  readonly filled: Record<string, string> = {};

  constructor(
    readonly values: FormValues,
    readonly lang: DeskLang,
  ) {}

  /** The field as typed, NFC-normalised and trimmed; "" when absent. */
  raw(name: string): string {
    return (this.values[name] ?? "").normalize("NFC").trim();
  }

  fail(field: string, code: ProblemCode, vars?: Problem["vars"]): undefined {
    if (!this.problems.some((p) => p.field === field)) this.problems.push({ field, code, vars });
    return undefined;
  }

  has(field: string): boolean {
    return this.problems.some((p) => p.field === field);
  }

  /** Free text under the API's own rule for stored text (length, no control characters). */
  text(name: string, max: number, required = false): string | undefined {
    const value = this.raw(name);
    if (value === "") return required ? this.fail(name, "required") : undefined;
    const parsed = textSchema(max).safeParse(value);
    if (parsed.success) return parsed.data;
    const tooLong = parsed.error.issues.some((i) => i.code === "too_big");
    return this.fail(name, tooLong ? "too_long" : "control_chars", tooLong ? { max } : undefined);
  }

  /** One of `options`; an empty field is `fallback`. */
  choice<T extends string>(name: string, options: readonly T[], fallback?: T): T | undefined {
    const value = this.raw(name);
    if (value === "") return fallback ?? this.fail(name, "required");
    return (options as readonly string[]).includes(value)
      ? (value as T)
      : this.fail(name, "choice");
  }

  /** `YYYY-MM-DD` (what a date input sends), or `DD/MM/YYYY` as Vietnamese writes dates. */
  date(name: string, required = false): string | undefined {
    const value = this.raw(name);
    if (value === "") return required ? this.fail(name, "required") : undefined;
    let iso = value;
    const dmy = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(value);
    if (dmy && this.lang === "vi") {
      iso = `${dmy[3]}-${dmy[2]?.padStart(2, "0")}-${dmy[1]?.padStart(2, "0")}`;
    }
    if (/^\d{4}-\d{2}-\d{2}$/.test(iso) && isValidIsoDate(iso)) return iso;
    return this.fail(name, "date", { example: EXAMPLES[this.lang].date });
  }

  private number(text: string): number | null {
    return parseDecimal(text, { decimalComma: this.lang === "vi" });
  }

  /**
   * A figure as printed: "1.690 triệu" (Vietnamese) or "1,690 million", or a plain number
   * with the scale chosen in `scaleField`. A scale word typed after the number wins.
   */
  figure(name: string, scaleField: string | null, required = false): TypedFigure | undefined {
    const value = this.raw(name);
    if (value === "") return required ? this.fail(name, "required") : undefined;
    const match = /^([+\-\u2212]?[\d.,]+)\s*(.*)$/su.exec(value);
    const number = match ? this.number(match[1] ?? "") : null;
    if (number === null) {
      return this.fail(name, "number", { example: EXAMPLES[this.lang].figure });
    }
    const word = match?.[2]?.trim() ?? "";
    if (word !== "") {
      const scale = canonicalScale(word);
      if (scale !== null) return { value: number, scale };
      // "1e9" is a number written another way, not a number and a scale word.
      const code = /^e[+-]?\d/i.test(word) ? "number" : "scale";
      return this.fail(name, code, { example: EXAMPLES[this.lang].figure });
    }
    const chosen = scaleField ? this.raw(scaleField) : "";
    if (chosen === "") return { value: number, scale: undefined };
    const scale = canonicalScale(chosen);
    return scale === null ? this.fail(scaleField ?? name, "scale") : { value: number, scale };
  }

  /** A percentage as printed ("112,67" or "112.67%"), as a fraction: 1.1267. */
  percent(name: string): number | undefined {
    const value = this.raw(name).replace(/\s*%$/, "");
    if (value === "") return undefined;
    const number = this.number(value);
    if (number === null)
      return this.fail(name, "percent", { example: EXAMPLES[this.lang].percent });
    return shiftDecimal(number, -2);
  }

  /**
   * A period: the words in `shortcut` ("9 tháng đầu năm 2024", "Q3 2024", "2021–2025") when
   * given, else both dates. Problems go on the field that was used.
   */
  period(
    shortcut: string,
    startField: string,
    endField: string,
  ): { start: string; end: string } | undefined {
    const words = this.raw(shortcut);
    const typedDates = this.raw(startField) !== "" || this.raw(endField) !== "";
    if (words !== "") {
      if (words.length > 80) return this.fail(shortcut, "too_long", { max: 80 });
      const read = readPeriodText(words);
      if (read) {
        this.filled[startField] = read.start;
        this.filled[endField] = read.end;
        return read;
      }
      return this.fail(shortcut, "period", { example: PERIOD_EXAMPLES[this.lang][0] });
    }
    if (!typedDates)
      return this.fail(shortcut, "period", { example: PERIOD_EXAMPLES[this.lang][0] });
    const start = this.date(startField, true);
    const end = this.date(endField, true);
    if (!start || !end) return undefined;
    if (end < start) return this.fail(endField, "period_order");
    return { start, end };
  }

  /**
   * Runs the API's own schema over the body the form built: what the form's own checks let
   * through and the API would still refuse is shown beside the field it names.
   */
  check<T extends z.ZodType>(
    schema: T,
    body: unknown,
    fieldOf: (path: PropertyKey[]) => string,
  ): z.infer<T> | undefined {
    const parsed = schema.safeParse(body);
    if (parsed.success) return parsed.data;
    for (const issue of parsed.error.issues) {
      this.fail(fieldOf(issue.path), "invalid", { detail: issue.message });
    }
    return undefined;
  }
}

/** A number in the reader's own notation, for putting a stored value back into a field. */
export function typedNumber(value: number, lang: DeskLang): string {
  if (!Number.isFinite(value)) return "";
  const plain = String(Math.abs(value));
  // Figures the monitor handles never need an exponent; a huge one is shown whole.
  const [integer = "0", fraction] = plain.includes("e")
    ? [Math.abs(value).toFixed(0)]
    : plain.split(".");
  const group = lang === "vi" ? "." : ",";
  const decimal = lang === "vi" ? "," : ".";
  const grouped = integer.replace(/\B(?=(\d{3})+(?!\d))/g, group);
  return `${value < 0 ? "-" : ""}${grouped}${fraction ? `${decimal}${fraction}` : ""}`;
}

/** A fraction as the percentage a form shows: 1.1267 → "112.67" / "112,67". */
export function typedPercent(fraction: number | null | undefined, lang: DeskLang): string {
  if (fraction === null || fraction === undefined) return "";
  return typedNumber(shiftDecimal(fraction, 2), lang);
}

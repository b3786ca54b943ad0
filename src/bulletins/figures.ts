// Numbers in a statement and what is printed around them: sign, currency, scale word, unit.
// A number's decimal mark is decided by the statement's language, never guessed per number:
// "1.690" is 1690 in Vietnamese and 1.69 in English, and only the language tells them apart.

import { parseDecimal, shiftDecimal } from "../domain/units";
import {
  anyPhraseAt,
  type Phrase,
  phraseEndingAt,
  QUALIFIERS,
  THRESHOLD_AFTER,
  THRESHOLD_BEFORE,
} from "./cues";
import { type Token, tokenIs } from "./text";
import type { BulletinLanguage, DraftNote } from "./types";

export type FigureKind =
  /** A value with a scale word or a unit: "1.690 triệu USD", "7.2 million units". */
  | "amount"
  | "percent"
  /** "2.6 times", "gấp 3 lần". */
  | "multiple"
  /** A bare number: "142 quốc gia", "6/20". */
  | "count"
  /** "100 triệu USD trở lên", "10% or higher", "vượt mốc 3 tỷ USD". */
  | "threshold"
  /** Years outside a period, percentage points, "5-year", numbers that do not parse. */
  | "other";

export interface Figure {
  kind: FigureKind;
  /** Token indices [first, last): sign, currency, number, scale, unit. */
  first: number;
  last: number;
  text: string;
  /** As printed, signed when a sign was printed. */
  value: number;
  /** An explicit "+" or "−" before the number. */
  signed: boolean;
  /** A key of SCALES, or null. */
  scale: string | null;
  unit: string | null;
  qualifier: "about" | "over" | "under" | null;
  /** "1.4 quadrillion VND (58.3 billion USD)": index of the figure this one restates. */
  equivalentOf: number | null;
  notes: DraftNote[];
}

interface ScaleWord {
  phrase: Phrase;
  scale: string;
  /** Powers of ten to fold into the value for scales the API does not name. */
  shift: number;
  /** Only when glued to the number ("1.2bn", "33.5m"): spaced, "m" is metres. */
  glued?: boolean;
}

// Keys are scale words of the figures API (SCALES); unaccented spellings match through tokenIs.
const SCALE_WORDS: readonly ScaleWord[] = [
  { phrase: ["nghìn", "tỷ"], scale: "nghìn tỷ", shift: 0 },
  { phrase: ["ngàn", "tỷ"], scale: "ngàn tỷ", shift: 0 },
  { phrase: ["nghìn", "tỉ"], scale: "nghìn tỉ", shift: 0 },
  { phrase: ["ngàn", "tỉ"], scale: "ngàn tỉ", shift: 0 },
  { phrase: ["triệu", "tỷ"], scale: "nghìn tỷ", shift: 3 },
  { phrase: ["nghìn"], scale: "nghìn", shift: 0 },
  { phrase: ["ngàn"], scale: "ngàn", shift: 0 },
  { phrase: ["triệu"], scale: "triệu", shift: 0 },
  { phrase: ["tỷ"], scale: "tỷ", shift: 0 },
  { phrase: ["tỉ"], scale: "tỉ", shift: 0 },
  { phrase: ["thousand"], scale: "thousand", shift: 0 },
  { phrase: ["million"], scale: "million", shift: 0 },
  { phrase: ["billion"], scale: "billion", shift: 0 },
  { phrase: ["trillion"], scale: "trillion", shift: 0 },
  { phrase: ["quadrillion"], scale: "trillion", shift: 3 },
  { phrase: ["bn"], scale: "billion", shift: 0 },
  { phrase: ["mn"], scale: "million", shift: 0 },
  { phrase: ["m"], scale: "million", shift: 0, glued: true },
  { phrase: ["k"], scale: "thousand", shift: 0, glued: true },
  { phrase: ["tr"], scale: "triệu", shift: 0, glued: true },
];

interface UnitWord {
  phrase: Phrase;
  unit: string;
}

const UNIT_WORDS: readonly UnitWord[] = [
  { phrase: ["usd"], unit: "USD" },
  { phrase: ["us", "$"], unit: "USD" },
  { phrase: ["us", "dollars"], unit: "USD" },
  { phrase: ["dollars"], unit: "USD" },
  { phrase: ["đô", "la"], unit: "USD" },
  { phrase: ["vnd"], unit: "VND" },
  { phrase: ["vnđ"], unit: "VND" },
  { phrase: ["đồng"], unit: "VND" },
  { phrase: ["đ"], unit: "VND" },
  { phrase: ["kwh"], unit: "kWh" },
  { phrase: ["tấn"], unit: "tonnes" },
  { phrase: ["tons"], unit: "tonnes" },
  { phrase: ["tonnes"], unit: "tonnes" },
  { phrase: ["m3"], unit: "m3" },
  { phrase: ["lít"], unit: "litres" },
  { phrase: ["liters"], unit: "litres" },
  { phrase: ["litres"], unit: "litres" },
  { phrase: ["ha"], unit: "ha" },
  { phrase: ["hectares"], unit: "ha" },
  { phrase: ["hecta"], unit: "ha" },
  { phrase: ["units"], unit: "units" },
  { phrase: ["sản", "phẩm"], unit: "units" },
  { phrase: ["chiếc"], unit: "units" },
  { phrase: ["pieces"], unit: "units" },
];

const PERCENT_WORDS: readonly Phrase[] = [["percent"], ["per", "cent"], ["phần", "trăm"]];
const POINT_WORDS: readonly Phrase[] = [
  ["percentage", "points"],
  ["percentage", "point"],
  ["điểm", "phần", "trăm"],
  ["điểm", "%"],
  ["pp"],
];
const MULTIPLE_WORDS: readonly Phrase[] = [["times"], ["lần"]];

/** Canonical unit of an indicator's unit field, so "đồng" and "VND" compare equal. */
export function canonicalUnit(unit: string): string {
  const trimmed = unit.trim();
  const lower = trimmed.toLowerCase();
  if (lower === "%" || lower === "percent" || lower === "phần trăm") return "%";
  for (const entry of UNIT_WORDS) {
    if (entry.phrase.join(" ") === lower || entry.unit.toLowerCase() === lower) return entry.unit;
  }
  if (lower === "us$" || lower === "$") return "USD";
  return trimmed;
}

function readScale(tokens: readonly Token[], i: number): { end: number; word: ScaleWord } | null {
  for (const word of SCALE_WORDS) {
    if (word.glued && tokens[i]?.spaced !== false) continue;
    const end = anyPhraseAt(tokens, i, [word.phrase]);
    if (end >= 0) return { end, word };
  }
  return null;
}

function readUnit(tokens: readonly Token[], i: number): { end: number; unit: string } | null {
  for (const word of UNIT_WORDS) {
    const end = anyPhraseAt(tokens, i, [word.phrase]);
    if (end >= 0) return { end, unit: word.unit };
  }
  return null;
}

/** "US$", "$", "VND" right before the number. */
function readCurrencyPrefix(
  tokens: readonly Token[],
  k: number,
): { first: number; unit: string } | null {
  const before = tokens[k - 1];
  if (!before) return null;
  if (before.text === "$") {
    return tokenIs(tokens[k - 2], "us") && !before.spaced
      ? { first: k - 2, unit: "USD" }
      : { first: k - 1, unit: "USD" };
  }
  if (tokenIs(before, "vnd") || tokenIs(before, "vnđ")) return { first: k - 1, unit: "VND" };
  if (tokenIs(before, "usd")) return { first: k - 1, unit: "USD" };
  return null;
}

/** Longer digit strings are not figures anyone prints; they are not parsed at all. */
const MAX_NUMBER_LENGTH = 32;

function readNumber(
  text: string,
  language: BulletinLanguage,
): { value: number; note: DraftNote | null } | null {
  if (text.length > MAX_NUMBER_LENGTH) return null;
  const own = parseDecimal(text, { decimalComma: language === "vi" });
  if (own !== null) return { value: own, note: null };
  const other = parseDecimal(text, { decimalComma: language !== "vi" });
  if (other === null) return null;
  return {
    value: other,
    note: {
      code: "number_convention",
      message:
        language === "vi"
          ? `"${text}" is not a Vietnamese number (decimal comma); it was read with a decimal point.`
          : `"${text}" is not an English number (decimal point); it was read with a decimal comma.`,
    },
  };
}

function readQualifier(tokens: readonly Token[], first: number): Figure["qualifier"] {
  for (const { phrases, qualifier } of QUALIFIERS) {
    if (phraseEndingAt(tokens, first, phrases) >= 0) return qualifier;
  }
  return null;
}

/**
 * Every number not already read as part of a period, with its sign, currency, scale and unit.
 * `consumed[i]` marks tokens of periods, days and comparison bases.
 */
export function findFigures(
  statement: string,
  tokens: readonly Token[],
  consumed: readonly boolean[],
  language: BulletinLanguage,
): Figure[] {
  const figures: Figure[] = [];
  let k = 0;
  while (k < tokens.length) {
    const token = tokens[k] as Token;
    if (token.kind !== "number" || consumed[k]) {
      k += 1;
      continue;
    }
    // "6/20 tỉnh", "48/111 ICs": a share of a count, read as one count.
    if (tokens[k + 1]?.text === "/" && tokens[k + 2]?.kind === "number" && !consumed[k + 2]) {
      figures.push(bare("count", statement, tokens, k, k + 3, 0));
      k += 3;
      continue;
    }
    const parsed = readNumber(token.text, language);
    let first = k;
    let last = k + 1;
    let signed = false;
    let value = parsed?.value ?? 0;
    const sign = tokens[k - 1];
    if (
      sign?.kind === "punct" &&
      "+-−".includes(sign.text) &&
      !token.spaced &&
      (sign.spaced || tokens[k - 2]?.text === "(")
    ) {
      signed = true;
      first = k - 1;
      if (sign.text !== "+") value = -value;
    }
    const prefix = signed ? null : readCurrencyPrefix(tokens, k);
    if (prefix) first = prefix.first;
    if (!parsed) {
      figures.push(bare("other", statement, tokens, first, last, 0));
      k = last;
      continue;
    }
    const notes: DraftNote[] = parsed.note ? [parsed.note] : [];
    let kind: FigureKind = "count";
    let scale: string | null = null;
    let unit: string | null = prefix?.unit ?? null;
    const next = tokens[last];
    if (next?.text === "%") {
      kind = "percent";
      last += 1;
    } else if (anyPhraseAt(tokens, last, POINT_WORDS) >= 0) {
      kind = "other";
      last = anyPhraseAt(tokens, last, POINT_WORDS);
    } else if (anyPhraseAt(tokens, last, PERCENT_WORDS) >= 0) {
      kind = "percent";
      last = anyPhraseAt(tokens, last, PERCENT_WORDS);
    } else if (anyPhraseAt(tokens, last, MULTIPLE_WORDS) >= 0) {
      kind = "multiple";
      last = anyPhraseAt(tokens, last, MULTIPLE_WORDS);
    } else if (next?.kind === "punct" && next.text === "-" && !next.spaced && tokens[last + 1]) {
      // "5-year plan", "Vina-1": part of a name or an adjective.
      kind = "other";
    } else {
      const scaleWord = readScale(tokens, last);
      if (scaleWord) {
        kind = "amount";
        last = scaleWord.end;
        scale = scaleWord.word.scale;
        if (scaleWord.word.shift !== 0) {
          value = shiftDecimal(value, scaleWord.word.shift);
          notes.push({
            code: "rescaled",
            message: `The figures API has no scale "${tokens
              .slice(k + 1, scaleWord.end)
              .map((t) => t.text)
              .join(" ")}"; the value is given in ${scale}.`,
          });
        }
      }
      const unitWord = readUnit(tokens, last);
      if (unitWord) {
        kind = "amount";
        last = unitWord.end;
        unit ??= unitWord.unit;
      }
      if (prefix) kind = "amount";
      const year = /^\d{4}$/.test(token.text) && value >= 1900 && value <= 2100;
      if (kind === "count" && year) kind = "other";
    }
    const qualifierAt = first;
    if (
      (kind === "amount" || kind === "percent" || kind === "count") &&
      (anyPhraseAt(tokens, last, THRESHOLD_AFTER) >= 0 ||
        phraseEndingAt(tokens, qualifierAt, THRESHOLD_BEFORE) >= 0)
    ) {
      kind = "threshold";
    }
    const previous = figures[figures.length - 1];
    const equivalentOf =
      kind === "amount" &&
      previous?.kind === "amount" &&
      tokens[first - 1]?.text === "(" &&
      previous.last === first - 1
        ? figures.length - 1
        : null;
    figures.push({
      kind,
      first,
      last,
      text: statement.slice(tokens[first]?.start ?? 0, tokens[last - 1]?.end ?? 0),
      value,
      signed,
      scale,
      unit,
      qualifier: readQualifier(tokens, first),
      equivalentOf,
      notes,
    });
    k = last;
  }
  return figures;
}

function bare(
  kind: FigureKind,
  statement: string,
  tokens: readonly Token[],
  first: number,
  last: number,
  value: number,
): Figure {
  return {
    kind,
    first,
    last,
    text: statement.slice(tokens[first]?.start ?? 0, tokens[last - 1]?.end ?? 0),
    value,
    signed: false,
    scale: null,
    unit: null,
    qualifier: null,
    equivalentOf: null,
    notes: [],
  };
}

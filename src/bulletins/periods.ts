// Periods as bulletins print them, in both languages, read from tokens. Official Vietnamese
// figures are cumulative from January ("9 tháng đầu năm" = January–September), so "N tháng",
// "first N months" and "N tháng qua" all start on January 1; "tháng 7" and "in July" are the
// month alone. A period after "so với", "over", "compared to" or "from" (after a growth rate)
// is the base of a comparison, not the figure's period.

import { daysInMonth, formatIsoDate } from "../domain/dates";
import { anyPhraseAt, type Phrase, phraseAt } from "./cues";
import { type Token, tokenIs } from "./text";
import type { IsoDate } from "./types";

export type PeriodSpec =
  /** Months firstMonth..lastMonth of one year. */
  | { kind: "months"; firstMonth: number; lastMonth: number; year: YearSpec; horizon: boolean }
  /** Whole years, for terms and five-year plans: "nhiệm kỳ 2020-2025". */
  | { kind: "years"; firstYear: number; lastYear: number }
  /** From January 1 to the end of lastMonth, or to the bulletin's date when not printed. */
  | { kind: "ytd"; lastMonth: number | null; year: YearSpec }
  /** "the same period in 2023": the statement's own period, moved to another year. */
  | { kind: "same_period"; year: YearSpec }
  /** A day ("ngày 23.10", "May 17"): read so its digits are not taken for figures. */
  | { kind: "date" };

/** A printed year, a year relative to the bulletin's ("năm nay", "last year"), or none. */
export type YearSpec =
  | { kind: "explicit"; year: number }
  | { kind: "relative"; offset: number }
  | { kind: "none" };

export interface PeriodMention {
  /** Token indices [start, end). */
  start: number;
  end: number;
  spec: PeriodSpec;
  /** The base of a comparison ("so với cùng kỳ năm 2023"), not a period of the statement. */
  base: boolean;
}

const NONE: YearSpec = { kind: "none" };

const ENGLISH_NUMBERS: Readonly<Record<string, number>> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
};

const ORDINALS: Readonly<Record<string, number>> = {
  first: 1,
  second: 2,
  third: 3,
  fourth: 4,
  "1st": 1,
  "2nd": 2,
  "3rd": 3,
  "4th": 4,
};

const ROMAN: Readonly<Record<string, number>> = { i: 1, ii: 2, iii: 3, iv: 4 };

const MONTHS: Readonly<Record<string, number>> = {
  january: 1,
  february: 2,
  march: 3,
  april: 4,
  may: 5,
  june: 6,
  july: 7,
  august: 8,
  september: 9,
  october: 10,
  november: 11,
  december: 12,
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  sept: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};

/** A plain integer token ("7", "2024"), or null. */
function integer(token: Token | undefined): number | null {
  if (token?.kind !== "number") return null;
  if (!/^\d{1,4}$/.test(token.text)) return null;
  return Number(token.text);
}

function yearOf(token: Token | undefined): number | null {
  const value = integer(token);
  return value !== null && token?.text.length === 4 && value >= 1900 && value <= 2100
    ? value
    : null;
}

function monthOf(token: Token | undefined): number | null {
  const value = integer(token);
  return value !== null && value >= 1 && value <= 12 ? value : null;
}

function countOf(token: Token | undefined): number | null {
  if (!token) return null;
  if (token.kind === "number") return monthOf(token);
  return ENGLISH_NUMBERS[token.lower] ?? null;
}

function isSlash(token: Token | undefined): boolean {
  return token?.kind === "punct" && (token.text === "/" || token.text === "-");
}

function isDash(token: Token | undefined): boolean {
  return token?.kind === "punct" && "-–—".includes(token.text);
}

interface Read<T> {
  end: number;
  value: T;
}

/** A year after a period word: "/2024", "năm 2024", "2024", "năm nay", "of 2024", "of the year". */
function readYear(tokens: readonly Token[], i: number): Read<YearSpec> {
  const direct = yearOf(tokens[i]);
  if (direct !== null) return { end: i + 1, value: { kind: "explicit", year: direct } };
  if (isSlash(tokens[i])) {
    const year = yearOf(tokens[i + 1]);
    if (year !== null) return { end: i + 2, value: { kind: "explicit", year } };
  }
  const nam = tokenIs(tokens[i], "năm");
  if (nam || tokenIs(tokens[i], "of") || tokenIs(tokens[i], "in")) {
    const year = yearOf(tokens[i + 1]);
    if (year !== null) return { end: i + 2, value: { kind: "explicit", year } };
    if (nam) {
      if (tokenIs(tokens[i + 1], "nay")) return relativeYear(i + 2, 0);
      if (tokenIs(tokens[i + 1], "trước") || tokenIs(tokens[i + 1], "ngoái")) {
        return relativeYear(i + 2, -1);
      }
      return { end: i + 1, value: NONE };
    }
    // "of the year": the year the text is talking about, which is not necessarily this one.
    const end = phraseAt(tokens, i + 1, ["the", "year"]);
    if (end >= 0) return { end, value: NONE };
    const relative = readRelativeYear(tokens, i + 1);
    if (relative) return relative;
  }
  const relative = readRelativeYear(tokens, i);
  if (relative) return relative;
  return { end: i, value: NONE };
}

function relativeYear(end: number, offset: number): Read<YearSpec> {
  return { end, value: { kind: "relative", offset } };
}

const THIS_YEAR: Phrase[] = [["this", "year"]];
const LAST_YEAR: Phrase[] = [
  ["last", "year"],
  ["the", "previous", "year"],
  ["previous", "year"],
];

function readRelativeYear(tokens: readonly Token[], i: number): Read<YearSpec> | null {
  let end = anyPhraseAt(tokens, i, THIS_YEAR);
  if (end >= 0) return relativeYear(end, 0);
  end = anyPhraseAt(tokens, i, LAST_YEAR);
  if (end >= 0) return relativeYear(end, -1);
  return null;
}

function months(
  firstMonth: number,
  lastMonth: number,
  year: YearSpec,
  horizon = false,
): PeriodSpec {
  return { kind: "months", firstMonth, lastMonth, year, horizon };
}

type Reader = (tokens: readonly Token[], i: number) => Read<PeriodSpec> | null;

/** "9 tháng đầu năm 2024", "6 tháng cuối năm", "9 tháng qua", "7 tháng năm 2023". */
const vietnameseMonthCount: Reader = (tokens, i) => {
  const count = monthOf(tokens[i]);
  if (count === null || !tokenIs(tokens[i + 1], "tháng")) return null;
  let j = i + 2;
  let last = false;
  if (tokenIs(tokens[j], "đầu")) j += 1;
  else if (tokenIs(tokens[j], "cuối")) {
    last = true;
    j += 1;
  } else if (tokenIs(tokens[j], "qua")) j += 1;
  const year = readYear(tokens, j);
  const spec = last ? months(13 - count, 12, year.value) : months(1, count, year.value);
  return { end: year.end, value: spec };
};

/** "tháng 7/2024", "tháng 7 năm 2024", "tháng 7", "tháng 10.2024". */
const vietnameseMonth: Reader = (tokens, i) => {
  if (!tokenIs(tokens[i], "tháng")) return null;
  const next = tokens[i + 1];
  if (next?.kind === "number" && next.text.includes(".")) {
    const [m, y] = next.text.split(".");
    const month = Number(m);
    const year = Number(y);
    if (y?.length === 4 && month >= 1 && month <= 12 && year >= 1900 && year <= 2100) {
      return { end: i + 2, value: months(month, month, { kind: "explicit", year }) };
    }
    return null;
  }
  const month = monthOf(next);
  if (month === null) return null;
  const year = readYear(tokens, i + 2);
  return { end: year.end, value: months(month, month, year.value) };
};

/** "quý III/2024", "quý 3 năm 2024", "quý I". */
const vietnameseQuarter: Reader = (tokens, i) => {
  if (!tokenIs(tokens[i], "quý")) return null;
  const word = tokens[i + 1];
  const quarter = word?.kind === "word" ? (ROMAN[word.lower] ?? null) : word ? integer(word) : null;
  if (quarter === null || quarter < 1 || quarter > 4) return null;
  const year = readYear(tokens, i + 2);
  return { end: year.end, value: months(quarter * 3 - 2, quarter * 3, year.value) };
};

/** "nửa đầu năm 2024", "nửa cuối năm". */
const vietnameseHalf: Reader = (tokens, i) => {
  if (!tokenIs(tokens[i], "nửa")) return null;
  const first = tokenIs(tokens[i + 1], "đầu");
  if (!first && !tokenIs(tokens[i + 1], "cuối")) return null;
  const year = readYear(tokens, i + 2);
  return { end: year.end, value: first ? months(1, 6, year.value) : months(7, 12, year.value) };
};

/** "năm 2024", "cả năm 2024", "đến năm 2025" (a target's horizon), "năm nay", "năm trước". */
const vietnameseYear: Reader = (tokens, i) => {
  let j = i;
  let horizon = false;
  if (tokenIs(tokens[j], "đến") || tokenIs(tokens[j], "tới")) {
    horizon = true;
    j += 1;
  } else if (tokenIs(tokens[j], "cả")) j += 1;
  if (!tokenIs(tokens[j], "năm")) return null;
  const year = yearOf(tokens[j + 1]);
  if (year !== null) {
    return { end: j + 2, value: months(1, 12, { kind: "explicit", year }, horizon) };
  }
  if (horizon) return null;
  const relative = readYear(tokens, j);
  if (relative.value.kind !== "relative") return null;
  return { end: relative.end, value: months(1, 12, relative.value) };
};

/** "từ đầu năm", "từ đầu năm 2024 đến nay", "từ đầu năm đến hết tháng 9". */
const vietnameseYearToDate: Reader = (tokens, i) => {
  if (!tokenIs(tokens[i], "từ") || !tokenIs(tokens[i + 1], "đầu") || !tokenIs(tokens[i + 2], "năm"))
    return null;
  let j = i + 3;
  let year: YearSpec = NONE;
  const printed = yearOf(tokens[j]);
  if (printed !== null) {
    year = { kind: "explicit", year: printed };
    j += 1;
  }
  let lastMonth: number | null = null;
  if (tokenIs(tokens[j], "đến")) {
    let k = j + 1;
    if (tokenIs(tokens[k], "hết")) k += 1;
    if (tokenIs(tokens[k], "nay")) j = k + 1;
    else if (tokenIs(tokens[k], "tháng") && monthOf(tokens[k + 1]) !== null) {
      lastMonth = monthOf(tokens[k + 1]);
      j = k + 2;
    }
  }
  return { end: j, value: { kind: "ytd", lastMonth, year } };
};

/** "cùng kỳ năm 2023", "cùng kỳ năm trước", "cùng kỳ". */
const vietnameseSamePeriod: Reader = (tokens, i) => {
  if (!tokenIs(tokens[i], "cùng") || !tokenIs(tokens[i + 1], "kỳ")) return null;
  const year = readYear(tokens, i + 2);
  return { end: year.end, value: { kind: "same_period", year: year.value } };
};

/** "ngày 23.10", "ngày 15/10/2024", "ngày 5 tháng 10 năm 2024": days are not periods. */
const vietnameseDate: Reader = (tokens, i) => {
  if (!tokenIs(tokens[i], "ngày")) return null;
  const day = tokens[i + 1];
  if (day?.kind !== "number") return null;
  let j = i + 2;
  if (tokenIs(tokens[j], "tháng") && integer(tokens[j + 1]) !== null) {
    j += 2;
    if (tokenIs(tokens[j], "năm") && yearOf(tokens[j + 1]) !== null) j += 2;
  } else {
    while (isSlash(tokens[j]) && tokens[j + 1]?.kind === "number") j += 2;
  }
  return { end: j, value: { kind: "date" } };
};

/** "15/10/2024", "2020-2025", "2021 – 2025", "2021 to 2025", with "term"/"period" after. */
const numericRangeOrDate: Reader = (tokens, i) => {
  const firstYear = yearOf(tokens[i]);
  if (firstYear !== null) {
    const sep = tokens[i + 1];
    if (isDash(sep) || tokenIs(sep, "to") || tokenIs(sep, "đến")) {
      const lastYear = yearOf(tokens[i + 2]);
      if (lastYear !== null && lastYear >= firstYear && lastYear - firstYear <= 20) {
        let end = i + 3;
        if (tokenIs(tokens[end], "term") || tokenIs(tokens[end], "period")) end += 1;
        return { end, value: { kind: "years", firstYear, lastYear } };
      }
    }
    return null;
  }
  const day = integer(tokens[i]);
  if (day === null || day > 31 || tokens[i + 1]?.text !== "/") return null;
  const month = monthOf(tokens[i + 2]);
  if (month === null || tokens[i + 3]?.text !== "/" || yearOf(tokens[i + 4]) === null) return null;
  return { end: i + 5, value: { kind: "date" } };
};

/** "nhiệm kỳ 2020-2025", "giai đoạn 2021 - 2025", "the period 2021 - 2025". */
const namedRange: Reader = (tokens, i) => {
  const end = anyPhraseAt(tokens, i, [
    ["nhiệm", "kỳ"],
    ["giai", "đoạn"],
    ["thời", "kỳ"],
    ["the", "period"],
    ["the", "term"],
  ]);
  if (end < 0) return null;
  const range = numericRangeOrDate(tokens, end);
  return range && range.value.kind === "years" ? range : null;
};

/** "the first 7 months of the year", "the past 9 months", "last 3 months of 2024", "9-month". */
const englishMonthCount: Reader = (tokens, i) => {
  let j = i;
  if (tokenIs(tokens[j], "the")) j += 1;
  let mode: "first" | "last" | null = null;
  if (tokenIs(tokens[j], "first") || tokenIs(tokens[j], "past")) mode = "first";
  else if (tokenIs(tokens[j], "last")) mode = "last";
  if (mode) j += 1;
  const count = countOf(tokens[j]);
  if (count === null) return null;
  j += 1;
  const hyphenated = isDash(tokens[j]) && tokenIs(tokens[j + 1], "month");
  if (hyphenated) j += 1;
  if (!tokenIs(tokens[j], "months") && !tokenIs(tokens[j], "month")) return null;
  j += 1;
  const year = readYear(tokens, j);
  // "7 months" alone is a duration; "the last 3 months" alone could be any three.
  const yearPrinted = year.end > j;
  if (!mode && !hyphenated && !yearPrinted) return null;
  if (mode === "last" && !yearPrinted) return null;
  const spec = mode === "last" ? months(13 - count, 12, year.value) : months(1, count, year.value);
  return { end: year.end, value: spec };
};

/** "July 2024", "in July", "July of 2024"; "May 17" and "October 11, 2024" are days. */
const englishMonth: Reader = (tokens, i) => {
  const token = tokens[i];
  if (token?.kind !== "word") return null;
  const month = MONTHS[token.lower];
  // English capitalises month names; lower-case "may" is the verb.
  if (month === undefined || token.text[0] !== token.text[0]?.toUpperCase()) return null;
  const day = integer(tokens[i + 1]);
  if (day !== null && day >= 1 && day <= 31 && tokens[i + 1]?.text.length !== 4) {
    let end = i + 2;
    if (tokens[end]?.text === "," && yearOf(tokens[end + 1]) !== null) end += 2;
    else if (yearOf(tokens[end]) !== null) end += 1;
    return { end, value: { kind: "date" } };
  }
  let j = i + 1;
  if (tokens[j]?.text === ",") j += 1;
  const year = readYear(tokens, j);
  if (year.value.kind === "none") {
    const abbreviation =
      token.lower.length <= 4 && token.lower !== "june" && token.lower !== "july";
    const afterIn = i > 0 && (tokenIs(tokens[i - 1], "in") || tokenIs(tokens[i - 1], "of"));
    if (abbreviation || (month === 5 && !afterIn)) return null;
    return { end: i + 1, value: months(month, month, NONE) };
  }
  return { end: year.end, value: months(month, month, year.value) };
};

/** "the third quarter of 2024", "Q3 2024", "Q3/2024", "the first quarter". */
const englishQuarter: Reader = (tokens, i) => {
  const token = tokens[i];
  if (token?.kind === "word" && /^q[1-4]$/.test(token.lower)) {
    const quarter = Number(token.lower[1]);
    const year = readYear(tokens, i + 1);
    return { end: year.end, value: months(quarter * 3 - 2, quarter * 3, year.value) };
  }
  let j = i;
  if (tokenIs(tokens[j], "the")) j += 1;
  const word = tokens[j];
  const quarter = word ? (tokenIs(word, "last") ? 4 : (ORDINALS[word.lower] ?? null)) : null;
  if (quarter === null || !tokenIs(tokens[j + 1], "quarter")) return null;
  const year = readYear(tokens, j + 2);
  return { end: year.end, value: months(quarter * 3 - 2, quarter * 3, year.value) };
};

/** "the first half of 2024", "H1 2024", "the second half". */
const englishHalf: Reader = (tokens, i) => {
  const token = tokens[i];
  if (token?.kind === "word" && (token.lower === "h1" || token.lower === "h2")) {
    const year = readYear(tokens, i + 1);
    if (year.value.kind === "none") return null;
    const first = token.lower === "h1";
    return { end: year.end, value: first ? months(1, 6, year.value) : months(7, 12, year.value) };
  }
  let j = i;
  if (tokenIs(tokens[j], "the")) j += 1;
  const first = tokenIs(tokens[j], "first");
  if (!(first || tokenIs(tokens[j], "second")) || !tokenIs(tokens[j + 1], "half")) return null;
  const year = readYear(tokens, j + 2);
  return { end: year.end, value: first ? months(1, 6, year.value) : months(7, 12, year.value) };
};

/** "in 2024", "of 2024", "from 2021", "by 2025" (a target's horizon), "this year", "last year". */
const englishYear: Reader = (tokens, i) => {
  const token = tokens[i];
  if (!token) return null;
  const prepositions = ["in", "of", "for", "during", "from", "through", "throughout", "year"];
  const horizon = tokenIs(token, "by") || tokenIs(token, "until");
  if (horizon || prepositions.some((word) => tokenIs(token, word))) {
    const year = yearOf(tokens[i + 1]);
    if (year !== null && !isDash(tokens[i + 2])) {
      return { end: i + 2, value: months(1, 12, { kind: "explicit", year }, horizon) };
    }
    return null;
  }
  const relative = anyPhraseAt(tokens, i, [
    ["this", "year"],
    ["last", "year"],
    ["the", "previous", "year"],
  ]);
  if (relative < 0) return null;
  const offset = tokenIs(token, "this") ? 0 : -1;
  return { end: relative, value: months(1, 12, { kind: "relative", offset }) };
};

/** "from the beginning of the year", "since the year's beginning", "year to date". */
const englishYearToDate: Reader = (tokens, i) => {
  const token = tokens[i];
  if (!token) return null;
  let end = anyPhraseAt(tokens, i, [
    ["year", "to", "date"],
    ["so", "far", "this", "year"],
    ["since", "the", "year", "beginning"],
    ["since", "the", "year", "start"],
  ]);
  if (end >= 0) return { end, value: { kind: "ytd", lastMonth: null, year: NONE } };
  if (!tokenIs(token, "from") && !tokenIs(token, "since")) return null;
  end = anyPhraseAt(tokens, i + 1, [
    ["the", "beginning", "of"],
    ["the", "start", "of"],
  ]);
  if (end < 0) return null;
  const theYear = phraseAt(tokens, end, ["the", "year"]);
  if (theYear >= 0) return { end: theYear, value: { kind: "ytd", lastMonth: null, year: NONE } };
  const year = readYear(tokens, end);
  if (year.value.kind === "none") return null;
  return { end: year.end, value: { kind: "ytd", lastMonth: null, year: year.value } };
};

/** "the same period in 2023", "the same period last year", "the same period". */
const englishSamePeriod: Reader = (tokens, i) => {
  let j = i;
  if (tokenIs(tokens[j], "the")) j += 1;
  if (!tokenIs(tokens[j], "same") || !tokenIs(tokens[j + 1], "period")) return null;
  const year = readYear(tokens, j + 2);
  return { end: year.end, value: { kind: "same_period", year: year.value } };
};

// Longer forms first where two could start at the same token.
const READERS: readonly Reader[] = [
  vietnameseDate,
  vietnameseYearToDate,
  vietnameseMonthCount,
  vietnameseMonth,
  vietnameseQuarter,
  vietnameseHalf,
  vietnameseSamePeriod,
  namedRange,
  vietnameseYear,
  numericRangeOrDate,
  englishYearToDate,
  englishSamePeriod,
  englishMonthCount,
  englishQuarter,
  englishHalf,
  englishMonth,
  englishYear,
];

// Between a comparison word and the period it compares with.
const FILLER = new Set([
  "the",
  "same",
  "period",
  "of",
  "in",
  "a",
  "an",
  "cùng",
  "kỳ",
  "with",
  "to",
]);

function isBase(tokens: readonly Token[], start: number, spec: PeriodSpec): boolean {
  // "over the 2021–2025 term" spans the term; nobody compares a figure with a five-year plan.
  if (spec.kind === "years") return false;
  let j = start - 1;
  let skipped = 0;
  const first = tokens[start];
  // "up 16.7% from 2022": "from" right after a rate compares; "from 2021, Nghe An..." does not.
  if (tokenIs(first, "from")) {
    for (let k = start - 1; k >= Math.max(0, start - 3); k -= 1) {
      const t = tokens[k];
      if (t?.text === "%" || tokenIs(t, "percent") || tokenIs(t, "times")) return true;
      if (t?.kind === "punct" && t.text !== "%") break;
    }
    return false;
  }
  while (j >= 0 && skipped < 4 && FILLER.has(tokens[j]?.lower ?? "")) {
    j -= 1;
    skipped += 1;
  }
  const cue = tokens[j];
  if (!cue) return false;
  if (tokenIs(cue, "với") && tokenIs(tokens[j - 1], "so")) return true;
  if (tokenIs(cue, "so")) return true;
  const english = ["over", "compared", "than", "versus", "vs", "against", "from", "since"];
  if (english.some((word) => tokenIs(cue, word))) return true;
  if ((tokenIs(cue, "to") || tokenIs(cue, "with")) && tokenIs(tokens[j - 1], "compared"))
    return true;
  return false;
}

/**
 * Every period, day and comparison base in a statement, left to right and not overlapping.
 * Runs each reader at each token: a fixed number of look-aheads per token, so linear time.
 */
export function findPeriods(tokens: readonly Token[]): PeriodMention[] {
  const mentions: PeriodMention[] = [];
  let i = 0;
  while (i < tokens.length) {
    // Every period begins with a word or a number.
    if (tokens[i]?.kind === "punct") {
      i += 1;
      continue;
    }
    let found: Read<PeriodSpec> | null = null;
    for (const read of READERS) {
      found = read(tokens, i);
      if (found && found.end > i) break;
      found = null;
    }
    if (!found) {
      i += 1;
      continue;
    }
    const base = found.value.kind !== "date" && isBase(tokens, i, found.value);
    mentions.push({ start: i, end: found.end, spec: found.value, base });
    i = found.end;
  }
  return mentions;
}

/** The calendar years a bulletin's relative and unprinted years are read against. */
export interface YearContext {
  /** A year printed in the same statement, for "the first quarter" beside "2024". */
  statementYear: number | null;
  /** The last year the text itself printed before this statement. */
  textYear: number | null;
  defaultYear: number | null;
  reportedAt: IsoDate | null;
}

export interface ResolvedPeriod {
  start: IsoDate;
  end: IsoDate;
  /** The year came from outside the statement. */
  yearInferred: boolean;
  /** The end came from the bulletin's date ("from the beginning of the year"). */
  endFromReportedAt: boolean;
}

function referenceYear(context: YearContext): number | null {
  if (context.defaultYear !== null) return context.defaultYear;
  if (context.reportedAt) return Number(context.reportedAt.slice(0, 4));
  return context.textYear;
}

/** The year for a spec, and whether it came from outside the statement. */
function resolveYear(
  year: YearSpec,
  context: YearContext,
  firstMonth: number,
): { year: number; inferred: boolean } | null {
  if (year.kind === "explicit") return { year: year.year, inferred: false };
  if (year.kind === "relative") {
    const reference = referenceYear(context);
    return reference === null ? null : { year: reference + year.offset, inferred: true };
  }
  if (context.statementYear !== null) return { year: context.statementYear, inferred: false };
  if (context.textYear !== null) return { year: context.textYear, inferred: true };
  if (context.defaultYear !== null) return { year: context.defaultYear, inferred: true };
  if (context.reportedAt) {
    // A bulletin cannot report a month that has not begun: "tháng 12" read on 2024-10-15 is
    // December 2023.
    const reported = Number(context.reportedAt.slice(0, 4));
    const reportedMonth = Number(context.reportedAt.slice(5, 7));
    return { year: firstMonth > reportedMonth ? reported - 1 : reported, inferred: true };
  }
  return null;
}

function monthRange(year: number, firstMonth: number, lastMonth: number) {
  return {
    start: formatIsoDate({ year, month: firstMonth, day: 1 }),
    end: formatIsoDate({ year, month: lastMonth, day: daysInMonth(year, lastMonth) }),
  };
}

/**
 * ISO dates of a period, or null when they cannot be known (no year anywhere, or "from the
 * beginning of the year" with no end and no bulletin date). `reference` is the statement's
 * own period, which "the same period in 2023" moves to another year.
 */
export function resolvePeriod(
  spec: PeriodSpec,
  context: YearContext,
  reference: { start: IsoDate; end: IsoDate } | null = null,
): ResolvedPeriod | null {
  switch (spec.kind) {
    case "date":
      return null;
    case "years":
      return {
        start: `${spec.firstYear}-01-01`,
        end: `${spec.lastYear}-12-31`,
        yearInferred: false,
        endFromReportedAt: false,
      };
    case "months": {
      const year = resolveYear(spec.year, context, spec.firstMonth);
      if (!year) return null;
      return {
        ...monthRange(year.year, spec.firstMonth, spec.lastMonth),
        yearInferred: year.inferred,
        endFromReportedAt: false,
      };
    }
    case "ytd": {
      const year = resolveYear(spec.year, context, 1);
      if (!year) return null;
      if (spec.lastMonth !== null) {
        return {
          ...monthRange(year.year, 1, spec.lastMonth),
          yearInferred: year.inferred,
          endFromReportedAt: false,
        };
      }
      const reportedAt = context.reportedAt;
      if (!reportedAt || Number(reportedAt.slice(0, 4)) !== year.year) return null;
      return {
        start: `${year.year}-01-01`,
        end: reportedAt,
        yearInferred: year.inferred,
        endFromReportedAt: true,
      };
    }
    case "same_period": {
      if (!reference) return null;
      const year = resolveYear(spec.year, context, Number(reference.start.slice(5, 7)));
      if (!year || spec.year.kind === "none") return null;
      const shift = year.year - Number(reference.start.slice(0, 4));
      const move = (date: IsoDate) => {
        const y = Number(date.slice(0, 4)) + shift;
        const m = Number(date.slice(5, 7));
        const d = Math.min(Number(date.slice(8, 10)), daysInMonth(y, m));
        return formatIsoDate({ year: y, month: m, day: d });
      };
      return {
        start: move(reference.start),
        end: move(reference.end),
        yearInferred: year.inferred,
        endFromReportedAt: false,
      };
    }
  }
}

/** The year a mention prints, when it prints exactly one (not a term, not a target horizon). */
export function printedYear(spec: PeriodSpec): number | null {
  if (spec.kind === "months" && !spec.horizon && spec.year.kind === "explicit") {
    return spec.year.year;
  }
  if (spec.kind === "ytd" && spec.year.kind === "explicit") return spec.year.year;
  return null;
}

// Statements and tokens. Everything here is a single left-to-right pass over the text: a
// pasted bulletin can be 100 KB, and a backtracking regex over it is how a desk freezes.

import type { BulletinLanguage } from "./types";

const COMBINING_MARK = /\p{M}/gu;
const LETTER_OR_MARK = /[\p{L}\p{M}]/u;

/**
 * Lower case without diacritics ("Nghệ An" → "nghe an", "đồng" → "dong"), for matching names
 * the way editors type them: with or without tone marks, in any case.
 */
export function fold(text: string): string {
  const lower = text.toLowerCase();
  let ascii = true;
  for (let i = 0; i < lower.length && ascii; i += 1) ascii = lower.charCodeAt(i) < 128;
  if (ascii) return lower;
  return lower.normalize("NFD").replace(COMBINING_MARK, "").replace(/đ/g, "d");
}

export interface Token {
  kind: "word" | "number" | "punct";
  /** Offsets in the statement. */
  start: number;
  end: number;
  text: string;
  lower: string;
  fold: string;
  /** Whitespace (or the start of the statement) precedes it. */
  spaced: boolean;
}

// Cue words are a fixed vocabulary of the code, asked about for every token of a statement:
// folding each once keeps a 100 KB paste from spending its time in normalize().
const FOLDED_CUES = new Map<string, string>();

function foldedCue(word: string): string {
  let folded = FOLDED_CUES.get(word);
  if (folded === undefined) {
    folded = fold(word);
    FOLDED_CUES.set(word, folded);
  }
  return folded;
}

/** True when the token is `word`: exactly, or typed without diacritics ("dat" for "đạt"). */
export function tokenIs(token: Token | undefined, word: string): boolean {
  if (!token) return false;
  if (token.lower === word) return true;
  if (token.kind === "punct") return false;
  return token.lower === token.fold && token.fold === foldedCue(word);
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

function isLetter(ch: string): boolean {
  const code = ch.charCodeAt(0);
  if (code < 128) return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
  return LETTER_OR_MARK.test(ch);
}

function isSpace(ch: string): boolean {
  return ch === " " || ch === "\t" || ch === "\u00a0" || ch === "\u202f" || ch.trim() === "";
}

// "VND816 billion", "US$33.5 million": a currency code glued to its number.
const GLUED_PREFIXES = new Set(["vnd", "usd", "us", "vnđ"]);
// "$1.2bn", "33.5m", "15.000đ": a scale or unit glued to its number.
const GLUED_SUFFIXES = new Set(["bn", "mn", "m", "k", "tr", "đ", "usd", "vnd", "vnđ", "kwh"]);

function makeToken(
  kind: Token["kind"],
  text: string,
  start: number,
  end: number,
  spaced: boolean,
): Token {
  const piece = text.slice(start, end);
  const lower = piece.toLowerCase();
  return { kind, start, end, text: piece, lower, fold: fold(piece), spaced };
}

/**
 * Words, numbers and single punctuation marks. A number is digits with single `.` or `,`
 * between digits ("1.690", "84,58", "23,759"); which of those is a decimal mark is decided
 * later, by the statement's language. Digits glued to letters stay one word ("10th", "m3",
 * "Q3", "8000G") except a glued currency code or scale ("VND816", "1.2bn"). The English
 * possessive "'s" is dropped so "province's" matches "province".
 */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  let spaced = true;
  const n = text.length;
  while (i < n) {
    const ch = text[i] as string;
    if (isSpace(ch)) {
      spaced = true;
      i += 1;
      continue;
    }
    const start = i;
    if (isDigit(text.charCodeAt(i))) {
      i += 1;
      while (i < n) {
        const c = text.charCodeAt(i);
        if (isDigit(c)) i += 1;
        else if ((c === 46 || c === 44) && i + 1 < n && isDigit(text.charCodeAt(i + 1))) i += 2;
        else break;
      }
      if (i < n && isLetter(text[i] as string)) {
        let j = i;
        while (j < n && (isLetter(text[j] as string) || isDigit(text.charCodeAt(j)))) j += 1;
        const tail = text.slice(i, j).toLowerCase();
        if (GLUED_SUFFIXES.has(tail)) {
          tokens.push(makeToken("number", text, start, i, spaced));
          tokens.push(makeToken("word", text, i, j, false));
        } else {
          tokens.push(makeToken("word", text, start, j, spaced));
        }
        i = j;
      } else {
        tokens.push(makeToken("number", text, start, i, spaced));
      }
    } else if (isLetter(ch)) {
      i += 1;
      while (i < n && isLetter(text[i] as string)) i += 1;
      const letters = text.slice(start, i).toLowerCase();
      if (i < n && isDigit(text.charCodeAt(i)) && !GLUED_PREFIXES.has(letters)) {
        while (i < n && (isLetter(text[i] as string) || isDigit(text.charCodeAt(i)))) i += 1;
      }
      const previous = tokens[tokens.length - 1];
      const possessive =
        letters === "s" &&
        !spaced &&
        previous?.kind === "punct" &&
        (previous.text === "'" || previous.text === "\u2019");
      if (possessive) tokens.pop();
      else tokens.push(makeToken("word", text, start, i, spaced));
    } else {
      // One UTF-16 unit is enough: every mark that matters here is in the BMP.
      i += 1;
      tokens.push(makeToken("punct", text, start, i, spaced));
    }
    spaced = false;
  }
  return tokens;
}

export interface Statement {
  text: string;
  /** Offsets in the whole (NFC) text. */
  start: number;
  end: number;
  /** Index of the line (paragraph) it sits in: carrying a subject over stops at a paragraph. */
  paragraph: number;
}

/** A statement longer than this is cut at its last `;`, `,` or space before the limit. */
export const MAX_STATEMENT_CHARACTERS = 2_000;

// Words after which a full stop does not end a sentence ("Mr. Hoa", "Co., Ltd.").
const ABBREVIATIONS = new Set([
  "mr",
  "mrs",
  "ms",
  "dr",
  "prof",
  "co",
  "ltd",
  "inc",
  "corp",
  "jsc",
  "st",
  "no",
  "vs",
  "etc",
  "jr",
  "sr",
  "tp",
  "ts",
  "ths",
  "gs",
  "pgs",
  "bs",
  "e.g",
  "i.e",
]);

function isUpper(ch: string): boolean {
  return ch !== ch.toLowerCase() && ch === ch.toUpperCase();
}

function wordBefore(text: string, end: number): string {
  let i = end;
  while (i > 0 && isLetter(text[i - 1] as string)) i -= 1;
  return text.slice(i, end);
}

function endsSentence(text: string, dot: number, next: number): boolean {
  if (next >= text.length) return true;
  // Skip closing quotes and brackets, then require whitespace and a capital, digit or quote.
  let j = next;
  if (!isSpace(text[j] as string)) return false;
  while (j < text.length && isSpace(text[j] as string)) j += 1;
  if (j >= text.length) return true;
  const ch = text[j] as string;
  if (!(isUpper(ch) || isDigit(text.charCodeAt(j)) || "\"'“‘(".includes(ch))) return false;
  if (text[dot] !== ".") return true;
  const word = wordBefore(text, dot);
  if (ABBREVIATIONS.has(word.toLowerCase())) return false;
  // An initial ("U.S. exports", "Nguyen V. A.").
  if (word.length === 1 && isUpper(word)) return false;
  return true;
}

function cutLongStatement(text: string, start: number, end: number): number {
  const limit = start + MAX_STATEMENT_CHARACTERS;
  // After a mark followed by a space, so the cut never falls inside "23,759".
  for (const mark of ["; ", ", ", " "]) {
    const at = text.lastIndexOf(mark, limit - 1);
    if (at > start + MAX_STATEMENT_CHARACTERS / 2 && at < end) return at + 1;
  }
  return limit;
}

/**
 * Sentences and lines. A line break always ends a statement (bulletins put one paragraph per
 * line); `.`, `!`, `?` and `…` end one when a capital, digit or quote follows after
 * whitespace, so "1.690", "Co., Ltd." and "Mr. Hoa" do not. Semicolons do not: "exports X,
 * up a%; imports Y, up b%" is one statement with two figures.
 */
export function splitStatements(text: string): Statement[] {
  const statements: Statement[] = [];
  let paragraph = 0;
  let start = 0;
  const push = (from: number, to: number) => {
    let s = from;
    let e = to;
    while (s < e && isSpace(text[s] as string)) s += 1;
    while (e > s && isSpace(text[e - 1] as string)) e -= 1;
    while (e - s > MAX_STATEMENT_CHARACTERS) {
      const cut = cutLongStatement(text, s, e);
      statements.push({ text: text.slice(s, cut).trimEnd(), start: s, end: cut, paragraph });
      s = cut;
      while (s < e && isSpace(text[s] as string)) s += 1;
    }
    if (e > s) statements.push({ text: text.slice(s, e), start: s, end: e, paragraph });
  };
  let i = 0;
  while (i < text.length) {
    const ch = text[i] as string;
    if (ch === "\n" || ch === "\r" || ch === "\u2028" || ch === "\u2029") {
      push(start, i);
      paragraph += 1;
      i += 1;
      start = i;
      continue;
    }
    if (ch === "." || ch === "!" || ch === "?" || ch === "…") {
      let j = i + 1;
      // Runs like "...", "?!" and the news wire's closing "./.".
      while (j < text.length && ".!?…/".includes(text[j] as string)) j += 1;
      while (j < text.length && "\"'”’)".includes(text[j] as string)) j += 1;
      if (endsSentence(text, i, j)) {
        push(start, j);
        start = j;
      }
      i = j;
      continue;
    }
    i += 1;
  }
  push(start, text.length);
  return statements;
}

// Unaccented Vietnamese that English never uses, so "Kim ngach xuat khau dat 2.326 trieu USD"
// still reads as Vietnamese.
const VIETNAMESE_WORDS = new Set([
  "cua",
  "va",
  "trong",
  "nhung",
  "duoc",
  "cac",
  "mot",
  "thang",
  "tang",
  "giam",
  "dat",
  "uoc",
  "trieu",
  "nghin",
  "ngan",
  "voi",
  "cung",
  "ky",
  "hoach",
  "ngach",
  "xuat",
  "khau",
  "nhap",
  "tinh",
  "nay",
  "theo",
  "tren",
  "nhu",
  "quy",
  "tong",
  "khoang",
  "dong",
  "ty",
]);

const ENGLISH_WORDS = new Set([
  "the",
  "of",
  "in",
  "and",
  "to",
  "was",
  "were",
  "is",
  "are",
  "by",
  "from",
  "with",
  "over",
  "reached",
  "increase",
  "increased",
  "decrease",
  "decreased",
  "million",
  "billion",
  "thousand",
  "trillion",
  "year",
  "month",
  "months",
  "same",
  "period",
  "estimated",
  "up",
  "down",
  "province",
  "its",
  "for",
  "on",
  "than",
  "at",
  "which",
  "that",
  "this",
  "has",
  "have",
  "first",
  "quarter",
  "percent",
  "turnover",
  "export",
  "exports",
  "import",
  "imports",
  "include",
  "high",
  "rises",
  "sector",
  "city",
  "reported",
  "rose",
  "fell",
]);

/**
 * Vietnamese or English, from the words of one statement. Words with Vietnamese letters count
 * fully when lower-case and a quarter when capitalised, because English copy is full of
 * Vietnamese place names ("Quảng Ninh province 157.9%") and those must not flip its numbers to
 * decimal commas. Null when the statement gives no evidence either way.
 */
export function detectLanguage(tokens: readonly Token[]): BulletinLanguage | null {
  let vi = 0;
  let en = 0;
  for (const token of tokens) {
    if (token.kind !== "word") continue;
    if (token.lower !== token.fold) {
      vi += isUpper(token.text[0] as string) ? 0.25 : 1;
    } else if (VIETNAMESE_WORDS.has(token.lower)) {
      vi += 1;
    } else if (ENGLISH_WORDS.has(token.lower)) {
      en += 1;
    }
  }
  if (vi === 0 && en === 0) return null;
  return vi > en ? "vi" : "en";
}

// Bulletin text in, draft figures out. Deterministic rules only: the same text and catalogue
// always give the same drafts, nothing is sent anywhere, and every statement that carries a
// figure ends up either as a draft or in `unplaced` with the reason.
//
// A statement is read in four steps: periods (which also claim the digits of years, months
// and days), figures (numbers with sign, currency, scale and unit), the indicators and scopes
// it names, then anchors. An anchor is a value: an amount ("1.690 triệu USD"), or a percentage
// that stands alone and may be a growth-rate indicator's value. Each anchor owns a clause:
// the words before it back to the previous clause, and after it up to a semicolon, the next
// indicator or scope named, or a breakdown ("trong đó", "led by"). Growth and share of plan
// printed in its clause are the anchor's; its indicator, scope, period and vintage come from
// its clause first, then from the rest of the statement, then from earlier statements.
//
// Rules the bulletins leave open, chosen so that a guess is always visible on the desk (every
// field taken from outside the statement is listed in the draft's `inferred`):
// - Vintage: "ước", "ước tính", "dự kiến", "estimated", "expected", "forecast" make an
//   estimate; "sơ bộ", "preliminary" a preliminary figure; "chính thức", "official" a final
//   one. With none of them, the context's default_status, else final: bulletins print past
//   results without a qualifier, and the editor sees that the vintage was not stated.
// - Year of "6 tháng đầu năm", "in July": a year printed elsewhere in the statement, else the
//   last year the text printed, else the context's default_year, else the year of
//   reported_at, moved back a year for a month that had not begun by then. "Năm nay" and
//   "last year" count from default_year, else reported_at, else the text's last year.
// - Carried context: a statement without a period takes the last one of the text, and one
//   without a scope the last scope named on its own (or at the level "the region" or "tỉnh
//   này" asks for), across paragraphs; an indicator is carried only within a paragraph, only
//   for a value, and never into a breakdown ("trong đó", "including").
// - Choosing an indicator: the scope named or carried must match; the figure must fit the
//   unit (a percentage fits only a growth-rate or "%" indicator); for a reported figure the
//   cadence must fit the period when that leaves any; then the indicator whose names cover
//   most of the words, then the most specific name. Ties give a draft with indicator_id null
//   and every candidate, for the editor to choose.
// - Targets: "mục tiêu", "kế hoạch", "phấn đấu", "aims", "target" make a target draft, unless
//   "vượt"/"exceeded" precedes it; a statement with no period and no verb of result of its
//   own continues a list of targets begun before it.
// - Repeats: a figure already drafted (same indicator, vintage and value, and the same period
//   or a period only carried over) is listed as repeated instead of drafted twice; two
//   different values for one indicator, period and vintage both carry a conflict note.
// - Caps: 100,000 characters of text (the statement the cap cuts is left unread, and `read`
//   says how far reading went), statements longer than 2,000 characters read in pieces, and
//   1,000 drafts (one commit's worth) with the rest listed as unplaced.

import { daysInMonth } from "../domain/dates";
import { applyScale, shiftDecimal } from "../domain/units";
import {
  buildCatalogue,
  type Catalogue,
  type ConceptMention,
  findConcepts,
  findScopes,
  type ScopeMention,
} from "./catalogue";
import {
  anyPhraseAt,
  BREAKDOWN_CUES,
  ESTIMATE_CUES,
  FINAL_CUES,
  GROWTH_DOWN_AFTER,
  GROWTH_DOWN_BEFORE,
  GROWTH_UP_AFTER,
  GROWTH_UP_BEFORE,
  LEVEL_ANAPHORA,
  type Phrase,
  PLAN_AFTER,
  PLAN_EXCESS_BEFORE,
  PRELIMINARY_CUES,
  phraseAt,
  phraseEndingAt,
  RATIO_BEFORE,
  RESULT_CUES,
  SAME_PERIOD_AFTER,
  SHORT_TERM_AFTER,
  TARGET_CUES,
  TARGET_NEGATIONS,
} from "./cues";
import { type Figure, findFigures } from "./figures";
import {
  findPeriods,
  type PeriodMention,
  printedYear,
  type ResolvedPeriod,
  resolvePeriod,
  type YearContext,
} from "./periods";
import { detectLanguage, type Statement, splitStatements, type Token, tokenize } from "./text";
import type {
  BulletinDraft,
  BulletinLanguage,
  CatalogueIndicator,
  DraftNote,
  DraftStatus,
  ExtractionContext,
  ExtractionResult,
  InferredField,
  IsoDate,
  ScopeLevel,
  UnplacedReason,
  UnplacedStatement,
} from "./types";

/**
 * Text beyond this many characters is not read. A whole bulletin is 5–20 thousand; this is
 * room for several pasted together, and keeps one request's work bounded on a Worker's CPU
 * budget. The cut falls at the end of the last whole statement before the limit.
 */
export const MAX_BULLETIN_CHARACTERS = 100_000;

/** The figures API writes at most 1,000 figures in one batch; more drafts could not commit. */
export const MAX_DRAFTS = 1_000;

// ---------------------------------------------------------------------------------------------
// Rates around a figure

interface RateReading {
  role: "plan" | "growth" | "short_term" | "plain";
  /** Growth on a year earlier (growth) or share of plan (plan), as a fraction. */
  fraction: number | null;
  /** The rate itself in percent, signed: the value of a growth-rate indicator. */
  percent: number;
}

function decimals(value: number): number {
  const text = String(Math.abs(value));
  const dot = text.indexOf(".");
  return dot < 0 ? 0 : text.length - dot - 1;
}

/** a + b rounded to the decimals printed, so 95.2% of last year is exactly -0.048. */
function exactSum(a: number, b: number, digits: number): number {
  return Number((a + b).toFixed(Math.min(20, digits)));
}

function isWord(token: Token | undefined): boolean {
  return token !== undefined && token.kind === "word";
}

/** A phrase ending at `end`, or one word earlier ("tăng khoảng 5%", "increased by about 5%"). */
function cueBefore(tokens: readonly Token[], end: number, phrases: readonly Phrase[]): boolean {
  if (phraseEndingAt(tokens, end, phrases) >= 0) return true;
  return isWord(tokens[end - 1]) && phraseEndingAt(tokens, end - 1, phrases) >= 0;
}

function cueAfter(tokens: readonly Token[], start: number, phrases: readonly Phrase[]): boolean {
  if (anyPhraseAt(tokens, start, phrases) >= 0) return true;
  return isWord(tokens[start]) && anyPhraseAt(tokens, start + 1, phrases) >= 0;
}

function readRate(figure: Figure, tokens: readonly Token[]): RateReading {
  const value = figure.value;
  const magnitude = Math.abs(value);
  const before = figure.first;
  const after = figure.last;
  if (figure.kind === "multiple") {
    // "2.6 times the same period", "gấp 2,6 lần": growth of (x − 1).
    return { role: "growth", fraction: exactSum(magnitude, -1, decimals(magnitude)), percent: 0 };
  }
  if (anyPhraseAt(tokens, after, PLAN_AFTER) >= 0) {
    const share = shiftDecimal(magnitude, -2);
    const excess = cueBefore(tokens, before, PLAN_EXCESS_BEFORE);
    const fraction = excess ? exactSum(1, share, decimals(magnitude) + 2) : share;
    return { role: "plan", fraction, percent: value };
  }
  if (cueAfter(tokens, after, SHORT_TERM_AFTER)) {
    return { role: "short_term", fraction: null, percent: value };
  }
  if (
    cueBefore(tokens, before, RATIO_BEFORE) &&
    anyPhraseAt(tokens, after, SAME_PERIOD_AFTER) >= 0
  ) {
    // "bằng 95,2% so với cùng kỳ": 95.2% of last year's figure is a fall of 4.8%.
    const digits = decimals(magnitude);
    return {
      role: "growth",
      fraction: exactSum(shiftDecimal(magnitude, -2), -1, digits + 2),
      percent: exactSum(magnitude, -100, digits),
    };
  }
  let sign = 0;
  if (figure.signed) sign = value < 0 ? -1 : 1;
  else if (cueBefore(tokens, before, GROWTH_DOWN_BEFORE)) sign = -1;
  else if (cueBefore(tokens, before, GROWTH_UP_BEFORE)) sign = 1;
  else if (cueAfter(tokens, after, GROWTH_DOWN_AFTER)) sign = -1;
  else if (cueAfter(tokens, after, GROWTH_UP_AFTER)) sign = 1;
  if (sign !== 0) {
    const percent = sign * magnitude;
    return { role: "growth", fraction: shiftDecimal(percent, -2), percent };
  }
  return { role: "plain", fraction: null, percent: value };
}

// ---------------------------------------------------------------------------------------------
// Anchors and their clauses

interface Anchor {
  /** Index in the statement's figures. */
  figure: number;
  /** A percentage standing for a growth-rate indicator's value. */
  rate: boolean;
  first: number;
  /** End of the figure, past any restatement in brackets. */
  last: number;
  headStart: number;
  tailEnd: number;
  /** The figure and its restatements in other units, main first. */
  alternatives: number[];
  yoy: number | null;
  attainment: number | null;
  /** Figures (rates) this anchor took. */
  taken: number[];
}

function findPhraseStarts(tokens: readonly Token[], phrases: readonly Phrase[]): boolean[] {
  const starts = new Array<boolean>(tokens.length).fill(false);
  for (let i = 0; i < tokens.length; i += 1) {
    if (anyPhraseAt(tokens, i, phrases) >= 0) starts[i] = true;
  }
  return starts;
}

interface StatementParts {
  tokens: Token[];
  language: BulletinLanguage;
  periods: PeriodMention[];
  figures: Figure[];
  rates: Map<number, RateReading>;
  concepts: ConceptMention[];
  scopes: ScopeMention[];
  /** Token starts a new subject: a concept, a scope, or a breakdown cue. */
  subjectStart: boolean[];
  breakdown: boolean[];
}

/** Where the words between two anchors divide: a semicolon, else where a new subject begins. */
function splitBetween(parts: StatementParts, from: number, to: number): number {
  for (let i = from; i < to; i += 1) {
    if (parts.tokens[i]?.text === ";" || parts.subjectStart[i]) return i;
  }
  return to;
}

function lastConceptStart(parts: StatementParts, from: number, to: number): number {
  let found = -1;
  for (const mention of parts.concepts) {
    if (mention.start >= from && mention.end <= to) found = mention.start;
  }
  return found;
}

function buildAnchors(parts: StatementParts): Anchor[] {
  const { figures, tokens } = parts;
  const amounts: Anchor[] = [];
  figures.forEach((figure, index) => {
    if (figure.kind !== "amount" || figure.equivalentOf !== null) return;
    amounts.push(newAnchor(index, figure, false));
  });
  figures.forEach((figure, index) => {
    if (figure.equivalentOf === null) return;
    const anchor = amounts.find((a) => a.alternatives.includes(figure.equivalentOf as number));
    if (!anchor) return;
    anchor.alternatives.push(index);
    anchor.last = tokens[figure.last]?.text === ")" ? figure.last + 1 : figure.last;
  });
  setClauses(parts, amounts);
  // Rates inside an amount's clause are its growth and share of plan; before the amount only
  // when no other indicator is named in between ("exports jumped 18.3%, reaching 120.7 bn").
  const taken = new Set<number>();
  for (const anchor of amounts) {
    const subject = Math.max(
      anchor.headStart,
      lastConceptStart(parts, anchor.headStart, anchor.first),
    );
    figures.forEach((figure, index) => {
      const reading = parts.rates.get(index);
      if (!reading || taken.has(index)) return;
      const inTail = figure.first >= anchor.last && figure.last <= anchor.tailEnd;
      const inHead = figure.first >= subject && figure.last <= anchor.first;
      if (!inTail && !(inHead && reading.role === "growth")) return;
      if (reading.role === "growth" && anchor.yoy === null) anchor.yoy = reading.fraction;
      else if (reading.role === "plan" && anchor.attainment === null) {
        anchor.attainment = reading.fraction;
      } else return;
      taken.add(index);
      anchor.taken.push(index);
    });
  }
  const rates: Anchor[] = [];
  figures.forEach((figure, index) => {
    const reading = parts.rates.get(index);
    if (!reading || taken.has(index) || figure.kind !== "percent") return;
    if (reading.role === "growth" || reading.role === "plain") {
      rates.push(newAnchor(index, figure, true));
    }
  });
  if (rates.length === 0) return amounts;
  const all = [...amounts, ...rates].sort((a, b) => a.first - b.first);
  // Rates are anchors of their own: re-divide the statement among all of them, keeping what
  // the amounts already took.
  setClauses(parts, all);
  return all;
}

function newAnchor(index: number, figure: Figure, rate: boolean): Anchor {
  return {
    figure: index,
    rate,
    first: figure.first,
    last: figure.last,
    headStart: 0,
    tailEnd: 0,
    alternatives: [index],
    yoy: null,
    attainment: null,
    taken: [],
  };
}

function setClauses(parts: StatementParts, anchors: Anchor[]) {
  const n = parts.tokens.length;
  anchors.forEach((anchor, k) => {
    const previous = anchors[k - 1];
    const next = anchors[k + 1];
    anchor.headStart = previous ? splitBetween(parts, previous.last, anchor.first) : 0;
    anchor.tailEnd = splitBetween(parts, anchor.last, next ? next.first : n);
  });
}

// ---------------------------------------------------------------------------------------------
// Reading context carried between statements

interface ScopeEvent {
  scope: string;
  /** Only a statement naming one scope sets the subject for the statements after it. */
  sole: boolean;
}

/** The indicators a stretch of text names, and how well. */
type Named = Pick<ConceptMention, "coverage" | "sharing">;

interface DocumentState {
  textYear: number | null;
  lastPeriod: { start: IsoDate; end: IsoDate } | null;
  scopeEvents: ScopeEvent[];
  /** The last indicator stretch named in the current paragraph. */
  carriedConcept: (Named & { paragraph: number }) | null;
  lastKind: BulletinDraft["kind"] | null;
}

// ---------------------------------------------------------------------------------------------
// Indicator choice

function acceptsPercent(catalogue: Catalogue, i: number): boolean {
  return catalogue.indicators[i]?.measure === "rate" || catalogue.units[i] === "%";
}

function acceptsFigure(catalogue: Catalogue, i: number, figure: Figure, rate: boolean): boolean {
  if (rate) return acceptsPercent(catalogue, i);
  if (acceptsPercent(catalogue, i)) return false;
  return figure.unit === null || catalogue.units[i] === figure.unit;
}

function cadenceFits(indicator: CatalogueIndicator, start: IsoDate, end: IsoDate): boolean {
  const wholeMonths = start.endsWith("-01") && isMonthEnd(end);
  if (indicator.cadence === "monthly") return wholeMonths;
  if (indicator.cadence === "annual") return start.endsWith("-01-01") && end.endsWith("-12-31");
  const quarterStart = ["01", "04", "07", "10"].includes(start.slice(5, 7));
  const quarterEnd = ["03", "06", "09", "12"].includes(end.slice(5, 7));
  return wholeMonths && quarterStart && quarterEnd;
}

function isMonthEnd(date: IsoDate): boolean {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  return Number(date.slice(8, 10)) === daysInMonth(year, month);
}

// ---------------------------------------------------------------------------------------------
// The statement reader

interface Failure {
  reason: UnplacedReason;
  message: string;
  figures: string[];
  indicatorIds: string[];
}

interface StatementOutcome {
  drafts: BulletinDraft[];
  failures: Failure[];
}

function hasCue(tokens: readonly Token[], from: number, to: number, phrases: readonly Phrase[]) {
  return lastCue(tokens, from, to, phrases) >= 0;
}

/** Start of the last occurrence of a phrase lying wholly within [from, to), or -1. */
function lastCue(tokens: readonly Token[], from: number, to: number, phrases: readonly Phrase[]) {
  for (let i = to - 1; i >= Math.max(0, from); i -= 1) {
    const end = anyPhraseAt(tokens, i, phrases);
    if (end >= 0 && end <= to) return i;
  }
  return -1;
}

function targetCueIn(tokens: readonly Token[], from: number, to: number): boolean {
  for (let i = Math.max(0, from); i < to; i += 1) {
    const end = anyPhraseAt(tokens, i, TARGET_CUES);
    if (end < 0 || end > to) continue;
    // "Sở Kế hoạch và Đầu tư" is the planning department, not a plan.
    if (phraseAt(tokens, end, ["và", "đầu", "tư"]) >= 0) continue;
    const negated =
      phraseEndingAt(tokens, i, TARGET_NEGATIONS) >= 0 ||
      phraseEndingAt(tokens, i - 1, TARGET_NEGATIONS) >= 0;
    if (!negated) return true;
  }
  return false;
}

function statusIn(tokens: readonly Token[], from: number, to: number): DraftStatus | null {
  const cues: [DraftStatus, number][] = [
    ["estimate", lastCue(tokens, from, to, ESTIMATE_CUES)],
    ["preliminary", lastCue(tokens, from, to, PRELIMINARY_CUES)],
    ["final", lastCue(tokens, from, to, FINAL_CUES)],
  ];
  let best: DraftStatus | null = null;
  let at = -1;
  for (const [status, position] of cues) {
    if (position > at) {
      best = status;
      at = position;
    }
  }
  return best;
}

class StatementReader {
  private readonly parts: StatementParts;
  private readonly anchors: Anchor[];
  private readonly resolved = new Map<PeriodMention, ResolvedPeriod | null>();

  constructor(
    private readonly statement: Statement,
    parts: StatementParts,
    private readonly catalogue: Catalogue,
    private readonly context: ExtractionContext,
    private readonly state: DocumentState,
  ) {
    this.parts = parts;
    this.anchors = buildAnchors(parts);
  }

  /** Non-base periods of the statement, in order. */
  private ownPeriods(): PeriodMention[] {
    return this.parts.periods.filter((m) => !m.base && m.spec.kind !== "date");
  }

  private yearContext(mention: PeriodMention): YearContext {
    let statementYear: number | null = null;
    let distance = Number.POSITIVE_INFINITY;
    for (const other of this.ownPeriods()) {
      if (other === mention) continue;
      const year = printedYear(other.spec);
      if (year === null) continue;
      // Prefer a year printed before the period ("of 2024 ... in the first quarter").
      const d = other.start < mention.start ? mention.start - other.start : 1e6 + other.start;
      if (d < distance) {
        distance = d;
        statementYear = year;
      }
    }
    return {
      statementYear,
      textYear: this.state.textYear,
      defaultYear: this.context.default_year ?? null,
      reportedAt: this.context.reported_at ?? null,
    };
  }

  resolve(mention: PeriodMention): ResolvedPeriod | null {
    if (this.resolved.has(mention)) return this.resolved.get(mention) ?? null;
    this.resolved.set(mention, null);
    let reference: { start: IsoDate; end: IsoDate } | null = null;
    if (mention.spec.kind === "same_period") {
      const main = this.ownPeriods().find((m) => m !== mention && m.spec.kind !== "same_period");
      reference = main ? this.resolve(main) : this.state.lastPeriod;
    }
    const result = resolvePeriod(mention.spec, this.yearContext(mention), reference);
    this.resolved.set(mention, result);
    return result;
  }

  /** The period mention an anchor belongs to: its clause, then the statement. */
  private periodFor(anchor: Anchor): PeriodMention | null {
    const own = this.ownPeriods();
    const inHead = own.filter((m) => m.start >= anchor.headStart && m.end <= anchor.first);
    if (inHead.length > 0) return inHead[inHead.length - 1] ?? null;
    const inTail = own.find((m) => m.start >= anchor.last && m.end <= anchor.tailEnd);
    if (inTail) return inTail;
    const earlier = own.filter((m) => m.end <= anchor.headStart);
    if (earlier.length > 0) return earlier[earlier.length - 1] ?? null;
    return own.find((m) => m.start >= anchor.tailEnd) ?? null;
  }

  private compatible(mention: { coverage: Map<number, number> }, anchor: Anchor): number[] {
    const figures = anchor.alternatives.map((i) => this.parts.figures[i] as Figure);
    return [...mention.coverage.keys()].filter((i) =>
      figures.some((figure) => acceptsFigure(this.catalogue, i, figure, anchor.rate)),
    );
  }

  /** The indicators named for an anchor, and whether they came from an earlier statement. */
  private conceptFor(anchor: Anchor): (Named & { carried: boolean }) | "part" | null {
    const { concepts, breakdown } = this.parts;
    const usable = (m: ConceptMention) => this.compatible(m, anchor).length > 0;
    const inHead = concepts.filter(
      (m) => m.start >= anchor.headStart && m.end <= anchor.first && usable(m),
    );
    if (inHead.length > 0) {
      // The most completely named indicator; the nearest one when two are named as fully.
      let best = inHead[0] as ConceptMention;
      for (const m of inHead) if (bestCoverage(m) >= bestCoverage(best)) best = m;
      return { ...best, carried: false };
    }
    // After the figure: in its clause, or right after it ("580 million electronic components",
    // where the name may even share a word with the unit: "580 triệu sản phẩm linh kiện").
    const inTail = concepts.find(
      (m) =>
        m.end > anchor.last &&
        ((m.start >= anchor.last && m.end <= anchor.tailEnd) ||
          (m.start > anchor.first && m.start <= anchor.last + 1)) &&
        usable(m),
    );
    if (inTail) return { ...inTail, carried: false };
    // A breakdown ("trong đó giày dép ...") names a part, never the whole named before it.
    for (let i = anchor.headStart; i < anchor.first; i += 1) if (breakdown[i]) return "part";
    const earlier = concepts.filter((m) => m.end <= anchor.headStart && usable(m));
    if (earlier.length > 0) {
      const m = earlier[earlier.length - 1] as ConceptMention;
      return { ...m, carried: false };
    }
    if (concepts.some((m) => m.start < anchor.tailEnd)) return null;
    // Only a value carries its subject over from the statement before ("Hai Phong reported 16
    // billion USD" after "its export turnover ..."); a bare percentage is too weak a link.
    const carried = anchor.rate ? null : this.state.carriedConcept;
    if (carried && carried.paragraph === this.statement.paragraph) {
      if (this.compatible(carried, anchor).length > 0) {
        return { ...carried, carried: true };
      }
    }
    return null;
  }

  /**
   * The indicator names before the anchor whatever its figure, for saying why it could not be
   * placed; only the anchor's own clause counts for an amount, whose clause names its subject.
   */
  private namedAround(anchor: Anchor): ConceptMention | null {
    const from = anchor.rate ? 0 : anchor.headStart;
    let found: ConceptMention | null = null;
    for (const m of this.parts.concepts) {
      if (m.start >= from && m.start < anchor.tailEnd) found = m;
    }
    return found;
  }

  /** Scope mentions in the clause, then the statement; null when the statement names none. */
  private scopeNamed(anchor: Anchor): ScopeMention | null {
    const { scopes } = this.parts;
    const inHead = scopes.filter((m) => m.start >= anchor.headStart && m.end <= anchor.first);
    if (inHead.length > 0) return inHead[inHead.length - 1] ?? null;
    const inTail = scopes.find((m) => m.start >= anchor.last && m.end <= anchor.tailEnd);
    if (inTail) return inTail;
    const earlier = scopes.filter((m) => m.end <= anchor.headStart);
    return earlier[earlier.length - 1] ?? null;
  }

  private anaphoraLevel(anchor: Anchor): ScopeLevel | null {
    for (const { phrases, level } of LEVEL_ANAPHORA) {
      if (hasCue(this.parts.tokens, anchor.headStart, anchor.first, phrases)) return level;
    }
    return null;
  }

  read(): StatementOutcome {
    const drafts: BulletinDraft[] = [];
    const failures: Failure[] = [];
    const used = new Set<number>();
    for (const anchor of this.anchors) {
      const outcome = this.readAnchor(anchor);
      if ("draft" in outcome) {
        drafts.push(outcome.draft);
        for (const i of [...anchor.alternatives, ...anchor.taken]) used.add(i);
      } else if (outcome.failure) {
        failures.push(outcome.failure);
        for (const i of [...anchor.alternatives, ...anchor.taken]) used.add(i);
      }
    }
    const leftovers = this.parts.figures.filter(
      (figure, i) =>
        !used.has(i) &&
        (figure.kind === "amount" || figure.kind === "percent" || figure.kind === "multiple") &&
        figure.equivalentOf === null,
    );
    if (leftovers.length > 0) {
      const shortTerm = leftovers.every(
        (f) => this.parts.rates.get(this.parts.figures.indexOf(f))?.role === "short_term",
      );
      const named = this.parts.concepts.length > 0;
      failures.push({
        reason: named ? "no_value" : "no_indicator",
        message: shortTerm
          ? "A change on the previous month or quarter, not on the same period a year earlier."
          : named
            ? "These rates belong to no value printed here."
            : "No indicator of the catalogue is named for these figures.",
        figures: leftovers.map((f) => f.text),
        indicatorIds: [],
      });
    }
    if (drafts.length === 0 && failures.length === 0) {
      const numbers = this.parts.figures.filter((f) => f.kind !== "other");
      if (numbers.length > 0) {
        failures.push({
          reason: "not_a_figure",
          message: "Only counts, thresholds or ordinals here: no value with a unit, scale or %.",
          figures: numbers.map((f) => f.text),
          indicatorIds: [],
        });
      }
    }
    return { drafts, failures };
  }

  private fail(anchor: Anchor, reason: UnplacedReason, message: string, ids: number[] = []) {
    const figures = [...anchor.alternatives.slice(0, 1), ...anchor.taken].map(
      (i) => this.parts.figures[i]?.text ?? "",
    );
    return {
      failure: {
        reason,
        message,
        figures,
        indicatorIds: ids.map((i) => this.catalogue.indicators[i]?.id ?? ""),
      },
    };
  }

  private readAnchor(anchor: Anchor): { draft: BulletinDraft } | { failure: Failure | null } {
    const { tokens } = this.parts;
    const main = this.parts.figures[anchor.figure] as Figure;
    const inferred = new Set<InferredField>();

    // Indicator: named in the statement, or carried from the paragraph.
    const concept = this.conceptFor(anchor);
    if (concept === "part" || !concept) {
      const named = this.namedAround(anchor);
      if (!named && concept === "part") {
        return this.fail(
          anchor,
          "no_indicator",
          'A part of a total ("trong đó", "including"...) that no indicator of the catalogue names.',
        );
      }
      if (!named) {
        // A lone percentage with nothing named: reported with the statement's leftovers.
        if (anchor.rate) return { failure: null };
        return this.fail(anchor, "no_indicator", "No indicator of the catalogue is named here.");
      }
      const words = this.textOf(named.start, named.end);
      const ids = this.narrow(anchor, [...named.coverage.keys()]);
      return anchor.rate
        ? this.fail(
            anchor,
            "no_value",
            `"${words}" is named, but only a rate is printed, not its value.`,
            ids,
          )
        : this.fail(
            anchor,
            "unit_mismatch",
            `"${words}" is named, but ${main.text} is not in its unit.`,
            ids,
          );
    }
    if (concept.carried) inferred.add("indicator");
    let candidates = this.compatible(concept, anchor);

    // Period: before scope, because a catalogue's cadence helps choose between indicators.
    const mention = this.periodFor(anchor);
    let period: { start: IsoDate; end: IsoDate } | null = null;
    let periodText: string | null = null;
    const notes: DraftNote[] = [];
    if (mention) {
      const resolved = this.resolve(mention);
      if (!resolved) {
        return this.fail(
          anchor,
          "no_period",
          `The period "${this.textOf(mention.start, mention.end)}" cannot be dated: no year or end date in the text or the context.`,
          this.narrow(anchor, candidates),
        );
      }
      period = { start: resolved.start, end: resolved.end };
      periodText = this.textOf(mention.start, mention.end);
      if (resolved.yearInferred) inferred.add("year");
      if (resolved.endFromReportedAt) {
        notes.push({
          code: "period_end_from_reported_at",
          message: "The period runs to the bulletin's date: the text gives no end.",
        });
      }
    } else if (this.state.lastPeriod) {
      period = this.state.lastPeriod;
      inferred.add("period");
    } else {
      return this.fail(
        anchor,
        "no_period",
        "No period is given here or earlier in the text.",
        this.narrow(anchor, candidates),
      );
    }

    // Scope: named here, by "the region"/"tỉnh này", or carried from earlier statements.
    const named = this.scopeNamed(anchor);
    if (named) {
      const inScope = candidates.filter((i) =>
        named.scopes.includes(this.catalogue.indicators[i]?.scope ?? ""),
      );
      if (inScope.length === 0) {
        const where = named.scopes.map((s) => this.catalogue.scopeNames.get(s) ?? s).join(" / ");
        return this.fail(
          anchor,
          "no_indicator",
          `No indicator for ${where} matches ${this.names(candidates)}.`,
          candidates,
        );
      }
      candidates = inScope;
    } else {
      const scoped = this.scopeFromContext(anchor, candidates);
      if (scoped === "none") {
        return this.fail(
          anchor,
          "no_indicator",
          `${this.names(candidates)} has no indicator for the place this text is about.`,
          candidates,
        );
      }
      if (scoped !== null) candidates = scoped;
      inferred.add("scope");
    }

    // Kind and vintage.
    const cueFrom = Math.min(anchor.headStart, Math.max(0, anchor.first - 4));
    const target = targetCueIn(tokens, anchor.headStart, anchor.first);
    const result =
      hasCue(tokens, cueFrom, anchor.first, RESULT_CUES) ||
      hasCue(tokens, cueFrom, anchor.first, ESTIMATE_CUES);
    let kind: BulletinDraft["kind"] = "actual";
    if (target) kind = "target";
    else if (!result && !mention && this.state.lastKind === "target") {
      kind = "target";
      inferred.add("kind");
    }

    const dated = period;
    if (kind === "actual") {
      const fitting = candidates.filter((i) =>
        cadenceFits(this.catalogue.indicators[i] as CatalogueIndicator, dated.start, dated.end),
      );
      if (fitting.length > 0) candidates = fitting;
    }
    const best = Math.max(...candidates.map((i) => concept.coverage.get(i) ?? 0));
    candidates = candidates.filter((i) => (concept.coverage.get(i) ?? 0) === best);
    const sharing = (i: number) => concept.sharing.get(i) ?? Number.POSITIVE_INFINITY;
    const specific = Math.min(...candidates.map(sharing));
    candidates = candidates.filter((i) => sharing(i) === specific);
    const chosen = candidates.length === 1 ? candidates[0] : undefined;

    let status: DraftStatus | null = null;
    if (kind === "actual") {
      status = statusIn(tokens, cueFrom, anchor.first) ?? this.sentenceStatus();
      if (status === null) {
        status = this.context.default_status ?? "final";
        inferred.add("status");
      }
    }

    // The restatement in the indicator's unit, when the figure is printed in two.
    const unitOf = (i: number | undefined) => (i === undefined ? null : this.catalogue.units[i]);
    const wanted = unitOf(chosen ?? candidates[0]);
    const figureIndex =
      anchor.alternatives.find((i) => this.parts.figures[i]?.unit === wanted) ?? anchor.figure;
    const figure = this.parts.figures[figureIndex] as Figure;
    notes.push(...figure.notes);

    const rateReading = anchor.rate ? this.parts.rates.get(anchor.figure) : undefined;
    const value = anchor.rate ? (rateReading?.percent ?? figure.value) : figure.value;
    const reportedAt = this.context.reported_at ?? null;
    if (reportedAt && kind === "actual" && period.start > reportedAt) {
      notes.push({
        code: "period_after_reported_at",
        message: "The period begins after the bulletin's date.",
      });
    }
    const ids = candidates.map((i) => this.catalogue.indicators[i]?.id ?? "");
    return {
      draft: {
        kind,
        indicator_id: chosen === undefined ? null : (this.catalogue.indicators[chosen]?.id ?? null),
        candidates: ids,
        period_start: period.start,
        period_end: period.end,
        period_text: periodText,
        value,
        scale: anchor.rate ? null : figure.scale,
        unit: anchor.rate ? "%" : figure.unit,
        base_value: anchor.rate ? value : applyScale(value, figure.scale),
        qualifier: figure.qualifier,
        status,
        reported_at: reportedAt,
        reported_yoy: anchor.rate ? null : anchor.yoy,
        reported_attainment: anchor.rate ? null : anchor.attainment,
        language: this.parts.language,
        sentence: this.statement.text,
        start: this.statement.start,
        end: this.statement.end,
        figure_text: anchor.rate ? main.text : this.figureText(anchor),
        inferred: [...inferred],
        notes,
      },
    };
  }

  private openingStatus: DraftStatus | null | undefined;

  /** A vintage word opening the statement ("Ước tính 9 tháng, ...") covers all its figures. */
  private sentenceStatus(): DraftStatus | null {
    if (this.openingStatus !== undefined) return this.openingStatus;
    const firstSubject = Math.min(
      this.parts.concepts[0]?.start ?? Number.POSITIVE_INFINITY,
      this.parts.scopes[0]?.start ?? Number.POSITIVE_INFINITY,
      this.anchors[0]?.first ?? Number.POSITIVE_INFINITY,
    );
    const end = Number.isFinite(firstSubject) ? firstSubject : 0;
    this.openingStatus = statusIn(this.parts.tokens, 0, end);
    return this.openingStatus;
  }

  /**
   * Candidates narrowed to the scope the text is about: "the region"/"tỉnh này" picks the
   * last scope of that level named so far; otherwise the most recent statement that named a
   * single scope with one of these indicators, then the context's default scope. Null when the
   * text names no scope at all; "none" when it does and none of them has these indicators.
   */
  private scopeFromContext(anchor: Anchor, candidates: number[]): number[] | null | "none" {
    const withScope = (scope: string) =>
      candidates.filter((i) => this.catalogue.indicators[i]?.scope === scope);
    const level = this.anaphoraLevel(anchor);
    const events = this.state.scopeEvents;
    if (level) {
      for (let k = events.length - 1; k >= 0; k -= 1) {
        const scope = (events[k] as ScopeEvent).scope;
        if (this.catalogue.levels.get(scope) !== level) continue;
        const inScope = withScope(scope);
        if (inScope.length > 0) return inScope;
      }
      // "cả nước", "nationwide" with no country named before: the only one there is.
      const atLevel = candidates.filter((i) => {
        const scope = this.catalogue.indicators[i]?.scope ?? "";
        return this.catalogue.levels.get(scope) === level;
      });
      const scopes = new Set(atLevel.map((i) => this.catalogue.indicators[i]?.scope));
      if (scopes.size === 1) return atLevel;
    }
    let sawSole = false;
    for (let k = events.length - 1; k >= 0; k -= 1) {
      const event = events[k] as ScopeEvent;
      if (!event.sole) continue;
      sawSole = true;
      const inScope = withScope(event.scope);
      if (inScope.length > 0) return inScope;
    }
    const fallback = this.context.default_scope;
    if (fallback) {
      const inScope = withScope(fallback);
      return inScope.length > 0 ? inScope : "none";
    }
    return sawSole ? "none" : null;
  }

  /** Indicators narrowed to the scope the anchor is about, when that leaves any. */
  private narrow(anchor: Anchor, indices: number[]): number[] {
    const named = this.scopeNamed(anchor);
    if (named) {
      const inScope = indices.filter((i) =>
        named.scopes.includes(this.catalogue.indicators[i]?.scope ?? ""),
      );
      return inScope.length > 0 ? inScope : indices;
    }
    const scoped = this.scopeFromContext(anchor, indices);
    return Array.isArray(scoped) ? scoped : indices;
  }

  /** "Goods exports" or "Exports": each name once, at most three, for a message. */
  private names(indices: number[]): string {
    const names = [...new Set(indices.map((i) => `"${this.catalogue.indicators[i]?.name ?? ""}"`))];
    if (names.length === 0) return "the indicator";
    const shown = names.slice(0, 3).join(" or ");
    return names.length > 3 ? `${shown}...` : shown;
  }

  private textOf(start: number, end: number): string {
    const { tokens } = this.parts;
    return this.statement.text.slice(tokens[start]?.start ?? 0, tokens[end - 1]?.end ?? 0);
  }

  private figureText(anchor: Anchor): string {
    return this.textOf(anchor.first, anchor.last);
  }

  /** What later statements inherit from this one. */
  update(drafts: readonly BulletinDraft[]) {
    const state = this.state;
    for (const mention of this.ownPeriods()) {
      const year = printedYear(mention.spec);
      if (year !== null) state.textYear = year;
    }
    const own = this.ownPeriods();
    for (let k = own.length - 1; k >= 0; k -= 1) {
      const resolved = this.resolve(own[k] as PeriodMention);
      if (resolved) {
        state.lastPeriod = { start: resolved.start, end: resolved.end };
        break;
      }
    }
    const distinct = new Set(this.parts.scopes.flatMap((m) => m.scopes));
    for (const mention of this.parts.scopes) {
      for (const scope of mention.scopes) {
        const sole = distinct.size === 1;
        const last = state.scopeEvents[state.scopeEvents.length - 1];
        // Consecutive repeats add nothing to the history and would make every lookup longer.
        if (last?.scope === scope && last.sole === sole) continue;
        state.scopeEvents.push({ scope, sole });
      }
    }
    const lastConcept = this.parts.concepts[this.parts.concepts.length - 1];
    if (lastConcept) {
      state.carriedConcept = {
        paragraph: this.statement.paragraph,
        coverage: lastConcept.coverage,
        sharing: lastConcept.sharing,
      };
    }
    const lastDraft = drafts[drafts.length - 1];
    if (lastDraft) state.lastKind = lastDraft.kind;
  }
}

function bestCoverage(mention: ConceptMention): number {
  return Math.max(0, ...mention.coverage.values());
}

// ---------------------------------------------------------------------------------------------
// The whole text

function readParts(
  statement: Statement,
  tokens: Token[],
  catalogue: Catalogue,
  fallbackLanguage: BulletinLanguage,
): StatementParts {
  const language = detectLanguage(tokens) ?? fallbackLanguage;
  const periods = findPeriods(tokens);
  const consumed = new Array<boolean>(tokens.length).fill(false);
  for (const mention of periods) {
    for (let i = mention.start; i < mention.end; i += 1) consumed[i] = true;
  }
  const figures = findFigures(statement.text, tokens, consumed, language);
  const rates = new Map<number, RateReading>();
  figures.forEach((figure, i) => {
    if (figure.kind === "percent" || figure.kind === "multiple")
      rates.set(i, readRate(figure, tokens));
  });
  const concepts = findConcepts(catalogue, tokens);
  const scopes = findScopes(catalogue, tokens);
  const breakdown = findPhraseStarts(tokens, BREAKDOWN_CUES);
  const subjectStart = breakdown.slice();
  for (const m of concepts) subjectStart[m.start] = true;
  for (const m of scopes) subjectStart[m.start] = true;
  return { tokens, language, periods, figures, rates, concepts, scopes, subjectStart, breakdown };
}

function hasDigit(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) return true;
  }
  return false;
}

function unplacedOf(statement: Statement, language: BulletinLanguage, failure: Failure) {
  return {
    reason: failure.reason,
    message: failure.message,
    sentence: statement.text,
    start: statement.start,
    end: statement.end,
    language,
    figures: failure.figures,
    indicator_ids: failure.indicatorIds,
  } satisfies UnplacedStatement;
}

/** One entry per reason and statement, so a list of ten products is one line on the desk. */
function mergeByReason(failures: readonly Failure[]): Failure[] {
  const merged = new Map<UnplacedReason, Failure>();
  for (const failure of failures) {
    const entry = merged.get(failure.reason);
    if (!entry) {
      merged.set(failure.reason, { ...failure, figures: [...failure.figures] });
      continue;
    }
    entry.figures.push(...failure.figures);
    if (!entry.message.includes(failure.message)) entry.message += ` ${failure.message}`;
    entry.indicatorIds = [...new Set([...entry.indicatorIds, ...failure.indicatorIds])];
  }
  return [...merged.values()];
}

function repeats(draft: BulletinDraft, earlier: BulletinDraft): boolean {
  if (draft.indicator_id !== earlier.indicator_id) return false;
  if (draft.candidates.join(" ") !== earlier.candidates.join(" ")) return false;
  if (draft.kind !== earlier.kind || draft.status !== earlier.status) return false;
  if (draft.base_value !== earlier.base_value) return false;
  const samePeriod =
    draft.period_start === earlier.period_start && draft.period_end === earlier.period_end;
  return samePeriod || draft.inferred.includes("period");
}

/**
 * Proposes one draft figure per value a bulletin prints for an indicator of the catalogue.
 * Pure and deterministic: no clock (the bulletin's date comes in the context), no I/O.
 */
export function extractDrafts(text: string, context: ExtractionContext): ExtractionResult {
  const normalized = (text ?? "").normalize("NFC");
  const total = normalized.length;
  let statements = splitStatements(
    total > MAX_BULLETIN_CHARACTERS ? normalized.slice(0, MAX_BULLETIN_CHARACTERS) : normalized,
  );
  const truncated = total > MAX_BULLETIN_CHARACTERS;
  if (truncated && statements[statements.length - 1]?.end === MAX_BULLETIN_CHARACTERS) {
    // The cap fell inside the last statement: half a sentence would give half a figure.
    statements = statements.slice(0, -1);
  }
  const lastRead = statements[statements.length - 1]?.end;
  const characters = !truncated ? total : (lastRead ?? MAX_BULLETIN_CHARACTERS);
  const catalogue = buildCatalogue(context.indicators);

  // The text's own language settles statements too short to tell ("1.690 triệu").
  const tokenized = statements.map((s) => tokenize(s.text));
  let vi = 0;
  let en = 0;
  for (const tokens of tokenized) {
    const language = detectLanguage(tokens);
    if (language === "vi") vi += 1;
    if (language === "en") en += 1;
  }
  const fallback: BulletinLanguage =
    context.default_language ?? (vi > en ? "vi" : en > 0 ? "en" : "vi");

  const state: DocumentState = {
    textYear: null,
    lastPeriod: null,
    scopeEvents: [],
    carriedConcept: null,
    lastKind: null,
  };
  const drafts: BulletinDraft[] = [];
  const unplaced: UnplacedStatement[] = [];
  statements.forEach((statement, index) => {
    const parts = readParts(statement, tokenized[index] ?? [], catalogue, fallback);
    const reader = new StatementReader(statement, parts, catalogue, context, state);
    const outcome = hasDigit(statement.text) ? reader.read() : { drafts: [], failures: [] };
    const kept: BulletinDraft[] = [];
    const failures = [...outcome.failures];
    for (const draft of outcome.drafts) {
      const earlier = drafts.find((d) => repeats(draft, d));
      if (earlier) {
        failures.push({
          reason: "repeated",
          message: `Repeats a figure already drafted from: "${earlier.sentence}".`,
          figures: [draft.figure_text],
          indicatorIds: draft.indicator_id ? [draft.indicator_id] : draft.candidates,
        });
      } else if (drafts.length >= MAX_DRAFTS) {
        failures.push({
          reason: "too_many_drafts",
          message: `A bulletin gives at most ${MAX_DRAFTS} drafts, the most one commit can write.`,
          figures: [draft.figure_text],
          indicatorIds: draft.indicator_id ? [draft.indicator_id] : draft.candidates,
        });
      } else {
        drafts.push(draft);
        kept.push(draft);
      }
    }
    for (const failure of mergeByReason(failures)) {
      unplaced.push(unplacedOf(statement, parts.language, failure));
    }
    reader.update(kept);
  });
  flagConflicts(drafts);
  return {
    drafts,
    unplaced,
    read: { characters, total, truncated, statements: statements.length },
  };
}

/**
 * Two drafts giving different values for the same indicator, period and vintage cannot both
 * be right; usually one of them took its indicator from the sentence before. Both say so.
 */
function flagConflicts(drafts: readonly BulletinDraft[]) {
  const groups = new Map<string, BulletinDraft[]>();
  for (const draft of drafts) {
    if (draft.indicator_id === null) continue;
    const key = [
      draft.kind,
      draft.indicator_id,
      draft.period_start,
      draft.period_end,
      draft.status,
    ];
    const id = key.join("|");
    const group = groups.get(id);
    if (group) group.push(draft);
    else groups.set(id, [draft]);
  }
  for (const group of groups.values()) {
    for (const draft of group) {
      for (const other of group) {
        if (other === draft || other.base_value === draft.base_value) continue;
        draft.notes.push({
          code: "conflicting_value",
          message: `Another statement gives ${other.figure_text} for the same indicator and period: "${other.sentence}".`,
        });
      }
    }
  }
}

// Seasonal phasing read from the indicator's own history. Vietnamese exports and industrial
// output are strongly seasonal (Tết moves between January and February; February exports fell
// 22.9% on the month in 2016 and about 34% in 2019), and nobody types twelve weights per
// indicator when the figures already loaded hold them. The expected share of a year's total by
// each month end is the average, over the last (up to) three complete calendar years known at
// asOf, of that year's cumulative share.

import { daysInMonth, firstDayOfMonth, monthOfDay, parseIsoDate, toDayNumber } from "./dates";
import { expectedFraction, type PhasedPeriod } from "./phasing";
import type {
  ActualInput,
  HistoryPhasing,
  HistoryYearProblem,
  IsoDate,
  Phasing,
  PlanInput,
} from "./types";
import { type FigureDays, isLaterVintage, knownBy } from "./vintages";

/** At most this many complete years are averaged: recent enough to follow a changing economy. */
export const HISTORY_YEARS = 3;

/**
 * Fewer complete years than this fall back to linear. One year's shape cannot tell the season
 * from that year's accidents, and Tết in particular lands in January one year and February the
 * next: a single year would put the whole holiday dip in one month with false certainty, where
 * two or more spread it over both as it should be expected.
 */
export const MIN_HISTORY_YEARS = 2;

export type { HistoryPhasing, HistoryYearProblem };

/**
 * How many calendar years before the year a plan starts are read for its profile: the
 * HISTORY_YEARS it averages, and one more, so that one incomplete year (a gap in the files, a
 * year of quarterly figures) does not end the history. The status query fetches exactly this
 * window, so the figures a plan's profile can use are bounded and known in advance.
 */
export const HISTORY_WINDOW_YEARS = HISTORY_YEARS + 1;

/** A figure covering whole calendar months inside one calendar year. */
interface MonthSpan {
  year: number;
  /** First and last month covered, 1–12. */
  from: number;
  to: number;
  value: number;
  /** The figure read, to compare vintages of the same months. */
  figure: ActualInput;
}

function monthSpan(actual: ActualInput): MonthSpan | null {
  const start = parseIsoDate(actual.periodStart);
  const end = parseIsoDate(actual.periodEnd);
  if (!start || !end || start.year !== end.year || start.day !== 1) return null;
  if (end.day !== daysInMonth(end.year, end.month)) return null;
  return {
    year: start.year,
    from: start.month,
    to: end.month,
    value: actual.value,
    figure: actual,
  };
}

/**
 * monthSpan of a usable figure whose period's day numbers are at hand, with the month its
 * period starts in (monthOfDay's).
 */
function monthSpanOnDays(
  actual: ActualInput,
  startDay: number,
  from: number,
  endDay: number,
): MonthSpan | null {
  const to = monthOfDay(endDay);
  const year = Math.floor(from / 12);
  if (Math.floor(to / 12) !== year || firstDayOfMonth(from) !== startDay) return null;
  // The period ends on its month's last day when the next day starts a month.
  if (firstDayOfMonth(to + 1) !== endDay + 1) return null;
  return {
    year,
    from: from - year * 12 + 1,
    to: to - year * 12 + 1,
    value: actual.value,
    figure: actual,
  };
}

/** One number per run of months of a year: what the period of a month span comes down to. */
function spanKey(span: MonthSpan): number {
  return (span.year * 16 + span.from) * 16 + span.to;
}

/**
 * Year-to-date totals at each month end (index 0 = end of January) derived from one year's
 * figures, or the reason they cannot be. A figure for months a..b says total(b) − total(a−1) =
 * value, with total(0) = 0, so year-to-date figures (Jan–Mar, Jan–Jun...) give totals directly
 * and single months, quarters or any other run of months fill the gaps between them, forwards
 * or backwards (Jan–Dec and December alone give Jan–Nov). Year-to-date figures are taken first:
 * they are what sources print and they carry the revisions of earlier months, which an early
 * single-month estimate does not. Among the other figures shorter runs go first, and the first
 * figure to determine a total keeps it; disagreeing later ones are ignored.
 */
function yearToDateTotals(
  year: number,
  spans: readonly MonthSpan[],
): { year: number; totals: number[] } | HistoryYearProblem {
  // totals[m] is the total through the end of month m; totals[0] = 0 is the start of the year.
  const totals: (number | undefined)[] = [0];
  const pieces: MonthSpan[] = [];
  for (const span of spans) {
    if (span.from === 1) totals[span.to] = span.value;
    else pieces.push(span);
  }
  pieces.sort((a, b) => a.to - a.from - (b.to - b.from) || a.to - b.to || a.from - b.from);
  let changed = true;
  while (changed) {
    changed = false;
    for (const { from, to, value } of pieces) {
      const before = totals[from - 1];
      const after = totals[to];
      if (before !== undefined && after === undefined) totals[to] = before + value;
      else if (before === undefined && after !== undefined) totals[from - 1] = after - value;
      else continue;
      changed = true;
    }
  }

  const missing: number[] = [];
  for (let month = 1; month <= 12; month += 1) {
    if (totals[month] === undefined) missing.push(month);
  }
  if (missing.length > 0) return { year, code: "missing_months", months: missing };
  const known = totals as number[];
  const total = known[12]!;
  if (!Number.isFinite(total) || total <= 0) {
    return { year, code: "unusable_total", total: Number.isFinite(total) ? total : null };
  }
  for (let month = 1; month <= 12; month += 1) {
    // Also catches a non-finite total along the way (an overflowing sum), which never compares.
    if (!(known[month]! >= known[month - 1]!)) return { year, code: "falling_total", month };
  }
  return { year, totals: known.slice(1) };
}

/** "month 8", "months 8–12", "months 1–2, 4–5": runs of months read as ranges. */
function monthList(months: readonly number[]): string {
  const runs: string[] = [];
  let i = 0;
  while (i < months.length) {
    let j = i;
    while (j + 1 < months.length && months[j + 1] === months[j]! + 1) j += 1;
    runs.push(i === j ? `${months[i]}` : `${months[i]}–${months[j]}`);
    i = j + 1;
  }
  return `${months.length === 1 ? "month" : "months"} ${runs.join(", ")}`;
}

function problemText(problem: HistoryYearProblem): string {
  switch (problem.code) {
    case "missing_months":
      return `${problem.year}: no year-to-date total for ${monthList(problem.months)}`;
    case "unusable_total":
      return `${problem.year}: the year's total is not a positive number`;
    case "falling_total":
      return `${problem.year}: the year-to-date total falls in month ${problem.month}`;
  }
}

/**
 * The seasonal profile of an indicator's history as known at asOf, or a linear fallback that
 * says why. `actuals` are all vintages of one flow indicator (a share of the year's total
 * means nothing for a level or a rate, which the engine never phases); only the latest vintage of each
 * period reported on or before asOf counts, so a revision replaces the figure it revises and a
 * figure published later is not seen.
 *
 * A year is complete when it has ended by asOf (a full-year estimate published in late
 * December does not make the year's own December final), every month-end total can be derived
 * (see yearToDateTotals), the total is positive, and the year-to-date total never falls. Figures
 * that do not cover whole calendar months inside one year are not read. The most recent
 * HISTORY_YEARS complete years are used, going further back past incomplete ones, and each year
 * weighs the same: shares are averaged, not totals, so a year of fast growth does not dominate.
 *
 * With `periodStart` (the engine always gives the plan's), only the HISTORY_WINDOW_YEARS
 * calendar years before the year the plan starts are read: a plan's own year never phases
 * itself, and the same plan judged years later still uses the history it had.
 */
export function historyPhasing(
  actuals: readonly ActualInput[],
  asOf: IsoDate,
  periodStart?: IsoDate,
): HistoryPhasing {
  return historyPhasingOfKnown(knownBy(actuals, asOf), asOf, periodStart);
}

/**
 * historyPhasing on figures already known at asOf (knownBy's), for the engine, which has
 * checked every figure once.
 */
export function historyPhasingOfKnown(
  known: readonly ActualInput[],
  asOf: IsoDate,
  periodStart?: IsoDate,
): HistoryPhasing {
  return historyPhasingOfKnownWith(known, asOf, periodStart);
}

function historyPhasingOfKnownWith(
  known: readonly ActualInput[],
  asOf: IsoDate,
  periodStart: IsoDate | undefined,
): HistoryPhasing {
  const asOfParts = parseIsoDate(asOf);
  if (!asOfParts) throw new RangeError(`invalid ISO date: ${JSON.stringify(asOf)}`);
  // A year is over once its December 31 is on or before asOf.
  let lastEndedYear =
    asOfParts.month === 12 && asOfParts.day === 31 ? asOfParts.year : asOfParts.year - 1;
  let firstYear = Number.NEGATIVE_INFINITY;
  if (periodStart !== undefined) {
    const start = parseIsoDate(periodStart);
    if (!start) throw new RangeError(`invalid ISO date: ${JSON.stringify(periodStart)}`);
    lastEndedYear = Math.min(lastEndedYear, start.year - 1);
    firstYear = start.year - HISTORY_WINDOW_YEARS;
  }

  // The latest vintage of each period (latestVintages' rule), keeping only periods of whole
  // months in a year of the window. Whether a period counts depends on its dates alone, so
  // dropping the others first gives the same spans while reading each figure's dates once.
  // The order of a year's spans does not matter: yearToDateTotals sorts them itself.
  const latest = new Map<number, MonthSpan>();
  for (const actual of known) {
    const span = monthSpan(actual);
    if (!span || span.year > lastEndedYear || span.year < firstYear) continue;
    const key = spanKey(span);
    const current = latest.get(key);
    if (!current || isLaterVintage(span.figure, current.figure)) latest.set(key, span);
  }
  return profileOfSpans(latest.values());
}

/**
 * historyPhasingOfKnown on knownFiguresOnDays' figures and the day numbers it read: each
 * figure's months are found from its day numbers, without parsing its dates again. Same
 * answer, same rules.
 */
export function historyPhasingOnDays(
  known: readonly ActualInput[],
  days: FigureDays,
  asOf: IsoDate,
  periodStart: IsoDate,
): HistoryPhasing {
  return historyPhasingOnDayNumbers(known, days, toDayNumber(asOf), toDayNumber(periodStart));
}

/**
 * historyPhasingOnDays for the engine, which has read asOf and the plan's start as day numbers
 * too (and checked them).
 */
export function historyPhasingOnDayNumbers(
  known: readonly ActualInput[],
  days: FigureDays,
  asOfDay: number,
  periodStartDay: number,
): HistoryPhasing {
  const asOfMonth = monthOfDay(asOfDay);
  const asOfYear = Math.floor(asOfMonth / 12);
  // A year is over once its December 31 is on or before asOf: asOf is a December day after
  // which a month starts.
  const yearOver =
    asOfMonth - asOfYear * 12 === 11 && firstDayOfMonth(asOfMonth + 1) === asOfDay + 1;
  const startYear = Math.floor(monthOfDay(periodStartDay) / 12);
  const lastEndedYear = Math.min(yearOver ? asOfYear : asOfYear - 1, startYear - 1);
  const firstYear = startYear - HISTORY_WINDOW_YEARS;

  // As historyPhasingOfKnown, with the window's periods kept in a list rather than a map: a
  // window holds a handful of periods a year, and searching a short list costs less than
  // building and hashing into a map for every plan phased by history. A span is only built
  // for a figure of a year in the window.
  const latest: MonthSpan[] = [];
  for (let i = 0; i < known.length; i += 1) {
    const startDay = days.start[i]!;
    const from = monthOfDay(startDay);
    const year = Math.floor(from / 12);
    if (year > lastEndedYear || year < firstYear) continue;
    const span = monthSpanOnDays(known[i]!, startDay, from, days.end[i]!);
    if (!span) continue;
    const key = spanKey(span);
    let at = 0;
    while (at < latest.length && spanKey(latest[at]!) !== key) at += 1;
    if (at === latest.length) latest.push(span);
    else if (isLaterVintage(span.figure, latest[at]!.figure)) latest[at] = span;
  }
  return profileOfSpans(latest);
}

/** The profile of the latest vintage of each span of months. */
function profileOfSpans(latest: Iterable<MonthSpan>): HistoryPhasing {
  const byYear = new Map<number, MonthSpan[]>();
  for (const span of latest) {
    const spans = byYear.get(span.year);
    if (spans) spans.push(span);
    else byYear.set(span.year, [span]);
  }
  const years = [...byYear.keys()].sort((a, b) => b - a);

  const profiles: number[][] = [];
  const used: number[] = [];
  const skipped: HistoryYearProblem[] = [];
  for (const year of years) {
    if (used.length === HISTORY_YEARS) break;
    const read = yearToDateTotals(year, byYear.get(year)!);
    if ("code" in read) {
      skipped.push(read);
      continue;
    }
    const total = read.totals[11]!;
    profiles.push(read.totals.map((t) => t / total));
    used.push(year);
  }

  if (used.length < MIN_HISTORY_YEARS) {
    const oldestFirst = [...used].reverse();
    const found =
      used.length === 0
        ? "no complete year of history"
        : `only ${used.length} complete year${used.length === 1 ? "" : "s"} of history (${oldestFirst.join(", ")})`;
    const details = skipped.map(problemText);
    return {
      kind: "linear",
      reason:
        `${found}; at least ${MIN_HISTORY_YEARS} are needed for a seasonal profile` +
        (details.length > 0 ? `. Not used: ${details.join("; ")}` : ""),
      completeYears: oldestFirst,
      yearsSkipped: skipped,
    };
  }
  return {
    kind: "history",
    shares: averageShares(profiles),
    yearsUsed: used.reverse(),
    yearsSkipped: skipped,
  };
}

/**
 * Month-by-month mean of the years' cumulative shares. Each year's shares rise from 0 to exactly
 * 1 (total / total), and rounded addition and division keep that order, so the mean rises too;
 * the running maximum and the final 1 only pin that down against any last-ulp surprise.
 */
function averageShares(profiles: readonly number[][]): number[] {
  const shares: number[] = [];
  let previous = 0;
  for (let month = 0; month < 12; month += 1) {
    let sum = 0;
    for (const profile of profiles) sum += profile[month]!;
    const share = month === 11 ? 1 : Math.min(1, Math.max(previous, sum / profiles.length));
    shares.push(share);
    previous = share;
  }
  return shares;
}

/**
 * Monthly weights (January first) whose running sum is the shares: the share each month adds.
 * Non-negative because the shares never fall.
 */
export function historyWeights(shares: readonly number[]): number[] {
  return shares.map((share, i) => Math.max(0, share - (i === 0 ? 0 : shares[i - 1]!)));
}

/**
 * The history as a phasing the engine already understands, so it plugs in where a plan's own
 * phasing goes: its monthly weights, or linear when the history fell back.
 */
export function phasingFromHistory(profile: HistoryPhasing): Phasing {
  return profile.kind === "history"
    ? { kind: "monthly_weights", weights: historyWeights(profile.shares) }
    : { kind: "linear" };
}

/**
 * Fraction of a period's target expected by the end of atDate under the history's profile, in
 * [0, 1]; same contract as expectedFraction. Inside a month the expected share moves linearly
 * by day from the previous month end's share to this one's. A period that is not one calendar
 * year takes the shares of its own months rescaled to its length: a July–June plan expects the
 * second half's share of one year and then the first half's of the next, out of their sum, and
 * a multi-year plan weighs each year the same. A period whose months all added nothing in the
 * history (or a fallback) is phased linearly.
 */
export function historyExpectedFraction(
  period: Pick<PhasedPeriod, "periodStart" | "periodEnd">,
  profile: HistoryPhasing,
  atDate: IsoDate,
): number {
  return expectedFraction({ ...period, phasing: phasingFromHistory(profile) }, atDate);
}

/**
 * The phasing a plan is judged with: its own, or for `history` the profile its evaluation read
 * (linear when that fell back or is not at hand). The chart draws the target path with it.
 */
export function phasingInEffect(
  plan: Pick<PlanInput, "phasing">,
  history: HistoryPhasing | null,
): Phasing {
  if (plan.phasing.kind !== "history") return plan.phasing;
  return history ? phasingFromHistory(history) : { kind: "linear" };
}

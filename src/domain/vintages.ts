// Which reported figure counts: the latest vintage of each period, and the one figure a plan is
// judged on.
import {
  compareIsoDates,
  dayNumberOrNaN,
  isValidIsoDate,
  leadingDayNumberOrNaN,
  leadingDayOfLongText,
  startsWithIsoDate,
} from "./dates";
import type { ActualInput, IsoDate, PlanInput } from "./types";

// reportedAt is compared on its date part, so a full timestamp stored by a caller still works.
export function reportedDate(actual: ActualInput): IsoDate {
  return actual.reportedAt.slice(0, 10);
}

/**
 * Orders two dates already known to be valid: valid ISO dates order as strings, so the hot
 * paths below compare without parsing again (compareIsoDates validates on every call).
 */
export function byDate(a: IsoDate, b: IsoDate): -1 | 0 | 1 {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function isUsable(actual: ActualInput): boolean {
  return (
    Number.isFinite(actual.value) &&
    isValidIsoDate(actual.periodStart) &&
    isValidIsoDate(actual.periodEnd) &&
    startsWithIsoDate(actual.reportedAt) &&
    actual.periodStart <= actual.periodEnd
  );
}

/** reportedDate(actual) <= asOf, without cutting a new string for a plain date. */
export function reportedBy(actual: ActualInput, asOf: IsoDate): boolean {
  const at = actual.reportedAt;
  return (at.length === 10 ? at : at.slice(0, 10)) <= asOf;
}

/** True when a is a later vintage than b: later reportedAt, then higher id. */
export function isLaterVintage(
  a: Pick<ActualInput, "reportedAt" | "id">,
  b: Pick<ActualInput, "reportedAt" | "id">,
): boolean {
  if (a.reportedAt !== b.reportedAt) return a.reportedAt > b.reportedAt;
  return a.id > b.id;
}

/**
 * One figure per (periodStart, periodEnd): the latest vintage by reportedAt, ties broken by the
 * higher id (recorded later). Revisions replace estimates instead of being averaged with them.
 * Unusable rows (invalid dates, non-finite values, reversed periods) are dropped. Sorted by
 * periodEnd, then periodStart.
 */
export function latestVintages<T extends ActualInput>(actuals: readonly T[]): T[] {
  return latestOfUsable(actuals.filter(isUsable));
}

/**
 * The figures a reader could see on asOf: usable rows reported on or before that date. Every
 * judgment that looks back (the figure a plan is judged on, year on year, history phasing)
 * starts from this, so none of them can see a figure published later.
 */
export function knownBy<T extends ActualInput>(actuals: readonly T[], asOf: IsoDate): T[] {
  return actuals.filter((a) => isUsable(a) && reportedBy(a, asOf));
}

/**
 * knownBy for a reader that never changes the list: the given list itself when every figure on
 * it is known, which is the common case (the status query already picks known figures), so
 * evaluating a plan copies nothing.
 */
export function knownFigures<T extends ActualInput>(
  actuals: readonly T[],
  asOf: IsoDate,
): readonly T[] {
  for (let i = 0; i < actuals.length; i += 1) {
    const actual = actuals[i]!;
    if (!isUsable(actual) || !reportedBy(actual, asOf)) {
      // The figures before i are known: copy them and check only the rest, so no figure is
      // checked twice.
      const known = actuals.slice(0, i);
      for (let j = i + 1; j < actuals.length; j += 1) {
        const next = actuals[j]!;
        if (isUsable(next) && reportedBy(next, asOf)) known.push(next);
      }
      return known;
    }
  }
  return actuals;
}

/**
 * Day numbers of the periods of the figures knownFiguresOnDays kept, by position in the list it
 * returned. One pair of buffers reused by every evaluation, grown when a plan brings more
 * figures than any before: an evaluation reads them before the next one starts, and reusing
 * them spares allocating two arrays per plan.
 */
export interface FigureDays {
  start: Float64Array;
  end: Float64Array;
  /** Which of the figures given lookAtFigures saw to be plain (1), by position. */
  plain: Uint8Array;
}

export function figureDays(capacity = 64): FigureDays {
  return {
    start: new Float64Array(capacity),
    end: new Float64Array(capacity),
    plain: new Uint8Array(capacity),
  };
}

/**
 * The first look at a plan's figures: which ones are plain, an object with a finite value, its
 * period's dates strings of ten characters and its reportedAt at least ten. It only reads each
 * figure's fields and their types: a plan's figures and their strings lie scattered in memory,
 * and these reads depend on nothing but the figure, so the processor fetches them all at once.
 * Checking each date as it arrived would wait for memory once per field.
 *
 * It never fails, whatever it is given, so the engine can look at the figures while it still
 * waits for the plan's own dates and still fail on a bad plan before anything else. So it only
 * looks when `days` has room for every figure, and says whether it looked: growing the buffers
 * can fail, and is left to knownFiguresOnDays.
 */
export function lookAtFigures(actuals: readonly ActualInput[], days: FigureDays): boolean {
  if (actuals === null || actuals === undefined || !(actuals.length <= days.plain.length)) {
    return false;
  }
  const plain = days.plain;
  for (let i = 0; i < actuals.length; i += 1) {
    const actual: unknown = actuals[i];
    if (typeof actual !== "object" || actual === null) {
      plain[i] = 0;
      continue;
    }
    const { value, periodStart, periodEnd, reportedAt } = actual as Partial<ActualInput>;
    plain[i] =
      Number.isFinite(value) &&
      typeof periodStart === "string" &&
      periodStart.length === 10 &&
      typeof periodEnd === "string" &&
      periodEnd.length === 10 &&
      typeof reportedAt === "string" &&
      reportedAt.length >= 10
        ? 1
        : 0;
  }
  return true;
}

/**
 * The figures known on asOf, once lookAtFigures has looked at them: a figure that is not plain
 * goes through isUsable's checks in its order, so one it would skip (or throw on) is skipped
 * (or thrown on) here too.
 */
export function knownSeenFigures<T extends ActualInput>(
  actuals: readonly T[],
  asOfDay: number,
  days: FigureDays,
): readonly T[] {
  const starts = days.start;
  const ends = days.end;
  const plain = days.plain;
  let known: T[] | null = null;
  for (let i = 0; i < actuals.length; i += 1) {
    const actual = actuals[i]!;
    let start: number;
    let end: number;
    let usable: boolean;
    if (plain[i] === 1) {
      start = leadingDayOfLongText(actual.periodStart);
      end = leadingDayOfLongText(actual.periodEnd);
      // NaN fails every comparison: an invalid date, a reversed period or a later report all
      // leave the figure out.
      usable =
        !Number.isNaN(start) &&
        !Number.isNaN(end) &&
        leadingDayOfLongText(actual.reportedAt) <= asOfDay &&
        start <= end;
    } else {
      start = Number.isFinite(actual.value) ? dayNumberOrNaN(actual.periodStart) : Number.NaN;
      end = Number.isNaN(start) ? Number.NaN : dayNumberOrNaN(actual.periodEnd);
      usable =
        !Number.isNaN(end) && leadingDayNumberOrNaN(actual.reportedAt) <= asOfDay && start <= end;
    }
    if (usable) {
      // Until a figure is left out, the list itself is the known one (the common case: the
      // status query already picks known figures) and nothing is copied.
      const at = known === null ? i : known.length;
      starts[at] = start;
      ends[at] = end;
      if (known !== null) known.push(actual);
    } else if (known === null) {
      known = actuals.slice(0, i);
    }
  }
  return known ?? actuals;
}

/**
 * knownFigures for the engine, which compares the figures' periods many times per plan: each
 * figure's dates are checked and read as day numbers in one go, left in `days`, and compared as
 * numbers from then on, instead of checked here and parsed again by each later step.
 *
 * The same figures as knownFigures: for valid ISO dates, ordering day numbers is ordering the
 * strings, so `periodStart <= periodEnd` and `reportedAt` on or before asOf judge alike.
 */
export function knownFiguresOnDays<T extends ActualInput>(
  actuals: readonly T[],
  asOfDay: number,
  days: FigureDays,
): readonly T[] {
  if (days.start.length < actuals.length) {
    const capacity = Math.max(actuals.length, days.start.length * 2);
    days.start = new Float64Array(capacity);
    days.end = new Float64Array(capacity);
    days.plain = new Uint8Array(capacity);
  }
  lookAtFigures(actuals, days);
  return knownSeenFigures(actuals, asOfDay, days);
}

/**
 * selectFromUsable on knownFiguresOnDays' figures and days: the index of the figure a plan is
 * judged on, or −1. The same choice, compared on day numbers.
 */
export function selectOnDays(
  measure: PlanInput["measure"],
  planStartDay: number,
  planEndDay: number,
  known: readonly ActualInput[],
  days: FigureDays,
): number {
  const starts = days.start;
  const ends = days.end;
  let best = -1;
  for (let i = 0; i < known.length; i += 1) {
    const end = ends[i]!;
    if (end > planEndDay || end < planStartDay) continue;
    if (measure !== "level" && starts[i] !== planStartDay) continue;
    if (best < 0) {
      best = i;
      continue;
    }
    const bestEnd = ends[best]!;
    if (end > bestEnd) best = i;
    else if (end === bestEnd) {
      const actual = known[i]!;
      const current = known[best]!;
      if (isLaterVintage(actual, current)) best = i;
      else if (!isLaterVintage(current, actual) && starts[i]! < starts[best]!) best = i;
    }
  }
  return best;
}

/** One figure per period as known on asOf: latestVintages of what was reported by then. */
export function latestKnownVintages<T extends ActualInput>(
  actuals: readonly T[],
  asOf: IsoDate,
): T[] {
  return latestOfUsable(knownBy(actuals, asOf));
}

/**
 * A number naming a usable figure's period: its start's day number and its length, which fit
 * one double exactly (|start| < 2^22, length < 2^22). A number rather than a "start/end" string,
 * so grouping an indicator's figures builds no string per figure.
 */
function periodKey(actual: ActualInput): number {
  const start = dayNumberOrNaN(actual.periodStart);
  return start * 4_194_304 + (dayNumberOrNaN(actual.periodEnd) - start);
}

function latestOfUsable<T extends ActualInput>(usable: readonly T[]): T[] {
  const latest = new Map<number, T>();
  for (const actual of usable) {
    const key = periodKey(actual);
    const current = latest.get(key);
    if (!current || isLaterVintage(actual, current)) latest.set(key, actual);
  }
  return [...latest.values()].sort(
    (a, b) => byDate(a.periodEnd, b.periodEnd) || byDate(a.periodStart, b.periodStart),
  );
}

/**
 * The figure a plan is judged on (latest vintage of its period), or null.
 * flow and rate: cumulative-from-start figures only (periodStart = plan.periodStart), the one
 * reaching furthest without passing plan.periodEnd; a single-month figure says nothing about
 * the year-to-date total. level: the figure with the latest periodEnd inside the plan period,
 * whatever its start; equal ends go to the later vintage.
 */
export function selectActual(
  plan: Pick<PlanInput, "measure" | "periodStart" | "periodEnd">,
  actuals: readonly ActualInput[],
): ActualInput | null {
  // Throws RangeError on an invalid plan date, as the engine's entry points do.
  compareIsoDates(plan.periodStart, plan.periodEnd);
  return selectFromUsable(plan, actuals.filter(isUsable));
}

export function selectFromUsable(
  plan: Pick<PlanInput, "measure" | "periodStart" | "periodEnd">,
  usable: readonly ActualInput[],
): ActualInput | null {
  // One pass, no grouping: the latest vintage of the furthest-reaching period is also the
  // latest vintage among every figure ending there. Exact ties (same end, reportedAt and id)
  // go to the earlier start, then to the first given, as grouping and sorting by start would.
  let best: ActualInput | null = null;
  for (const actual of usable) {
    if (actual.periodEnd > plan.periodEnd || actual.periodEnd < plan.periodStart) continue;
    if (plan.measure !== "level" && actual.periodStart !== plan.periodStart) continue;
    if (!best) {
      best = actual;
      continue;
    }
    const order = byDate(actual.periodEnd, best.periodEnd);
    if (order > 0) best = actual;
    else if (order === 0) {
      if (isLaterVintage(actual, best)) best = actual;
      else if (!isLaterVintage(best, actual) && actual.periodStart < best.periodStart) {
        best = actual;
      }
    }
  }
  return best;
}

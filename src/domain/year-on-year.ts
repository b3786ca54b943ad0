// Growth on the same period of the previous year ("tăng 32,01% so với cùng kỳ năm 2023"): the
// figure Vietnamese bulletins print beside "% of plan", and the one readers check first. It is
// recomputed from the two stored figures and held against the printed rate, the way attainment
// is held against the printed "% of plan".

import { fromDayNumber, isValidIsoDate, oneYearEarlierDay, toDayNumber } from "./dates";
import { finiteOrNull } from "./numbers";
import { PRINTED_RATIO_TOLERANCE, printedRatioMismatch } from "./printed-ratios";
import type {
  ActualInput,
  IsoDate,
  PeriodRange,
  PriorYearFigure,
  YearOnYear,
  YearOnYearWarning,
} from "./types";
import { type FigureDays, isLaterVintage, isUsable, reportedBy } from "./vintages";
import type { Measure } from "./vocabulary";

/** The allowance printed attainment gets too: both are ratios printed to two decimals. */
export const YOY_MISMATCH_TOLERANCE = PRINTED_RATIO_TOLERANCE;

export type { PeriodRange, PriorYearFigure, YearOnYear, YearOnYearWarning };

/**
 * The same date one year earlier. A month's last day maps to that month's last day, so
 * 2024-02-29 → 2023-02-28 and 2025-02-28 → 2024-02-29: "Jan–Feb" stays Jan–Feb in both years.
 * Any other day keeps its number (only Feb 29 could be missing a year earlier, and it is a
 * month end). Null when the year before is outside 0000–9999.
 */
function oneYearEarlier(date: IsoDate): IsoDate | null {
  const earlier = oneYearEarlierDay(toDayNumber(date));
  // Through the day number: fromDayNumber shares one string per date across evaluations.
  return Number.isNaN(earlier) ? null : fromDayNumber(earlier);
}

/**
 * The same period one year earlier, both ends shifted by a year with month ends kept as month
 * ends: Jan–Feb 2024 (2024-01-01..2024-02-29) → 2023-01-01..2023-02-28. Statistics offices
 * compare with the same calendar period, so the prior period may be a day shorter or longer
 * across a leap year. Null before year 0001. Throws RangeError on an invalid date.
 */
export function samePeriodLastYear(period: PeriodRange): PeriodRange | null {
  const periodStart = oneYearEarlier(period.periodStart);
  const periodEnd = oneYearEarlier(period.periodEnd);
  if (periodStart === null || periodEnd === null) return null;
  return { periodStart, periodEnd };
}

/**
 * Growth of current over prior: current ÷ prior − 1, or null when it has no meaning or does not
 * fit in a double. A prior of zero or below gives null: growth on a negative base (a deficit)
 * flips sign and reads backwards, and bulletins do not print one.
 */
export function growthRate(current: number, prior: number): number | null {
  if (!Number.isFinite(current) || !Number.isFinite(prior) || prior <= 0) return null;
  const ratio = current / prior;
  return Number.isFinite(ratio) ? ratio - 1 : null;
}

/**
 * The prior-year value a printed growth implies: current ÷ (1 + growth). Null when the growth is
 * −100% or worse (it would imply a prior of zero or below) or the result overflows.
 */
export function impliedPriorValue(current: number, printedGrowth: number): number | null {
  if (!Number.isFinite(current) || !Number.isFinite(printedGrowth)) return null;
  const base = 1 + printedGrowth;
  if (!(base > 0)) return null;
  // + 0 turns −0 (a current of −0) into 0, which serialises the same everywhere.
  return finiteOrNull(current / base + 0);
}

/**
 * A warning when the printed growth and the computed one differ by more than 0.05 percentage
 * points, else null: the same rule, and the same shape, as the attainment warning.
 */
export function yoyMismatch(reported: number, computed: number): YearOnYearWarning | null {
  return printedRatioMismatch("reported_yoy_mismatch", reported, computed);
}

/**
 * The latest vintage of exactly this period known at asOf, by the engine's own rules
 * (vintages.ts): usable rows reported by then, later reportedAt first, then the higher id. A
 * walk rather than latestKnownVintages, which builds and sorts a map of every period: this
 * runs for every plan of every evaluation, over all of an indicator's figures on a plan page.
 */
function latestVintageOf(
  actuals: readonly ActualInput[],
  period: PeriodRange,
  asOf: IsoDate | null,
): ActualInput | undefined {
  let latest: ActualInput | undefined;
  for (const actual of actuals) {
    if (actual.periodStart !== period.periodStart || actual.periodEnd !== period.periodEnd)
      continue;
    // A null asOf: the caller gives only figures already known (knownBy), checked once.
    if (asOf !== null && (!isUsable(actual) || !reportedBy(actual, asOf))) continue;
    if (!latest || isLaterVintage(actual, latest)) latest = actual;
  }
  return latest;
}

/**
 * Year-on-year growth of the figure an evaluation uses (`current`), against the same indicator's
 * figure for the same period one year earlier as it was known at asOf: the latest vintage
 * reported on or before asOf, so re-running a past date reproduces what a reader saw then. Only
 * a figure for exactly the shifted period counts; pieces are never summed into it, since the
 * source compared against its own figure for that period, revisions included.
 *
 * `actuals` are all vintages of the indicator (the current figure may be among them); rows with
 * invalid dates or non-finite values are skipped as the engine skips them.
 *
 * Returns null for rate measures: their figure already is a growth rate, usually itself on the
 * same period last year (the industrial production index "up 10.16% over the same period"), and
 * the growth of a growth rate is not a figure anyone publishes or reads.
 */
export function yearOnYear(
  measure: Measure,
  current: ActualInput,
  actuals: readonly ActualInput[],
  asOf: IsoDate,
): YearOnYear | null {
  if (measure === "rate") return null;
  if (!isValidIsoDate(asOf)) throw new RangeError(`invalid ISO date: ${JSON.stringify(asOf)}`);
  return yearOnYearOfKnown(measure, current, actuals, asOf);
}

/**
 * yearOnYear on figures already known at the evaluation date (knownBy), for the engine, which
 * has checked every figure once: `asOf` null skips checking them again.
 */
export function yearOnYearOfKnown(
  measure: Measure,
  current: ActualInput,
  actuals: readonly ActualInput[],
  asOf: IsoDate | null,
): YearOnYear | null {
  if (measure === "rate") return null;
  const priorPeriod = samePeriodLastYear(current);
  const match = priorPeriod === null ? undefined : latestVintageOf(actuals, priorPeriod, asOf);
  return yearOnYearOf(current, priorPeriod, match);
}

/**
 * yearOnYearOfKnown for the engine, on knownFiguresOnDays' figures and the day numbers it read:
 * the prior period is shifted and matched as day numbers, so no date is parsed again. The
 * current figure's period is given as day numbers too. Same answer, same rules.
 */
export function yearOnYearOnDays(
  measure: Measure,
  current: ActualInput,
  currentStartDay: number,
  currentEndDay: number,
  known: readonly ActualInput[],
  days: FigureDays,
): YearOnYear | null {
  if (measure === "rate") return null;
  const priorStart = oneYearEarlierDay(currentStartDay);
  const priorEnd = oneYearEarlierDay(currentEndDay);
  if (Number.isNaN(priorStart) || Number.isNaN(priorEnd)) return yearOnYearOf(current, null);
  const starts = days.start;
  const ends = days.end;
  let match: ActualInput | undefined;
  for (let i = 0; i < known.length; i += 1) {
    if (starts[i] !== priorStart || ends[i] !== priorEnd) continue;
    const actual = known[i]!;
    if (!match || isLaterVintage(actual, match)) match = actual;
  }
  // fromDayNumber shares one string per date across evaluations.
  const priorPeriod = {
    periodStart: fromDayNumber(priorStart),
    periodEnd: fromDayNumber(priorEnd),
  };
  return yearOnYearOf(current, priorPeriod, match);
}

/** The year-on-year reading of `current` against the prior period's figure, when one is known. */
function yearOnYearOf(
  current: ActualInput,
  priorPeriod: PeriodRange | null,
  match?: ActualInput,
): YearOnYear {
  const reported =
    typeof current.reportedYoy === "number" && Number.isFinite(current.reportedYoy)
      ? current.reportedYoy
      : null;
  const result: YearOnYear = {
    priorPeriod,
    prior: null,
    growth: null,
    reported,
    impliedPrior: null,
    warning: null,
  };

  if (match === undefined) {
    result.impliedPrior = reported === null ? null : impliedPriorValue(current.value, reported);
    return result;
  }

  result.prior = {
    actualId: match.id,
    value: match.value,
    periodStart: match.periodStart,
    periodEnd: match.periodEnd,
    status: match.status,
    reportedAt: match.reportedAt,
  };
  result.growth = growthRate(current.value, match.value);
  if (reported !== null && result.growth !== null) {
    result.warning = yoyMismatch(reported, result.growth);
  }
  return result;
}

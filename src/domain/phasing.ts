// How much of a period's target should be in hand by a given day.
// Reported figures are cumulative through the end of a day ("Jan–Sep" = through Sep 30), so
// the fraction is inclusive of atDate: a whole 2024 plan expects 274/366 by 2024-09-30.

import { compareIsoDates, daysInclusive, daysInMonth, parseIsoDate } from "./dates";
import type { IsoDate, Phasing, PlanInput } from "./types";

export type PhasedPeriod = Pick<PlanInput, "periodStart" | "periodEnd" | "phasing">;

/**
 * Describes why a phasing cannot be used, or null when it is fine. Monthly weights need twelve
 * finite, non-negative numbers (January first) with a positive sum; they need not sum to 1.
 */
export function phasingProblem(phasing: Phasing): string | null {
  // History is read into weights by the engine before it phases anything (history-phasing.ts).
  if (phasing.kind !== "monthly_weights") return null;
  const { weights } = phasing;
  if (weights.length !== 12) return `monthly_weights needs 12 weights, got ${weights.length}`;
  if (weights.some((w) => !Number.isFinite(w) || w < 0)) {
    return "monthly weights must be finite and non-negative";
  }
  if (!weights.some((w) => w > 0)) return "monthly weights must not all be zero";
  return null;
}

/**
 * Weight accrued over the inclusive range [from, to]: each day of month m carries
 * weights[m] / daysInMonth(m). Months are summed left to right and a fully covered month adds
 * its weight exactly, so the running total never dips by a rounding error at month ends
 * (keeps the fraction monotone in the date).
 */
function accruedWeight(weights: readonly number[], from: IsoDate, to: IsoDate): number {
  const start = parseIsoDate(from);
  const end = parseIsoDate(to);
  if (!start) throw new RangeError(`invalid ISO date: ${from}`);
  if (!end) throw new RangeError(`invalid ISO date: ${to}`);
  // Walks the months on integers: this runs twice per seasonal plan in every evaluation.
  let total = 0;
  let { year, month, day } = start;
  while (
    year < end.year ||
    (year === end.year && (month < end.month || (month === end.month && day <= end.day)))
  ) {
    const monthDays = daysInMonth(year, month);
    const lastDay = year === end.year && month === end.month ? end.day : monthDays;
    const weight = weights[month - 1] ?? 0;
    const covered = lastDay - day + 1;
    total += covered === monthDays ? weight : (weight * covered) / monthDays;
    day = 1;
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
  return total;
}

function linearFraction(periodStart: IsoDate, periodEnd: IsoDate, atDate: IsoDate): number {
  return daysInclusive(periodStart, atDate) / daysInclusive(periodStart, periodEnd);
}

/**
 * Fraction of the period's target expected by the end of atDate, in [0, 1].
 * linear: days elapsed (inclusive) over days in the period.
 * monthly_weights: weight accrued through atDate over the weight of the whole period, which
 * works for quarters, part-years and multi-year periods alike. Unusable weights (see
 * phasingProblem) or a period whose months all weigh zero fall back to linear, since no
 * seasonal profile is better than a division by zero. `history` must be turned into weights
 * first (phasingFromHistory); given as is, it reads as linear.
 */
export function expectedFraction(plan: PhasedPeriod, atDate: IsoDate): number {
  const { periodStart, periodEnd, phasing } = plan;
  if (compareIsoDates(periodEnd, periodStart) < 0) {
    throw new RangeError(`period ends before it starts: ${periodStart}..${periodEnd}`);
  }
  if (compareIsoDates(atDate, periodStart) < 0) return 0;
  if (compareIsoDates(atDate, periodEnd) >= 0) return 1;

  let fraction: number;
  if (phasing.kind === "monthly_weights" && phasingProblem(phasing) === null) {
    const total = accruedWeight(phasing.weights, periodStart, periodEnd);
    fraction =
      total > 0
        ? accruedWeight(phasing.weights, periodStart, atDate) / total
        : linearFraction(periodStart, periodEnd, atDate);
  } else {
    fraction = linearFraction(periodStart, periodEnd, atDate);
  }
  return Math.min(1, Math.max(0, fraction));
}

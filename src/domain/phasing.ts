// How much of a period's target should be in hand by a given day.
// Reported figures are cumulative through the end of a day ("Jan–Sep" = through Sep 30), so
// the fraction is inclusive of atDate: a whole 2024 plan expects 274/366 by 2024-09-30.

import { firstDayOfMonth, monthOfDay, toDayNumber } from "./dates";
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
  // A loop rather than two some() calls: every seasonal plan is checked on every evaluation.
  let anyPositive = false;
  for (const w of weights) {
    if (!Number.isFinite(w) || w < 0) return "monthly weights must be finite and non-negative";
    if (w > 0) anyPositive = true;
  }
  if (!anyPositive) return "monthly weights must not all be zero";
  return null;
}

/**
 * Weight accrued over the inclusive range [startDay, endDay] of day numbers: each day of month
 * m carries weights[m] / its number of days. Months are summed left to right and a fully
 * covered month adds its weight exactly, so the running total never dips by a rounding error
 * at month ends (keeps the fraction monotone in the date).
 */
function accruedWeight(weights: readonly number[], startDay: number, endDay: number): number {
  // Walks the months on month numbers and their first days, without a DateParts per end:
  // this runs twice per seasonal plan in every evaluation.
  let total = 0;
  let month = monthOfDay(startDay);
  const lastMonth = monthOfDay(endDay);
  let day = startDay;
  while (day <= endDay) {
    const first = firstDayOfMonth(month);
    const next = firstDayOfMonth(month + 1);
    const monthDays = next - first;
    const lastDay = month === lastMonth ? endDay : next - 1;
    const weight = weights[month - Math.floor(month / 12) * 12] ?? 0;
    const covered = lastDay - day + 1;
    total += covered === monthDays ? weight : (weight * covered) / monthDays;
    day = next;
    month += 1;
  }
  return total;
}

/** Days elapsed (inclusive) over days in the period, on day numbers. */
function linearFraction(startDay: number, endDay: number, atDay: number): number {
  return (atDay - startDay + 1) / (endDay - startDay + 1);
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
  const endDay = toDayNumber(periodEnd);
  const startDay = toDayNumber(periodStart);
  if (endDay < startDay) {
    throw new RangeError(`period ends before it starts: ${periodStart}..${periodEnd}`);
  }
  return expectedFractionOnDays(phasing, startDay, endDay, toDayNumber(atDate));
}

/**
 * expectedFraction on day numbers the caller has already read and checked (the period's end not
 * before its start): the engine reads each date once per plan.
 */
export function expectedFractionOnDays(
  phasing: Phasing,
  startDay: number,
  endDay: number,
  atDay: number,
): number {
  if (atDay < startDay) return 0;
  if (atDay >= endDay) return 1;

  let fraction: number;
  if (phasing.kind === "monthly_weights" && phasingProblem(phasing) === null) {
    const total = accruedWeight(phasing.weights, startDay, endDay);
    fraction =
      total > 0
        ? accruedWeight(phasing.weights, startDay, atDay) / total
        : linearFraction(startDay, endDay, atDay);
  } else {
    fraction = linearFraction(startDay, endDay, atDay);
  }
  return Math.min(1, Math.max(0, fraction));
}

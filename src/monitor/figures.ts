// From an engine evaluation to what the monitor stores and compares.

import type { Observation } from "../domain/alert-transitions";
import { addDays, compareIsoDates } from "../domain/dates";
import { PUBLICATION_LAG_DAYS, STALE_GRACE_DAYS } from "../domain/evaluate";
import type { Evaluation, IsoDate } from "../domain/types";
import type { Cadence } from "../domain/vocabulary";
import type { EvaluationFigures } from "../schemas/event";

export function figuresOf(evaluation: Evaluation, planRevision: number): EvaluationFigures {
  const actual = evaluation.actual;
  return {
    as_of: evaluation.asOf,
    status: evaluation.status,
    plan_revision: planRevision,
    attainment: evaluation.attainment,
    expected_fraction: evaluation.expectedFraction,
    expected_to_date: evaluation.expectedToDate,
    pace: evaluation.pace,
    projection: evaluation.projection,
    projected_attainment: evaluation.projectedAttainment,
    months_remaining: evaluation.monthsRemaining,
    required_monthly_rate: evaluation.requiredMonthlyRate,
    gap_pp: evaluation.gapPp,
    actual: actual
      ? {
          id: actual.id,
          value: actual.value,
          period_start: actual.periodStart,
          period_end: actual.periodEnd,
          status: actual.status,
          reported_at: actual.reportedAt,
        }
      : null,
    freshness: {
      last_period_end: evaluation.freshness.lastPeriodEnd,
      next_due: evaluation.freshness.nextDue,
      stale_after: evaluation.freshness.staleAfter,
      stale: evaluation.freshness.stale,
    },
  };
}

/**
 * Identifies what the figures say, leaving out the evaluation date: the same figures seen on
 * a later day are not a change worth a snapshot. Keys are written in a fixed order above, so
 * JSON.stringify is canonical.
 */
export function figuresKey(figures: EvaluationFigures): string {
  const { as_of: _asOf, ...rest } = figures;
  return JSON.stringify(rest);
}

/** Figures for the period can still arrive until its last figure is due, plus the grace period. */
export function isWatched(plan: { periodEnd: IsoDate; cadence: Cadence }, asOf: IsoDate): boolean {
  const lastDue = addDays(plan.periodEnd, PUBLICATION_LAG_DAYS[plan.cadence] + STALE_GRACE_DAYS);
  return compareIsoDates(asOf, lastDue) <= 0;
}

export function observe(
  evaluation: Evaluation,
  figures: EvaluationFigures,
  plan: { periodEnd: IsoDate; cadence: Cadence },
): Observation {
  return {
    status: evaluation.status,
    stale: evaluation.freshness.stale,
    figuresKey: figuresKey(figures),
    watched: isWatched(plan, evaluation.asOf),
  };
}

import type { EvaluationSummary } from "../domain/evaluate";
import type { Freshness } from "../domain/types";
import { STATUSES } from "../domain/vocabulary";
import type { EvaluatedPlan } from "../evaluation/evaluate";
import {
  type EvaluationOut,
  FIGURES,
  type FigureValues,
  type PlanStatusOut,
} from "../schemas/evaluation";
import type { EvaluationFigures } from "../schemas/event";
import { actualOut } from "./actual";
import { indicatorOut } from "./indicator";
import { planOut } from "./plan";

/** Every figure of the catalogue, in its order. */
export function figureValues(evaluated: Pick<EvaluatedPlan, "evaluation">): FigureValues {
  return Object.fromEntries(
    FIGURES.map((f) => [f.key, f.read(evaluated.evaluation)]),
  ) as FigureValues;
}

function freshnessOut(freshness: Freshness): EvaluationOut["freshness"] {
  return {
    last_period_end: freshness.lastPeriodEnd,
    next_due: freshness.nextDue,
    stale_after: freshness.staleAfter,
    stale: freshness.stale,
  };
}

export function evaluationOut(evaluated: EvaluatedPlan): EvaluationOut {
  const e = evaluated.evaluation;
  return {
    plan_id: e.planId,
    as_of: e.asOf,
    status: e.status,
    ...figureValues(evaluated),
    progress: e.progress
      ? {
          label: e.progress.label,
          observed_cagr: e.progress.observedCagr,
          required_cagr: e.progress.requiredCagr,
          ratio: e.progress.ratio,
        }
      : null,
    freshness: freshnessOut(e.freshness),
    warnings: e.warnings.map((w) => ({
      code: w.code,
      reported: w.reported,
      computed: w.computed,
      difference_pp: w.differencePp,
    })),
    actual: evaluated.actual ? actualOut(evaluated.actual) : null,
  };
}

/** One entry of GET /api/status. */
export function planStatusOut(evaluated: EvaluatedPlan): PlanStatusOut {
  return {
    plan: planOut(evaluated.plan),
    indicator: indicatorOut(evaluated.indicator),
    evaluation: evaluationOut(evaluated),
  };
}

/** The count by status of GET /api/status: the total, the stale ones, then each status. */
export function summaryOut(counts: EvaluationSummary): Record<string, number> {
  const summary: Record<string, number> = { total: counts.total, stale: counts.stale };
  for (const status of STATUSES) summary[status] = counts[status];
  return summary;
}

/** The figures the monitor stores with each event and sends in webhooks. */
export function figuresOut(evaluated: EvaluatedPlan): EvaluationFigures {
  const e = evaluated.evaluation;
  const actual = e.actual;
  return {
    as_of: e.asOf,
    status: e.status,
    plan_revision: evaluated.plan.revision,
    ...figureValues(evaluated),
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
    freshness: freshnessOut(e.freshness),
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

import type { EvaluationSummary } from "../domain/evaluate";
import type {
  EvaluationWarning,
  Freshness,
  HistoryPhasing,
  HistoryYearProblem,
  YearOnYear,
} from "../domain/types";
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
  // A loop, not Object.fromEntries(map(...)): this runs for every plan of every status answer.
  const values: Partial<Record<string, number | null>> = {};
  for (const figure of FIGURES) values[figure.key] = figure.read(evaluated.evaluation);
  return values as FigureValues;
}

function freshnessOut(freshness: Freshness): EvaluationOut["freshness"] {
  return {
    last_period_end: freshness.lastPeriodEnd,
    next_due: freshness.nextDue,
    stale_after: freshness.staleAfter,
    stale: freshness.stale,
  };
}

function warningsOut(warnings: readonly EvaluationWarning[]): EvaluationOut["warnings"] {
  return warnings.map((w) => ({
    code: w.code,
    reported: w.reported,
    computed: w.computed,
    difference_pp: w.differencePp,
  }));
}

function yearOnYearOut(yoy: YearOnYear | null): EvaluationOut["year_on_year"] {
  if (!yoy) return null;
  const { prior, priorPeriod } = yoy;
  return {
    prior_period: priorPeriod
      ? { start: priorPeriod.periodStart, end: priorPeriod.periodEnd }
      : null,
    prior: prior
      ? {
          id: prior.actualId,
          value: prior.value,
          period_start: prior.periodStart,
          period_end: prior.periodEnd,
          status: prior.status,
          reported_at: prior.reportedAt,
        }
      : null,
    reported: yoy.reported,
    implied: yoy.impliedPrior !== null,
  };
}

function skippedYearOut(problem: HistoryYearProblem) {
  const months =
    problem.code === "missing_months"
      ? problem.months
      : problem.code === "falling_total"
        ? [problem.month]
        : [];
  return { year: problem.year, code: problem.code, months };
}

function historyOut(history: HistoryPhasing | null): EvaluationOut["history_phasing"] {
  if (!history) return null;
  const used = history.kind === "history";
  return {
    kind: history.kind,
    years_used: used ? history.yearsUsed : history.completeYears,
    shares: used ? history.shares : null,
    fallback_reason: used ? null : history.reason,
    years_skipped: history.yearsSkipped.map(skippedYearOut),
  };
}

export function evaluationOut(evaluated: EvaluatedPlan): EvaluationOut {
  const e = evaluated.evaluation;
  return {
    plan_id: e.planId,
    as_of: e.asOf,
    status: e.status,
    last_reading: e.lastReading,
    ...figureValues(evaluated),
    progress: e.progress
      ? {
          label: e.progress.label,
          observed_cagr: e.progress.observedCagr,
          required_cagr: e.progress.requiredCagr,
          ratio: e.progress.ratio,
        }
      : null,
    year_on_year: yearOnYearOut(e.yearOnYear),
    history_phasing: historyOut(e.history),
    freshness: freshnessOut(e.freshness),
    warnings: warningsOut(e.warnings),
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
    last_reading: e.lastReading,
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
    warnings: warningsOut(e.warnings),
  };
}

/**
 * Figures stored with an event or a snapshot before a figure joined the catalogue lack its
 * key: read them back with the catalogue's keys all present (null when unknown then), so
 * every answer has the shape its schema promises.
 */
export function storedFigures(stored: EvaluationFigures): EvaluationFigures {
  const defaults: Partial<EvaluationFigures> = {
    last_reading: null,
    warnings: [],
    ...Object.fromEntries(FIGURES.map((f) => [f.key, null])),
  };
  return { ...defaults, ...stored };
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

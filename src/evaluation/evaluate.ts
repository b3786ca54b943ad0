// Stored rows → evaluated plans. The one place outside src/domain that runs the engine: the
// status endpoint, a plan's evaluation, the pages, /metrics and the cron all come through
// here, so they can never judge the same plan differently.
import type { Db } from "../db/client";
import { loadPlanRows, type PlanFigureRow, type PlanRowFilter } from "../db/queries/plan-rows";
import type { ActualRow, IndicatorRow, PlanRow } from "../db/schema";
import { type EvaluationSummary, evaluatePlan, summarize } from "../domain/evaluate";
import type { Evaluation, PlanInput } from "../domain/types";
import { actualInput, planInput } from "./engine-input";

export interface EvaluatedPlan {
  plan: PlanRow;
  indicator: IndicatorRow;
  /** The plan as the engine read it: phasing, thresholds and baseline as objects. */
  input: PlanInput;
  /** The stored figure the evaluation is based on, or null. */
  actual: ActualRow | null;
  evaluation: Evaluation;
}

/**
 * Evaluates one plan on the figures the database picked for it: the figure it is judged on,
 * the prior-year one and any history (plan-rows.ts picks by the engine's own rules, and the
 * engine applies them again to what it receives).
 */
export function evaluateRow(row: PlanFigureRow, asOf: string): EvaluatedPlan {
  const input = planInput(row.plan, row.indicator);
  const figures = [row.actual, row.prior, ...row.history].flatMap((figure) =>
    figure ? [actualInput(figure)] : [],
  );
  const evaluation = evaluatePlan(input, figures, asOf);
  return {
    plan: row.plan,
    indicator: row.indicator,
    input,
    actual: evaluation.actual ? row.actual : null,
    evaluation,
  };
}

export function evaluateRows(rows: readonly PlanFigureRow[], asOf: string): EvaluatedPlan[] {
  return rows.map((row) => evaluateRow(row, asOf));
}

/** Plans matching the filter, evaluated as of `filter.asOf`, in ONE D1 round trip. */
export async function loadEvaluatedPlans(
  db: Db,
  filter: PlanRowFilter,
): Promise<{ dataVersion: number; plans: EvaluatedPlan[] }> {
  const { dataVersion, rows } = await loadPlanRows(db, filter);
  return { dataVersion, plans: evaluateRows(rows, filter.asOf) };
}

/** Plans by status, stale ones, and the total. */
export function countByStatus(plans: readonly EvaluatedPlan[]): EvaluationSummary {
  return summarize(plans.map((p) => p.evaluation));
}

/**
 * Evaluates a plan on a set of stored vintages, the engine choosing the figure, last year's
 * and the history itself: for judging a target on figures a write would add, before it is made.
 */
export function evaluateWithVintages(
  plan: PlanRow,
  indicator: IndicatorRow,
  vintages: readonly ActualRow[],
  asOf: string,
): EvaluatedPlan {
  const input = planInput(plan, indicator);
  const evaluation = evaluatePlan(input, vintages.map(actualInput), asOf);
  const actual = vintages.find((v) => v.id === evaluation.actual?.id) ?? null;
  return { plan, indicator, input, actual, evaluation };
}

// Stored rows → evaluated plans. The one place outside src/domain that runs the engine: the
// status endpoint, a plan's evaluation, the pages, /metrics and the cron all come through
// here, so they can never judge the same plan differently.
import type { Db } from "../db/client";
import {
  byAreaIndicatorPeriod,
  loadPlanRows,
  type PlanFigureRow,
  type PlanRowFilter,
  type PlanWindow,
} from "../db/queries/plan-rows";
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

/**
 * A window of plans (by id, after a key) evaluated, in ONE D1 round trip; `more` says whether
 * the window was full, so a next one may follow.
 */
export async function loadEvaluatedWindow(
  db: Db,
  filter: PlanRowFilter,
  window: PlanWindow,
): Promise<{ dataVersion: number; plans: EvaluatedPlan[]; more: boolean }> {
  const { dataVersion, rows } = await loadPlanRows(db, filter, window);
  return {
    dataVersion,
    plans: evaluateRows(rows, filter.asOf),
    more: rows.length === window.limit,
  };
}

/**
 * Every plan matching the filter evaluated, when there are at most `max`; null (and nothing
 * evaluated) when there are more. Reads at most max + 1 plans, so asking costs no more memory
 * than answering would.
 */
export async function loadEvaluatedUpTo(
  db: Db,
  filter: PlanRowFilter,
  max: number,
): Promise<{ dataVersion: number; plans: EvaluatedPlan[] } | null> {
  const { dataVersion, rows } = await loadPlanRows(db, filter, { after: null, limit: max + 1 });
  if (rows.length > max) return null;
  // The window lists plans by id; the whole answer lists them by area, indicator and period.
  rows.sort(byAreaIndicatorPeriod);
  return { dataVersion, plans: evaluateRows(rows, filter.asOf) };
}

/**
 * The count by status of every plan matching the filter, evaluated `chunk` plans at a time, so
 * memory stays that of one chunk whatever the number of plans: one D1 round trip per chunk.
 * The data version is the first chunk's; a write between two chunks shows in the next poll.
 */
export async function countAllByStatus(
  db: Db,
  filter: PlanRowFilter,
  chunk: number,
): Promise<{ dataVersion: number; summary: EvaluationSummary }> {
  const counts = summarize([]);
  let dataVersion: number | null = null;
  let after: string | null = null;
  for (;;) {
    const page = await loadEvaluatedWindow(db, filter, { after, limit: chunk });
    dataVersion ??= page.dataVersion;
    const part = summarize(page.plans.map((p) => p.evaluation));
    for (const key of Object.keys(counts) as (keyof EvaluationSummary)[]) counts[key] += part[key];
    const last = page.plans[page.plans.length - 1];
    if (!page.more || !last) break;
    after = last.plan.id;
  }
  return { dataVersion: dataVersion ?? 0, summary: counts };
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

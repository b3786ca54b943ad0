import type { z } from "@hono/zod-openapi";
import { actualForEngine, actualOut, indicatorOut, planForEngine, planOut } from "../db/mappers";
import type { StatusRows } from "../db/queries/status";
import { evaluatePlan } from "../domain/evaluate";
import type { EvaluationSchema, PlanStatusSchema } from "../schemas/evaluation";

type StatusRow = StatusRows["rows"][number];

/** Runs the engine on one plan and presents the result in the API's snake_case shape. */
export function evaluateRow(row: StatusRow, asOf: string): z.infer<typeof PlanStatusSchema> {
  const raw = evaluatePlan(
    planForEngine(row.plan, row.indicator),
    row.actual ? [actualForEngine(row.actual)] : [],
    asOf,
  );
  const evaluation: z.infer<typeof EvaluationSchema> = {
    plan_id: raw.planId,
    as_of: raw.asOf,
    status: raw.status,
    attainment: raw.attainment,
    expected_fraction: raw.expectedFraction,
    expected_to_date: raw.expectedToDate,
    pace: raw.pace,
    projection: raw.projection,
    projected_attainment: raw.projectedAttainment,
    months_remaining: raw.monthsRemaining,
    required_monthly_rate: raw.requiredMonthlyRate,
    gap_pp: raw.gapPp,
    progress: raw.progress
      ? {
          label: raw.progress.label,
          observed_cagr: raw.progress.observedCagr,
          required_cagr: raw.progress.requiredCagr,
          ratio: raw.progress.ratio,
        }
      : null,
    freshness: {
      last_period_end: raw.freshness.lastPeriodEnd,
      next_due: raw.freshness.nextDue,
      stale_after: raw.freshness.staleAfter,
      stale: raw.freshness.stale,
    },
    warnings: raw.warnings.map((w) => ({
      code: w.code,
      reported: w.reported,
      computed: w.computed,
      difference_pp: w.differencePp,
    })),
    actual: raw.actual && row.actual ? actualOut(row.actual) : null,
  };
  return { plan: planOut(row.plan), indicator: indicatorOut(row.indicator), evaluation };
}

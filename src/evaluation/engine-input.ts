// Stored rows as the engine reads them.
import type { ActualRow, IndicatorRow, PlanRow } from "../db/schema";
import type { ActualInput, PlanInput } from "../domain/types";

export function planInput(plan: PlanRow, indicator: IndicatorRow): PlanInput {
  return {
    id: plan.id,
    measure: indicator.measure,
    cadence: indicator.cadence,
    periodStart: plan.periodStart,
    periodEnd: plan.periodEnd,
    target: plan.target,
    comparator: plan.comparator,
    phasing: plan.phasing,
    thresholds: plan.thresholds,
    baseline:
      plan.baselineValue !== null && plan.baselineDate !== null
        ? { value: plan.baselineValue, date: plan.baselineDate }
        : null,
    releaseRule: indicator.releaseRule,
  };
}

export function actualInput(
  row: Pick<
    ActualRow,
    | "id"
    | "periodStart"
    | "periodEnd"
    | "value"
    | "status"
    | "reportedAt"
    | "reportedAttainment"
    | "reportedYoy"
  >,
): ActualInput {
  return {
    id: row.id,
    periodStart: row.periodStart,
    periodEnd: row.periodEnd,
    value: row.value,
    status: row.status,
    reportedAt: row.reportedAt,
    reportedAttainment: row.reportedAttainment,
    reportedYoy: row.reportedYoy,
  };
}

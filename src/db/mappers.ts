// Row ↔ API ↔ engine conversions, in one place so every route speaks the same shapes.
import type { ActualInput, Phasing, PlanInput, Thresholds } from "../domain/types";
import type { ActualOut } from "../schemas/actual";
import type { IndicatorOut } from "../schemas/indicator";
import type { PlanOut } from "../schemas/plan";
import type { actuals, indicators, plans } from "./schema";

export type IndicatorRow = typeof indicators.$inferSelect;
export type PlanRow = typeof plans.$inferSelect;
export type ActualRow = typeof actuals.$inferSelect;

export function indicatorOut(row: IndicatorRow): IndicatorOut {
  return {
    id: row.id,
    name: row.name,
    name_vi: row.nameVi,
    scope: row.scope,
    scope_name: row.scopeName,
    scope_name_vi: row.scopeNameVi,
    scope_level: row.scopeLevel,
    unit: row.unit,
    measure: row.measure,
    cadence: row.cadence,
    tags: row.tags,
    description: row.description,
    source: row.source,
    created_at: row.createdAt,
    updated_at: row.updatedAt,
  };
}

export function phasingOut(stored: string): PlanOut["phasing"] {
  const phasing = JSON.parse(stored) as Phasing;
  return phasing.kind === "linear" ? "linear" : { monthly_weights: phasing.weights };
}

export function phasingIn(input: PlanOut["phasing"]): Phasing {
  return input === "linear"
    ? { kind: "linear" }
    : { kind: "monthly_weights", weights: input.monthly_weights };
}

export function planOut(row: PlanRow): PlanOut {
  return {
    id: row.id,
    indicator_id: row.indicatorId,
    revision: row.revision,
    title: row.title,
    period_start: row.periodStart,
    period_end: row.periodEnd,
    target: row.target,
    comparator: row.comparator,
    phasing: phasingOut(row.phasing),
    thresholds: row.thresholds ? (JSON.parse(row.thresholds) as Record<string, number>) : null,
    baseline:
      row.baselineValue !== null && row.baselineDate !== null
        ? { value: row.baselineValue, date: row.baselineDate }
        : null,
    source: row.source,
    note: row.note,
    created_at: row.createdAt,
    updated_at: row.updatedAt,
  };
}

export function planRow(plan: PlanOut): PlanRow {
  return {
    id: plan.id,
    indicatorId: plan.indicator_id,
    revision: plan.revision,
    title: plan.title,
    periodStart: plan.period_start,
    periodEnd: plan.period_end,
    target: plan.target,
    comparator: plan.comparator,
    phasing: JSON.stringify(phasingIn(plan.phasing)),
    thresholds: plan.thresholds ? JSON.stringify(plan.thresholds) : null,
    baselineValue: plan.baseline?.value ?? null,
    baselineDate: plan.baseline?.date ?? null,
    source: plan.source,
    note: plan.note,
    createdAt: plan.created_at,
    updatedAt: plan.updated_at,
  };
}

export function actualOut(row: ActualRow): ActualOut {
  return {
    id: row.id,
    indicator_id: row.indicatorId,
    period_start: row.periodStart,
    period_end: row.periodEnd,
    value: row.value,
    status: row.status,
    reported_at: row.reportedAt,
    source: row.source,
    reported_attainment: row.reportedAttainment,
    reported_yoy: row.reportedYoy,
    note: row.note,
    created_at: row.createdAt,
  };
}

export function planForEngine(plan: PlanRow, indicator: IndicatorRow): PlanInput {
  return {
    id: plan.id,
    measure: indicator.measure,
    cadence: indicator.cadence,
    periodStart: plan.periodStart,
    periodEnd: plan.periodEnd,
    target: plan.target,
    comparator: plan.comparator,
    phasing: JSON.parse(plan.phasing) as Phasing,
    thresholds: plan.thresholds ? (JSON.parse(plan.thresholds) as Partial<Thresholds>) : null,
    baseline:
      plan.baselineValue !== null && plan.baselineDate !== null
        ? { value: plan.baselineValue, date: plan.baselineDate }
        : null,
  };
}

export function actualForEngine(row: ActualRow): ActualInput {
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

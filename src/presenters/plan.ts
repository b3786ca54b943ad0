import type { PlanWrite } from "../db/queries/plans";
import type { PlanRow, RevisionRow } from "../db/schema";
import type { Phasing } from "../domain/types";
import type { PlanSummary } from "../schemas/event";
import type { PlanOut, PlanRevisionOut } from "../schemas/plan";

function phasingOut(phasing: Phasing): PlanOut["phasing"] {
  return phasing.kind === "monthly_weights" ? { monthly_weights: phasing.weights } : phasing.kind;
}

function phasingIn(input: PlanOut["phasing"]): Phasing {
  if (input === "linear" || input === "history") return { kind: input };
  return { kind: "monthly_weights", weights: input.monthly_weights };
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
    thresholds: row.thresholds as PlanOut["thresholds"],
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

/** The stored row of a plan as the API shows it: the exact inverse of planOut. */
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
    phasing: phasingIn(plan.phasing),
    thresholds: plan.thresholds,
    baselineValue: plan.baseline?.value ?? null,
    baselineDate: plan.baseline?.date ?? null,
    source: plan.source,
    note: plan.note,
    createdAt: plan.created_at,
    updatedAt: plan.updated_at,
  };
}

/** A revision to store: the plan's row, and the plan as the API returned it (its snapshot). */
export function planWrite(plan: PlanOut): PlanWrite {
  return { row: planRow(plan), snapshot: plan };
}

export function revisionOut(row: RevisionRow): PlanRevisionOut {
  return { revision: row.revision, created_at: row.createdAt, plan: row.snapshot };
}

/** What a webhook payload says about the plan. */
export function planSummary(row: PlanRow): PlanSummary {
  return {
    id: row.id,
    title: row.title,
    period_start: row.periodStart,
    period_end: row.periodEnd,
    target: row.target,
    comparator: row.comparator,
    revision: row.revision,
  };
}

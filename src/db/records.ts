// How validated input becomes a stored record, shared by the JSON routes and the CSV import so
// that both obey the same rules. Values arrive in base units: callers apply any scale first.
import { periodSlug } from "../domain/period-label";
import type { IndicatorBody } from "../schemas/indicator";
import type { PlanBody, PlanOut } from "../schemas/plan";
import type { IndicatorRow } from "./schema";

export function indicatorRecord(
  id: string,
  input: IndicatorBody,
  createdAt: string,
  now: string,
): IndicatorRow {
  return {
    id,
    name: input.name,
    nameVi: input.name_vi ?? null,
    aliases: input.aliases,
    scope: input.scope,
    scopeName: input.scope_name ?? input.scope,
    scopeNameVi: input.scope_name_vi ?? null,
    scopeLevel: input.scope_level,
    unit: input.unit,
    measure: input.measure,
    cadence: input.cadence,
    tags: input.tags,
    description: input.description ?? null,
    source: input.source ?? null,
    createdAt,
    updatedAt: now,
  };
}

/** The id a plan gets when none is given: `<indicator>.<period>`, e.g. `nghe-an.goods-exports.2024`. */
export function defaultPlanId(
  input: Pick<PlanBody, "indicator_id" | "period_start" | "period_end">,
) {
  return `${input.indicator_id}.${periodSlug(input.period_start, input.period_end)}`;
}

export type PlanRecordResult =
  | { ok: true; plan: PlanOut }
  /** `field` names the input field at fault: `target` or `baseline.value`. */
  | { ok: false; field: "target" | "baseline.value"; message: string };

/** The plan as stored, or why the indicator's measure refuses it. */
export function planRecord(
  id: string,
  input: Omit<PlanBody, "scale">,
  indicator: IndicatorRow,
  revision: number,
  createdAt: string,
  now: string,
): PlanRecordResult {
  // Ratios (attainment, pace) need a positive target; a growth-rate target may be 0 or negative.
  if (indicator.measure !== "rate" && !(input.target > 0)) {
    return {
      ok: false,
      field: "target",
      message: `A ${indicator.measure} target must be above zero.`,
    };
  }
  if (input.baseline && indicator.measure !== "rate" && !(input.baseline.value > 0)) {
    return {
      ok: false,
      field: "baseline.value",
      message: "Growth from a baseline needs a baseline above zero.",
    };
  }
  return {
    ok: true,
    plan: {
      id,
      indicator_id: input.indicator_id,
      revision,
      title: input.title ?? null,
      period_start: input.period_start,
      period_end: input.period_end,
      target: input.target,
      comparator: input.comparator,
      phasing: input.phasing,
      thresholds:
        input.thresholds && Object.keys(input.thresholds).length ? input.thresholds : null,
      baseline: input.baseline ?? null,
      source: input.source ?? null,
      note: input.note ?? null,
      created_at: createdAt,
      updated_at: now,
    },
  };
}

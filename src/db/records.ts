// How validated input becomes a stored record, shared by the JSON routes and the CSV import so
// that both obey the same rules. Values arrive in base units: callers apply any scale first.
import { periodSlug } from "../domain/period-label";
import type { FieldError } from "../lib/errors";
import type { AreaBody } from "../schemas/area";
import type { IndicatorBody } from "../schemas/indicator";
import type { PlanBody, PlanOut } from "../schemas/plan";
import type { AreaRow, IndicatorRow, IndicatorTableRow } from "./schema";

export function indicatorRecord(
  id: string,
  input: IndicatorBody,
  createdAt: string,
  now: string,
): IndicatorTableRow {
  return {
    id,
    name: input.name,
    nameVi: input.name_vi ?? null,
    aliases: input.aliases,
    scope: input.scope,
    unit: input.unit,
    measure: input.measure,
    cadence: input.cadence,
    tags: input.tags,
    description: input.description ?? null,
    source: input.source ?? null,
    releaseRule: input.release_rule ?? null,
    concept: input.concept ?? null,
    createdAt,
    updatedAt: now,
  };
}

export function areaRecord(id: string, input: AreaBody, createdAt: string, now: string): AreaRow {
  return {
    id,
    name: input.name,
    nameVi: input.name_vi ?? null,
    level: input.level,
    parentId: input.parent_id ?? null,
    createdAt,
    updatedAt: now,
  };
}

/** An indicator's stored row, without the names and level of its area. */
export function tableRow(indicator: IndicatorRow): IndicatorTableRow {
  const { scopeName, scopeNameVi, scopeLevel, ...row } = indicator;
  return row;
}

/** An indicator as outputs show it: its row, with its area's names and level. */
export function withArea(row: IndicatorTableRow, area: AreaRow): IndicatorRow {
  return { ...row, scopeName: area.name, scopeNameVi: area.nameVi, scopeLevel: area.level };
}

/**
 * The area an admin defines by naming a new scope in an indicator: the names given, the scope's
 * slug when none is, and its level, which must be given. Null when the level is missing.
 */
export function areaFromIndicator(input: IndicatorBody, now: string): AreaRow | null {
  if (input.scope_level === undefined) return null;
  return {
    id: input.scope,
    name: input.scope_name ?? input.scope,
    nameVi: input.scope_name_vi ?? null,
    level: input.scope_level,
    parentId: null,
    createdAt: now,
    updatedAt: now,
  };
}

/**
 * Where an indicator's description of its area disagrees with the area: an indicator may
 * repeat its area's names and level (as older clients send them) but never change them; only
 * an admin renames an area, with PUT /api/areas/:id.
 */
export function areaDisagreements(input: IndicatorBody, area: AreaRow): FieldError[] {
  const given: [keyof IndicatorBody, string | null | undefined, string | null][] = [
    ["scope_name", input.scope_name, area.name],
    ["scope_name_vi", input.scope_name_vi, area.nameVi],
    ["scope_level", input.scope_level, area.level],
  ];
  return given
    .filter(([, value, stored]) => value !== undefined && value !== stored)
    .map(([field, , stored]) => ({
      path: `/${field}`,
      message: `Area '${area.id}' has ${stored === null ? "none" : `'${stored}'`}; an admin changes it with PUT /api/areas/${area.id}.`,
    }));
}

/** The id a plan gets when none is given: `<indicator>.<period>`, e.g. `nghe-an.goods-exports.2024`. */
export function defaultPlanId(
  input: Pick<PlanBody, "indicator_id" | "period_start" | "period_end">,
) {
  return `${input.indicator_id}.${periodSlug(input.period_start, input.period_end)}`;
}

export type PlanRecordResult =
  | { ok: true; plan: PlanOut }
  /** `field` names the input field at fault: `target`, `baseline.value` or `phasing`. */
  | { ok: false; field: "target" | "baseline.value" | "phasing"; message: string };

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
  // A share of the year's total exists only for a total that accumulates over the year.
  if (input.phasing === "history" && indicator.measure !== "flow") {
    return {
      ok: false,
      field: "phasing",
      message: `Phasing from history needs a flow indicator (a total that accumulates over the period); this one is a ${indicator.measure}.`,
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

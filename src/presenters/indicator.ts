import type { IndicatorRow } from "../db/schema";
import type { IndicatorSummary } from "../schemas/event";
import type { IndicatorOut } from "../schemas/indicator";
import { type FieldMap, present, unpresent } from "./fields";

const INDICATOR_FIELDS = {
  id: "id",
  name: "name",
  name_vi: "nameVi",
  aliases: "aliases",
  scope: "scope",
  scope_name: "scopeName",
  scope_name_vi: "scopeNameVi",
  scope_level: "scopeLevel",
  unit: "unit",
  measure: "measure",
  cadence: "cadence",
  tags: "tags",
  description: "description",
  source: "source",
  release_rule: "releaseRule",
  concept: "concept",
  created_at: "createdAt",
  updated_at: "updatedAt",
} as const satisfies FieldMap<IndicatorRow, IndicatorOut>;

export function indicatorOut(row: IndicatorRow): IndicatorOut {
  return present<IndicatorRow, IndicatorOut>(row, INDICATOR_FIELDS);
}

/** The stored row of an indicator as the API shows it (a restore). */
export function indicatorRow(out: IndicatorOut): IndicatorRow {
  return unpresent<IndicatorRow, IndicatorOut>(out, INDICATOR_FIELDS);
}

/** What a webhook payload says about the indicator. */
export function indicatorSummary(row: IndicatorRow): IndicatorSummary {
  return {
    id: row.id,
    name: row.name,
    unit: row.unit,
    scope: row.scope,
    scope_name: row.scopeName,
    tags: row.tags,
  };
}

/** The audit entry of an indicator created, replaced or deleted. */
export function indicatorAudit(
  id: string,
  before: IndicatorRow | null | undefined,
  after: IndicatorRow | null,
) {
  return {
    action: after === null ? "delete" : before ? "update" : "create",
    entity: "indicator",
    entityId: id,
    old: before ? indicatorOut(before) : null,
    new: after ? indicatorOut(after) : undefined,
  } as const;
}

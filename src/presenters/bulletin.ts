import type { CatalogueIndicator } from "../bulletins/types";
import type { IndicatorRow } from "../db/schema";

/** An indicator as bulletin extraction reads it: its names, place, unit and cadence. */
export function catalogueIndicator(row: IndicatorRow): CatalogueIndicator {
  return {
    id: row.id,
    name: row.name,
    name_vi: row.nameVi,
    aliases: row.aliases,
    scope: row.scope,
    scope_name: row.scopeName,
    scope_name_vi: row.scopeNameVi,
    scope_level: row.scopeLevel,
    unit: row.unit,
    measure: row.measure,
    cadence: row.cadence,
  };
}

import type { AreaRow } from "../db/schema";
import type { AreaOut } from "../schemas/area";
import { type FieldMap, present, unpresent } from "./fields";

const AREA_FIELDS = {
  id: "id",
  name: "name",
  name_vi: "nameVi",
  level: "level",
  parent_id: "parentId",
  created_at: "createdAt",
  updated_at: "updatedAt",
} as const satisfies FieldMap<AreaRow, AreaOut>;

export function areaOut(row: AreaRow): AreaOut {
  return present<AreaRow, AreaOut>(row, AREA_FIELDS);
}

/** The stored row of an area as the API shows it (a restore). */
export function areaRow(out: AreaOut): AreaRow {
  return unpresent<AreaRow, AreaOut>(out, AREA_FIELDS);
}

/** The audit entry of an area created, renamed or deleted. */
export function areaAudit(id: string, before: AreaRow | null | undefined, after: AreaRow | null) {
  return {
    action: after === null ? "delete" : before ? "update" : "create",
    entity: "area",
    entityId: id,
    old: before ? areaOut(before) : null,
    new: after ? areaOut(after) : undefined,
  } as const;
}

import type { AuditRow } from "../db/schema";
import type { AuditEntity } from "../domain/vocabulary";

export function auditEntryOut(row: AuditRow) {
  return {
    id: row.id,
    at: row.at,
    actor: row.actor,
    action: row.action,
    entity: row.entity as AuditEntity,
    entity_id: row.entityId,
    old: row.oldValue ?? null,
    new: row.newValue ?? null,
    via: row.via,
  };
}

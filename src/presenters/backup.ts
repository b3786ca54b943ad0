import type { Dataset } from "../db/queries/backup";
import { tableRow } from "../db/records";
import type { AreaRow } from "../db/schema";
import type { AnyBackupDocument, BackupDocument, BackupV1Document } from "../schemas/backup";
import { BACKUP_FORMAT_VERSION } from "../schemas/backup";
import { actualRow } from "./actual";
import { areaOut, areaRow } from "./area";
import { indicatorRow } from "./indicator";
import { planRow } from "./plan";

/**
 * The areas of a version 1 document, which had none of its own: one per scope, named as the
 * first indicator created in it named it, as the migration that introduced areas did. Its
 * indicators then show those names, so a scope relabelled by a later indicator is repaired.
 */
export function areasOfV1(doc: BackupV1Document): AreaRow[] {
  const first = new Map<string, BackupV1Document["indicators"][number]>();
  const ordered = [...doc.indicators].sort(
    (a, b) => a.created_at.localeCompare(b.created_at) || a.id.localeCompare(b.id),
  );
  for (const ind of ordered) if (!first.has(ind.scope)) first.set(ind.scope, ind);
  return [...first.values()]
    .map((ind) => ({
      id: ind.scope,
      name: ind.scope_name,
      nameVi: ind.scope_name_vi,
      level: ind.scope_level,
      parentId: null,
      createdAt: ind.created_at,
      updatedAt: ind.updated_at,
    }))
    .sort((a, b) => a.id.localeCompare(b.id));
}

/** A document of any version as the current one. */
export function currentVersion(doc: AnyBackupDocument): BackupDocument {
  if (doc.format_version === BACKUP_FORMAT_VERSION) return doc;
  const areas = areasOfV1(doc);
  const areaById = new Map(areas.map((a) => [a.id, a]));
  return {
    ...doc,
    format_version: BACKUP_FORMAT_VERSION,
    areas: areas.map(areaOut),
    indicators: doc.indicators.map((ind) => {
      const area = areaById.get(ind.scope);
      return area
        ? { ...ind, scope_name: area.name, scope_name_vi: area.nameVi, scope_level: area.level }
        : ind;
    }),
  };
}

/** The rows a document restores to: the exact inverse of the export (commands/export-backup). */
export function datasetOf(doc: BackupDocument): Dataset {
  return {
    areas: doc.areas.map(areaRow),
    indicators: doc.indicators.map((ind) => tableRow(indicatorRow(ind))),
    plans: doc.plans.map((p) => planRow(p.plan)),
    revisions: doc.plans.flatMap((p) =>
      p.revisions.map((r) => ({
        planId: p.plan.id,
        revision: r.revision,
        // Stored as the JSON of the plan in the schema's key order, the order planOut writes,
        // so the text comes back byte for byte.
        snapshot: r.plan,
        createdAt: r.created_at,
      })),
    ),
    actuals: doc.actuals.map(actualRow),
  };
}

export function datasetSize(data: Dataset): number {
  return (
    data.areas.length +
    data.indicators.length +
    data.plans.length +
    data.revisions.length +
    data.actuals.length
  );
}

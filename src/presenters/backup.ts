import type { Dataset } from "../db/queries/backup";
import type { RevisionRow } from "../db/schema";
import type { BackupDocument } from "../schemas/backup";
import { BACKUP_FORMAT, BACKUP_FORMAT_VERSION } from "../schemas/backup";
import { actualOut, actualRow } from "./actual";
import { indicatorOut, indicatorRow } from "./indicator";
import { planOut, planRow, revisionOut } from "./plan";

/** The document for a dataset, in a stable order (ids; revisions ascending). */
export function backupDocument(
  data: Dataset,
  dataVersion: number,
  exportedAt: string,
): BackupDocument {
  const revisionsByPlan = new Map<string, RevisionRow[]>();
  for (const r of data.revisions) {
    const list = revisionsByPlan.get(r.planId) ?? [];
    list.push(r);
    revisionsByPlan.set(r.planId, list);
  }
  return {
    format: BACKUP_FORMAT,
    format_version: BACKUP_FORMAT_VERSION,
    exported_at: exportedAt,
    data_version: dataVersion,
    indicators: data.indicators.map(indicatorOut),
    plans: data.plans.map((p) => ({
      plan: planOut(p),
      revisions: (revisionsByPlan.get(p.id) ?? []).map(revisionOut),
    })),
    actuals: data.actuals.map(actualOut),
  };
}

/** The rows a document restores to: the exact inverse of backupDocument. */
export function datasetOf(doc: BackupDocument): Dataset {
  return {
    indicators: doc.indicators.map(indicatorRow),
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
  return data.indicators.length + data.plans.length + data.revisions.length + data.actuals.length;
}

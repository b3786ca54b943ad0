// A backup restored as a command: every row held to the API's own rules, then written into an
// empty database only, every row or none, with the data version the backup was taken at so
// that pollers see the same ETag as before.
import type { Db } from "../db/client";
import { holdsData, restoreDataset } from "../db/queries/backup";
import { backupProblems } from "../import/backup-rules";
import { ApiError, conflictOnConstraint } from "../lib/errors";
import type { AuditContext } from "../lib/principal";
import { currentVersion, datasetOf, datasetSize } from "../presenters/backup";
import type { AnyBackupDocument } from "../schemas/backup";
import type { RestoreResult } from "../schemas/import";

export async function restoreBackup(
  db: Db,
  given: AnyBackupDocument,
  options: { dryRun: boolean; audit: AuditContext },
): Promise<RestoreResult> {
  const doc = currentVersion(given);
  const problems = backupProblems(doc);
  if (problems.total > 0) {
    const more =
      problems.total > problems.errors.length
        ? ` The first ${problems.errors.length} are listed.`
        : "";
    throw new ApiError(
      "validation_failed",
      `${problems.total} row${problems.total === 1 ? "" : "s"} of the backup break the API's rules; nothing was written.${more}`,
      problems.errors,
    );
  }
  const data = datasetOf(doc);
  if (await holdsData(db)) {
    throw new ApiError(
      "conflict",
      "A backup restores only into an empty database, and this one holds data; nothing was written.",
    );
  }
  const restored = {
    areas: data.areas.length,
    indicators: data.indicators.length,
    plans: data.plans.length,
    revisions: data.revisions.length,
    actuals: data.actuals.length,
  };
  if (!options.dryRun && datasetSize(data) > 0) {
    await restoreDataset(db, data, doc.data_version, {
      ctx: options.audit,
      entry: {
        action: "restore",
        entity: "dataset",
        entityId: null,
        new: { data_version: doc.data_version, ...restored },
      },
    }).catch(conflictOnConstraint("The data changed while importing; nothing was written. Retry."));
  }
  return { dry_run: options.dryRun, restored };
}

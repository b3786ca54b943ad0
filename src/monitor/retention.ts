// The retention half of a cron tick: works out the cutoffs from the settings and the tick's
// time, and prunes one bounded batch of each kind of record.
import type { Db } from "../db/client";
import { type Pruned, prune } from "../db/queries/retention";
import type { RetentionSettings } from "../lib/settings";

/**
 * Rows of each kind one tick deletes at most. At 96 ticks a day that is 96,000 rows a day per
 * kind, far more than the monitor adds, and a tick's pruning stays a few cheap statements.
 */
export const RETENTION_BATCH = 1000;

const DAY_MS = 24 * 60 * 60 * 1000;

function cutoff(now: number, days: number): string | null {
  return days === 0 ? null : new Date(now - days * DAY_MS).toISOString();
}

export function pruneRecords(
  db: Db,
  options: { now: number; retention: RetentionSettings; limit?: number },
): Promise<Pruned> {
  const { now, retention } = options;
  return prune(
    db,
    {
      events: cutoff(now, retention.eventsDays),
      snapshots: cutoff(now, retention.snapshotsDays),
      deliveries: cutoff(now, retention.deliveriesDays),
      attempts: cutoff(now, retention.attemptsDays),
      audit: cutoff(now, retention.auditDays),
    },
    options.limit ?? RETENTION_BATCH,
  );
}

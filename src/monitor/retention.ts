// The monitor's housekeeping: works out the retention cutoffs from the settings and the time,
// and prunes one bounded batch of each kind of record. It runs on a cron of its own
// (MAINTENANCE_CRON), not in the quarter-hour tick: each invocation has its own budget of CPU
// and D1 queries, and the tick's is spent on judging and delivering.
import type { Db } from "../db/client";
import { type Pruned, prune } from "../db/queries/retention";
import type { RetentionSettings } from "../lib/settings";

/**
 * The schedule of the housekeeping invocation, as wrangler.toml lists it beside the tick's:
 * hourly, seven minutes past, so it never starts with a tick. `scheduled` tells the two apart
 * by this string.
 */
export const MAINTENANCE_CRON = "7 * * * *";

/**
 * Rows of each kind one housekeeping run deletes at most. At 24 runs a day that is 96,000
 * rows a day per kind, far more than the monitor adds, and a run stays six cheap statements.
 */
export const RETENTION_BATCH = 4000;

const DAY_MS = 24 * 60 * 60 * 1000;
/** A run's row only has to outlive any retry of the same scheduled time; a week is plenty. */
const RUN_RETENTION_DAYS = 7;

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
      // Replaying an old scheduled time would be harmless anyway: writes are keyed on plan
      // versions.
      runs: cutoff(now, RUN_RETENTION_DAYS),
    },
    options.limit ?? RETENTION_BATCH,
  );
}

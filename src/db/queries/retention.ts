// Pruning the monitor's own records, a bounded batch of each kind at a time. Every statement
// deletes at most `limit` rows chosen through an index, so a tick's pruning costs the same
// however long the history has grown, and a backlog shrinks over the following ticks.
import { and, eq, inArray, isNotNull, lt, notExists, type SQL, sql } from "drizzle-orm";
import type { SQLiteColumn, SQLiteTable } from "drizzle-orm/sqlite-core";
import type { Db } from "../client";
import {
  auditLog,
  deliveries,
  deliveryAttempts,
  evaluationSnapshots,
  events,
  monitorRuns,
} from "../schema";

/** The oldest moment kept of each kind (ISO-8601), or null to keep that kind forever. */
export interface RetentionCutoffs {
  events: string | null;
  snapshots: string | null;
  deliveries: string | null;
  attempts: string | null;
  audit: string | null;
  /** The cron's own runs, once finished: a run's row only has to outlive a retry of its time. */
  runs: string | null;
}

export type Pruned = Record<keyof RetentionCutoffs, number>;

/**
 * Deletes, in ONE batch: attempts older than their cutoff; deliveries that are over (delivered
 * or failed) and finished before theirs, with their attempts; events older than theirs that no
 * delivery still refers to (so a delivery still pending keeps its event); snapshots older than
 * theirs except each plan's latest; audit entries older than theirs; and the cron's finished runs
 * older than theirs.
 */
export async function prune(db: Db, cutoffs: RetentionCutoffs, limit: number): Promise<Pruned> {
  /** At most `limit` rows of `table` that match `where`, chosen by their key. */
  const someOf = (table: SQLiteTable, key: SQLiteColumn, where: SQL | undefined) =>
    db.delete(table).where(inArray(key, db.select({ key }).from(table).where(where).limit(limit)));
  const statements = {
    attempts: cutoffs.attempts
      ? someOf(
          deliveryAttempts,
          deliveryAttempts.id,
          lt(deliveryAttempts.attemptedAt, cutoffs.attempts),
        )
      : null,
    // Attempts go with their deliveries (ON DELETE CASCADE). A finished delivery's
    // next_attempt_at is when it finished: delivered, or given up.
    deliveries: cutoffs.deliveries
      ? someOf(
          deliveries,
          deliveries.id,
          and(
            inArray(deliveries.status, ["delivered", "failed"]),
            lt(deliveries.nextAttemptAt, cutoffs.deliveries),
          ),
        )
      : null,
    events: cutoffs.events
      ? someOf(
          events,
          events.id,
          and(
            lt(events.occurredAt, cutoffs.events),
            notExists(
              db.select({ one: sql`1` }).from(deliveries).where(eq(deliveries.eventId, events.id)),
            ),
          ),
        )
      : null,
    // Keyed on two columns, so written out.
    snapshots: cutoffs.snapshots
      ? db.delete(evaluationSnapshots).where(
          sql`(${evaluationSnapshots.planId}, ${evaluationSnapshots.version}) in (
            select s.plan_id, s.version from ${evaluationSnapshots} s
            where s.recorded_at < ${cutoffs.snapshots}
              and s.version < (select max(m.version) from ${evaluationSnapshots} m where m.plan_id = s.plan_id)
            limit ${limit})`,
        )
      : null,
    audit: cutoffs.audit ? someOf(auditLog, auditLog.id, lt(auditLog.at, cutoffs.audit)) : null,
    runs: cutoffs.runs
      ? someOf(
          monitorRuns,
          monitorRuns.scheduledTime,
          and(isNotNull(monitorRuns.finishedAt), lt(monitorRuns.scheduledTime, cutoffs.runs)),
        )
      : null,
  };
  const kinds = (Object.keys(statements) as (keyof RetentionCutoffs)[]).filter(
    (k) => statements[k] !== null,
  );
  const pruned: Pruned = {
    attempts: 0,
    deliveries: 0,
    events: 0,
    snapshots: 0,
    audit: 0,
    runs: 0,
  };
  const [first, ...rest] = kinds.map((k) => statements[k]!);
  if (!first) return pruned;
  const results = await db.batch([first, ...rest]);
  kinds.forEach((kind, i) => {
    const result = results[i] as { meta?: { changes?: number } } | undefined;
    pruned[kind] = result?.meta?.changes ?? 0;
  });
  return pruned;
}

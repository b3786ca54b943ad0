import { and, eq, getTableColumns, gt, isNotNull, lt, type SQL, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { SQLiteTable } from "drizzle-orm/sqlite-core";
import type { AlertState } from "../../domain/alert-transitions";
import type { PlannedRun } from "../../monitor/decide-run";
import type { Db } from "../client";
import {
  deliveries,
  evaluationSnapshots,
  events,
  monitorRuns,
  planAlertStates,
  silences,
  webhooks,
} from "../schema";

const RUN_RETENTION_MS = 7 * 24 * 60 * 60 * 1000;

export type Statement = BatchItem<"sqlite">;
type Column<T extends SQLiteTable> = (key: keyof T["$inferInsert"] & string) => SQL;

/**
 * D1 stores at most 1,000,000 bytes in one string. A chunk of rows as JSON stays under it even
 * if every character took three bytes in UTF-8 (Vietnamese text mostly takes two).
 */
const MAX_JSON_CHARS = 300_000;

/** Rows as JSON arrays of driver values (the columns' own mapping: JSON, booleans), chunked. */
function jsonChunks<T extends SQLiteTable>(table: T, rows: readonly T["$inferInsert"][]): string[] {
  const columns = Object.entries(getTableColumns(table));
  const chunks: string[] = [];
  let current: string[] = [];
  let size = 2;
  for (const row of rows) {
    const record = row as Record<string, unknown>;
    const cells = columns.map(([key, c]) => {
      const value = record[key];
      return value === undefined || value === null ? null : c.mapToDriverValue(value);
    });
    const json = JSON.stringify(cells);
    if (current.length > 0 && size + json.length + 1 > MAX_JSON_CHARS) {
      chunks.push(`[${current.join(",")}]`);
      current = [];
      size = 2;
    }
    current.push(json);
    size += json.length + 1;
  }
  if (current.length > 0) chunks.push(`[${current.join(",")}]`);
  return chunks;
}

/** `v.value ->> '$[i]'`: column `key` of a row of json_each over jsonChunks' arrays. */
function jsonColumn<T extends SQLiteTable>(table: T): Column<T> {
  const position = new Map(Object.keys(getTableColumns(table)).map((key, i) => [key, i]));
  return (key) => sql.raw(`(v.value ->> '$[${position.get(key)}]')`);
}

function selectFromJson<T extends SQLiteTable>(table: T, json: string, where: SQL): SQL {
  const column = jsonColumn(table);
  const keys = Object.keys(getTableColumns(table)) as (keyof T["$inferInsert"] & string)[];
  const cells = keys.map((key) => column(key));
  return sql`select ${sql.join(cells, sql`, `)} from json_each(${json}) as v where ${where}`;
}

/**
 * `INSERT ... SELECT ... FROM json_each(?) AS v WHERE <guard> ON CONFLICT DO NOTHING`: inserts
 * only the rows the guard lets through, judged inside the same transaction as the writes
 * before it. The rows travel as ONE bound JSON parameter per chunk, so a statement carries
 * thousands of rows instead of the hundred parameters' worth a VALUES list allows.
 */
export function guardedInserts<T extends SQLiteTable>(
  db: Db,
  table: T,
  rows: readonly T["$inferInsert"][],
  guard: (column: Column<T>) => SQL,
  _guardParams: number,
): Statement[] {
  const column = jsonColumn(table);
  return jsonChunks(table, rows).map((json) =>
    db
      .insert(table)
      .select(selectFromJson(table, json, guard(column)))
      .onConflictDoNothing(),
  );
}

export interface RunClaim {
  scheduledTime: string;
  /** A random id of this run. */
  holder: string;
  /** Wall-clock ms: the lease guards live processes, so it runs on the clock, not on scheduledTime. */
  wallNow: number;
  leaseMs: number;
}

/**
 * Takes the run for `scheduledTime`: a new row, or one whose earlier holder died without
 * finishing and whose lease has run out. Returns a row only when this holder got it.
 */
function claimRun(db: Db, claim: RunClaim) {
  return db
    .insert(monitorRuns)
    .values({
      scheduledTime: claim.scheduledTime,
      holder: claim.holder,
      leaseExpiresAt: claim.wallNow + claim.leaseMs,
    })
    .onConflictDoUpdate({
      target: monitorRuns.scheduledTime,
      set: { holder: claim.holder, leaseExpiresAt: claim.wallNow + claim.leaseMs },
      setWhere: sql`${monitorRuns.finishedAt} is null and ${monitorRuns.leaseExpiresAt} <= ${claim.wallNow}`,
    })
    .returning({ holder: monitorRuns.holder });
}

export type AlertStateRow = typeof planAlertStates.$inferSelect;
export type SilenceRow = typeof silences.$inferSelect;

/** The run's claim and everything besides the plans it needs, in one round trip. */
export async function loadMonitorState(db: Db, claim: RunClaim) {
  const [claimed, states, activeSilences, destinations] = await db.batch([
    claimRun(db, claim),
    db.select().from(planAlertStates),
    db.select().from(silences).where(gt(silences.until, claim.scheduledTime)),
    db
      .select({
        id: webhooks.id,
        enabled: webhooks.enabled,
        scopes: webhooks.scopes,
        tags: webhooks.tags,
        eventTypes: webhooks.eventTypes,
        minSeverity: webhooks.minSeverity,
      })
      .from(webhooks)
      .where(eq(webhooks.enabled, true)),
  ]);
  const byPlan = new Map<string, AlertState>();
  for (const { planId, writtenBy: _by, ...state } of states) byPlan.set(planId, state);
  return {
    claimed: claimed[0]?.holder === claim.holder,
    states: byPlan,
    silences: activeSilences,
    destinations,
  };
}

/**
 * Moves each plan to its next version only if it is still at the version this run read:
 * a concurrent run that wrote first wins, and this run's write for that plan is a no-op.
 */
function stateUpserts(db: Db, planned: PlannedRun["states"], holder: string): Statement[] {
  const rows = planned.map(({ planId, state }) => ({ planId, ...state, writtenBy: holder }));
  const excluded = (name: string) => sql.raw(`excluded.${name}`);
  // `where 1`: SQLite needs a WHERE in an upsert's SELECT to parse its ON CONFLICT.
  return jsonChunks(planAlertStates, rows).map((json) =>
    db
      .insert(planAlertStates)
      .select(selectFromJson(planAlertStates, json, sql`1`))
      .onConflictDoUpdate({
        target: planAlertStates.planId,
        set: {
          version: excluded("version"),
          status: excluded("status"),
          stale: excluded("stale"),
          statusSince: excluded("status_since"),
          staleSince: excluded("stale_since"),
          lastNotifiedAt: excluded("last_notified_at"),
          figuresKey: excluded("figures_key"),
          changedAt: excluded("changed_at"),
          writtenBy: excluded("written_by"),
        },
        setWhere: sql`${planAlertStates.version} = excluded.version - 1`,
      }),
  );
}

/** The plan's state is at this version and this run wrote it. */
function wonBy(holder: string, planId: SQL, version: SQL): SQL {
  return sql`exists (select 1 from ${planAlertStates} s where s.plan_id = ${planId} and s.version = ${version} and s.written_by = ${holder})`;
}

/**
 * Every write of a run in ONE batch, which D1 runs as one transaction: the new states, the
 * snapshots, the events and their deliveries (the outbox), and the run's completion commit
 * together or not at all.
 */
export async function writeRun(
  db: Db,
  planned: PlannedRun,
  run: { scheduledTime: string; holder: string },
): Promise<{ eventsCreated: number }> {
  const { holder } = run;
  const deliveryRows = planned.deliveries.map((d) => ({
    ...d,
    status: "pending" as const,
    attempts: 0,
    roundStart: 0,
    nextAttemptAt: run.scheduledTime,
    createdAt: run.scheduledTime,
  }));
  const statements: Statement[] = [
    ...stateUpserts(db, planned.states, holder),
    ...guardedInserts(
      db,
      evaluationSnapshots,
      planned.snapshots,
      (v) => wonBy(holder, v("planId"), v("version")),
      1,
    ),
    ...guardedInserts(
      db,
      events,
      planned.events,
      (v) => wonBy(holder, v("planId"), v("stateVersion")),
      1,
    ),
    // Only for events this run inserted, and destinations not deleted meanwhile.
    ...guardedInserts(
      db,
      deliveries,
      deliveryRows,
      (v) =>
        sql`exists (select 1 from ${events} e where e.id = ${v("eventId")}) and exists (select 1 from ${webhooks} w where w.id = ${v("webhookId")} and w.enabled = 1)`,
      0,
    ),
  ];
  const eventsWon = sql`(select count(*) from ${events} e join ${planAlertStates} s on s.plan_id = e.plan_id and s.version = e.state_version where s.written_by = ${holder})`;
  const finish = db
    .update(monitorRuns)
    .set({
      finishedAt: run.scheduledTime,
      plansEvaluated: planned.evaluated,
      eventsCreated: eventsWon,
    })
    .where(
      sql`${monitorRuns.scheduledTime} = ${run.scheduledTime} and ${monitorRuns.holder} = ${holder}`,
    )
    .returning({ eventsCreated: monitorRuns.eventsCreated });
  // A run's row only has to outlive any retry of the same scheduled time; a week is plenty.
  // (Replaying an old time would be harmless anyway: writes are keyed on plan versions.)
  const cutoff = new Date(Date.parse(run.scheduledTime) - RUN_RETENTION_MS).toISOString();
  const prune = db
    .delete(monitorRuns)
    .where(and(isNotNull(monitorRuns.finishedAt), lt(monitorRuns.scheduledTime, cutoff)));
  // The completion goes last so that its count sees this run's events.
  const [first, ...rest] = [...statements, prune, finish];
  const results = await db.batch([first!, ...rest]);
  const finished = results[results.length - 1] as { eventsCreated: number | null }[];
  return { eventsCreated: finished[0]?.eventsCreated ?? 0 };
}

export async function getAlertState(db: Db, planId: string): Promise<AlertStateRow | undefined> {
  const rows = await db.select().from(planAlertStates).where(eq(planAlertStates.planId, planId));
  return rows[0];
}

export type SnapshotRow = typeof evaluationSnapshots.$inferSelect;

/** A plan's evaluation snapshots, oldest first: one per change of its figures, for charts. */
export function listSnapshots(db: Db, planId: string, limit = 500): Promise<SnapshotRow[]> {
  return db
    .select()
    .from(evaluationSnapshots)
    .where(eq(evaluationSnapshots.planId, planId))
    .orderBy(evaluationSnapshots.version)
    .limit(limit);
}

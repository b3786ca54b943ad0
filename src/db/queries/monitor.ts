import { and, desc, eq, gt, isNotNull, lt, type SQL, sql } from "drizzle-orm";
import type { AlertState } from "../../domain/alert-transitions";
import type { Db } from "../client";
import { guardedInserts, jsonChunks, type Statement, selectFromJson } from "../json-rows";
import {
  type AlertStateRow,
  deliveries,
  evaluationSnapshots,
  events,
  monitorRuns,
  planAlertStates,
  type SnapshotRow,
  silences,
  webhooks,
} from "../schema";

const RUN_RETENTION_MS = 7 * 24 * 60 * 60 * 1000;

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
 * a concurrent run that wrote first wins, and this run's write for that plan is a no-op. A
 * state written by a run of a later scheduled time is never replaced by an earlier one.
 */
function stateUpserts(db: Db, planned: RunWrites["states"], holder: string): Statement[] {
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
        // The version this run read, and never a state written by a newer run: the evaluation
        // of an older scheduled time (a delayed retry) must not replace it.
        setWhere: sql`${planAlertStates.version} = excluded.version - 1 and ${planAlertStates.changedAt} <= excluded.changed_at`,
      }),
  );
}

/** The plan's state is at this version and this run wrote it. */
function wonBy(holder: string, planId: SQL, version: SQL): SQL {
  return sql`exists (select 1 from ${planAlertStates} s where s.plan_id = ${planId} and s.version = ${version} and s.written_by = ${holder})`;
}

/** What one run writes: each plan's next alert state, snapshots, events and their deliveries. */
export interface RunWrites {
  evaluated: number;
  states: { planId: string; state: AlertState }[];
  snapshots: (typeof evaluationSnapshots.$inferInsert)[];
  events: (typeof events.$inferInsert)[];
  /** figure.due and figure.late: inserted once per notice key, whichever run decides them. */
  notices: (typeof events.$inferInsert)[];
  deliveries: { id: string; eventId: string; webhookId: string }[];
}

/**
 * Every write of a run in ONE batch, which D1 runs as one transaction: the new states, the
 * snapshots, the events and their deliveries (the outbox), and the run's completion commit
 * together or not at all.
 */
export async function writeRun(
  db: Db,
  planned: RunWrites,
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
    ...guardedInserts(db, evaluationSnapshots, planned.snapshots, (v) =>
      wonBy(holder, v("planId"), v("version")),
    ),
    ...guardedInserts(db, events, planned.events, (v) =>
      wonBy(holder, v("planId"), v("stateVersion")),
    ),
    // A notice key already stored (a repeated or concurrent run) makes its insert a no-op,
    // and then its deliveries too, by the guard below.
    ...guardedInserts(db, events, planned.notices, () => sql`1`),
    // Only for events this run inserted, and destinations not deleted meanwhile.
    ...guardedInserts(
      db,
      deliveries,
      deliveryRows,
      (v) =>
        sql`exists (select 1 from ${events} e where e.id = ${v("eventId")}) and exists (select 1 from ${webhooks} w where w.id = ${v("webhookId")} and w.enabled = 1)`,
    ),
  ];
  // A run's notices are those stored at its scheduled time, which only this run holds.
  const eventsWon = sql`((select count(*) from ${events} e join ${planAlertStates} s on s.plan_id = e.plan_id and s.version = e.state_version where s.written_by = ${holder} and e.notice_key is null)
    + (select count(*) from ${events} e where e.notice_key is not null and e.occurred_at = ${run.scheduledTime}))`;
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

/**
 * A plan's evaluation snapshots, newest first: one per change of its figures or alert state.
 * `before` is a version (a cursor); `limit` rows are returned, plus one older row when there is
 * one, so the caller can tell what changed in the last row it shows.
 */
export function listSnapshots(
  db: Db,
  planId: string,
  page: { before?: number; limit: number },
): Promise<SnapshotRow[]> {
  return db
    .select()
    .from(evaluationSnapshots)
    .where(
      and(
        eq(evaluationSnapshots.planId, planId),
        page.before === undefined ? undefined : lt(evaluationSnapshots.version, page.before),
      ),
    )
    .orderBy(desc(evaluationSnapshots.version))
    .limit(page.limit + 1);
}

import { and, count, desc, eq, gt, lt, type SQL, sql } from "drizzle-orm";
import type { AlertState } from "../../domain/alert-transitions";
import type { Db } from "../client";
import { guardedInserts, jsonChunks, ROWS, type Statement, selectFromJson } from "../json-rows";
import {
  type AlertStateRow,
  actuals,
  deliveries,
  evaluationSnapshots,
  events,
  monitorRuns,
  planAlertStates,
  type SnapshotRow,
  silences,
  webhooks,
} from "../schema";
import { templated } from "../templates";

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
export function claimRun(db: Db, claim: RunClaim) {
  const value = (name: "scheduledTime" | "holder" | "leaseExpiresAt" | "wallNow") =>
    sql.placeholder(name);
  // Built once per isolate (../templates.ts): every tick starts with it.
  return templated(
    db,
    "claim-run",
    () =>
      db
        .insert(monitorRuns)
        .values({
          scheduledTime: value("scheduledTime"),
          holder: value("holder"),
          leaseExpiresAt: value("leaseExpiresAt"),
        })
        .onConflictDoUpdate({
          target: monitorRuns.scheduledTime,
          set: { holder: sql`${value("holder")}`, leaseExpiresAt: sql`${value("leaseExpiresAt")}` },
          setWhere: sql`${monitorRuns.finishedAt} is null and ${monitorRuns.leaseExpiresAt} <= ${value("wallNow")}`,
        })
        .returning({ holder: monitorRuns.holder }),
    {
      scheduledTime: claim.scheduledTime,
      holder: claim.holder,
      leaseExpiresAt: claim.wallNow + claim.leaseMs,
      wallNow: claim.wallNow,
    },
  );
}

/** How many Alertmanager destinations are enabled: while one is, open alerts are judged every tick. */
export function countAlertmanagers(db: Db) {
  return templated(
    db,
    "alertmanager-count",
    () =>
      db
        .select({ n: count() })
        .from(webhooks)
        .where(and(eq(webhooks.enabled, true), eq(webhooks.format, "alertmanager"))),
    {},
  );
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
  const build = () =>
    db
      .insert(planAlertStates)
      .select(selectFromJson(planAlertStates, ROWS, sql`1`))
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
      });
  return jsonChunks(planAlertStates, rows).map((json) =>
    templated(db, "alert-state-upserts", build, { rows: json }),
  );
}

/** The plan's state is at this version and this run wrote it. */
function wonBy(planId: SQL, version: SQL): SQL {
  return sql`exists (select 1 from ${planAlertStates} s where s.plan_id = ${planId} and s.version = ${version} and s.written_by = ${sql.placeholder("holder")})`;
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

/** The monitor's view of some plans and everything besides the plans it needs, in one batch. */
export function selectChunkState(db: Db, planIds: readonly string[], scheduledTime: string) {
  const ids = sql.placeholder("planIds");
  const values = {
    planIds: JSON.stringify(planIds),
    scheduledTime,
    asOf: scheduledTime.slice(0, 10),
  };
  return [
    templated(
      db,
      "chunk-alert-states",
      () =>
        db
          .select()
          .from(planAlertStates)
          .where(sql`${planAlertStates.planId} in (select value from json_each(${ids}))`),
      values,
    ),
    templated(
      db,
      "chunk-silences",
      () =>
        db
          .select()
          .from(silences)
          .where(gt(silences.until, sql.placeholder("scheduledTime"))),
      values,
    ),
    templated(
      db,
      "chunk-destinations",
      () =>
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
      values,
    ),
    // Figures stored ahead of their report date: each becomes known on that day.
    templated(
      db,
      "chunk-next-reports",
      () =>
        db
          .select({
            indicatorId: actuals.indicatorId,
            next: sql<string>`min(${actuals.reportedAt})`.as("next_reported_at"),
          })
          .from(actuals)
          .where(
            sql`${actuals.indicatorId} in (select p.indicator_id from plans p where p.id in (select value from json_each(${ids}))) and ${actuals.reportedAt} > ${sql.placeholder("asOf")}`,
          )
          .groupBy(actuals.indicatorId),
      values,
    ),
  ] as const;
}

export function alertStatesByPlan(rows: readonly AlertStateRow[]): Map<string, AlertState> {
  const byPlan = new Map<string, AlertState>();
  for (const { planId, writtenBy: _by, ...state } of rows) byPlan.set(planId, state);
  return byPlan;
}

/**
 * The writes of one chunk of plans: the new states, the snapshots, the events and their
 * deliveries (the outbox), for ONE batch, which D1 runs as one transaction, so they commit
 * together or not at all. The last statement counts the events this chunk's batch inserted.
 */
export function chunkWrites(
  db: Db,
  planned: RunWrites,
  run: { scheduledTime: string; holder: string },
): Statement[] {
  const { holder } = run;
  const deliveryRows = planned.deliveries.map((d) => ({
    ...d,
    status: "pending" as const,
    attempts: 0,
    roundStart: 0,
    nextAttemptAt: run.scheduledTime,
    createdAt: run.scheduledTime,
  }));
  return [
    ...stateUpserts(db, planned.states, holder),
    ...guardedInserts(db, evaluationSnapshots, planned.snapshots, {
      key: "snapshots-won",
      where: (v) => wonBy(v("planId"), v("version")),
      values: { holder },
    }),
    ...guardedInserts(db, events, planned.events, {
      key: "events-won",
      where: (v) => wonBy(v("planId"), v("stateVersion")),
      values: { holder },
    }),
    // A notice key already stored (a repeated or concurrent run) makes its insert a no-op,
    // and then its deliveries too, by the guard below.
    ...guardedInserts(db, events, planned.notices, { key: "notices", where: () => sql`1` }),
    // Only for events this run inserted, and destinations not deleted meanwhile.
    ...guardedInserts(db, deliveries, deliveryRows, {
      key: "deliveries-of-stored-events",
      where: (v) =>
        sql`exists (select 1 from ${events} e where e.id = ${v("eventId")}) and exists (select 1 from ${webhooks} w where w.id = ${v("webhookId")} and w.enabled = 1)`,
    }),
  ];
}

/**
 * Of the events a chunk planned, how many are stored: its ids are new, so the ones found are
 * the ones its batch inserted. Goes last in the chunk's batch.
 */
export function countStoredEvents(db: Db, eventIds: readonly string[]) {
  return templated(
    db,
    "count-stored-events",
    () =>
      db
        .select({ n: count() })
        .from(events)
        .where(sql`${events.id} in (select value from json_each(${sql.placeholder("eventIds")}))`),
    { eventIds: JSON.stringify(eventIds) },
  );
}

/** Marks the run finished with its totals (the hourly housekeeping drops old runs). */
export function finishRun(
  db: Db,
  run: { scheduledTime: string; holder: string },
  totals: { plansEvaluated: number; eventsCreated: number },
) {
  const value = (name: "scheduledTime" | "holder" | "plansEvaluated" | "eventsCreated") =>
    sql.placeholder(name);
  return templated(
    db,
    "finish-run",
    () =>
      db
        .update(monitorRuns)
        .set({
          finishedAt: sql`${value("scheduledTime")}`,
          plansEvaluated: sql`${value("plansEvaluated")}`,
          eventsCreated: sql`${value("eventsCreated")}`,
        })
        .where(
          sql`${monitorRuns.scheduledTime} = ${value("scheduledTime")} and ${monitorRuns.holder} = ${value("holder")}`,
        ),
    { ...run, ...totals },
  );
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

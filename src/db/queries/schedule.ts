// What the incremental cron reads and writes to find the plans it must evaluate: the journal of
// changes since its last tick, the plans whose next check has passed, and each plan's schedule.
//
// A change is found from what the database already keeps in order: figures and plans by their
// rowid (every insert, whatever wrote it), and the audit log (every revision, deletion and
// silence, written in the same batch as the change). Three cursors in `meta` say how far the
// cron has read; a write's plans are marked due ("now") and the cursors advance in ONE batch,
// so a crashed tick leaves them to the next one.
import { lte, sql } from "drizzle-orm";
import type { Db } from "../client";
import { jsonChunks, ROWS, type Statement, selectFromJson } from "../json-rows";
import { meta, planAlertStates, planSchedules } from "../schema";
import { templated } from "../templates";

/**
 * Bump when a rule of the engine or the monitor changes: every plan is then evaluated again.
 * 2: release rules set the due dates and the end of the watch, and figure notices open on days
 * of their own.
 */
export const MONITOR_RULES_VERSION = 2;

/** Journal entries (of each kind) read per tick; a bigger backlog is read over the next ticks. */
export const JOURNAL_STEP = 5_000;

const KEYS = {
  rules: "monitor_rules_version",
  audit: "monitor_cursor:audit_log",
  actuals: "monitor_cursor:actuals",
  plans: "monitor_cursor:plans",
} as const;

export interface JournalPosition {
  rulesVersion: number | null;
  dataVersion: number;
  /** Cursors: the highest id the cron has read of each. */
  audit: number;
  actuals: number;
  plans: number;
  /** The newest of each now. */
  maxAudit: number;
  maxActuals: number;
  maxPlans: number;
  /** The next step of the audit log holds a restore: every plan is judged again. */
  restored: boolean;
}

/**
 * Where the journal stands: one statement, a few rows whatever the size of the tables (the
 * maxima are read off the end of each primary key).
 */
export function selectJournalPosition(db: Db) {
  // Every tick reads it, and it holds no value of its own: built once per isolate.
  return templated(db, "journal-position", () => journalPositionQuery(db), {});
}

function journalPositionQuery(db: Db) {
  const value = (key: string) => sql<number | null>`(select value from meta where key = ${key})`;
  return db
    .select({
      // Each named: D1 keys a batch's rows by column name, and unnamed ones would collide.
      rules: value(KEYS.rules).as("rules"),
      data_version: value("data_version").as("data_version"),
      audit: value(KEYS.audit).as("audit"),
      actuals: value(KEYS.actuals).as("actuals"),
      plans: value(KEYS.plans).as("plans"),
      max_audit: sql<number | null>`(select max(id) from audit_log)`.as("max_audit"),
      max_actuals: sql<number | null>`(select max(id) from actuals)`.as("max_actuals"),
      max_plans: sql<number | null>`(select max(rowid) from plans)`.as("max_plans"),
      // A restore in the next step of the audit log: no plan id names what it changed.
      restored:
        sql<number>`exists (select 1 from audit_log where id > coalesce(${value(KEYS.audit)}, 0)
        and id <= coalesce(${value(KEYS.audit)}, 0) + ${JOURNAL_STEP} and +entity = 'dataset')`.as(
          "restored",
        ),
    })
    .from(sql`(select 1) as one`);
}

export function journalPosition(
  rows: Awaited<ReturnType<typeof selectJournalPosition>>,
): JournalPosition {
  const r = rows[0];
  return {
    rulesVersion: r?.rules ?? null,
    dataVersion: r?.data_version ?? 0,
    audit: r?.audit ?? 0,
    actuals: r?.actuals ?? 0,
    plans: r?.plans ?? 0,
    maxAudit: r?.max_audit ?? 0,
    maxActuals: r?.max_actuals ?? 0,
    maxPlans: r?.max_plans ?? 0,
    restored: Boolean(r?.restored),
  };
}

/** Sets several keys of `meta` in one statement: each costs the tick a statement otherwise. */
function setMeta(db: Db, entries: [key: string, value: number][]) {
  return db
    .insert(meta)
    .values(entries.map(([key, value]) => ({ key, value })))
    .onConflictDoUpdate({ target: meta.key, set: { value: sql.raw("excluded.value") } });
}

/** A range of the journal read in one tick: (from, to] for each of the three. */
export interface JournalRange {
  audit: [number, number];
  actuals: [number, number];
  plans: [number, number];
}

/**
 * Marks due, as of `at`, every plan a change in the range can have touched: the plans of an
 * indicator that got, lost or changed a figure, or was itself changed; a plan created or
 * revised; the plans a silence created or lifted names (its plan, its indicator, or every
 * indicator of its area). Over-marking costs an evaluation that changes nothing; missing one
 * would leave a judgment stale, so the net is wide. Then moves the cursors past the range.
 * The changes drive the joins (CROSS JOIN keeps SQLite from turning them around), so the
 * statement reads what changed and the plans it names, not every plan.
 */
export function markJournalDue(db: Db, range: JournalRange, at: string): Statement[] {
  const [a0, a1] = range.audit;
  const entries = (entity: string) =>
    // `+l.entity`: read the range of ids, not every entry of the entity (its index would win).
    sql`select l.entity_id as entity_id, coalesce(l.new_value, l.old_value) as value from audit_log l where l.id > ${a0} and l.id <= ${a1} and +l.entity = ${entity}`;
  // Statements built on the query builder: D1 batches cannot bind a raw statement's parameters.
  const mark = db
    .insert(planSchedules)
    .select(sql`select id, ${at}, -1, ${at} from (
      select p.id as id from (
        select a.indicator_id as indicator_id from actuals a where a.id > ${range.actuals[0]} and a.id <= ${range.actuals[1]}
        union select json_extract(e.value, '$.indicator_id') from (${entries("actual")}) e
        union select e.entity_id from (${entries("indicator")}) e
        union select json_extract(e.value, '$.indicator_id') from (${entries("silence")}) e
        union select i.id from (${entries("silence")}) e
          cross join indicators i on i.scope = json_extract(e.value, '$.scope')
      ) c cross join plans p on p.indicator_id = c.indicator_id
      union select p.id from (
        select e.entity_id as plan_id from (${entries("plan")}) e
        union select json_extract(e.value, '$.plan_id') from (${entries("silence")}) e
      ) c cross join plans p on p.id = c.plan_id
      union select p.id from plans p where p.rowid > ${range.plans[0]} and p.rowid <= ${range.plans[1]}
    ) where true`)
    .onConflictDoUpdate({
      target: planSchedules.planId,
      set: { nextCheckAt: sql.raw("excluded.next_check_at") },
    });
  return [
    mark,
    setMeta(db, [
      [KEYS.audit, range.audit[1]],
      [KEYS.actuals, range.actuals[1]],
      [KEYS.plans, range.plans[1]],
    ]),
  ];
}

/** The id after which the next `size` plans end, or null when fewer remain: a full pass's step. */
export function selectPlanIdStep(db: Db, after: string, size: number) {
  return db.all<{ id: string }>(
    sql`select id from plans where id > ${after} order by id limit 1 offset ${size - 1}`,
  );
}

/**
 * Marks every plan with an id in (after, upTo] due; upTo null: every one after `after`. The
 * full re-evaluation after a migration or a change of rules marks the plans a step at a time,
 * so no statement writes more than a step's rows.
 */
export function markPlansDue(db: Db, after: string, upTo: string | null, at: string) {
  return db
    .insert(planSchedules)
    .select(
      sql`select id, ${at}, -1, ${at} from plans where id > ${after} ${upTo === null ? sql`` : sql`and id <= ${upTo}`}`,
    )
    .onConflictDoUpdate({
      target: planSchedules.planId,
      set: { nextCheckAt: sql.raw("excluded.next_check_at") },
    });
}

/** After a full pass has marked every plan: the rules are current and the journal is read. */
export function finishFullPass(db: Db, position: JournalPosition): Statement[] {
  return [
    setMeta(db, [
      [KEYS.rules, MONITOR_RULES_VERSION],
      [KEYS.audit, position.maxAudit],
      [KEYS.actuals, position.maxActuals],
      [KEYS.plans, position.maxPlans],
    ]),
  ];
}

/** Forgets the rules version, so the next tick evaluates every plan again. */
export function requireFullPass(db: Db) {
  return db.delete(meta).where(sql`${meta.key} = ${KEYS.rules}`);
}

/**
 * Plans with an open alert, marked due: an Alertmanager destination must hear every open alert
 * each tick, so while one exists these are evaluated every tick (O(open alerts)).
 */
export function markOpenAlertsDue(db: Db, at: string) {
  return db.run(sql`update plan_schedules set next_check_at = ${at}
    where plan_id in (select plan_id from ${planAlertStates} where stale = 1 or status in ('at_risk', 'off_track'))
      and (next_check_at is null or next_check_at > ${at})`);
}

/** Up to `limit` plans whose next check is at or before `at`, the longest waiting first. */
export function duePlans(db: Db, at: string, limit: number) {
  return templated(
    db,
    "due-plans",
    () =>
      db
        .select({ planId: planSchedules.planId })
        .from(planSchedules)
        .where(lte(planSchedules.nextCheckAt, sql.placeholder("at")))
        .orderBy(planSchedules.nextCheckAt, planSchedules.planId)
        .limit(sql.placeholder("limit")),
    { at, limit },
  );
}

/** The same, sent on its own. */
export async function selectDuePlans(db: Db, at: string, limit: number): Promise<string[]> {
  return (await duePlans(db, at, limit)).map((r) => r.planId);
}

/**
 * Puts plans handed to the queue out of the due set until `until`: a lost message comes back
 * then. A plan the consumer has already judged (its next check moved past `at`) keeps its own.
 */
export function postponePlans(db: Db, planIds: readonly string[], at: string, until: string) {
  return db.run(sql`update plan_schedules set next_check_at = ${until}
    where plan_id in (select value from json_each(${JSON.stringify(planIds)}))
      and next_check_at <= ${at}`);
}

export interface ScheduleWrite {
  planId: string;
  nextCheckAt: string | null;
}

/**
 * Each evaluated plan's next check and the data version it was judged at. A schedule written
 * by the run of a later scheduled time is kept: the earlier run's view is the older one.
 */
export function scheduleUpserts(
  db: Db,
  writes: readonly ScheduleWrite[],
  run: { dataVersion: number; evaluatedAt: string },
): Statement[] {
  const rows = writes.map((w) => ({
    planId: w.planId,
    nextCheckAt: w.nextCheckAt,
    evaluatedVersion: run.dataVersion,
    evaluatedAt: run.evaluatedAt,
  }));
  const excluded = (name: string) => sql.raw(`excluded.${name}`);
  const build = () =>
    db
      .insert(planSchedules)
      .select(selectFromJson(planSchedules, ROWS, sql`1`))
      .onConflictDoUpdate({
        target: planSchedules.planId,
        set: {
          nextCheckAt: excluded("next_check_at"),
          evaluatedVersion: excluded("evaluated_version"),
          evaluatedAt: excluded("evaluated_at"),
        },
        setWhere: sql`${planSchedules.evaluatedAt} <= excluded.evaluated_at`,
      });
  return jsonChunks(planSchedules, rows).map((json) =>
    templated(db, "schedule-upserts", build, { rows: json }),
  );
}

/** Schedules of plans that no longer exist. */
export function dropSchedules(db: Db, planIds: readonly string[]) {
  return db
    .delete(planSchedules)
    .where(
      sql`${planSchedules.planId} in (select value from json_each(${JSON.stringify(planIds)}))`,
    );
}

// The audit log: who changed what, when, with the values before and after. Every helper here
// returns a statement for the SAME D1 batch as the change it records (a batch is one
// transaction), never a write of its own, so a change and its entry commit or fail together.
import { and, desc, eq, lt, type SQL, sql } from "drizzle-orm";
import type { AuditContext } from "../../lib/principal";
import type { Db } from "../client";
import { auditLog } from "../schema";

export type AuditRow = typeof auditLog.$inferSelect;

export type AuditAction =
  | "create"
  | "update"
  | "revise"
  | "delete"
  | "rotate_secret"
  | "revoke"
  | "retry"
  | "restore";

export type AuditEntity =
  | "indicator"
  | "plan"
  | "actual"
  | "webhook"
  | "silence"
  | "token"
  | "delivery"
  | "dataset";

export interface AuditEntry {
  action: AuditAction;
  entity: AuditEntity;
  entityId: string | null;
  /** The entity as the API shows it, secrets left out; null when it did not exist. */
  old?: unknown;
  new?: unknown;
}

const json = (value: unknown): string | null =>
  value === undefined || value === null ? null : JSON.stringify(value);

function row(ctx: AuditContext, entry: AuditEntry) {
  return {
    at: ctx.at,
    actor: ctx.actor,
    action: entry.action,
    entity: entry.entity,
    entityId: entry.entityId,
    oldValue: json(entry.old),
    newValue: json(entry.new),
  };
}

// D1 binds at most 100 parameters per statement; an entry takes 7 (the id is generated).
const ENTRIES_PER_INSERT = Math.floor(100 / 7);

/** Plain inserts of `entries`, chunked under D1's parameter limit. */
export function auditEntries(db: Db, ctx: AuditContext, entries: readonly AuditEntry[]) {
  const statements = [];
  for (let i = 0; i < entries.length; i += ENTRIES_PER_INSERT) {
    const part = entries.slice(i, i + ENTRIES_PER_INSERT).map((e) => row(ctx, e));
    statements.push(db.insert(auditLog).values(part));
  }
  return statements;
}

/**
 * One entry, written only if the statement just before it in the batch changed a row (SQLite's
 * `changes()`): a no-op update, a delete of nothing or a conditional write that lost leaves no
 * entry. Follow it with bumpDataVersionIfChanged as before: this insert changed a row exactly
 * when the write did.
 */
export function auditIfChanged(db: Db, ctx: AuditContext, entry: AuditEntry) {
  const r = row(ctx, entry);
  return db
    .insert(auditLog)
    .select(
      sql`select null, ${r.at}, ${r.actor}, ${r.action}, ${r.entity}, ${r.entityId}, ${r.oldValue}, ${r.newValue} where changes() > 0`,
    );
}

// ---- Entries for rows that only a batch knows it inserted (figures, plan revisions). ----
//
// A figure sent twice is skipped by ON CONFLICT DO NOTHING, and an import writes thousands of
// rows in chunks, so the request cannot tell which rows it added. The batch can: a cursor
// statement first stores the table's highest rowid in `meta`; after the inserts one statement
// records every row above it; a last statement deletes the cursor. New rows always get a
// rowid above the current maximum (actuals: AUTOINCREMENT; plan_revisions: max + 1), and a
// batch is a transaction, so no other writer's rows can fall in between.

type CursorTable = "actuals" | "plan_revisions";

const cursorKey = (table: CursorTable) => `audit_cursor:${table}`;

/** First statement of the batch. No bound parameters (see bumpDataVersionIfChanged). */
export function openAuditCursor(db: Db, table: CursorTable) {
  return db.run(
    sql.raw(
      `insert into meta (key, value) values ('${cursorKey(table)}', (select coalesce(max(rowid), 0) from ${table})) on conflict(key) do update set value = excluded.value`,
    ),
  );
}

/** Last statement of the batch: leaves `meta` as it was. */
export function closeAuditCursor(db: Db, table: CursorTable) {
  return db.run(sql.raw(`delete from meta where key = '${cursorKey(table)}'`));
}

const afterCursor = (table: CursorTable, rowid: SQL) =>
  sql`${rowid} > (select value from meta where key = ${cursorKey(table)})`;

/** One `create` entry per figure inserted since the cursor, in the API's shape. */
export function auditNewActuals(db: Db, ctx: AuditContext) {
  return db.insert(auditLog).select(sql`
    select null, ${ctx.at}, ${ctx.actor}, 'create', 'actual', cast(a.id as text), null,
      json_object('id', a.id, 'indicator_id', a.indicator_id, 'period_start', a.period_start,
        'period_end', a.period_end, 'value', a.value, 'status', a.status,
        'reported_at', a.reported_at, 'source', a.source,
        'reported_attainment', a.reported_attainment, 'reported_yoy', a.reported_yoy,
        'note', a.note, 'created_at', a.created_at)
    from actuals a where ${afterCursor("actuals", sql`a.id`)} order by a.id`);
}

/**
 * One entry per plan revision inserted since the cursor: `create` for a first revision, else
 * `revise` with the previous revision as the old value. Revisions are stored as the plan the
 * API returned, so both values read exactly like GET /api/plans/:id.
 */
export function auditNewPlanRevisions(db: Db, ctx: AuditContext) {
  return db.insert(auditLog).select(sql`
    select null, ${ctx.at}, ${ctx.actor},
      case when r.revision = 1 then 'create' else 'revise' end, 'plan', r.plan_id,
      p.snapshot, r.snapshot
    from plan_revisions r
    left join plan_revisions p on p.plan_id = r.plan_id and p.revision = r.revision - 1
    where ${afterCursor("plan_revisions", sql`r.rowid`)} order by r.rowid`);
}

// ---- Reading ----

export interface AuditFilter {
  entity?: string;
  entityId?: string;
  actor?: string;
  /** Cursor: only entries with a smaller id. */
  before?: number;
  limit: number;
}

/** Newest first. */
export function listAudit(db: Db, filter: AuditFilter): Promise<AuditRow[]> {
  const conditions: SQL[] = [];
  if (filter.entity) conditions.push(eq(auditLog.entity, filter.entity));
  if (filter.entityId) conditions.push(eq(auditLog.entityId, filter.entityId));
  if (filter.actor) conditions.push(eq(auditLog.actor, filter.actor));
  if (filter.before !== undefined) conditions.push(lt(auditLog.id, filter.before));
  return db
    .select()
    .from(auditLog)
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(desc(auditLog.id))
    .limit(filter.limit);
}

/** What a route passes to a query so that the query's batch records the change. */
export interface AuditedChange {
  ctx: AuditContext;
  entry: AuditEntry;
}

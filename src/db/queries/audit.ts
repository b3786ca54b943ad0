// The audit log: who changed what, when, with the values before and after. Every helper here
// returns a statement for the SAME D1 batch as the change it records (a batch is one
// transaction), never a write of its own, so a change and its entry commit or fail together.
import { and, desc, eq, getTableColumns, lt, type SQL, sql } from "drizzle-orm";
import type { AuditAction, AuditEntity } from "../../domain/vocabulary";
import type { AuditContext } from "../../lib/principal";
import { insertChunks } from "../chunks";
import type { Db } from "../client";
import { type ActualRow, type AuditRow, actuals, auditLog } from "../schema";

export interface AuditEntry {
  action: AuditAction;
  entity: AuditEntity;
  entityId: string | null;
  /** The entity as the API shows it, secrets left out; null when it did not exist. */
  old?: unknown;
  new?: unknown;
}

function row(ctx: AuditContext, entry: AuditEntry): typeof auditLog.$inferInsert {
  return {
    at: ctx.at,
    actor: ctx.actor,
    action: entry.action,
    entity: entry.entity,
    entityId: entry.entityId,
    oldValue: entry.old ?? null,
    newValue: entry.new ?? null,
    via: ctx.via ?? "api",
  };
}

/** Plain inserts of `entries`, chunked under D1's parameter limit. */
export function auditEntries(db: Db, ctx: AuditContext, entries: readonly AuditEntry[]) {
  return insertChunks(
    auditLog,
    entries.map((e) => row(ctx, e)),
  ).map((part) => db.insert(auditLog).values(part));
}

/**
 * One entry, written only if the statement just before it in the batch changed a row (SQLite's
 * `changes()`): a no-op update, a delete of nothing or a conditional write that lost leaves no
 * entry. Follow it with bumpDataVersionIfChanged: this insert changed a row exactly
 * when the write did.
 */
export function auditIfChanged(db: Db, ctx: AuditContext, entry: AuditEntry) {
  const json = (value: unknown) =>
    value === undefined || value === null ? null : JSON.stringify(value);
  return db
    .insert(auditLog)
    .select(
      sql`select null, ${ctx.at}, ${ctx.actor}, ${entry.action}, ${entry.entity}, ${entry.entityId}, ${json(entry.old)}, ${json(entry.new)}, ${ctx.via ?? "api"} where changes() > 0`,
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

/**
 * How new rows read in the audit log: the API's key for each column, in the API's order, as
 * the row's presenter defines it. The database writes the entry in the batch that inserts the
 * row, so it builds the JSON itself from this map.
 */
export interface AuditedInsert<Row> {
  ctx: AuditContext;
  fields: Readonly<Record<string, keyof Row & string>>;
}

/**
 * One entry per figure inserted since the cursor, in the API's shape: `create`, or `correct`
 * with the vintage it supersedes as the old value when an earlier one has the same number,
 * status and report date (the new one then says something different about that figure).
 */
export function auditNewActuals(db: Db, audit: AuditedInsert<ActualRow>) {
  const columns = getTableColumns(actuals);
  const objectOf = (alias: string) =>
    sql`json_object(${sql.join(
      Object.entries(audit.fields).map(
        ([key, column]) =>
          sql`${key}, ${sql.identifier(alias)}.${sql.identifier(columns[column].name)}`,
      ),
      sql`, `,
    )})`;
  return db.insert(auditLog).select(sql`
    select null, ${audit.ctx.at}, ${audit.ctx.actor},
      case when o.id is null then 'create' else 'correct' end, 'actual', cast(a.id as text),
      case when o.id is null then null else ${objectOf("o")} end,
      ${objectOf("a")}, ${audit.ctx.via ?? "api"}
    from actuals a
    left join actuals o on o.id = (
      select max(s.id) from actuals s
      where s.indicator_id = a.indicator_id and s.period_start = a.period_start
        and s.period_end = a.period_end and s.reported_at = a.reported_at
        and s.status = a.status and s.value = a.value and s.id < a.id)
    where ${afterCursor("actuals", sql`a.id`)} order by a.id`);
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
      p.snapshot, r.snapshot, ${ctx.via ?? "api"}
    from plan_revisions r
    left join plan_revisions p on p.plan_id = r.plan_id and p.revision = r.revision - 1
    where ${afterCursor("plan_revisions", sql`r.rowid`)} order by r.rowid`);
}

// ---- Reading ----

export interface AuditFilter {
  entity?: string;
  entityId?: string;
  actor?: string;
  via?: string;
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
  if (filter.via) conditions.push(eq(auditLog.via, filter.via as AuditRow["via"]));
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

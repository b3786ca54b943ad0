import { and, eq, getTableColumns, inArray, notExists, sql } from "drizzle-orm";
import type { AuditContext } from "../../lib/principal";
import { idChunks, insertChunks } from "../chunks";
import type { Db } from "../client";
import { actuals, type IndicatorRow, indicators, plans } from "../schema";
import { type AuditEntry, type AuditedChange, auditEntries, auditIfChanged } from "./audit";
import { bumpDataVersionIfChanged } from "./meta";

export async function getIndicator(db: Db, id: string): Promise<IndicatorRow | undefined> {
  const rows = await db.select().from(indicators).where(eq(indicators.id, id));
  return rows[0];
}

export function listIndicators(db: Db): Promise<IndicatorRow[]> {
  return db.select().from(indicators).orderBy(indicators.scope, indicators.id);
}

/** Every indicator, or those of one scope (what a token limited to that scope may write). */
export function listIndicatorsOf(db: Db, scope: string | null): Promise<IndicatorRow[]> {
  if (scope === null) return listIndicators(db);
  return db
    .select()
    .from(indicators)
    .where(eq(indicators.scope, scope))
    .orderBy(indicators.scope, indicators.id);
}

/**
 * Creates or replaces an indicator; `created_at` survives a replacement. With `audit`, the same
 * batch records the change.
 */
export async function upsertIndicator(
  db: Db,
  row: IndicatorRow,
  audit?: AuditedChange,
): Promise<IndicatorRow> {
  const { id, createdAt, ...changes } = row;
  const [upserted] = await db.batch([
    db
      .insert(indicators)
      .values(row)
      .onConflictDoUpdate({ target: indicators.id, set: changes })
      .returning(),
    ...(audit ? [auditIfChanged(db, audit.ctx, audit.entry)] : []),
    bumpDataVersionIfChanged(db),
  ]);
  return upserted[0] as IndicatorRow;
}

export type DeleteOutcome = "deleted" | "missing" | "in_use";

/**
 * Deletes an indicator only while nothing refers to it: deleting one with plans or figures
 * would silently drop reported data, which the monitor never does.
 */
export async function deleteIndicator(
  db: Db,
  id: string,
  audit?: AuditedChange,
): Promise<DeleteOutcome> {
  const [deleted] = await db.batch([
    db
      .delete(indicators)
      .where(
        and(
          eq(indicators.id, id),
          notExists(db.select({ one: sql`1` }).from(plans).where(eq(plans.indicatorId, id))),
          notExists(db.select({ one: sql`1` }).from(actuals).where(eq(actuals.indicatorId, id))),
        ),
      )
      .returning({ id: indicators.id }),
    ...(audit ? [auditIfChanged(db, audit.ctx, audit.entry)] : []),
    bumpDataVersionIfChanged(db),
  ]);
  if (deleted.length > 0) return "deleted";
  return (await getIndicator(db, id)) ? "in_use" : "missing";
}

/** The subset of `ids` that exist, with their measure; chunked under D1's 100-parameter limit. */
export async function findIndicators(
  db: Db,
  ids: readonly string[],
): Promise<Map<string, IndicatorRow>> {
  const found = new Map<string, IndicatorRow>();
  const [first, ...rest] = idChunks(ids).map((part) =>
    db.select().from(indicators).where(inArray(indicators.id, part)),
  );
  if (!first) return found;
  const results = await db.batch([first, ...rest]);
  for (const rows of results) for (const row of rows) found.set(row.id, row);
  return found;
}

/** Whether any plan or figure refers to the indicator. */
export async function indicatorInUse(db: Db, id: string): Promise<boolean> {
  const [planRefs, actualRefs] = await db.batch([
    db.select({ id: plans.id }).from(plans).where(eq(plans.indicatorId, id)).limit(1),
    db.select({ id: actuals.id }).from(actuals).where(eq(actuals.indicatorId, id)).limit(1),
  ]);
  return planRefs.length > 0 || actualRefs.length > 0;
}

/** Of `ids`, the indicators that plans or figures refer to; one batch, chunked under 100 parameters. */
export async function findIndicatorsInUse(db: Db, ids: readonly string[]): Promise<Set<string>> {
  const [first, ...rest] = idChunks(ids).flatMap((part) => [
    db
      .selectDistinct({ id: plans.indicatorId })
      .from(plans)
      .where(inArray(plans.indicatorId, part)),
    db
      .selectDistinct({ id: actuals.indicatorId })
      .from(actuals)
      .where(inArray(actuals.indicatorId, part)),
  ]);
  if (!first) return new Set();
  const results = await db.batch([first, ...rest]);
  return new Set(results.flat().map((r) => r.id));
}

/**
 * Creates or replaces many indicators in ONE batch (one transaction); `created_at` survives.
 * With `audit`, the batch records its entries.
 */
export async function upsertIndicators(
  db: Db,
  rows: readonly IndicatorRow[],
  audit?: { ctx: AuditContext; entries: readonly AuditEntry[] },
): Promise<void> {
  const { id, createdAt, ...columns } = getTableColumns(indicators);
  const fromExcluded = Object.fromEntries(
    Object.entries(columns).map(([key, column]) => [key, sql.raw(`excluded."${column.name}"`)]),
  );
  const writes = insertChunks(indicators, rows).map((part) =>
    db
      .insert(indicators)
      .values(part)
      .onConflictDoUpdate({ target: indicators.id, set: fromExcluded }),
  );
  const entries = audit ? auditEntries(db, audit.ctx, audit.entries) : [];
  const [first, ...rest] = [
    ...writes.flatMap((write) => [write, bumpDataVersionIfChanged(db)]),
    ...entries,
  ];
  if (first) await db.batch([first, ...rest]);
}

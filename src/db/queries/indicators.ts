import { and, eq, getTableColumns, inArray, notExists, sql } from "drizzle-orm";
import type { AuditContext } from "../../lib/principal";
import type { Db } from "../client";
import { type IndicatorRow, indicatorOut } from "../mappers";
import { actuals, indicators, plans } from "../schema";
import { type AuditedChange, auditEntries, auditIfChanged } from "./audit";
import { bumpDataVersionIfChanged } from "./meta";

export async function getIndicator(db: Db, id: string): Promise<IndicatorRow | undefined> {
  const rows = await db.select().from(indicators).where(eq(indicators.id, id));
  return rows[0];
}

export function listIndicators(db: Db): Promise<IndicatorRow[]> {
  return db.select().from(indicators).orderBy(indicators.scope, indicators.id);
}

/**
 * Creates or replaces an indicator; `created_at` survives a replacement. With `audit`, the same
 * batch records the change (`old`: the indicator as it was, or null when new).
 */
export async function upsertIndicator(
  db: Db,
  row: IndicatorRow,
  audit?: { ctx: AuditContext; old: IndicatorRow | null },
): Promise<IndicatorRow> {
  const { id, createdAt, ...changes } = row;
  const [upserted] = await db.batch([
    db
      .insert(indicators)
      .values(row)
      .onConflictDoUpdate({ target: indicators.id, set: changes })
      .returning(),
    ...(audit
      ? [
          auditIfChanged(db, audit.ctx, {
            action: audit.old ? "update" : "create",
            entity: "indicator",
            entityId: id,
            old: audit.old && indicatorOut(audit.old),
            new: indicatorOut(row),
          }),
        ]
      : []),
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
  const unique = [...new Set(ids)];
  const found = new Map<string, IndicatorRow>();
  if (unique.length === 0) return found;
  const chunks: string[][] = [];
  for (let i = 0; i < unique.length; i += 90) chunks.push(unique.slice(i, i + 90));
  const queries = chunks.map((chunk) =>
    db.select().from(indicators).where(sql`${indicators.id} in ${chunk}`),
  );
  const [first, ...rest] = queries;
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
  const unique = [...new Set(ids)];
  const queries = [];
  for (let i = 0; i < unique.length; i += 90) {
    const chunk = unique.slice(i, i + 90);
    queries.push(
      db
        .selectDistinct({ id: plans.indicatorId })
        .from(plans)
        .where(inArray(plans.indicatorId, chunk)),
      db
        .selectDistinct({ id: actuals.indicatorId })
        .from(actuals)
        .where(inArray(actuals.indicatorId, chunk)),
    );
  }
  const [first, ...rest] = queries;
  if (!first) return new Set();
  const results = await db.batch([first, ...rest]);
  return new Set(results.flat().map((r) => r.id));
}

// D1 binds at most 100 parameters per statement; an indicator takes 15.
const INDICATORS_PER_UPSERT = Math.floor(100 / 15);

/**
 * Creates or replaces many indicators in ONE batch (one transaction); `created_at` survives.
 * With `audit`, the batch records each one (`old`: the stored indicators, by id).
 */
export async function upsertIndicators(
  db: Db,
  rows: readonly IndicatorRow[],
  audit?: { ctx: AuditContext; old: ReadonlyMap<string, IndicatorRow> },
): Promise<void> {
  const { id, createdAt, ...columns } = getTableColumns(indicators);
  const fromExcluded = Object.fromEntries(
    Object.entries(columns).map(([key, column]) => [key, sql.raw(`excluded."${column.name}"`)]),
  );
  const writes = [];
  for (let i = 0; i < rows.length; i += INDICATORS_PER_UPSERT) {
    writes.push(
      db
        .insert(indicators)
        .values(rows.slice(i, i + INDICATORS_PER_UPSERT))
        .onConflictDoUpdate({ target: indicators.id, set: fromExcluded }),
    );
  }
  const entries = audit
    ? auditEntries(
        db,
        audit.ctx,
        rows.map((r) => {
          const old = audit.old.get(r.id);
          return {
            action: old ? "update" : "create",
            entity: "indicator",
            entityId: r.id,
            old: old ? indicatorOut(old) : null,
            new: indicatorOut(r),
          } as const;
        }),
      )
    : [];
  const [first, ...rest] = [
    ...writes.flatMap((write) => [write, bumpDataVersionIfChanged(db)]),
    ...entries,
  ];
  if (first) await db.batch([first, ...rest]);
}

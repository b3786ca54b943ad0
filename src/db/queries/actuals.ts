import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { idChunks, insertChunks } from "../chunks";
import type { Db } from "../client";
import type { Statement } from "../json-rows";
import { type ActualRow, actuals } from "../schema";
import { type AuditedInsert, auditNewActuals, closeAuditCursor, openAuditCursor } from "./audit";
import { bumpDataVersionIfChanged } from "./meta";

export type NewActual = Omit<ActualRow, "id">;

/**
 * Inserts every figure in one D1 batch (one transaction): all of them or none. A figure already
 * stored with the same indicator, period, report date, status and value is left as it was and
 * reported back as a duplicate, so retried requests and re-run seeds add nothing.
 */
export async function insertActuals(
  db: Db,
  rows: readonly NewActual[],
  audit?: AuditedInsert<ActualRow>,
): Promise<{ inserted: ActualRow[]; duplicates: number }> {
  const write = actualInserts(db, rows, audit);
  const [first, ...rest] = write.statements;
  if (!first) return { inserted: [], duplicates: 0 };
  const inserted = write.inserted(await db.batch([first, ...rest]));
  return { inserted, duplicates: rows.length - inserted.length };
}

/**
 * The statements of insertActuals, for a caller that adds them to a larger batch of its own,
 * and how to pick the stored figures out of that batch's results: `results` from the first of
 * these statements on.
 */
export function actualInserts(
  db: Db,
  rows: readonly NewActual[],
  audit?: AuditedInsert<ActualRow>,
): { statements: Statement[]; inserted(results: readonly unknown[]): ActualRow[] } {
  const inserts = insertChunks(actuals, rows).map((part) =>
    db.insert(actuals).values(part).onConflictDoNothing().returning(),
  );
  const writes = inserts.flatMap((insert) => [insert, bumpDataVersionIfChanged(db)]);
  if (writes.length === 0) return { statements: [], inserted: () => [] };
  // With `audit`, one entry per figure actually inserted (a duplicate adds none): the cursor
  // marks where this batch's rows begin.
  const statements: Statement[] = audit
    ? [
        openAuditCursor(db, "actuals"),
        ...writes,
        auditNewActuals(db, audit),
        closeAuditCursor(db, "actuals"),
      ]
    : writes;
  const offset = audit ? 1 : 0;
  return {
    statements,
    // Results alternate: an insert's returned rows, then its version bump.
    inserted: (results) =>
      results
        .slice(offset, offset + writes.length)
        .filter((_, i) => i % 2 === 0)
        .flat() as ActualRow[],
  };
}

/** Every vintage of an indicator's figures, oldest period first. */
export function listAllVintages(db: Db, indicatorId: string): Promise<ActualRow[]> {
  return db
    .select()
    .from(actuals)
    .where(eq(actuals.indicatorId, indicatorId))
    .orderBy(
      asc(actuals.periodEnd),
      asc(actuals.periodStart),
      asc(actuals.reportedAt),
      asc(actuals.id),
    );
}

/** The vintage that counts for each period: the latest reported, then the latest recorded. */
export function listLatestVintages(db: Db, indicatorId: string): Promise<ActualRow[]> {
  return db
    .select()
    .from(actuals)
    .where(
      and(
        eq(actuals.indicatorId, indicatorId),
        sql`not exists (
          select 1 from actuals newer
          where newer.indicator_id = ${actuals.indicatorId}
            and newer.period_start = ${actuals.periodStart}
            and newer.period_end = ${actuals.periodEnd}
            and (newer.reported_at > ${actuals.reportedAt}
              or (newer.reported_at = ${actuals.reportedAt} and newer.id > ${actuals.id})))`,
      ),
    )
    .orderBy(asc(actuals.periodEnd), asc(actuals.periodStart));
}

/** Every stored vintage of the given indicators, as much as telling a new figure apart needs. */
export async function listVintageKeys(db: Db, indicatorIds: readonly string[]) {
  const [first, ...rest] = idChunks(indicatorIds).map((part) =>
    db
      .select({
        id: actuals.id,
        indicatorId: actuals.indicatorId,
        periodStart: actuals.periodStart,
        periodEnd: actuals.periodEnd,
        reportedAt: actuals.reportedAt,
        status: actuals.status,
        value: actuals.value,
      })
      .from(actuals)
      .where(inArray(actuals.indicatorId, part)),
  );
  if (!first) return [];
  return (await db.batch([first, ...rest])).flat();
}

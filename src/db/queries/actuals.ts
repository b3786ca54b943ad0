import { and, asc, desc, eq, sql } from "drizzle-orm";
import { chunk, insertChunks } from "../chunks";
import type { Db } from "../client";
import type { Statement } from "../json-rows";
import { type ActualRow, actuals } from "../schema";
import {
  type AuditedChange,
  type AuditedInsert,
  auditIfChanged,
  auditNewActuals,
  closeAuditCursor,
  openAuditCursor,
} from "./audit";
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

/** Newer than `a`: the same period, reported later, or reported the same day and recorded later. */
const newerVintage = (asOf?: string) => sql`exists (
  select 1 from actuals newer
  where newer.indicator_id = ${actuals.indicatorId}
    and newer.period_start = ${actuals.periodStart}
    and newer.period_end = ${actuals.periodEnd}
    ${asOf === undefined ? sql`` : sql`and newer.reported_at <= ${asOf}`}
    and (newer.reported_at > ${actuals.reportedAt}
      or (newer.reported_at = ${actuals.reportedAt} and newer.id > ${actuals.id})))`;

/** The place of a vintage in the order periods are listed in: its period, report date, id. */
const place = sql`(${actuals.periodEnd}, ${actuals.periodStart}, ${actuals.reportedAt}, ${actuals.id})`;
const placeOf = (id: number) =>
  sql`(select c.period_end, c.period_start, c.reported_at, c.id from actuals c where c.id = ${id})`;

export interface VintagePage {
  rows: ActualRow[];
  /** The cursor of the next page (the id of this page's last vintage), or null at the end. */
  next: number | null;
}

/**
 * An indicator's figures, oldest period first, `limit` at a time: every vintage, or only the
 * latest of each period. `after` is the previous page's `next`. However many vintages an
 * indicator gathers, one answer holds at most `limit`.
 */
export async function pageVintages(
  db: Db,
  indicatorId: string,
  page: { latestOnly: boolean; after?: number; limit: number },
): Promise<VintagePage> {
  const rows = await db
    .select()
    .from(actuals)
    .where(
      and(
        eq(actuals.indicatorId, indicatorId),
        page.latestOnly ? sql`not ${newerVintage()}` : undefined,
        page.after === undefined ? undefined : sql`${place} > ${placeOf(page.after)}`,
      ),
    )
    .orderBy(
      asc(actuals.periodEnd),
      asc(actuals.periodStart),
      asc(actuals.reportedAt),
      asc(actuals.id),
    )
    .limit(page.limit + 1);
  const more = rows.length > page.limit;
  const shown = more ? rows.slice(0, page.limit) : rows;
  return { rows: shown, next: more ? (shown[shown.length - 1]?.id ?? null) : null };
}

/** The vintages a plan page shows: those whose period ends inside the plan's. */
interface PlanPeriods {
  indicatorId: string;
  from: string;
  to: string;
}

/**
 * The vintage that counts for each period ending inside the plan, as known on `asOf`, the
 * latest periods first: what the plan's chart draws. At most `limit` periods.
 */
export function latestVintagesInPlan(
  db: Db,
  plan: PlanPeriods & { asOf: string; limit: number },
): Promise<ActualRow[]> {
  return db
    .select()
    .from(actuals)
    .where(
      and(
        eq(actuals.indicatorId, plan.indicatorId),
        sql`${actuals.periodEnd} between ${plan.from} and ${plan.to}`,
        sql`${actuals.reportedAt} <= ${plan.asOf}`,
        sql`not ${newerVintage(plan.asOf)}`,
      ),
    )
    .orderBy(desc(actuals.periodEnd), desc(actuals.periodStart))
    .limit(plan.limit);
}

/**
 * Every vintage of the periods ending inside the plan, newest first, `limit` at a time after
 * the vintage `before` (the previous page's `next`): the plan page's table of vintages.
 */
export async function vintagesInPlan(
  db: Db,
  plan: PlanPeriods & { before?: number; limit: number },
): Promise<VintagePage> {
  const rows = await db
    .select()
    .from(actuals)
    .where(
      and(
        eq(actuals.indicatorId, plan.indicatorId),
        sql`${actuals.periodEnd} between ${plan.from} and ${plan.to}`,
        plan.before === undefined ? undefined : sql`${place} < ${placeOf(plan.before)}`,
      ),
    )
    .orderBy(
      desc(actuals.periodEnd),
      desc(actuals.periodStart),
      desc(actuals.reportedAt),
      desc(actuals.id),
    )
    .limit(plan.limit + 1);
  const more = rows.length > plan.limit;
  const shown = more ? rows.slice(0, plan.limit) : rows;
  return { rows: shown, next: more ? (shown[shown.length - 1]?.id ?? null) : null };
}

/**
 * Every stored vintage of the given periods, as much as telling a new figure apart needs: what
 * deciding whether a figure is new, a revision, a correction or a repeat reads, and nothing of
 * the indicator's other periods. The periods travel as one JSON parameter per chunk.
 */
export async function listVintagesOfPeriods(
  db: Db,
  periods: readonly { indicatorId: string; periodStart: string; periodEnd: string }[],
) {
  const unique = [
    ...new Map(
      periods.map((p) => [JSON.stringify([p.indicatorId, p.periodStart, p.periodEnd]), p]),
    ).keys(),
  ];
  const [first, ...rest] = chunk(unique, PERIODS_PER_QUERY).map((part) =>
    db
      .select({
        id: actuals.id,
        indicatorId: actuals.indicatorId,
        periodStart: actuals.periodStart,
        periodEnd: actuals.periodEnd,
        reportedAt: actuals.reportedAt,
        status: actuals.status,
        value: actuals.value,
        source: actuals.source,
        reportedAttainment: actuals.reportedAttainment,
        reportedYoy: actuals.reportedYoy,
        note: actuals.note,
      })
      .from(actuals)
      .where(
        sql`(${actuals.indicatorId}, ${actuals.periodStart}, ${actuals.periodEnd}) in (select p.value ->> '$[0]', p.value ->> '$[1]', p.value ->> '$[2]' from json_each(${`[${part.join(",")}]`}) as p)`,
      ),
  );
  if (!first) return [];
  return (await db.batch([first, ...rest])).flat();
}

/** Periods per query: a chunk's JSON stays far below D1's limit on one bound string. */
const PERIODS_PER_QUERY = 2000;

export async function getActual(db: Db, id: number): Promise<ActualRow | undefined> {
  const rows = await db.select().from(actuals).where(eq(actuals.id, id));
  return rows[0];
}

/**
 * Deletes one vintage, with its audit entry, in one batch: for an admin removing a figure that
 * should never have been stored (figures are otherwise never deleted). False when there was none.
 */
export async function deleteActual(db: Db, id: number, audit: AuditedChange): Promise<boolean> {
  const [deleted] = await db.batch([
    db.delete(actuals).where(eq(actuals.id, id)).returning({ id: actuals.id }),
    auditIfChanged(db, audit.ctx, audit.entry),
    bumpDataVersionIfChanged(db),
  ]);
  return deleted.length > 0;
}

/**
 * An indicator's vintages for periods ending on or after `from`, newest period first, at most
 * `limit` of them: what judging its targets before a write needs (the figure each is judged on,
 * last year's and a few years of history), bounded however long the indicator's record grows.
 */
export function listVintagesSince(
  db: Db,
  indicatorId: string,
  from: string,
  limit: number,
): Promise<ActualRow[]> {
  return db
    .select()
    .from(actuals)
    .where(and(eq(actuals.indicatorId, indicatorId), sql`${actuals.periodEnd} >= ${from}`))
    .orderBy(desc(actuals.periodEnd), desc(actuals.id))
    .limit(limit);
}

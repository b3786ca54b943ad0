import { and, eq, getTableColumns, inArray, notExists, type SQL, sql } from "drizzle-orm";
import type { AuditContext } from "../../lib/principal";
import { idChunks } from "../chunks";
import type { Db } from "../client";
import type { Statement } from "../json-rows";
import {
  type AreaRow,
  actuals,
  areas,
  type IndicatorRow,
  type IndicatorTableRow,
  indicators,
  plans,
} from "../schema";
import { type AuditEntry, type AuditedChange, auditIfChanged } from "./audit";
import { abortUnlessChanged, bumpDataVersionIfChanged } from "./meta";

/**
 * An indicator with its area's names and level, which are what every output shows. Aliased:
 * D1's batch results are keyed by column name, and `areas.name` would hide `indicators.name`.
 */
export const INDICATOR_WITH_AREA = {
  ...getTableColumns(indicators),
  scopeName: sql<string>`${areas.name}`.as("area_name"),
  scopeNameVi: sql<string | null>`${areas.nameVi}`.as("area_name_vi"),
  scopeLevel: sql<IndicatorRow["scopeLevel"]>`${areas.level}`.as("area_level"),
};

/** Indicators joined with their areas, filtered by `where`. */
export function selectIndicators(db: Db, where?: SQL) {
  return db
    .select(INDICATOR_WITH_AREA)
    .from(indicators)
    .innerJoin(areas, eq(areas.id, indicators.scope))
    .where(where);
}

export async function getIndicator(db: Db, id: string): Promise<IndicatorRow | undefined> {
  const rows = await selectIndicators(db, eq(indicators.id, id));
  return rows[0];
}

export function listIndicators(db: Db): Promise<IndicatorRow[]> {
  return selectIndicators(db).orderBy(indicators.scope, indicators.id);
}

/** What writing one indicator, or many, needs: the rows, and what they were when read. */
export interface IndicatorWrite {
  row: IndicatorTableRow;
  /** The stored row the write was decided on, or undefined for a new indicator. */
  before: Pick<IndicatorTableRow, "updatedAt"> | undefined;
  entry: AuditEntry;
}

/** Every indicator, or those of one scope (what a token limited to that scope may write). */
export function listIndicatorsOf(db: Db, scope: string | null): Promise<IndicatorRow[]> {
  if (scope === null) return listIndicators(db);
  return selectIndicators(db, eq(indicators.scope, scope)).orderBy(indicators.scope, indicators.id);
}

/**
 * The statements that write one indicator, each guarded by what was read: a new id is inserted
 * only if still absent, and a replacement applies only while the row is unchanged since it was
 * read. Either way the audit entry follows, and the batch is abandoned (409) if the guard
 * failed: two offices creating the same id at once, or an edit racing another, leave exactly
 * one write and one entry.
 */
function indicatorStatements(db: Db, write: IndicatorWrite, ctx: AuditContext): Statement[] {
  const { id, createdAt, ...changes } = write.row;
  const statement = write.before
    ? db
        .update(indicators)
        .set(changes)
        .where(and(eq(indicators.id, id), eq(indicators.updatedAt, write.before.updatedAt)))
    : db.insert(indicators).values(write.row).onConflictDoNothing();
  // Each of the last three looks at what the statement before it changed: the entry is written
  // iff the write changed a row, the version bumped iff the entry was, and the batch abandoned
  // iff the version was not.
  return [
    statement,
    auditIfChanged(db, ctx, write.entry),
    bumpDataVersionIfChanged(db),
    abortUnlessChanged(db),
  ];
}

/** An area an admin defines by naming it in an indicator, with its audit entry. */
export interface NewArea {
  row: AreaRow;
  entry: AuditEntry;
}

/**
 * Creates a missing area in the same batch as the indicator that names it (and leaves it as it
 * is when someone created it meanwhile: the indicator then takes that area's names).
 */
function newAreaStatements(db: Db, area: NewArea, ctx: AuditContext): Statement[] {
  return [
    db.insert(areas).values(area.row).onConflictDoNothing(),
    auditIfChanged(db, ctx, area.entry),
  ];
}

/**
 * Creates or replaces indicators (and the areas they define) in ONE batch: all of them, each
 * guarded as above, or none. A guard that fails surfaces as a constraint error.
 */
export async function writeIndicators(
  db: Db,
  writes: readonly IndicatorWrite[],
  ctx: AuditContext,
  newAreas: readonly NewArea[] = [],
): Promise<void> {
  const [first, ...rest] = [
    ...newAreas.flatMap((area) => newAreaStatements(db, area, ctx)),
    ...writes.flatMap((write) => indicatorStatements(db, write, ctx)),
  ];
  if (first) await db.batch([first, ...rest]);
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

/** The subset of `ids` that exist, with their areas; chunked under D1's 100-parameter limit. */
export async function findIndicators(
  db: Db,
  ids: readonly string[],
): Promise<Map<string, IndicatorRow>> {
  const found = new Map<string, IndicatorRow>();
  const [first, ...rest] = idChunks(ids).map((part) =>
    selectIndicators(db, inArray(indicators.id, part)),
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

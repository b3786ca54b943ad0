import { gt, inArray, sql } from "drizzle-orm";
import { insertChunks } from "../chunks";
import type { Db } from "../client";
import {
  type ActualRow,
  type AreaRow,
  actuals,
  areas,
  type IndicatorTableRow,
  indicators,
  type PlanRow,
  planRevisions,
  plans,
  type RevisionRow,
} from "../schema";
import { type AuditedChange, auditEntries } from "./audit";
import { selectIndicators } from "./indicators";

/** Everything a backup holds, as rows. */
export interface Dataset {
  areas: AreaRow[];
  indicators: IndicatorTableRow[];
  plans: PlanRow[];
  revisions: RevisionRow[];
  actuals: ActualRow[];
}

const HOLDS_DATA =
  "exists (select 1 from areas) or exists (select 1 from indicators) or exists (select 1 from plans) or exists (select 1 from plan_revisions) or exists (select 1 from actuals)";

/** Whether any area, indicator, plan, revision or figure is stored. */
export async function holdsData(db: Db): Promise<boolean> {
  const rows = await db.all<{ any: number }>(sql.raw(`select (${HOLDS_DATA}) as "any"`));
  return rows[0]?.any === 1;
}

/** Areas ordered so that every parent comes before the areas inside it. */
function parentsFirst(rows: readonly AreaRow[]): AreaRow[] {
  const byId = new Map(rows.map((r) => [r.id, r]));
  const placed = new Set<string>();
  const ordered: AreaRow[] = [];
  const place = (row: AreaRow, depth: number) => {
    if (placed.has(row.id) || depth > rows.length) return;
    const parent = row.parentId === null ? undefined : byId.get(row.parentId);
    if (parent) place(parent, depth + 1);
    placed.add(row.id);
    ordered.push(row);
  };
  for (const row of rows) place(row, 0);
  return ordered;
}

/**
 * Writes a whole dataset into an empty database in ONE batch (one transaction): every row or
 * none. The first statement makes the emptiness check part of that transaction: if anything is
 * stored by then (a write raced the caller's check), it inserts NULL into meta.value, a NOT NULL
 * column, and the constraint error rolls the whole batch back.
 *
 * The data version is SET rather than bumped once per statement: it resumes from the exported
 * version (so a fresh database answers the same /api/status, ETag included, as the one backed
 * up) and otherwise moves past the current one, so it still only ever grows.
 */
export async function restoreDataset(
  db: Db,
  data: Dataset,
  dataVersion: number,
  audit?: AuditedChange,
): Promise<void> {
  if (!Number.isSafeInteger(dataVersion) || dataVersion < 0) {
    throw new RangeError(`data version must be a non-negative integer: ${dataVersion}`);
  }
  const version = Math.max(dataVersion, 1);
  const guard = db.run(
    sql.raw(`insert into meta (key, value) select 'restore_guard', null where ${HOLDS_DATA}`),
  );
  // No bound parameters: drizzle's D1 batch cannot bind those of raw statements, and `version`
  // is a checked integer.
  const setVersion = db.run(
    sql.raw(
      `insert into meta (key, value) values ('data_version', ${version}) on conflict(key) do update set value = max(value + 1, ${version})`,
    ),
  );
  // Parents before the areas inside them, so each row's reference is already there.
  const writes = [
    ...insertChunks(areas, parentsFirst(data.areas)).map((c) => db.insert(areas).values(c)),
    ...insertChunks(indicators, data.indicators).map((c) => db.insert(indicators).values(c)),
    ...insertChunks(plans, data.plans).map((c) => db.insert(plans).values(c)),
    ...insertChunks(planRevisions, data.revisions).map((c) => db.insert(planRevisions).values(c)),
    ...insertChunks(actuals, data.actuals).map((c) => db.insert(actuals).values(c)),
  ];
  const entries = audit ? auditEntries(db, audit.ctx, [audit.entry]) : [];
  await db.batch([guard, setVersion, ...writes, ...entries]);
}

/** One page of a table, read in key order after `after` (the last key of the previous page). */
export function pageAreas(db: Db, after: string | null, limit: number) {
  return db
    .select()
    .from(areas)
    .where(after === null ? undefined : gt(areas.id, after))
    .orderBy(areas.id)
    .limit(limit);
}

export function pageIndicators(db: Db, after: string | null, limit: number) {
  return selectIndicators(db, after === null ? undefined : gt(indicators.id, after))
    .orderBy(indicators.id)
    .limit(limit);
}

/** A page of plans, and in the same round trip every revision of each of them. */
export async function pagePlans(db: Db, after: string | null, limit: number) {
  const page = db
    .select({ id: plans.id })
    .from(plans)
    .where(after === null ? undefined : gt(plans.id, after))
    .orderBy(plans.id)
    .limit(limit);
  const [planRows, revisionRows] = await db.batch([
    db.select().from(plans).where(inArray(plans.id, page)).orderBy(plans.id),
    db
      .select()
      .from(planRevisions)
      .where(inArray(planRevisions.planId, page))
      .orderBy(planRevisions.planId, planRevisions.revision),
  ]);
  return { plans: planRows, revisions: revisionRows };
}

export function pageActuals(db: Db, after: number | null, limit: number) {
  return db
    .select()
    .from(actuals)
    .where(after === null ? undefined : gt(actuals.id, after))
    .orderBy(actuals.id)
    .limit(limit);
}

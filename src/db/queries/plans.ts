import { and, eq, getTableColumns, inArray, sql } from "drizzle-orm";
import type { AuditContext } from "../../lib/principal";
import type { Db } from "../client";
import { type PlanRow, planOut } from "../mappers";
import { planRevisions, plans } from "../schema";
import { auditNewPlanRevisions, closeAuditCursor, openAuditCursor } from "./audit";
import { bumpDataVersionIfChanged } from "./meta";

/** Wraps a batch's writes so that every plan revision they insert gets an audit entry. */
function audited<T>(db: Db, writes: T[], audit: AuditContext | undefined) {
  return audit
    ? [
        openAuditCursor(db, "plan_revisions"),
        ...writes,
        auditNewPlanRevisions(db, audit),
        closeAuditCursor(db, "plan_revisions"),
      ]
    : writes;
}

export async function getPlan(db: Db, id: string): Promise<PlanRow | undefined> {
  const rows = await db.select().from(plans).where(eq(plans.id, id));
  return rows[0];
}

export function listPlans(db: Db, filter: { indicatorId?: string }): Promise<PlanRow[]> {
  const query = db.select().from(plans);
  const filtered = filter.indicatorId
    ? query.where(eq(plans.indicatorId, filter.indicatorId))
    : query;
  return filtered.orderBy(plans.indicatorId, plans.periodStart, plans.id);
}

export function listPlanRevisions(db: Db, planId: string) {
  return db
    .select()
    .from(planRevisions)
    .where(eq(planRevisions.planId, planId))
    .orderBy(planRevisions.revision);
}

function revisionRow(row: PlanRow) {
  return {
    planId: row.id,
    revision: row.revision,
    snapshot: JSON.stringify(planOut(row)),
    createdAt: row.updatedAt,
  };
}

/**
 * Inserts revision 1. A plan id already taken fails the batch on its primary key. With `audit`,
 * the batch records the new plan (and revisePlan and writePlans each new revision).
 */
export async function insertPlan(db: Db, row: PlanRow, audit?: AuditContext): Promise<void> {
  const [first, ...rest] = audited(
    db,
    [
      db.insert(plans).values(row),
      db.insert(planRevisions).values(revisionRow(row)),
      bumpDataVersionIfChanged(db),
    ],
    audit,
  );
  if (first) await db.batch([first, ...rest]);
}

/**
 * Writes `row` as the next revision of a plan currently at `row.revision - 1`. Two concurrent
 * revisions both try to insert the same (plan_id, revision) key: one batch fails whole.
 */
export async function revisePlan(db: Db, row: PlanRow, audit?: AuditContext): Promise<void> {
  const { id, createdAt, ...changes } = row;
  const [first, ...rest] = audited(
    db,
    [
      db.insert(planRevisions).values(revisionRow(row)),
      db
        .update(plans)
        .set(changes)
        .where(and(eq(plans.id, id), eq(plans.revision, row.revision - 1))),
      bumpDataVersionIfChanged(db),
    ],
    audit,
  );
  if (first) await db.batch([first, ...rest]);
}

/** The subset of `ids` that exist, read in one batch of queries under D1's 100-parameter limit. */
export async function findPlans(db: Db, ids: readonly string[]): Promise<Map<string, PlanRow>> {
  const unique = [...new Set(ids)];
  const found = new Map<string, PlanRow>();
  const queries = [];
  for (let i = 0; i < unique.length; i += 90) {
    queries.push(
      db
        .select()
        .from(plans)
        .where(inArray(plans.id, unique.slice(i, i + 90))),
    );
  }
  const [first, ...rest] = queries;
  if (!first) return found;
  for (const rows of await db.batch([first, ...rest]))
    for (const row of rows) found.set(row.id, row);
  return found;
}

// D1 binds at most 100 parameters per statement: a plan takes 16, a revision 4.
const PLANS_PER_INSERT = Math.floor(100 / 16);
const REVISIONS_PER_INSERT = Math.floor(100 / 4);

/**
 * Writes many plans in ONE batch (one transaction): each plan's newest state, then every new
 * revision (several for a plan revised more than once). As in revisePlan, a revision number
 * someone else took meanwhile fails the (plan_id, revision) key, and with it the whole batch.
 */
export async function writePlans(
  db: Db,
  current: readonly PlanRow[],
  revisions: readonly PlanRow[],
  audit?: AuditContext,
): Promise<void> {
  const { id, createdAt, ...columns } = getTableColumns(plans);
  const fromExcluded = Object.fromEntries(
    Object.entries(columns).map(([key, column]) => [key, sql.raw(`excluded."${column.name}"`)]),
  );
  const writes = [];
  for (let i = 0; i < current.length; i += PLANS_PER_INSERT) {
    writes.push(
      db
        .insert(plans)
        .values(current.slice(i, i + PLANS_PER_INSERT))
        .onConflictDoUpdate({ target: plans.id, set: fromExcluded }),
    );
  }
  for (let i = 0; i < revisions.length; i += REVISIONS_PER_INSERT) {
    writes.push(
      db
        .insert(planRevisions)
        .values(revisions.slice(i, i + REVISIONS_PER_INSERT).map(revisionRow)),
    );
  }
  if (writes.length === 0) return;
  const [first, ...rest] = audited(
    db,
    writes.flatMap((write) => [write, bumpDataVersionIfChanged(db)]),
    audit,
  );
  if (first) await db.batch([first, ...rest]);
}

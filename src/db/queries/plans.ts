import { and, eq } from "drizzle-orm";
import type { Db } from "../client";
import { type PlanRow, planOut } from "../mappers";
import { planRevisions, plans } from "../schema";
import { bumpDataVersionIfChanged } from "./meta";

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

/** Inserts revision 1. A plan id already taken fails the batch on its primary key. */
export async function insertPlan(db: Db, row: PlanRow): Promise<void> {
  await db.batch([
    db.insert(plans).values(row),
    db.insert(planRevisions).values(revisionRow(row)),
    bumpDataVersionIfChanged(db),
  ]);
}

/**
 * Writes `row` as the next revision of a plan currently at `row.revision - 1`. Two concurrent
 * revisions both try to insert the same (plan_id, revision) key: one batch fails whole.
 */
export async function revisePlan(db: Db, row: PlanRow): Promise<void> {
  const { id, createdAt, ...changes } = row;
  await db.batch([
    db.insert(planRevisions).values(revisionRow(row)),
    db
      .update(plans)
      .set(changes)
      .where(and(eq(plans.id, id), eq(plans.revision, row.revision - 1))),
    bumpDataVersionIfChanged(db),
  ]);
}

import { and, eq, getTableColumns, inArray, sql } from "drizzle-orm";
import type { AuditContext } from "../../lib/principal";
import { idChunks, insertChunks } from "../chunks";
import type { Db } from "../client";
import type { Statement } from "../json-rows";
import {
  deliveries,
  evaluationSnapshots,
  events,
  type PlanRow,
  planAlertStates,
  planRevisions,
  plans,
} from "../schema";
import {
  type AuditedChange,
  auditIfChanged,
  auditNewPlanRevisions,
  closeAuditCursor,
  openAuditCursor,
} from "./audit";
import { bumpDataVersionIfChanged } from "./meta";

/** A plan revision to store: the plan's row and the plan as the API returned it. */
export interface PlanWrite {
  row: PlanRow;
  snapshot: typeof planRevisions.$inferInsert.snapshot;
}

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

function revisionRow({ row, snapshot }: PlanWrite) {
  return { planId: row.id, revision: row.revision, snapshot, createdAt: row.updatedAt };
}

/**
 * Inserts revision 1. A plan id already taken fails the batch on its primary key. With `audit`,
 * the batch records the new plan (and revisePlan and writePlans each new revision).
 */
export async function insertPlan(db: Db, plan: PlanWrite, audit?: AuditContext): Promise<void> {
  const [first, ...rest] = audited(
    db,
    [
      db.insert(plans).values(plan.row),
      db.insert(planRevisions).values(revisionRow(plan)),
      bumpDataVersionIfChanged(db),
    ],
    audit,
  );
  if (first) await db.batch([first, ...rest]);
}

/**
 * Writes `plan` as the next revision of a plan currently at `revision - 1`. Two concurrent
 * revisions both try to insert the same (plan_id, revision) key: one batch fails whole.
 */
export async function revisePlan(db: Db, plan: PlanWrite, audit?: AuditContext): Promise<void> {
  const { id, createdAt, ...changes } = plan.row;
  const [first, ...rest] = audited(
    db,
    [
      db.insert(planRevisions).values(revisionRow(plan)),
      db
        .update(plans)
        .set(changes)
        .where(and(eq(plans.id, id), eq(plans.revision, plan.row.revision - 1))),
      bumpDataVersionIfChanged(db),
    ],
    audit,
  );
  if (first) await db.batch([first, ...rest]);
}

/** The subset of `ids` that exist, read in one batch. */
export async function findPlans(db: Db, ids: readonly string[]): Promise<Map<string, PlanRow>> {
  const found = new Map<string, PlanRow>();
  const [first, ...rest] = idChunks(ids).map((part) =>
    db.select().from(plans).where(inArray(plans.id, part)),
  );
  if (!first) return found;
  for (const rows of await db.batch([first, ...rest]))
    for (const row of rows) found.set(row.id, row);
  return found;
}

/**
 * Writes many plans in ONE batch (one transaction): each plan's newest state, then every new
 * revision (several for a plan revised more than once). As in revisePlan, a revision number
 * someone else took meanwhile fails the (plan_id, revision) key, and with it the whole batch.
 */
export async function writePlans(
  db: Db,
  current: readonly PlanRow[],
  revisions: readonly PlanWrite[],
  audit?: AuditContext,
): Promise<void> {
  const [first, ...rest] = planWrites(db, current, revisions, audit);
  if (first) await db.batch([first, ...rest]);
}

/** The statements of writePlans, for a caller that adds them to a larger batch of its own. */
export function planWrites(
  db: Db,
  current: readonly PlanRow[],
  revisions: readonly PlanWrite[],
  audit?: AuditContext,
): Statement[] {
  const { id, createdAt, ...columns } = getTableColumns(plans);
  const fromExcluded = Object.fromEntries(
    Object.entries(columns).map(([key, column]) => [key, sql.raw(`excluded."${column.name}"`)]),
  );
  const writes = [
    ...insertChunks(plans, current).map((part) =>
      db.insert(plans).values(part).onConflictDoUpdate({ target: plans.id, set: fromExcluded }),
    ),
    ...insertChunks(planRevisions, revisions.map(revisionRow)).map((part) =>
      db.insert(planRevisions).values(part),
    ),
  ];
  if (writes.length === 0) return [];
  return audited(
    db,
    writes.flatMap((write) => [write, bumpDataVersionIfChanged(db)]),
    audit,
  );
}

/**
 * Deletes a plan with everything recorded about it (revisions, the monitor's state, snapshots,
 * events and their deliveries) in ONE batch, with its audit entry. For an admin removing a plan
 * that should never have been stored; returns false when there was none.
 */
export async function deletePlan(db: Db, id: string, audit: AuditedChange): Promise<boolean> {
  const eventsOfPlan = db.select({ id: events.id }).from(events).where(eq(events.planId, id));
  const [, , , , , deleted] = await db.batch([
    // Attempts go with their deliveries (ON DELETE CASCADE).
    db.delete(deliveries).where(inArray(deliveries.eventId, eventsOfPlan)),
    db.delete(events).where(eq(events.planId, id)),
    db.delete(evaluationSnapshots).where(eq(evaluationSnapshots.planId, id)),
    db.delete(planAlertStates).where(eq(planAlertStates.planId, id)),
    db.delete(planRevisions).where(eq(planRevisions.planId, id)),
    db.delete(plans).where(eq(plans.id, id)).returning({ id: plans.id }),
    auditIfChanged(db, audit.ctx, audit.entry),
    bumpDataVersionIfChanged(db),
  ]);
  return deleted.length > 0;
}

// Creating and revising plans, for the JSON API and the plan form alike: read, decide, write.
// `planChange` decides without writing, so the form can show what saving would do.
import type { Db } from "../db/client";
import { getIndicator } from "../db/queries/indicators";
import { getPlan, insertPlan, revisePlan } from "../db/queries/plans";
import { planRecord } from "../db/records";
import type { IndicatorRow, PlanRow } from "../db/schema";
import { applyScale } from "../domain/units";
import { retryTransient } from "../lib/d1-retry";
import { ApiError, conflictOnConstraint } from "../lib/errors";
import { assertCreatesInNamespace, assertWithinScope, type Principal } from "../lib/principal";
import { sameContent } from "../lib/same-content";
import { planOut, planWrite } from "../presenters/plan";
import type { PlanBody, PlanOut } from "../schemas/plan";
import type { Writer } from "./record-actuals";

export async function requireIndicatorFor(db: Db, indicatorId: string): Promise<IndicatorRow> {
  const indicator = await getIndicator(db, indicatorId);
  if (!indicator) {
    throw new ApiError("unknown_indicator", `No indicator '${indicatorId}'; create it first.`, [
      { path: "/indicator_id", message: "Unknown indicator." },
    ]);
  }
  return indicator;
}

/** Builds the stored plan from validated input: applies the scale, then the measure's rules. */
export function buildPlan(
  id: string,
  input: PlanBody,
  indicator: IndicatorRow,
  revision: number,
  createdAt: string,
  now: string,
): PlanOut {
  const { scale, ...rest } = input;
  const record = planRecord(
    id,
    {
      ...rest,
      target: applyScale(input.target, scale),
      baseline: input.baseline && {
        value: applyScale(input.baseline.value, scale),
        date: input.baseline.date,
      },
    },
    indicator,
    revision,
    createdAt,
    now,
  );
  if (!record.ok) {
    throw new ApiError("validation_failed", "Some fields are invalid.", [
      { path: `/${record.field.replace(".", "/")}`, message: record.message },
    ]);
  }
  return record.plan;
}

/** What saving a plan under an id would do. */
export interface PlanChange {
  indicator: IndicatorRow;
  current: PlanRow | undefined;
  /** The plan as it would be stored (the current one when unchanged). */
  next: PlanOut;
  outcome: "created" | "revised" | "unchanged";
}

/**
 * Decides, without writing, what PUT /api/plans/:id would do with `input`: a new plan, a new
 * revision, or nothing. Throws what the write would throw (unknown indicator, another scope, a
 * plan that keeps its indicator, a target the measure refuses).
 */
export async function planChange(
  db: Db,
  id: string,
  input: PlanBody,
  principal: Principal | null,
  now: string,
): Promise<PlanChange> {
  const [current, indicator] = await Promise.all([
    getPlan(db, id),
    requireIndicatorFor(db, input.indicator_id),
  ]);
  assertWithinScope(principal, [{ scope: indicator.scope, path: "/indicator_id" }]);
  if (!current) {
    assertCreatesInNamespace(principal, [{ id, path: "/id" }]);
    return {
      indicator,
      current,
      next: buildPlan(id, input, indicator, 1, now, now),
      outcome: "created",
    };
  }
  if (current.indicatorId !== input.indicator_id) {
    throw new ApiError("validation_failed", "Some fields are invalid.", [
      { path: "/indicator_id", message: `A plan keeps its indicator ('${current.indicatorId}').` },
    ]);
  }
  const existing = planOut(current);
  const next = buildPlan(id, input, indicator, current.revision + 1, current.createdAt, now);
  if (sameContent(existing, next, ["revision", "created_at", "updated_at"])) {
    return { indicator, current, next: existing, outcome: "unchanged" };
  }
  return { indicator, current, next, outcome: "revised" };
}

function create(db: Db, plan: PlanOut, who: Writer) {
  return insertPlan(db, planWrite(plan), who.audit).catch(
    conflictOnConstraint(`Plan '${plan.id}' already exists.`),
  );
}

/** POST /api/plans: a new plan, refused when the id is taken. */
export async function createPlan(db: Db, id: string, input: PlanBody, who: Writer) {
  const indicator = await requireIndicatorFor(db, input.indicator_id);
  assertWithinScope(who.principal, [{ scope: indicator.scope, path: "/indicator_id" }]);
  assertCreatesInNamespace(who.principal, [{ id, path: "/id" }]);
  const plan = buildPlan(id, input, indicator, 1, who.audit.at, who.audit.at);
  if (await getPlan(db, id)) throw new ApiError("conflict", `Plan '${id}' already exists.`);
  // Not retried: a create whose answer was lost would come back as a 409.
  await create(db, plan, who);
  return plan;
}

/** PUT /api/plans/:id: creates the plan, records a changed target as a revision, or nothing. */
export function savePlan(db: Db, id: string, input: PlanBody, who: Writer): Promise<PlanChange> {
  // Read, decide, write, all repeated on a transient D1 error: a revision that committed
  // before its answer was lost is read back as the current plan, and re-sending the same
  // target changes nothing. (A create that committed comes back as unchanged.)
  return retryTransient(async () => {
    const change = await planChange(db, id, input, who.principal, who.audit.at);
    if (change.outcome === "created") await create(db, change.next, who);
    if (change.outcome === "revised") {
      await revisePlan(db, planWrite(change.next), who.audit).catch(
        conflictOnConstraint("The plan was revised at the same moment; read it and retry."),
      );
    }
    return change;
  });
}

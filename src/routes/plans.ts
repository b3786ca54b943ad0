import { createRoute, z } from "@hono/zod-openapi";
import type { Db } from "../db/client";
import { getIndicator } from "../db/queries/indicators";
import { loadPlanRows } from "../db/queries/plan-rows";
import {
  deletePlan,
  getPlan,
  insertPlan,
  listPlanRevisions,
  listPlans,
  revisePlan,
} from "../db/queries/plans";
import { defaultPlanId, planRecord } from "../db/records";
import type { IndicatorRow } from "../db/schema";
import { applyScale } from "../domain/units";
import { evaluateRow } from "../evaluation/evaluate";
import { assertIndicatorScopes, auditContext, principalOf } from "../http/auth";
import { createRouter } from "../http/router";
import { nowIso, todayUtc } from "../lib/clock";
import { retryTransient } from "../lib/d1-retry";
import { ApiError, conflictOnConstraint } from "../lib/errors";
import { type AuditContext, assertCreatesInNamespace } from "../lib/principal";
import { sameContent } from "../lib/same-content";
import { evaluationOut } from "../presenters/evaluation";
import { planOut, planWrite, revisionOut } from "../presenters/plan";
import {
  AsOfQuerySchema,
  bearerSecurity,
  errorResponses,
  jsonContent,
  SlugIdParams,
  SlugSchema,
  writeErrorResponses,
} from "../schemas/common";
import { EvaluationSchema } from "../schemas/evaluation";
import {
  type PlanBody,
  PlanCreateSchema,
  type PlanOut,
  PlanReviseSchema,
  PlanRevisionSchema,
  PlanSchema,
} from "../schemas/plan";

const IdParams = SlugIdParams;
/** Any id a row may have been stored under, for deleting one that is not a slug. */
const AnyIdParams = z.object({
  id: z
    .string()
    .min(1)
    .max(200)
    .openapi({ param: { name: "id", in: "path" } }),
});
const PlanDetailSchema = z
  .object({ plan: PlanSchema, revisions: z.array(PlanRevisionSchema) })
  .openapi("PlanDetail");

async function requireIndicatorFor(db: Db, indicatorId: string): Promise<IndicatorRow> {
  const indicator = await getIndicator(db, indicatorId);
  if (!indicator) {
    throw new ApiError("unknown_indicator", `No indicator '${indicatorId}'; create it first.`, [
      { path: "/indicator_id", message: "Unknown indicator." },
    ]);
  }
  return indicator;
}

/** Builds the stored plan from validated input: applies the scale, then the measure's rules. */
function buildPlan(
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

function create(db: Db, plan: PlanOut, audit: AuditContext) {
  return insertPlan(db, planWrite(plan), audit).catch(
    conflictOnConstraint(`Plan '${plan.id}' already exists.`),
  );
}

export const planRoutes = createRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/plans",
      tags: ["plans"],
      summary: "List plans, optionally for one indicator",
      request: {
        query: z.object({
          indicator: SlugSchema.optional().openapi({ param: { name: "indicator", in: "query" } }),
        }),
      },
      responses: {
        200: jsonContent(z.object({ plans: z.array(PlanSchema) }), "Plans"),
        ...errorResponses,
      },
    }),
    async (c) => {
      const { indicator } = c.req.valid("query");
      const rows = await listPlans(c.var.db, { indicatorId: indicator });
      return c.json({ plans: rows.map(planOut) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/plans",
      tags: ["plans"],
      summary: "Create a plan (a target for an indicator over a period)",
      security: bearerSecurity,
      request: {
        body: { required: true, content: { "application/json": { schema: PlanCreateSchema } } },
      },
      responses: { 201: jsonContent(PlanSchema, "Created"), ...writeErrorResponses },
    }),
    async (c) => {
      const { id: givenId, ...input } = c.req.valid("json");
      const db = c.var.db;
      const indicator = await requireIndicatorFor(db, input.indicator_id);
      assertIndicatorScopes(c, [{ scope: indicator.scope, path: "/indicator_id" }]);
      const id = givenId ?? defaultPlanId(input);
      assertCreatesInNamespace(principalOf(c), [{ id, path: "/id" }]);
      const now = nowIso();
      const plan = buildPlan(id, input, indicator, 1, now, now);
      if (await getPlan(db, id)) throw new ApiError("conflict", `Plan '${id}' already exists.`);
      // Not retried: a create whose answer was lost would come back as a 409.
      await create(db, plan, auditContext(c, now));
      c.header("Location", `/api/plans/${id}`);
      return c.json(plan, 201);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/plans/{id}",
      tags: ["plans"],
      summary: "A plan with every revision of its target",
      request: { params: IdParams },
      responses: { 200: jsonContent(PlanDetailSchema, "The plan"), ...errorResponses },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const [row, revisions] = await Promise.all([
        getPlan(c.var.db, id),
        listPlanRevisions(c.var.db, id),
      ]);
      if (!row) throw new ApiError("not_found", `No plan '${id}'.`);
      return c.json(
        {
          plan: planOut(row),
          revisions: revisions.map(revisionOut),
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: "put",
      path: "/plans/{id}",
      tags: ["plans"],
      summary: "Create a plan under this id, or record a changed target as a new revision",
      security: bearerSecurity,
      request: {
        params: IdParams,
        body: { required: true, content: { "application/json": { schema: PlanReviseSchema } } },
      },
      responses: {
        200: jsonContent(PlanSchema, "Revised, or unchanged when the body states the same target"),
        201: jsonContent(PlanSchema, "Created"),
        ...writeErrorResponses,
      },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const input = c.req.valid("json");
      const db = c.var.db;
      // Read, decide, write, all repeated on a transient D1 error: a revision that committed
      // before its answer was lost is read back as the current plan, and re-sending the same
      // target changes nothing. (A create that committed comes back as 200, not 201.)
      return retryTransient(async () => {
        const [current, indicator] = await Promise.all([
          getPlan(db, id),
          requireIndicatorFor(db, input.indicator_id),
        ]);
        assertIndicatorScopes(c, [{ scope: indicator.scope, path: "/indicator_id" }]);
        const now = nowIso();
        const audit = auditContext(c, now);
        if (!current) {
          assertCreatesInNamespace(principalOf(c), [{ id, path: "/id" }]);
          const plan = buildPlan(id, input, indicator, 1, now, now);
          await create(db, plan, audit);
          return c.json(plan, 201);
        }
        if (current.indicatorId !== input.indicator_id) {
          throw new ApiError("validation_failed", "Some fields are invalid.", [
            {
              path: "/indicator_id",
              message: `A plan keeps its indicator ('${current.indicatorId}').`,
            },
          ]);
        }
        const existing = planOut(current);
        const next = buildPlan(id, input, indicator, current.revision + 1, current.createdAt, now);
        if (sameContent(existing, next, ["revision", "created_at", "updated_at"]))
          return c.json(existing, 200);
        await revisePlan(db, planWrite(next), audit).catch(
          conflictOnConstraint("The plan was revised at the same moment; read it and retry."),
        );
        return c.json(next, 200);
      });
    },
  )
  .openapi(
    createRoute({
      method: "delete",
      path: "/plans/{id}",
      tags: ["plans"],
      summary:
        "Delete a plan with its revisions and alert history (admin): the repair of a plan that should never have been stored",
      description:
        "Any stored id is accepted, slug or not, so that a plan restored before the restore checked ids can still be removed.",
      security: bearerSecurity,
      request: { params: AnyIdParams },
      responses: { 204: { description: "Deleted" }, ...writeErrorResponses },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const row = await getPlan(c.var.db, id);
      if (!row) throw new ApiError("not_found", `No plan '${id}'.`);
      const deleted = await deletePlan(c.var.db, id, {
        ctx: auditContext(c),
        entry: { action: "delete", entity: "plan", entityId: id, old: planOut(row) },
      });
      if (!deleted) throw new ApiError("not_found", `No plan '${id}'.`);
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/plans/{id}/evaluation",
      tags: ["status"],
      summary: "Every computed figure for one plan, and the actual it used",
      request: { params: IdParams, query: AsOfQuerySchema },
      responses: { 200: jsonContent(EvaluationSchema, "The evaluation"), ...errorResponses },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const asOf = c.req.valid("query").as_of ?? todayUtc();
      const { rows } = await loadPlanRows(c.var.db, { planId: id, asOf });
      const row = rows[0];
      if (!row) throw new ApiError("not_found", `No plan '${id}'.`);
      return c.json(evaluationOut(evaluateRow(row, asOf)), 200);
    },
  );

import { createRoute, z } from "@hono/zod-openapi";
import { createPlan, savePlan } from "../commands/save-plan";
import { loadPlanRows } from "../db/queries/plan-rows";
import { deletePlan, getPlan, listPlanRevisions, listPlans } from "../db/queries/plans";
import { defaultPlanId } from "../db/records";
import { evaluateRow } from "../evaluation/evaluate";
import { auditContext, principalOf } from "../http/auth";
import { createRouter } from "../http/router";
import { todayUtc } from "../lib/clock";
import { ApiError } from "../lib/errors";
import { evaluationOut } from "../presenters/evaluation";
import { planOut, revisionOut } from "../presenters/plan";
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
  PlanCreateSchema,
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
      const id = givenId ?? defaultPlanId(input);
      const plan = await createPlan(c.var.db, id, input, {
        principal: principalOf(c),
        audit: auditContext(c),
      });
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
      const change = await savePlan(c.var.db, id, c.req.valid("json"), {
        principal: principalOf(c),
        audit: auditContext(c),
      });
      return c.json(change.next, change.outcome === "created" ? 201 : 200);
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

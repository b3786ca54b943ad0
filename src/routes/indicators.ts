import { createRoute, z } from "@hono/zod-openapi";
import { saveIndicator } from "../commands/save-indicator";
import { pageVintages } from "../db/queries/actuals";
import { deleteIndicator, getIndicator, listIndicators } from "../db/queries/indicators";
import { assertIndicatorScopes, auditContext, principalOf } from "../http/auth";
import { createRouter } from "../http/router";
import { ApiError } from "../lib/errors";
import { receivedFigureOut } from "../presenters/actual";
import { indicatorAudit, indicatorOut } from "../presenters/indicator";
import { ReceivedFigureSchema } from "../schemas/actual";
import {
  bearerSecurity,
  errorResponses,
  jsonContent,
  limitParam,
  ProblemSchema,
  SlugIdParams,
  writeErrorResponses,
} from "../schemas/common";
import { IndicatorInputSchema, IndicatorSchema } from "../schemas/indicator";

const IdParams = SlugIdParams;
/** Figures per page: 1,000 vintages make a few hundred KB of JSON. */
const MAX_VINTAGES_PER_PAGE = 1000;

async function requireIndicator(db: Parameters<typeof getIndicator>[0], id: string) {
  const row = await getIndicator(db, id);
  if (!row) throw new ApiError("not_found", `No indicator '${id}'.`);
  return row;
}

export const indicatorRoutes = createRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/indicators",
      tags: ["indicators"],
      summary: "List indicators",
      responses: {
        200: jsonContent(z.object({ indicators: z.array(IndicatorSchema) }), "All indicators"),
      },
    }),
    async (c) => {
      const rows = await listIndicators(c.var.db);
      return c.json({ indicators: rows.map(indicatorOut) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/indicators/{id}",
      tags: ["indicators"],
      summary: "One indicator",
      request: { params: IdParams },
      responses: { 200: jsonContent(IndicatorSchema, "The indicator"), ...errorResponses },
    }),
    async (c) => {
      const row = await requireIndicator(c.var.db, c.req.valid("param").id);
      return c.json(indicatorOut(row), 200);
    },
  )
  .openapi(
    createRoute({
      method: "put",
      path: "/indicators/{id}",
      tags: ["indicators"],
      summary: "Create or replace an indicator (the id is yours to choose)",
      security: bearerSecurity,
      request: {
        params: IdParams,
        body: { required: true, content: { "application/json": { schema: IndicatorInputSchema } } },
      },
      responses: {
        200: jsonContent(IndicatorSchema, "Replaced"),
        201: jsonContent(IndicatorSchema, "Created"),
        ...writeErrorResponses,
        409: {
          description:
            "Another write created or changed the same indicator at the same moment, or the measure cannot change while in use",
          content: { "application/problem+json": { schema: ProblemSchema } },
        },
      },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const change = await saveIndicator(c.var.db, id, c.req.valid("json"), {
        principal: principalOf(c),
        audit: auditContext(c),
      });
      return c.json(indicatorOut(change.next), change.outcome === "created" ? 201 : 200);
    },
  )
  .openapi(
    createRoute({
      method: "delete",
      path: "/indicators/{id}",
      tags: ["indicators"],
      summary: "Delete an indicator that has no plans and no figures",
      security: bearerSecurity,
      request: { params: IdParams },
      responses: { 204: { description: "Deleted" }, ...writeErrorResponses },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const existing = await getIndicator(c.var.db, id);
      if (!existing) throw new ApiError("not_found", `No indicator '${id}'.`);
      assertIndicatorScopes(c, [{ scope: existing.scope, path: "/id" }]);
      const outcome = await deleteIndicator(c.var.db, id, {
        ctx: auditContext(c),
        entry: indicatorAudit(id, existing, null),
      });
      if (outcome === "missing") throw new ApiError("not_found", `No indicator '${id}'.`);
      if (outcome === "in_use") {
        throw new ApiError("indicator_in_use", `'${id}' still has plans or figures.`);
      }
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/indicators/{id}/actuals",
      tags: ["actuals"],
      summary:
        "Reported figures: the latest vintage per period, or every vintage, oldest period first, a page at a time",
      request: {
        params: IdParams,
        query: z.object({
          revisions: z
            .enum(["latest", "all"])
            .default("latest")
            .openapi({ param: { name: "revisions", in: "query" } }),
          limit: limitParam(MAX_VINTAGES_PER_PAGE, MAX_VINTAGES_PER_PAGE),
          after: z.coerce
            .number()
            .int()
            .min(1)
            .optional()
            .openapi({
              param: { name: "after", in: "query" },
              description: "Cursor: the `next_after` of the previous page.",
            }),
        }),
      },
      responses: {
        200: jsonContent(
          z.object({
            indicator_id: z.string(),
            revisions: z.enum(["latest", "all"]),
            actuals: z.array(ReceivedFigureSchema),
            next_after: z.number().int().nullable().openapi({
              description: "Where the next page starts (`?after=`), or null on the last page.",
            }),
          }),
          "Figures, oldest period first",
        ),
        ...errorResponses,
      },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const { revisions, limit, after } = c.req.valid("query");
      const indicator = await requireIndicator(c.var.db, id);
      const page = await pageVintages(c.var.db, id, {
        latestOnly: revisions === "latest",
        after,
        limit,
      });
      return c.json(
        {
          indicator_id: id,
          revisions,
          actuals: page.rows.map((row) => receivedFigureOut(row, indicator)),
          next_after: page.next,
        },
        200,
      );
    },
  );

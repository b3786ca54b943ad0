import { createRoute, z } from "@hono/zod-openapi";
import { listAllVintages, listLatestVintages } from "../db/queries/actuals";
import {
  deleteIndicator,
  getIndicator,
  indicatorInUse,
  listIndicators,
  upsertIndicator,
} from "../db/queries/indicators";
import { indicatorRecord } from "../db/records";
import { assertIndicatorScopes, auditContext } from "../http/auth";
import { createRouter } from "../http/router";
import { nowIso } from "../lib/clock";
import { retryTransient } from "../lib/d1-retry";
import { ApiError } from "../lib/errors";
import { sameContent } from "../lib/same-content";
import { actualOut } from "../presenters/actual";
import { indicatorAudit, indicatorOut } from "../presenters/indicator";
import { ActualSchema } from "../schemas/actual";
import {
  bearerSecurity,
  errorResponses,
  jsonContent,
  SlugIdParams,
  writeErrorResponses,
} from "../schemas/common";
import { IndicatorInputSchema, IndicatorSchema } from "../schemas/indicator";

const IdParams = SlugIdParams;

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
      },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const input = c.req.valid("json");
      const db = c.var.db;
      // Read, decide, write: repeating all of it after a lost answer finds the write done and
      // changes nothing, so a transient D1 error may be retried.
      return retryTransient(async () => {
        const existing = await getIndicator(db, id);
        assertIndicatorScopes(c, [
          { scope: input.scope, path: "/scope" },
          ...(existing ? [{ scope: existing.scope, path: "/id" }] : []),
        ]);
        if (existing && existing.measure !== input.measure) {
          // Every plan on this indicator was evaluated under the old measure; changing it would
          // silently change the meaning of stored figures.
          if (await indicatorInUse(db, id)) {
            throw new ApiError(
              "conflict",
              "The measure cannot change while plans or figures use this indicator.",
              [{ path: "/measure", message: `Stays '${existing.measure}'.` }],
            );
          }
        }
        const now = nowIso();
        const next = indicatorRecord(id, input, existing?.createdAt ?? now, now);
        // Re-sending the same definition (a re-run seed) changes nothing, not even updated_at.
        if (existing && sameContent(existing, next, ["createdAt", "updatedAt"]))
          return c.json(indicatorOut(existing), 200);
        const row = await upsertIndicator(db, next, {
          ctx: auditContext(c, now),
          entry: indicatorAudit(id, existing, next),
        });
        return c.json(indicatorOut(row), existing ? 200 : 201);
      });
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
      summary: "Reported figures: the latest vintage per period, or every vintage",
      request: {
        params: IdParams,
        query: z.object({
          revisions: z
            .enum(["latest", "all"])
            .default("latest")
            .openapi({ param: { name: "revisions", in: "query" } }),
        }),
      },
      responses: {
        200: jsonContent(
          z.object({
            indicator_id: z.string(),
            revisions: z.enum(["latest", "all"]),
            actuals: z.array(ActualSchema),
          }),
          "Figures, oldest period first",
        ),
        ...errorResponses,
      },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const { revisions } = c.req.valid("query");
      await requireIndicator(c.var.db, id);
      const rows =
        revisions === "all"
          ? await listAllVintages(c.var.db, id)
          : await listLatestVintages(c.var.db, id);
      return c.json({ indicator_id: id, revisions, actuals: rows.map(actualOut) }, 200);
    },
  );

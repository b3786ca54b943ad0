// Who has reported for a period, and how areas compare on one measure.
import { createRoute, z } from "@hono/zod-openapi";
import { LEAGUE_KEYS } from "../domain/league-table";
import {
  lastEndedPeriod,
  loadCompleteness,
  parseReportingPeriod,
} from "../evaluation/completeness";
import { compareConcept } from "../evaluation/concept";
import { etagFor, notModified } from "../http/etag";
import { createRouter } from "../http/router";
import { todayUtc } from "../lib/clock";
import { ApiError } from "../lib/errors";
import { completenessOut, conceptOut } from "../presenters/comparison";
import { errorResponses, IsoDateSchema, SlugSchema } from "../schemas/common";
import { CompletenessSchema, ConceptSchema } from "../schemas/comparison";

const asOfParam = IsoDateSchema.optional().openapi({
  param: { name: "as_of", in: "query" },
  description: "As of this date, from the figures reported by then (default: today, UTC).",
});

export const comparisonRoutes = createRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/completeness",
      tags: ["status"],
      summary:
        "For a period, every expected area × indicator figure received on time, late or missing, with reporting and timeliness rates per area and overall",
      request: {
        query: z.object({
          period: z
            .string()
            .max(10)
            .optional()
            .openapi({
              param: { name: "period", in: "query" },
              description:
                "`2024-09` (monthly indicators), `2024-Q3` (quarterly) or `2024` (annual). Default: the last month ended by as_of.",
            }),
          scope: SlugSchema.optional().openapi({
            param: { name: "scope", in: "query" },
            description: "An area: its indicators and those of the areas that lie in it.",
          }),
          concept: SlugSchema.optional().openapi({ param: { name: "concept", in: "query" } }),
          as_of: asOfParam,
        }),
      },
      responses: {
        200: {
          description: "The period's completeness",
          content: { "application/json": { schema: CompletenessSchema } },
          headers: z.object({ ETag: z.string(), "Cache-Control": z.string() }),
        },
        304: { description: "Unchanged since the ETag you sent" },
        ...errorResponses,
      },
    }),
    async (c) => {
      const query = c.req.valid("query");
      const asOf = query.as_of ?? todayUtc();
      const period =
        query.period === undefined
          ? lastEndedPeriod("monthly", asOf)
          : parseReportingPeriod(query.period);
      if (!period) {
        throw new ApiError("invalid_query", `'${query.period}' is not a period.`, [
          { path: "/period", message: "Write a month 2024-09, a quarter 2024-Q3 or a year 2024." },
        ]);
      }
      const unchanged = await notModified(c, asOf);
      if (unchanged) return unchanged;
      const view = await loadCompleteness(c.var.db, period, {
        scope: query.scope,
        concept: query.concept,
        asOf,
      });
      c.header("ETag", etagFor(view.dataVersion, asOf));
      return c.json(completenessOut(view), 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/concepts/{id}",
      tags: ["status"],
      summary:
        "Every area's figure on one measure ranked, with the region's own figure, each area's share of it, and how many grew",
      request: {
        params: z.object({ id: SlugSchema.openapi({ param: { name: "id", in: "path" } }) }),
        query: z.object({
          by: z
            .enum(LEAGUE_KEYS)
            .default("value")
            .openapi({ param: { name: "by", in: "query" } }),
          order: z
            .enum(["asc", "desc"])
            .default("desc")
            .openapi({ param: { name: "order", in: "query" } }),
          period_end: IsoDateSchema.optional().openapi({
            param: { name: "period_end", in: "query" },
            description:
              "Compare the figures ending on this day (default: the latest any area has).",
          }),
          region: SlugSchema.optional().openapi({
            param: { name: "region", in: "query" },
            description:
              "The region to compare with (default: the concept's area the others lie in).",
          }),
          as_of: asOfParam,
        }),
      },
      responses: {
        200: {
          description: "The comparison",
          content: { "application/json": { schema: ConceptSchema } },
          headers: z.object({ ETag: z.string(), "Cache-Control": z.string() }),
        },
        304: { description: "Unchanged since the ETag you sent" },
        ...errorResponses,
      },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const query = c.req.valid("query");
      const asOf = query.as_of ?? todayUtc();
      const unchanged = await notModified(c, asOf);
      if (unchanged) return unchanged;
      const view = await compareConcept(c.var.db, id, {
        asOf,
        by: query.by,
        order: query.order,
        periodEnd: query.period_end,
        region: query.region,
      });
      if (!view) throw new ApiError("not_found", `No indicator names the concept '${id}'.`);
      c.header("ETag", etagFor(view.dataVersion, asOf));
      return c.json(conceptOut(view), 200);
    },
  );

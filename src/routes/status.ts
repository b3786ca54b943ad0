import { createRoute, z } from "@hono/zod-openapi";
import { getDataVersion } from "../db/queries/meta";
import { STATUSES } from "../domain/vocabulary";
import { countByStatus, loadEvaluatedPlans } from "../evaluation/evaluate";
import { createRouter } from "../http/router";
import { todayUtc } from "../lib/clock";
import { planStatusOut, summaryOut } from "../presenters/evaluation";
import { errorResponses, IsoDateSchema, SlugSchema } from "../schemas/common";
import { StatusSchema } from "../schemas/evaluation";

const QuerySchema = z.object({
  scope: SlugSchema.optional().openapi({ param: { name: "scope", in: "query" } }),
  tag: SlugSchema.optional().openapi({ param: { name: "tag", in: "query" } }),
  status: z
    .enum([...STATUSES, "stale"])
    .optional()
    .openapi({
      param: { name: "status", in: "query" },
      description: "Only plans with this status (or `stale`). The summary still counts them all.",
    }),
  as_of: IsoDateSchema.optional().openapi({
    param: { name: "as_of", in: "query" },
    description:
      "Evaluate as of this date, from the figures reported by then (default: today, UTC).",
  }),
});

/**
 * The ETag names the data version and the evaluation date: the body is a pure function of the
 * two (and of the URL), so a matching If-None-Match is answered without reading any plan.
 */
export function etagFor(version: number, asOf: string): string {
  return `"v${version}-${asOf}"`;
}

function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch
    .split(",")
    .map((t) => t.trim().replace(/^W\//, ""))
    .some((t) => t === etag || t === "*");
}

export const statusRoutes = createRouter().openapi(
  createRoute({
    method: "get",
    path: "/status",
    tags: ["status"],
    summary: "Every plan with its evaluation, and a count by status: the endpoint to poll",
    request: { query: QuerySchema },
    responses: {
      200: {
        description: "Current status",
        content: { "application/json": { schema: StatusSchema } },
        headers: z.object({ ETag: z.string(), "Cache-Control": z.string() }),
      },
      304: { description: "Unchanged since the ETag you sent" },
      ...errorResponses,
    },
  }),
  async (c) => {
    const query = c.req.valid("query");
    const asOf = query.as_of ?? todayUtc();
    const db = c.var.db;
    // Polling clients should revalidate every time; an unchanged answer costs one tiny query.
    c.header("Cache-Control", "public, no-cache");
    const ifNoneMatch = c.req.header("if-none-match");
    if (ifNoneMatch) {
      const etag = etagFor(await getDataVersion(db), asOf);
      if (matches(ifNoneMatch, etag)) {
        c.header("ETag", etag);
        return c.body(null, 304);
      }
    }
    const { dataVersion, plans: evaluated } = await loadEvaluatedPlans(db, {
      scope: query.scope,
      tag: query.tag,
      asOf,
    });
    const summary = summaryOut(countByStatus(evaluated));
    const listed = query.status
      ? evaluated.filter(({ evaluation }) =>
          query.status === "stale"
            ? evaluation.freshness.stale
            : evaluation.status === query.status,
        )
      : evaluated;
    const plans = listed.map(planStatusOut);
    c.header("ETag", etagFor(dataVersion, asOf));
    return c.json({ as_of: asOf, data_version: dataVersion, summary, plans }, 200);
  },
);

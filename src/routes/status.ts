import { createRoute, z } from "@hono/zod-openapi";
import { STATUSES } from "../domain/vocabulary";
import {
  countAllByStatus,
  countByStatus,
  type EvaluatedPlan,
  loadEvaluatedUpTo,
  loadEvaluatedWindow,
} from "../evaluation/evaluate";
import { etagFor, notModified } from "../http/etag";
import { createRouter } from "../http/router";
import { todayUtc } from "../lib/clock";
import { ApiError } from "../lib/errors";
import { decodeStatusCursor, encodeStatusCursor, type StatusCursor } from "../lib/status-cursor";
import { planStatusOut, summaryOut } from "../presenters/evaluation";
import { errorResponses, IsoDateSchema, SlugSchema } from "../schemas/common";
import { type PlanStatusOut, StatusSchema } from "../schemas/evaluation";

/**
 * The largest page, and the size of a page asked for by cursor alone. Eight pages of 1,000
 * answered at once took a Worker's heap to 86-99 MiB committed at 10,000 plans, past the 64 MiB
 * it should keep to; eight of 250 take it to about 36 MiB, and one to about 22
 * (docs/benchmarks.md, "Reads at scale").
 */
export const STATUS_PAGE_MAX = 250;
export const STATUS_PAGE_DEFAULT = 100;
/**
 * The most plans one unpaged answer holds (STATUS_UNPAGED_MAX_PLANS). Past it the answer would
 * outgrow an isolate's memory (about 8 MiB of heap per 1,000 plans, docs/benchmarks.md), so
 * the route asks for pages instead.
 */
export const STATUS_UNPAGED_MAX = 5000;

function unpagedMax(raw: string | undefined): number {
  const value = Number(raw);
  return raw !== undefined && Number.isInteger(value) && value >= 0 ? value : STATUS_UNPAGED_MAX;
}
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
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(STATUS_PAGE_MAX)
    .optional()
    .openapi({
      param: { name: "limit", in: "query" },
      description: `Answer a page of at most this many plans (1–${STATUS_PAGE_MAX}), in the order of their ids, with \`next_cursor\` to the next page. Pages carry no summary.`,
    }),
  cursor: z
    .string()
    .max(2000)
    .optional()
    .openapi({
      param: { name: "cursor", in: "query" },
      description: `The \`next_cursor\` of the page before. Later pages keep its evaluation date and need the same filters; default page size ${STATUS_PAGE_DEFAULT}.`,
    }),
  fields: z
    .string()
    .max(200)
    .optional()
    .openapi({
      param: { name: "fields", in: "query" },
      description:
        "What to answer, comma-separated: `summary` and any of `plan`, `indicator`, `evaluation` for each plan. `fields=summary` alone counts every plan, whatever their number, and lists none.",
    }),
  as_of: IsoDateSchema.optional().openapi({
    param: { name: "as_of", in: "query" },
    description:
      "Evaluate as of this date, from the figures reported by then (default: today, UTC).",
  }),
});

/** Plans evaluated at a time when only the summary is asked for. */
const SUMMARY_CHUNK = 1000;

const PLAN_FIELDS = ["plan", "indicator", "evaluation"] as const;
type PlanField = (typeof PLAN_FIELDS)[number];

/** The fields asked for, or an ApiError naming the one that is not known. */
function readFields(
  text: string | undefined,
  paged: boolean,
): { summary: boolean; plan: PlanField[] } {
  // A page carries no summary: counting every plan is what paging avoids.
  if (text === undefined) return { summary: !paged, plan: [...PLAN_FIELDS] };
  const names = text.split(",").map((name) => name.trim());
  const unknown = names.find(
    (name) => name !== "summary" && !PLAN_FIELDS.includes(name as PlanField),
  );
  if (unknown !== undefined) {
    throw new ApiError(
      "invalid_query",
      `Unknown field ${JSON.stringify(unknown)}: use summary, plan, indicator or evaluation.`,
      [{ path: "/fields", message: "unknown field" }],
    );
  }
  return {
    summary: names.includes("summary"),
    plan: PLAN_FIELDS.filter((field) => names.includes(field)),
  };
}

/** A plan's entry with only the fields asked for (the whole entry when all are). */
function entryOut(evaluated: EvaluatedPlan, fields: readonly PlanField[]): Partial<PlanStatusOut> {
  const entry = planStatusOut(evaluated);
  if (fields.length === PLAN_FIELDS.length) return entry;
  const picked: Partial<PlanStatusOut> = {};
  for (const field of fields) Object.assign(picked, { [field]: entry[field] });
  return picked;
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
    const cursor = query.cursor === undefined ? null : decodeStatusCursor(query.cursor);
    if (query.cursor !== undefined && cursor === null) {
      throw new ApiError("invalid_query", "The cursor is not one this API gave out.", [
        { path: "/cursor", message: "unknown cursor" },
      ]);
    }
    const paged = cursor !== null || query.limit !== undefined;
    const fields = readFields(query.fields, paged);
    if (cursor) checkCursorFilters(cursor, query);
    if (paged && fields.summary) {
      throw new ApiError(
        "invalid_query",
        "A page carries no summary: ask for fields=summary without limit or cursor.",
        [{ path: "/fields", message: "summary is not paged" }],
      );
    }
    const asOf = cursor?.asOf ?? query.as_of ?? todayUtc();
    const db = c.var.db;
    const unchanged = await notModified(c, asOf);
    if (unchanged) return unchanged;
    const filter = { scope: query.scope, tag: query.tag, asOf };
    const wanted = (evaluated: EvaluatedPlan) =>
      !query.status ||
      (query.status === "stale"
        ? evaluated.evaluation.freshness.stale
        : evaluated.evaluation.status === query.status);

    if (paged) {
      const limit = query.limit ?? STATUS_PAGE_DEFAULT;
      const page = await loadEvaluatedWindow(db, filter, { after: cursor?.after ?? null, limit });
      const last = page.plans[page.plans.length - 1];
      const next =
        page.more && last
          ? encodeStatusCursor({
              after: last.plan.id,
              asOf,
              scope: query.scope ?? null,
              tag: query.tag ?? null,
              status: query.status ?? null,
            })
          : null;
      c.header("ETag", etagFor(page.dataVersion, asOf));
      return c.json(
        {
          as_of: asOf,
          data_version: page.dataVersion,
          plans: page.plans.filter(wanted).map((p) => entryOut(p, fields.plan)),
          next_cursor: next,
        },
        200,
      );
    }

    if (fields.plan.length === 0) {
      const { dataVersion, summary } = await countAllByStatus(db, filter, SUMMARY_CHUNK);
      c.header("ETag", etagFor(dataVersion, asOf));
      return c.json({ as_of: asOf, data_version: dataVersion, summary: summaryOut(summary) }, 200);
    }

    const max = unpagedMax(c.env.STATUS_UNPAGED_MAX_PLANS);
    const whole = await loadEvaluatedUpTo(db, filter, max);
    if (!whole) {
      throw new ApiError(
        "page_required",
        `More than ${max} plans match: ask for pages with limit (at most ${STATUS_PAGE_MAX}) and follow next_cursor, or for fields=summary.`,
      );
    }
    const { dataVersion, plans: evaluated } = whole;
    const summary = fields.summary ? summaryOut(countByStatus(evaluated)) : undefined;
    const plans = evaluated.filter(wanted).map((p) => entryOut(p, fields.plan));
    c.header("ETag", etagFor(dataVersion, asOf));
    return c.json({ as_of: asOf, data_version: dataVersion, summary, plans }, 200);
  },
);

/** A later page must ask for what the first one did: the cursor's place is in that list. */
function checkCursorFilters(
  cursor: StatusCursor,
  query: { scope?: string; tag?: string; status?: string; as_of?: string },
): void {
  const same =
    (query.scope ?? null) === cursor.scope &&
    (query.tag ?? null) === cursor.tag &&
    (query.status ?? null) === cursor.status &&
    (query.as_of === undefined || query.as_of === cursor.asOf);
  if (!same) {
    throw new ApiError(
      "invalid_query",
      "The cursor belongs to a list with other filters: repeat scope, tag, status and as_of as the first page had them.",
      [{ path: "/cursor", message: "filters differ from the first page" }],
    );
  }
}

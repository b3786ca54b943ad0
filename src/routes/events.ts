import { createRoute } from "@hono/zod-openapi";
import { listEvents } from "../db/queries/events";
import type { EventRow } from "../db/schema";
import { createRouter } from "../http/router";
import { errorResponses } from "../schemas/common";
import { type EventOut, EventPageSchema, EventQuerySchema } from "../schemas/event";

export function eventOut(row: EventRow): EventOut {
  return {
    id: row.id,
    type: row.type,
    occurred_at: row.occurredAt,
    plan_id: row.planId,
    indicator_id: row.indicatorId,
    scope: row.scope,
    previous_status: row.previousStatus,
    status: row.status,
    severity: row.severity,
    stale: row.stale,
    muted: row.muted,
    plan: row.data.plan,
    indicator: row.data.indicator,
    evaluation: row.data.evaluation,
    link: row.data.link,
  };
}

/** A full page may have more behind it; the last id is where the next page starts. */
export function page(rows: EventRow[], limit: number) {
  const last = rows[rows.length - 1];
  return {
    events: rows.map(eventOut),
    next_before: rows.length === limit && last ? last.id : null,
  };
}

export const eventRoutes = createRouter().openapi(
  createRoute({
    method: "get",
    path: "/events",
    tags: ["alerts"],
    summary: "History of alert events across all plans, newest first",
    request: { query: EventQuerySchema },
    responses: {
      200: {
        description: "A page of events",
        content: { "application/json": { schema: EventPageSchema } },
      },
      ...errorResponses,
    },
  }),
  async (c) => {
    const q = c.req.valid("query");
    const rows = await listEvents(c.var.db, {
      planId: q.plan,
      scope: q.scope,
      type: q.type,
      severity: q.severity,
      includeMuted: q.include_muted === "true",
      before: q.before,
      limit: q.limit,
    });
    return c.json(page(rows, q.limit), 200);
  },
);

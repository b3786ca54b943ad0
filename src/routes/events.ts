import { createRoute } from "@hono/zod-openapi";
import { listEvents } from "../db/queries/events";
import { createRouter } from "../http/router";
import { eventPage } from "../presenters/event";
import { errorResponses } from "../schemas/common";
import { EventPageSchema, EventQuerySchema } from "../schemas/event";

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
    return c.json(eventPage(rows, q.limit), 200);
  },
);

import { createRoute, z } from "@hono/zod-openapi";
import { listEvents } from "../db/queries/events";
import { getAlertState, listSnapshots } from "../db/queries/monitor";
import { getPlan } from "../db/queries/plans";
import { createRouter } from "../http/router";
import { ApiError } from "../lib/errors";
import { alertStateOut } from "../presenters/alert-state";
import { eventPage } from "../presenters/event";
import { historyPage } from "../presenters/history";
import { errorResponses, limitParam, NumberCursorParam, SlugIdParams } from "../schemas/common";
import { AlertStateSchema, EventSchema, PageQuerySchema } from "../schemas/event";
import { PlanHistorySchema } from "../schemas/history";

const PlanAlertsSchema = z
  .object({
    plan_id: z.string(),
    state: AlertStateSchema.nullable().openapi({
      description:
        "What the monitor last recorded; null until its first run after the plan was created.",
    }),
    events: z.array(EventSchema),
    next_before: z.string().nullable(),
  })
  .openapi("PlanAlerts");

const HistoryQuerySchema = z.object({ before: NumberCursorParam, limit: limitParam() });

export const alertRoutes = createRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/plans/{id}/alerts",
      tags: ["alerts"],
      summary: "A plan's alert state and its history of transitions, newest first",
      request: {
        params: SlugIdParams,
        query: PageQuerySchema,
      },
      responses: {
        200: {
          description: "The plan's alerts",
          content: { "application/json": { schema: PlanAlertsSchema } },
        },
        ...errorResponses,
      },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const { before, limit } = c.req.valid("query");
      const db = c.var.db;
      const [plan, state, rows] = await Promise.all([
        getPlan(db, id),
        getAlertState(db, id),
        listEvents(db, { planId: id, before, limit }),
      ]);
      if (!plan) throw new ApiError("not_found", `No plan '${id}'.`);
      return c.json(
        {
          plan_id: id,
          state: state ? alertStateOut(state) : null,
          ...eventPage(rows, limit),
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/plans/{id}/history",
      tags: ["alerts"],
      summary:
        "When the plan's judgment changed and what caused it (a new or revised figure, a revised target, or time passing), newest first",
      request: {
        params: SlugIdParams,
        query: HistoryQuerySchema,
      },
      responses: {
        200: {
          description: "The plan's history, as the cron recorded it",
          content: { "application/json": { schema: PlanHistorySchema } },
        },
        ...errorResponses,
      },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const { before, limit } = c.req.valid("query");
      const db = c.var.db;
      const [plan, rows] = await Promise.all([
        getPlan(db, id),
        listSnapshots(db, id, { before, limit }),
      ]);
      if (!plan) throw new ApiError("not_found", `No plan '${id}'.`);
      return c.json({ plan_id: id, ...historyPage(rows, limit) }, 200);
    },
  );

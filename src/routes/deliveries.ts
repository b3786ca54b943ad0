import { createRoute, z } from "@hono/zod-openapi";
import { getDelivery, listDeliveries, requeueFailed } from "../db/queries/deliveries";
import { auditContext } from "../http/auth";
import { createRouter } from "../http/router";
import { nowIso } from "../lib/clock";
import { ApiError } from "../lib/errors";
import { pageCursor } from "../lib/pagination";
import { attemptOut, deliveryOut } from "../presenters/webhook";
import {
  bearerSecurity,
  errorResponses,
  generatedIdParams,
  jsonContent,
  writeErrorResponses,
} from "../schemas/common";
import {
  DeliveryDetailSchema,
  DeliveryQuerySchema,
  DeliverySchema,
  RetryInputSchema,
} from "../schemas/delivery";

const IdParams = generatedIdParams();
const readErrors = { ...errorResponses, 401: writeErrorResponses[401] };

// Admin only: the delivery log shows receivers' answers, and the access policy
// (src/http/access.ts) guards every /api/deliveries route.
export const deliveryRoutes = createRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/deliveries",
      tags: ["webhooks"],
      summary:
        "The outbox and its history, newest first (`?status=failed` for what needs a replay)",
      security: bearerSecurity,
      request: { query: DeliveryQuerySchema },
      responses: {
        200: jsonContent(
          z.object({ deliveries: z.array(DeliverySchema), next_before: z.string().nullable() }),
          "A page of deliveries",
        ),
        ...readErrors,
      },
    }),
    async (c) => {
      const q = c.req.valid("query");
      const rows = await listDeliveries(c.var.db, {
        status: q.status,
        webhookId: q.webhook,
        eventId: q.event,
        before: q.before,
        limit: q.limit,
      });
      return c.json(
        {
          deliveries: rows.map(deliveryOut),
          next_before: pageCursor(rows, q.limit, (r) => r.id),
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/deliveries/{id}",
      tags: ["webhooks"],
      summary: "One delivery with every attempt (time, status code, error, duration)",
      security: bearerSecurity,
      request: { params: IdParams },
      responses: { 200: jsonContent(DeliveryDetailSchema, "The delivery"), ...readErrors },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const found = await getDelivery(c.var.db, id);
      if (!found) throw new ApiError("not_found", `No delivery '${id}'.`);
      return c.json(
        {
          ...deliveryOut(found.delivery),
          attempt_log: found.attempts.map(attemptOut),
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/deliveries/{id}/retry",
      tags: ["webhooks"],
      summary:
        "Replay a failed delivery: back in the outbox, due now, with a full round of retries. The next cron tick sends it.",
      security: bearerSecurity,
      request: {
        params: IdParams,
        body: { required: false, content: { "application/json": { schema: RetryInputSchema } } },
      },
      responses: { 202: jsonContent(DeliverySchema, "Queued"), ...writeErrorResponses },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const db = c.var.db;
      const now = nowIso();
      const requeued = await requeueFailed(db, id, now, {
        ctx: auditContext(c, now),
        entry: {
          action: "retry",
          entity: "delivery",
          entityId: id,
          old: { status: "failed" },
          new: { status: "pending", next_attempt_at: now },
        },
      });
      if (requeued) return c.json(deliveryOut(requeued), 202);
      const found = await getDelivery(db, id);
      if (!found) throw new ApiError("not_found", `No delivery '${id}'.`);
      throw new ApiError(
        "conflict",
        found.delivery.status === "failed"
          ? "The destination is disabled; enable it first."
          : `Only a failed delivery can be replayed; this one is ${found.delivery.status}.`,
      );
    },
  );

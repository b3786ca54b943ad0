import { createRoute, z } from "@hono/zod-openapi";
import { getDelivery, listDeliveries, requeueFailed } from "../db/queries/deliveries";
import type { DeliveryRow } from "../db/schema";
import { auditContext, requireScope } from "../http/auth";
import { createRouter } from "../http/router";
import { nowIso } from "../lib/clock";
import { ApiError } from "../lib/errors";
import {
  bearerSecurity,
  errorResponses,
  generatedIdParams,
  jsonContent,
  writeErrorResponses,
} from "../schemas/common";
import {
  DeliveryDetailSchema,
  type DeliveryOut,
  DeliveryQuerySchema,
  DeliverySchema,
  RetryInputSchema,
} from "../schemas/delivery";

const IdParams = generatedIdParams();
const readErrors = { ...errorResponses, 401: writeErrorResponses[401] };

function deliveryOut(row: DeliveryRow): DeliveryOut {
  return {
    id: row.id,
    event_id: row.eventId,
    webhook_id: row.webhookId,
    status: row.status,
    attempts: row.attempts,
    next_attempt_at: row.status === "pending" ? row.nextAttemptAt : null,
    last_attempt_at: row.lastAttemptAt,
    last_status_code: row.lastStatusCode,
    last_error: row.lastError,
    delivered_at: row.deliveredAt,
    created_at: row.createdAt,
  };
}

const router = createRouter();
// The delivery log shows receivers' answers: private, like the destinations themselves.
router.use("/deliveries", requireScope("admin"));
router.use("/deliveries/*", requireScope("admin"));

export const deliveryRoutes = router
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
      const last = rows[rows.length - 1];
      return c.json(
        {
          deliveries: rows.map(deliveryOut),
          next_before: rows.length === q.limit && last ? last.id : null,
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
          attempt_log: found.attempts.map((a) => ({
            attempt: a.attempt,
            attempted_at: a.attemptedAt,
            status_code: a.statusCode,
            error: a.error,
            duration_ms: a.durationMs,
            response_excerpt: a.responseExcerpt,
          })),
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

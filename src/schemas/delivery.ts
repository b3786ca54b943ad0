import { z } from "@hono/zod-openapi";
import { DELIVERY_STATUSES } from "../domain/vocabulary";
import { idCursorParam, limitParam } from "./common";

export const DeliverySchema = z
  .object({
    id: z.string(),
    event_id: z.string().openapi({ description: "Also the webhook-id header of every attempt." }),
    webhook_id: z.string(),
    status: z.enum(DELIVERY_STATUSES),
    attempts: z.number().int(),
    next_attempt_at: z.string().nullable().openapi({ description: "Set while pending." }),
    last_attempt_at: z.string().nullable(),
    last_status_code: z.number().int().nullable(),
    last_error: z.string().nullable(),
    delivered_at: z.string().nullable(),
    created_at: z.string(),
  })
  .openapi("Delivery");

export const AttemptSchema = z
  .object({
    attempt: z.number().int(),
    attempted_at: z.string(),
    status_code: z.number().int().nullable(),
    error: z.string().nullable(),
    duration_ms: z.number().int(),
    response_excerpt: z.string().nullable().openapi({ description: "At most the first 1 KB." }),
  })
  .openapi("DeliveryAttempt");

export const DeliveryDetailSchema = DeliverySchema.extend({
  attempt_log: z.array(AttemptSchema),
}).openapi("DeliveryDetail");

export const DeliveryQuerySchema = z.object({
  status: z
    .enum(DELIVERY_STATUSES)
    .optional()
    .openapi({ param: { name: "status", in: "query" } }),
  webhook: z
    .string()
    .min(1)
    .max(100)
    .optional()
    .openapi({ param: { name: "webhook", in: "query" } }),
  event: z
    .string()
    .min(1)
    .max(100)
    .optional()
    .openapi({ param: { name: "event", in: "query" } }),
  before: idCursorParam("A delivery id (next_before)."),
  limit: limitParam(),
});

export const RetryInputSchema = z.object({}).strict().openapi("DeliveryRetry");

export type DeliveryOut = z.infer<typeof DeliverySchema>;

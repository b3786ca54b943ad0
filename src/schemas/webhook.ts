import { z } from "@hono/zod-openapi";
import { MIN_SEVERITIES, PLAN_EVENT_TYPES, WEBHOOK_FORMATS } from "../domain/vocabulary";
import { longTextSchema, SlugSchema, textSchema } from "./common";

const UrlSchema = z.string().min(1).max(2048).openapi({
  example: "https://hooks.slack.com/services/T000/B000/XXXX",
  description:
    "https on the default port, a public host name (no IP address, no localhost/.local/.internal), no credentials.",
});

const FiltersInputSchema = z
  .object({
    scopes: z.array(SlugSchema).max(50).optional().openapi({
      description: "Only plans in these scopes (empty or absent: all).",
    }),
    tags: z.array(SlugSchema.max(40)).max(50).optional().openapi({
      description: "Only plans whose indicator has one of these tags (empty or absent: all).",
    }),
    min_severity: z.enum(MIN_SEVERITIES).optional().openapi({
      description:
        "Lowest severity sent: info < good < warning < critical. A resolution counts as the alert it resolves. Default good.",
    }),
    event_types: z.array(z.enum(PLAN_EVENT_TYPES)).max(10).optional().openapi({
      description: "Only these event types (empty or absent: all).",
    }),
  })
  .strict();

export const WebhookCreateSchema = z
  .object({
    url: UrlSchema,
    description: longTextSchema(500).optional(),
    enabled: z.boolean().default(true),
    format: z.enum(WEBHOOK_FORMATS).default("json").openapi({
      description:
        "`json`: Standard Webhooks payload; `slack`: incoming-webhook message with blocks (also Mattermost, Rocket.Chat); `discord`; `alertmanager`: Prometheus Alertmanager alerts posted to `<url>/api/v2/alerts` (the URL may be the Alertmanager or that endpoint), re-posted on every cron tick while open so Alertmanager keeps them firing. Keep `min_severity` at `good` or below for it, so that a plan going from at risk to ahead also resolves its alert at once.",
    }),
    filters: FiltersInputSchema.default({}),
  })
  .strict()
  .openapi("WebhookCreate");

export const WebhookPatchSchema = z
  .object({
    url: UrlSchema.optional(),
    description: longTextSchema(500).nullable().optional(),
    enabled: z.boolean().optional(),
    format: z.enum(WEBHOOK_FORMATS).optional(),
    filters: FiltersInputSchema.optional(),
  })
  .strict()
  .refine((p) => Object.keys(p).length > 0, "Change at least one field.")
  .openapi("WebhookPatch");

export const WebhookSchema = z
  .object({
    id: z.string(),
    url: z.string(),
    description: z.string().nullable(),
    enabled: z.boolean(),
    format: z.enum(WEBHOOK_FORMATS),
    filters: z.object({
      scopes: z.array(z.string()),
      tags: z.array(z.string()),
      min_severity: z.enum(MIN_SEVERITIES),
      event_types: z.array(z.string()),
    }),
    disabled_reason: z.string().nullable().openapi({
      description: "Set when the monitor disabled it, e.g. after a 410 Gone.",
    }),
    previous_secret_expires_at: z.string().nullable().openapi({
      description: "After a rotation, until when the old secret still signs.",
    }),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .openapi("Webhook");

export const WebhookCreatedSchema = WebhookSchema.extend({
  secret: z.string().openapi({
    description: "`whsec_` + base64. Shown only now: store it to verify signatures.",
  }),
}).openapi("WebhookCreated");

export const RotateInputSchema = z
  .object({
    overlap_hours: z.number().min(0).max(168).optional().openapi({
      description: "How long the old secret keeps signing (default WEBHOOK_SECRET_OVERLAP_HOURS).",
    }),
  })
  .strict()
  .openapi("SecretRotation");

export const SecretRotatedSchema = z
  .object({
    id: z.string(),
    secret: z.string(),
    previous_secret_expires_at: z.string(),
  })
  .openapi("SecretRotated");

export const TestInputSchema = z
  .object({ message: textSchema(500).optional() })
  .strict()
  .openapi("WebhookTestRequest");

export const TestResultSchema = z
  .object({
    delivered: z.boolean(),
    webhook_id: z.string().openapi({ description: "The webhook-id header that was sent." }),
    status_code: z.number().int().nullable(),
    error: z.string().nullable(),
    duration_ms: z.number().int(),
    response_excerpt: z.string().nullable(),
  })
  .openapi("WebhookTestResult");

export type WebhookCreateInput = z.infer<typeof WebhookCreateSchema>;
export type WebhookPatchInput = z.infer<typeof WebhookPatchSchema>;
export type WebhookOut = z.infer<typeof WebhookSchema>;

import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import {
  deleteWebhook,
  getWebhook,
  insertWebhook,
  listWebhooks,
  rotateSecret,
  updateWebhook,
  type WebhookChanges,
} from "../db/queries/webhooks";
import type { WebhookRow } from "../db/schema";
import { auditContext } from "../http/auth";
import type { AppEnv } from "../http/router";
import { createRouter } from "../http/router";
import { nowIso } from "../lib/clock";
import { ApiError } from "../lib/errors";
import { newId } from "../lib/ids";
import { readSettings } from "../lib/settings";
import { webhookOut } from "../presenters/webhook";
import {
  bearerSecurity,
  errorResponses,
  generatedIdParams,
  jsonContent,
  writeErrorResponses,
} from "../schemas/common";
import {
  RotateInputSchema,
  SecretRotatedSchema,
  TestInputSchema,
  TestResultSchema,
  WebhookCreatedSchema,
  WebhookCreateSchema,
  WebhookPatchSchema,
  WebhookSchema,
} from "../schemas/webhook";
import { buildMessage } from "../webhooks/message";
import { fetchTransport, sendOnce } from "../webhooks/send";
import { generateSecret } from "../webhooks/signing";
import { checkWebhookUrl, urlPolicy } from "../webhooks/url-safety";

const IdParams = generatedIdParams("wh_01JD0000000000000000000000");
const readErrors = { ...errorResponses, 401: writeErrorResponses[401] };

/** Refuses an unsafe URL (SSRF) with a 422 that names the field. */
function requireSafeUrl(c: Context<AppEnv>, url: string): void {
  const verdict = checkWebhookUrl(url, urlPolicy(readSettings(c.env), c.req.url));
  if (!verdict.ok) {
    throw new ApiError("unsafe_url", "This URL cannot receive webhooks; nothing was written.", [
      { path: "/url", message: verdict.reason },
    ]);
  }
}

async function requireWebhook(c: Context<AppEnv>, id: string): Promise<WebhookRow> {
  const row = await getWebhook(c.var.db, id);
  if (!row) throw new ApiError("not_found", `No webhook '${id}'.`);
  return row;
}

// Admin only, even to read (a chat webhook URL is itself a credential): the access policy
// (src/http/access.ts) guards every /api/webhooks route.
export const webhookRoutes = createRouter()
  .openapi(
    createRoute({
      method: "post",
      path: "/webhooks",
      tags: ["webhooks"],
      summary:
        "Register a destination. The response holds its signing secret, shown only this once.",
      security: bearerSecurity,
      request: {
        body: { required: true, content: { "application/json": { schema: WebhookCreateSchema } } },
      },
      responses: { 201: jsonContent(WebhookCreatedSchema, "Created"), ...writeErrorResponses },
    }),
    async (c) => {
      const input = c.req.valid("json");
      requireSafeUrl(c, input.url);
      const now = nowIso();
      const row: WebhookRow = {
        id: newId("wh", Date.parse(now)),
        url: input.url,
        description: input.description ?? null,
        enabled: input.enabled,
        format: input.format,
        scopes: input.filters.scopes ?? [],
        tags: input.filters.tags ?? [],
        eventTypes: input.filters.event_types ?? [],
        minSeverity: input.filters.min_severity ?? "good",
        secret: generateSecret(),
        previousSecret: null,
        previousSecretExpiresAt: null,
        disabledReason: null,
        createdAt: now,
        updatedAt: now,
      };
      await insertWebhook(c.var.db, row, {
        ctx: auditContext(c, now),
        entry: { action: "create", entity: "webhook", entityId: row.id, new: webhookOut(row) },
      });
      c.header("Location", `/api/webhooks/${row.id}`);
      return c.json({ ...webhookOut(row), secret: row.secret }, 201);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/webhooks",
      tags: ["webhooks"],
      summary: "List destinations (secrets are never shown again)",
      security: bearerSecurity,
      responses: {
        200: jsonContent(z.object({ webhooks: z.array(WebhookSchema) }), "Destinations"),
        ...readErrors,
      },
    }),
    async (c) => {
      const rows = await listWebhooks(c.var.db);
      return c.json({ webhooks: rows.map(webhookOut) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/webhooks/{id}",
      tags: ["webhooks"],
      summary: "One destination",
      security: bearerSecurity,
      request: { params: IdParams },
      responses: { 200: jsonContent(WebhookSchema, "The destination"), ...readErrors },
    }),
    async (c) => {
      const row = await requireWebhook(c, c.req.valid("param").id);
      return c.json(webhookOut(row), 200);
    },
  )
  .openapi(
    createRoute({
      method: "patch",
      path: "/webhooks/{id}",
      tags: ["webhooks"],
      summary: "Change a destination's URL, format, filters, or enable/disable it",
      security: bearerSecurity,
      request: {
        params: IdParams,
        body: { required: true, content: { "application/json": { schema: WebhookPatchSchema } } },
      },
      responses: { 200: jsonContent(WebhookSchema, "Updated"), ...writeErrorResponses },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const input = c.req.valid("json");
      if (input.url !== undefined) requireSafeUrl(c, input.url);
      const changes: WebhookChanges = {};
      if (input.url !== undefined) changes.url = input.url;
      if (input.description !== undefined) changes.description = input.description;
      if (input.enabled !== undefined) changes.enabled = input.enabled;
      if (input.format !== undefined) changes.format = input.format;
      const f = input.filters;
      if (f?.scopes !== undefined) changes.scopes = f.scopes;
      if (f?.tags !== undefined) changes.tags = f.tags;
      if (f?.event_types !== undefined) changes.eventTypes = f.event_types;
      if (f?.min_severity !== undefined) changes.minSeverity = f.min_severity;
      const before = await requireWebhook(c, id);
      const now = nowIso();
      const after: WebhookRow = {
        ...before,
        ...changes,
        ...(changes.enabled === true ? { disabledReason: null } : {}),
        updatedAt: now,
      };
      const row = await updateWebhook(c.var.db, id, changes, now, {
        ctx: auditContext(c, now),
        entry: {
          action: "update",
          entity: "webhook",
          entityId: id,
          old: webhookOut(before),
          new: webhookOut(after),
        },
      });
      if (!row) throw new ApiError("not_found", `No webhook '${id}'.`);
      return c.json(webhookOut(row), 200);
    },
  )
  .openapi(
    createRoute({
      method: "delete",
      path: "/webhooks/{id}",
      tags: ["webhooks"],
      summary: "Delete a destination and its delivery log (the events stay)",
      security: bearerSecurity,
      request: { params: IdParams },
      responses: { 204: { description: "Deleted" }, ...writeErrorResponses },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const before = await requireWebhook(c, id);
      const deleted = await deleteWebhook(c.var.db, id, {
        ctx: auditContext(c),
        entry: { action: "delete", entity: "webhook", entityId: id, old: webhookOut(before) },
      });
      if (!deleted) throw new ApiError("not_found", `No webhook '${id}'.`);
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/webhooks/{id}/rotate-secret",
      tags: ["webhooks"],
      summary:
        "Issue a new secret. The old one keeps signing (a second signature) until the overlap ends.",
      security: bearerSecurity,
      request: {
        params: IdParams,
        body: { required: false, content: { "application/json": { schema: RotateInputSchema } } },
      },
      responses: {
        200: jsonContent(SecretRotatedSchema, "The new secret, shown only now"),
        ...writeErrorResponses,
      },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const { overlap_hours } = c.req.valid("json");
      const now = Date.now();
      const overlapMs =
        overlap_hours === undefined
          ? readSettings(c.env).secretOverlapMs
          : overlap_hours * 3_600_000;
      const expires = new Date(now + overlapMs).toISOString();
      const secret = generateSecret();
      // The entry says that the secret changed and until when the old one signs; never the secrets.
      const row = await rotateSecret(c.var.db, id, secret, expires, nowIso(now), {
        ctx: auditContext(c, nowIso(now)),
        entry: {
          action: "rotate_secret",
          entity: "webhook",
          entityId: id,
          new: { previous_secret_expires_at: expires },
        },
      });
      if (!row) throw new ApiError("not_found", `No webhook '${id}'.`);
      return c.json({ id, secret, previous_secret_expires_at: expires }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/webhooks/{id}/test",
      tags: ["webhooks"],
      summary:
        "Send a signed `webhook.test` message now (whatever the filters, even when disabled) and report the receiver's answer",
      security: bearerSecurity,
      request: {
        params: IdParams,
        body: { required: false, content: { "application/json": { schema: TestInputSchema } } },
      },
      responses: {
        200: jsonContent(TestResultSchema, "The attempt, successful or not"),
        ...writeErrorResponses,
      },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const { message } = c.req.valid("json");
      const row = await requireWebhook(c, id);
      requireSafeUrl(c, row.url);
      const now = Date.now();
      const eventId = newId("evt", now);
      const outgoing = await buildMessage(
        row,
        {
          id: eventId,
          type: "webhook.test",
          occurred_at: nowIso(now),
          webhook_id: row.id,
          message: message ?? "Test notification from the target monitor.",
        },
        now,
      );
      const result = await sendOnce(outgoing, fetchTransport, { nowMs: now, clock: Date.now });
      const delivered =
        result.statusCode !== null && result.statusCode >= 200 && result.statusCode < 300;
      return c.json(
        {
          delivered,
          webhook_id: eventId,
          status_code: result.statusCode,
          error: result.error,
          duration_ms: result.durationMs,
          response_excerpt: result.responseExcerpt,
        },
        200,
      );
    },
  );

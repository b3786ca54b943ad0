import { createRoute, z } from "@hono/zod-openapi";
import { listAudit } from "../db/queries/audit";
import { AUDIT_CHANNELS, AUDIT_ENTITIES } from "../domain/vocabulary";
import { createRouter } from "../http/router";
import { pageCursor } from "../lib/pagination";
import { auditEntryOut } from "../presenters/audit";
import {
  bearerSecurity,
  errorResponses,
  limitParam,
  NumberCursorParam,
  writeErrorResponses,
} from "../schemas/common";

const QuerySchema = z.object({
  entity: z
    .enum(AUDIT_ENTITIES)
    .optional()
    .openapi({ param: { name: "entity", in: "query" } }),
  entity_id: z
    .string()
    .min(1)
    .max(200)
    .optional()
    .openapi({ param: { name: "entity_id", in: "query" }, example: "nghe-an.goods-exports.2024" }),
  actor: z
    .string()
    .min(1)
    .max(100)
    .optional()
    .openapi({
      param: { name: "actor", in: "query" },
      description: "`admin`, or a token id.",
    }),
  via: z
    .enum(AUDIT_CHANNELS)
    .optional()
    .openapi({
      param: { name: "via", in: "query" },
      description: "Only changes made this way.",
    }),
  before: NumberCursorParam,
  limit: limitParam(500, 100),
});

const AuditEntrySchema = z
  .object({
    id: z.number().int(),
    at: z.string(),
    actor: z.string().openapi({ description: "`admin` (the ADMIN_TOKEN secret) or a token id." }),
    action: z.string().openapi({
      example: "revise",
      description:
        "create, update, revise, correct, delete, rotate_secret, revoke, retry or restore.",
    }),
    entity: z.enum(AUDIT_ENTITIES),
    entity_id: z.string().nullable(),
    old: z.unknown().openapi({ description: "As the API showed it before; null if new." }),
    new: z.unknown().openapi({ description: "As the API showed it after; null if deleted." }),
    via: z.enum(AUDIT_CHANNELS).openapi({
      description:
        "How the change was made: `api` (the JSON API), `csv` (a CSV file, by the API or the desk), `form` (a form on the editor's desk) or `bulletin` (a bulletin pasted on the desk).",
    }),
  })
  .openapi("AuditEntry");

// Admin only: the access policy (src/lib/access.ts) guards /api/audit.
export const auditRoutes = createRouter().openapi(
  createRoute({
    method: "get",
    path: "/audit",
    tags: ["tokens"],
    summary: "Who changed what and when, with the values before and after; newest first",
    security: bearerSecurity,
    request: { query: QuerySchema },
    responses: {
      200: {
        description: "A page of the audit log",
        content: {
          "application/json": {
            schema: z.object({
              entries: z.array(AuditEntrySchema),
              next_before: z.number().int().nullable(),
            }),
          },
        },
      },
      ...errorResponses,
      401: writeErrorResponses[401],
    },
  }),
  async (c) => {
    const q = c.req.valid("query");
    const rows = await listAudit(c.var.db, {
      entity: q.entity,
      entityId: q.entity_id,
      actor: q.actor,
      via: q.via,
      before: q.before,
      limit: q.limit,
    });
    return c.json(
      { entries: rows.map(auditEntryOut), next_before: pageCursor(rows, q.limit, (r) => r.id) },
      200,
    );
  },
);

import { createRoute, z } from "@hono/zod-openapi";
import {
  deleteSilence,
  getSilence,
  insertSilence,
  listSilences,
  matchersExist,
} from "../db/queries/silences";
import type { SilenceRow } from "../db/schema";
import { auditContext } from "../http/auth";
import { createRouter } from "../http/router";
import { nowIso } from "../lib/clock";
import { ApiError, type FieldError } from "../lib/errors";
import { newId } from "../lib/ids";
import { silenceOut } from "../presenters/silence";
import {
  bearerSecurity,
  errorResponses,
  generatedIdParams,
  jsonContent,
  writeErrorResponses,
} from "../schemas/common";
import { SilenceCreateSchema, SilenceSchema, untilInstant } from "../schemas/silence";

const IdParams = generatedIdParams();

export const silenceRoutes = createRouter()
  .openapi(
    createRoute({
      method: "post",
      path: "/silences",
      tags: ["alerts"],
      summary:
        "Mute a plan, an indicator or a scope until a date. Muted transitions are recorded, not sent.",
      security: bearerSecurity,
      request: {
        body: { required: true, content: { "application/json": { schema: SilenceCreateSchema } } },
      },
      responses: { 201: jsonContent(SilenceSchema, "Created"), ...writeErrorResponses },
    }),
    async (c) => {
      const input = c.req.valid("json");
      const now = nowIso();
      const until = untilInstant(input.until);
      if (until <= now) {
        throw new ApiError("validation_failed", "Some fields are invalid.", [
          { path: "/until", message: "Must be in the future." },
        ]);
      }
      const found = await matchersExist(c.var.db, {
        planId: input.plan_id,
        indicatorId: input.indicator_id,
        scope: input.scope,
      });
      const missing = (
        [
          ["unknown_plan", "/plan_id", input.plan_id, found.plan],
          ["unknown_indicator", "/indicator_id", input.indicator_id, found.indicator],
          ["unknown_scope", "/scope", input.scope, found.scope],
        ] as const
      ).filter(([, , given, exists]) => given !== undefined && !exists);
      const first = missing[0];
      if (first) {
        // A silence on a misspelt name would mute nothing while looking in place.
        const errors: FieldError[] = missing.map(([, path, given]) => ({
          path,
          message: `Nothing named '${given}'.`,
        }));
        throw new ApiError(
          first[0],
          "A matcher names nothing that exists; nothing was written.",
          errors,
        );
      }
      const row: SilenceRow = {
        id: newId("sil", Date.parse(now)),
        planId: input.plan_id ?? null,
        indicatorId: input.indicator_id ?? null,
        scope: input.scope ?? null,
        until,
        reason: input.reason,
        createdAt: now,
      };
      await insertSilence(c.var.db, row, {
        ctx: auditContext(c, now),
        entry: { action: "create", entity: "silence", entityId: row.id, new: silenceOut(row, now) },
      });
      c.header("Location", `/api/silences/${row.id}`);
      return c.json(silenceOut(row, now), 201);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/silences",
      tags: ["alerts"],
      summary: "Silences still holding (or all of them), newest first",
      request: {
        query: z.object({
          include_expired: z
            .enum(["true", "false"])
            .default("false")
            .openapi({ param: { name: "include_expired", in: "query" } }),
        }),
      },
      responses: {
        200: jsonContent(z.object({ silences: z.array(SilenceSchema) }), "Silences"),
        ...errorResponses,
      },
    }),
    async (c) => {
      const now = nowIso();
      const includeExpired = c.req.valid("query").include_expired === "true";
      const rows = await listSilences(c.var.db, { nowIso: now, includeExpired });
      return c.json({ silences: rows.map((r) => silenceOut(r, now)) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "delete",
      path: "/silences/{id}",
      tags: ["alerts"],
      summary: "End a silence now",
      security: bearerSecurity,
      request: { params: IdParams },
      responses: { 204: { description: "Deleted" }, ...writeErrorResponses },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const now = nowIso();
      const before = await getSilence(c.var.db, id);
      if (!before) throw new ApiError("not_found", `No silence '${id}'.`);
      const deleted = await deleteSilence(c.var.db, id, {
        ctx: auditContext(c, now),
        entry: { action: "delete", entity: "silence", entityId: id, old: silenceOut(before, now) },
      });
      if (!deleted) throw new ApiError("not_found", `No silence '${id}'.`);
      return c.body(null, 204);
    },
  );

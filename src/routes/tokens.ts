import { createRoute, z } from "@hono/zod-openapi";
import { getToken, insertToken, listTokens, revokeToken } from "../db/queries/tokens";
import type { TokenRow } from "../db/schema";
import { auditContext, hashToken, newTokenSecret, principalOf } from "../http/auth";
import { createRouter } from "../http/router";
import { ApiError, conflictOnConstraint } from "../lib/errors";
import { ulid } from "../lib/ids";
import { tokenOut } from "../presenters/token";
import {
  bearerSecurity,
  generatedIdParams,
  jsonContent,
  writeErrorResponses,
} from "../schemas/common";
import { TokenCreatedSchema, TokenCreateSchema, TokenSchema } from "../schemas/token";

const IdParams = generatedIdParams("tok_01JD0000000000000000000000");

// Admin only: the access policy (src/lib/access.ts) guards every /api/tokens route.
export const tokenRoutes = createRouter()
  .openapi(
    createRoute({
      method: "post",
      path: "/tokens",
      tags: ["tokens"],
      summary: "Create an API token. The response holds the token, shown only this once.",
      security: bearerSecurity,
      request: {
        body: { required: true, content: { "application/json": { schema: TokenCreateSchema } } },
      },
      responses: { 201: jsonContent(TokenCreatedSchema, "Created"), ...writeErrorResponses },
    }),
    async (c) => {
      const input = c.req.valid("json");
      const audit = auditContext(c);
      const expiresAt = input.expires_at ? new Date(input.expires_at).toISOString() : null;
      if (expiresAt !== null && expiresAt <= audit.at) {
        throw new ApiError("validation_failed", "Some fields are invalid.", [
          { path: "/expires_at", message: "Must be in the future." },
        ]);
      }
      const id = `tok_${ulid(Date.parse(audit.at))}`;
      const token = newTokenSecret(id);
      const row: TokenRow = {
        id,
        name: input.name,
        secretHash: await hashToken(token),
        scopes: input.scopes,
        indicatorScope: input.indicator_scope ?? null,
        createdBy: principalOf(c)?.id ?? "admin",
        createdAt: audit.at,
        expiresAt,
        lastUsedAt: null,
        revokedAt: null,
        accessEmail: input.access_email ?? null,
      };
      await insertToken(c.var.db, row, {
        ctx: audit,
        entry: { action: "create", entity: "token", entityId: id, new: tokenOut(row) },
      }).catch(
        conflictOnConstraint(
          "Another token already signs in as this e-mail; revoke it first. Nothing was written.",
        ),
      );
      c.header("Location", `/api/tokens/${id}`);
      return c.json({ ...tokenOut(row), token }, 201);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/tokens",
      tags: ["tokens"],
      summary: "Every token, revoked ones included (the tokens themselves are never shown again)",
      security: bearerSecurity,
      responses: {
        200: jsonContent(z.object({ tokens: z.array(TokenSchema) }), "Tokens"),
        401: writeErrorResponses[401],
      },
    }),
    async (c) => {
      const rows = await listTokens(c.var.db);
      return c.json({ tokens: rows.map(tokenOut) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "delete",
      path: "/tokens/{id}",
      tags: ["tokens"],
      summary:
        "Revoke a token: it stops working at once, and every desk session signed in with it ends. Revoking it again changes nothing.",
      security: bearerSecurity,
      request: { params: IdParams },
      responses: { 204: { description: "Revoked" }, ...writeErrorResponses },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const db = c.var.db;
      const audit = auditContext(c);
      const current = await getToken(db, id);
      if (!current) throw new ApiError("not_found", `No token '${id}'.`);
      if (current.revokedAt === null) {
        await revokeToken(db, id, {
          ctx: audit,
          entry: {
            action: "revoke",
            entity: "token",
            entityId: id,
            old: tokenOut(current),
            new: tokenOut({ ...current, revokedAt: audit.at, accessEmail: null }),
          },
        });
      }
      return c.body(null, 204);
    },
  );

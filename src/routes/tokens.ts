import { createRoute, z } from "@hono/zod-openapi";
import { createToken, revokeTokenById } from "../commands/tokens";
import { listTokens } from "../db/queries/tokens";
import { auditContext, hashToken, newTokenSecret, principalOf } from "../http/auth";
import { createRouter } from "../http/router";
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
      const audit = auditContext(c);
      const id = `tok_${ulid(Date.parse(audit.at))}`;
      const token = newTokenSecret(id);
      const row = await createToken(
        c.var.db,
        c.req.valid("json"),
        { id, secretHash: await hashToken(token) },
        { principal: principalOf(c), audit },
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
      await revokeTokenById(c.var.db, id, { principal: principalOf(c), audit: auditContext(c) });
      return c.body(null, 204);
    },
  );

import { createRoute } from "@hono/zod-openapi";
import { readBulletin } from "../commands/read-bulletin";
import { principalOf } from "../http/auth";
import { createRouter } from "../http/router";
import {
  BulletinRequestSchema,
  BulletinResultSchema,
  MAX_PASTE_CHARACTERS,
} from "../schemas/bulletin";
import { bearerSecurity, jsonContent, writeErrorResponses } from "../schemas/common";

// A write token is needed although nothing is written: reading a bulletin is the first step of
// writing its figures, and it costs CPU that an anonymous caller should not be able to spend.
export const bulletinRoutes = createRouter().openapi(
  createRoute({
    method: "post",
    path: "/bulletins/extract",
    tags: ["actuals"],
    summary: "Read a pasted bulletin into draft figures; nothing is written",
    description: `Text in Vietnamese or English (at most ${MAX_PASTE_CHARACTERS.toLocaleString("en")} characters) in; one draft figure per statement out, with its indicator (matched by name, Vietnamese name or aliases, among the indicators the token may write), period, value with scale and unit, vintage ('ước đạt' / 'estimated' is an estimate), printed growth and share of plan, and the sentence it came from. A statement with numbers that cannot be placed is listed in \`unplaced\` with the reason. Deterministic rules: the same text and indicators always give the same drafts. Send the drafts you keep to POST /api/actuals.`,
    security: bearerSecurity,
    request: {
      body: { required: true, content: { "application/json": { schema: BulletinRequestSchema } } },
    },
    responses: {
      200: jsonContent(BulletinResultSchema, "The drafts, and the statements left unplaced"),
      ...writeErrorResponses,
    },
  }),
  async (c) => {
    const result = await readBulletin(c.var.db, c.req.valid("json"), principalOf(c));
    return c.json(result, 200);
  },
);

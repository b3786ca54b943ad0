import { createRoute, z } from "@hono/zod-openapi";
import { recordActuals } from "../commands/record-actuals";
import { auditContext, principalOf } from "../http/auth";
import { createRouter } from "../http/router";
import { actualOut } from "../presenters/actual";
import { ActualBatchSchema, ActualSchema } from "../schemas/actual";
import { bearerSecurity, writeErrorResponses } from "../schemas/common";

const ResultSchema = z
  .object({
    inserted: z.array(ActualSchema),
    duplicates: z.number().int().openapi({
      description: "Figures already stored exactly as sent; they were left as they were.",
    }),
  })
  .openapi("ActualsWritten");

export const actualRoutes = createRouter().openapi(
  createRoute({
    method: "post",
    path: "/actuals",
    tags: ["actuals"],
    summary:
      "Record reported figures. A figure for a period already on file is a revision: both vintages are kept and the latest reported counts.",
    security: bearerSecurity,
    request: {
      body: { required: true, content: { "application/json": { schema: ActualBatchSchema } } },
    },
    responses: {
      200: {
        description: "Every figure was already stored",
        content: { "application/json": { schema: ResultSchema } },
      },
      201: { description: "Recorded", content: { "application/json": { schema: ResultSchema } } },
      ...writeErrorResponses,
    },
  }),
  async (c) => {
    const body = c.req.valid("json");
    const isArray = Array.isArray(body);
    const items = isArray ? body : [body];
    const { inserted, duplicates } = await recordActuals(
      c.var.db,
      items,
      { principal: principalOf(c), audit: auditContext(c) },
      (i) => `${isArray ? `/${i}` : ""}/indicator_id`,
    );
    return c.json(
      { inserted: inserted.map(actualOut), duplicates },
      inserted.length > 0 ? 201 : 200,
    );
  },
);

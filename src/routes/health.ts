import { createRoute, z } from "@hono/zod-openapi";
import { createRouter } from "../http/router";

export const health = createRouter().openapi(
  createRoute({
    method: "get",
    path: "/healthz",
    tags: ["meta"],
    summary: "Liveness, including a round trip to the database",
    responses: {
      200: {
        description: "The Worker and its database answer",
        content: {
          "application/json": { schema: z.object({ ok: z.boolean(), database: z.boolean() }) },
        },
      },
    },
  }),
  async (c) => {
    await c.env.DB.prepare("select 1").first();
    return c.json({ ok: true, database: true }, 200);
  },
);

import { OpenAPIHono } from "@hono/zod-openapi";
import { secureHeaders } from "hono/secure-headers";
import { createDb } from "./db/client";
import { requireWriteToken } from "./lib/auth";
import { ApiError, onError, problem } from "./lib/errors";
import { jsonBody } from "./lib/json-body";
import type { AppEnv } from "./lib/router";
import { actualRoutes } from "./routes/actuals";
import { health } from "./routes/health";
import { indicatorRoutes } from "./routes/indicators";
import { metricsRoutes } from "./routes/metrics";
import { planRoutes } from "./routes/plans";
import { statusRoutes } from "./routes/status";

const READ_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function buildApp() {
  const app = new OpenAPIHono<AppEnv>();
  app.use(secureHeaders());
  app.use(async (c, next) => {
    c.set("db", createDb(c.env.DB));
    await next();
  });

  const api = new OpenAPIHono<AppEnv>();
  // Authenticate before reading a body: an anonymous caller never gets its JSON parsed.
  api.use(async (c, next) =>
    READ_METHODS.has(c.req.method) ? next() : requireWriteToken(c, next),
  );
  api.use(jsonBody);
  api.route("/", indicatorRoutes);
  api.route("/", planRoutes);
  api.route("/", actualRoutes);
  api.route("/", statusRoutes);

  app.route("/", health);
  app.route("/", metricsRoutes);
  app.route("/api", api);

  app.openAPIRegistry.registerComponent("securitySchemes", "bearer", {
    type: "http",
    scheme: "bearer",
    description: "The ADMIN_TOKEN secret. Reads are public; every write needs it.",
  });
  app.doc31("/openapi.json", {
    openapi: "3.1.0",
    info: {
      title: "Target monitor",
      version: "0.1.0",
      description:
        "Tracks official targets against reported figures: attainment, pace, projection and status.",
    },
  });

  app.notFound((c) => problem(c, new ApiError("not_found", "No such route.")));
  app.onError(onError);
  return app;
}

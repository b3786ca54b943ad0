import { OpenAPIHono } from "@hono/zod-openapi";
import { NONCE, secureHeaders } from "hono/secure-headers";
import { accessPolicy, writeRateLimit } from "./http/access";
import { type AccessKeySource, fetchedAccessKeys } from "./http/access-identity";
import { authenticate } from "./http/auth";
import { d1Session } from "./http/d1-session";
import { bodyReader } from "./http/json-body";
import type { AppEnv } from "./http/router";
import { browserIdentity } from "./http/session";
import { ApiError, onError, problem } from "./lib/errors";
import { actualRoutes } from "./routes/actuals";
import { alertRoutes } from "./routes/alerts";
import { areaRoutes } from "./routes/areas";
import { auditRoutes } from "./routes/audit";
import { bulletinRoutes } from "./routes/bulletins";
import { comparisonRoutes } from "./routes/comparison";
import { deliveryRoutes } from "./routes/deliveries";
import { desk } from "./routes/desk";
import { eventRoutes } from "./routes/events";
import { exportRoutes } from "./routes/export";
import { health } from "./routes/health";
import { IMPORT_BODY, importRoutes } from "./routes/import";
import { indicatorRoutes } from "./routes/indicators";
import { JSONSTAT_IMPORT_BODY, jsonStatRoutes } from "./routes/jsonstat";
import { metricsRoutes } from "./routes/metrics";
import { pages } from "./routes/pages";
import { planRoutes } from "./routes/plans";
import { SDMX_IMPORT_BODY, sdmxRoutes } from "./routes/sdmx";
import { silenceRoutes } from "./routes/silences";
import { statusRoutes } from "./routes/status";
import { tokenRoutes } from "./routes/tokens";
import { webhookRoutes } from "./routes/webhooks";

/**
 * One policy for every response. Pages load nothing from another origin and run only the
 * inline script and style that carry this response's nonce; JSON and SVG responses are
 * covered too (default-src 'none'), so a response opened directly can load nothing at all.
 * `overwrite: false` lets a route widen one header on purpose: the badge and the feed set
 * Cross-Origin-Resource-Policy: cross-origin so other sites can embed or fetch them.
 */
const SECURITY_HEADERS = {
  contentSecurityPolicy: {
    defaultSrc: ["'none'"],
    scriptSrc: [NONCE],
    styleSrc: [NONCE],
    imgSrc: ["'self'"],
    connectSrc: ["'self'"],
    baseUri: ["'none'"],
    formAction: ["'self'"],
    // Same-origin framing only, matching the default X-Frame-Options: SAMEORIGIN.
    frameAncestors: ["'self'"],
  },
  permissionsPolicy: { camera: [], microphone: [], geolocation: [], payment: [], usb: [] },
  overwrite: false,
} satisfies Parameters<typeof secureHeaders>[0];

export interface AppOptions {
  /** Where Cloudflare Access's signing keys come from; fetched from the team by default. */
  accessKeys?: AccessKeySource;
}

export function buildApp(options: AppOptions = {}) {
  const app = new OpenAPIHono<AppEnv>();
  app.use(secureHeaders(SECURITY_HEADERS));
  app.use(d1Session);
  // Who is calling (a bearer token, else a person's desk session or Access identity), then
  // whether they may (src/http/access.ts: private reads, write and admin routes), then their
  // write budget; all before any body is read, so an anonymous or throttled caller never gets
  // its JSON parsed.
  app.use(authenticate);
  app.use(browserIdentity(options.accessKeys ?? fetchedAccessKeys()));
  app.use(accessPolicy);
  app.use(writeRateLimit);

  const api = new OpenAPIHono<AppEnv>();
  api.use(
    bodyReader({
      "/api/import": IMPORT_BODY,
      "/api/import/sdmx": SDMX_IMPORT_BODY,
      "/api/import/jsonstat": JSONSTAT_IMPORT_BODY,
    }),
  );
  api.route("/", areaRoutes);
  api.route("/", indicatorRoutes);
  api.route("/", planRoutes);
  api.route("/", actualRoutes);
  api.route("/", statusRoutes);
  api.route("/", comparisonRoutes);
  api.route("/", importRoutes);
  api.route("/", exportRoutes);
  api.route("/", sdmxRoutes);
  api.route("/", jsonStatRoutes);
  api.route("/", alertRoutes);
  api.route("/", eventRoutes);
  api.route("/", silenceRoutes);
  api.route("/", webhookRoutes);
  api.route("/", deliveryRoutes);
  api.route("/", tokenRoutes);
  api.route("/", auditRoutes);
  api.route("/", bulletinRoutes);

  app.route("/", health);
  app.route("/", metricsRoutes);
  app.route("/api", api);
  app.route("/", desk);
  app.route("/", pages);

  app.openAPIRegistry.registerComponent("securitySchemes", "bearer", {
    type: "http",
    scheme: "bearer",
    description:
      "The ADMIN_TOKEN secret, or a token from POST /api/tokens with the scope the route needs: `write` for indicators, plans, figures and CSV imports; `admin` for tokens, webhooks, silences, deliveries, the audit log and restores. Reads are public unless PRIVATE_DEPLOYMENT is set, when they need `read`. Never put a token in the URL.",
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

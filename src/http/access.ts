// Who may call what, in one table for the whole Worker, and the per-token write budget.

import { createMiddleware } from "hono/factory";
import type { Permission } from "../domain/vocabulary";
import { ApiError } from "../lib/errors";
import { mediaType } from "../lib/media-type";
import { assertPermission, principalOf } from "./auth";
import type { AppEnv } from "./router";
import { isDeskPath } from "./session";

const READ_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** Tokens, destinations (a chat webhook URL is a credential), their delivery log, the audit log. */
const ADMIN_AREAS = /^\/api\/(?:tokens|webhooks|deliveries|audit)(?:\/|$)/;
/**
 * Silences mute alerts for everyone, and an area's names are what every office's figures are
 * shown under: reading them is public, changing them is admin work.
 */
const ADMIN_WRITES = /^\/api\/(?:silences|areas)(?:\/|$)/;
/**
 * Removing a plan or a figure erases what was reported: an admin's repair of a row that should
 * never have been stored, not an office's everyday write.
 */
const ADMIN_DELETES = /^\/api\/(?:plans|actuals)\//;
/** Answer even on a private deployment: liveness probes, and the API's description. */
const ALWAYS_PUBLIC = new Set(["/healthz", "/openapi.json"]);

/**
 * PRIVATE_DEPLOYMENT: anything but an explicit "false" (or 0/no/off/empty) makes the monitor
 * private, so a typo in the setting fails closed.
 */
export function isPrivateDeployment(env: { PRIVATE_DEPLOYMENT?: string }): boolean {
  const value = env.PRIVATE_DEPLOYMENT?.trim().toLowerCase();
  return value !== undefined && !["", "false", "0", "no", "off"].includes(value);
}

/** The permission a request needs, or null when anyone may make it. */
export function requiredPermission(
  method: string,
  path: string,
  contentType: string | undefined,
  privateDeployment: boolean,
): Permission | null {
  // The desk signs people in and answers in HTML, so its routes check who may do what
  // themselves (src/routes/desk).
  if (isDeskPath(path)) return null;
  if (ADMIN_AREAS.test(path)) return "admin";
  if (READ_METHODS.has(method))
    return privateDeployment && !ALWAYS_PUBLIC.has(path) ? "read" : null;
  if (ADMIN_WRITES.test(path)) return "admin";
  if (method === "DELETE" && ADMIN_DELETES.test(path)) return "admin";
  // A JSON body at /api/import is a whole backup restored into an empty database.
  if (path === "/api/import" && mediaType(contentType) === "application/json") return "admin";
  return "write";
}

/**
 * Runs after `authenticate` and before any body is read: refuses with 401 or 403. On a private
 * deployment, a response some route marked `public` (the feed, badges, the polled status) is
 * re-marked `private` and varies on Authorization, so no shared cache hands it to a caller
 * without a token.
 */
export const accessPolicy = createMiddleware<AppEnv>(async (c, next) => {
  const privateDeployment = isPrivateDeployment(c.env);
  const need = requiredPermission(
    c.req.method,
    c.req.path,
    c.req.header("content-type"),
    privateDeployment,
  );
  if (need) assertPermission(c, need);
  await next();
  if (privateDeployment && need === "read") {
    const cacheControl = c.res.headers.get("Cache-Control");
    if (cacheControl)
      c.res.headers.set("Cache-Control", cacheControl.replace(/\bpublic\b/i, "private"));
    c.res.headers.append("Vary", "Authorization");
    // A person reads a private deployment with a desk session or an Access assertion.
    c.res.headers.append("Vary", "Cookie");
  }
});

/** The imports (CSV, SDMX-CSV, JSON-stat): each request may carry 10,000 rows. */
const IMPORT_PATHS = /^\/api\/import(?:\/|$)/;

/** The period of both limits in wrangler.toml ([[ratelimits]] simple.period). */
export const RATE_LIMIT_PERIOD_SECONDS = 60;

/**
 * Each token's writes are counted by the Workers rate-limiting binding: WRITE_RATE_LIMIT for
 * every write, IMPORT_RATE_LIMIT (smaller: an import is up to 10,000 rows) for every import.
 * Counted before the body is read, so a flood of oversized or malformed bodies is throttled
 * too. Anonymous writes never get here (the access policy refused them). The binding counts
 * per Cloudflare location and is eventually consistent: it stops floods, not the 121st write
 * exactly.
 */
export const writeRateLimit = createMiddleware<AppEnv>(async (c, next) => {
  if (READ_METHODS.has(c.req.method)) return next();
  const principal = principalOf(c);
  const limiter = IMPORT_PATHS.test(c.req.path) ? c.env.IMPORT_RATE_LIMIT : c.env.WRITE_RATE_LIMIT;
  if (principal && limiter) {
    const { success } = await limiter.limit({ key: principal.id });
    if (!success) {
      throw new ApiError(
        "rate_limited",
        `Too many writes with this token; retry in ${RATE_LIMIT_PERIOD_SECONDS} seconds.`,
        undefined,
        { "Retry-After": String(RATE_LIMIT_PERIOD_SECONDS) },
      );
    }
  }
  await next();
});

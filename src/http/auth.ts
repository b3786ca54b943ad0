import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import { getToken, touchToken } from "../db/queries/tokens";
import type { TokenRow } from "../db/schema";
import type { Permission } from "../domain/vocabulary";
import { nowIso } from "../lib/clock";
import { ApiError } from "../lib/errors";
import {
  ADMIN_PRINCIPAL,
  type AuditContext,
  allows,
  assertWithinScope,
  type Principal,
  type TouchedScope,
} from "../lib/principal";
import type { AppEnv } from "./router";

const encoder = new TextEncoder();

async function digest(value: string): Promise<ArrayBuffer> {
  return crypto.subtle.digest("SHA-256", encoder.encode(value));
}

/**
 * Compares two secrets in constant time. Hashing first gives equal-length inputs, so neither
 * the content nor the length of the real token leaks through timing.
 */
export async function secretsEqual(given: string, expected: string): Promise<boolean> {
  const [a, b] = await Promise.all([digest(given), digest(expected)]);
  return crypto.subtle.timingSafeEqual(a, b);
}

function hex(buffer: ArrayBuffer): string {
  return [...new Uint8Array(buffer)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

function unhex(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length / 2);
  for (let i = 0; i < bytes.length; i++)
    bytes[i] = Number.parseInt(text.slice(2 * i, 2 * i + 2), 16);
  return bytes;
}

/** What is stored for a token: the hex SHA-256 of the whole token string. */
export async function hashToken(token: string): Promise<string> {
  return hex(await digest(token));
}

/** `tok_<ULID>.<43 characters of base64url>`: the id finds the row, the rest is the secret. */
const API_TOKEN = /^(tok_[0-9A-HJKMNP-TV-Z]{26})\.[A-Za-z0-9_-]{43}$/;

/** A new token for `id`: 256 random bits. */
export function newTokenSecret(id: string): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  const b64 = btoa(String.fromCharCode(...bytes))
    .replaceAll("+", "-")
    .replaceAll("/", "_")
    .replace(/=+$/, "");
  return `${id}.${b64}`;
}

/** Last use is written at most once per this window per token: reads stay write-free. */
const LAST_USED_RESOLUTION_MS = 60 * 60 * 1000;

function unauthorized(detail: string): ApiError {
  return new ApiError("unauthorized", detail, undefined, {
    "WWW-Authenticate": 'Bearer realm="target-monitor"',
  });
}

async function apiTokenPrincipal(c: Context<AppEnv>, token: string, id: string) {
  const row: TokenRow | undefined = await getToken(c.var.db, id);
  const given = await digest(token);
  // The row is found by its id (not a secret); the secret is checked on the digests in
  // constant time. A missing row is compared against zeros, so it takes as long.
  const stored = row ? unhex(row.secretHash) : new Uint8Array(32);
  const equal = crypto.subtle.timingSafeEqual(given, stored);
  const now = Date.now();
  if (!row || !equal || row.revokedAt !== null) return null;
  if (row.expiresAt !== null && Date.parse(row.expiresAt) <= now) return null;
  const staleBefore = new Date(now - LAST_USED_RESOLUTION_MS).toISOString();
  if (row.lastUsedAt === null || row.lastUsedAt < staleBefore) {
    await touchToken(c.var.db, row.id, nowIso(now), staleBefore);
  }
  return { id: row.id, scopes: row.scopes, indicatorScope: row.indicatorScope };
}

/** The principal a token names (an API token or the ADMIN_TOKEN secret); null when it is wrong, revoked or expired. */
export async function principalForToken(
  c: Context<AppEnv>,
  token: string,
): Promise<Principal | null> {
  const apiToken = API_TOKEN.exec(token);
  if (apiToken?.[1]) return apiTokenPrincipal(c, token, apiToken[1]);
  if (c.env.ADMIN_TOKEN && (await secretsEqual(token, c.env.ADMIN_TOKEN))) return ADMIN_PRINCIPAL;
  return null;
}

/** Query parameters that look like a credential. A token in a URL ends up in logs and Referers. */
const TOKEN_PARAMS = new Set(["token", "access_token", "api_key", "apikey"]);

/**
 * Works out who is calling, for every route. A request that puts a token in the query string is
 * refused outright (whatever the route), and so is a request whose Authorization header is
 * present but not a valid, live token: a wrong token is a mistake to report, not a reason to
 * fall back to anonymous. A request without the header is anonymous; what it may do is
 * decided by the access policy.
 */
export const authenticate = createMiddleware<AppEnv>(async (c, next) => {
  const params = new URL(c.req.url).searchParams;
  for (const name of params.keys()) {
    if (TOKEN_PARAMS.has(name.toLowerCase())) {
      throw new ApiError(
        "token_in_query",
        "Send the token in the Authorization header (Bearer), never in the URL.",
        [{ path: `?${name}`, message: "Not accepted." }],
      );
    }
  }
  const header = c.req.header("authorization");
  if (header === undefined) {
    c.set("principal", null);
    return next();
  }
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header);
  const token = match?.[1];
  if (!token) throw unauthorized("Send Authorization: Bearer <token>.");
  const principal = await principalForToken(c, token);
  if (!principal) throw unauthorized("The token is wrong, revoked or expired.");
  c.set("principal", principal);
  await next();
});

export function principalOf(c: Context<AppEnv>): Principal | null {
  return c.get("principal") ?? null;
}

/** Throws 401 without a token, 403 with one that lacks `need`. */
export function assertPermission(c: Context<AppEnv>, need: Permission): Principal {
  const principal = principalOf(c);
  if (!principal) {
    throw unauthorized(
      need === "read"
        ? "This monitor is private: send Authorization: Bearer <token> to read it."
        : "Send Authorization: Bearer <token> to write.",
    );
  }
  if (!allows(principal, need)) {
    throw new ApiError("forbidden", `This needs a token with the '${need}' scope.`);
  }
  return principal;
}

/**
 * Throws 403 unless every scope the write touches is inside the caller's indicator scope
 * (see assertWithinScope).
 */
export function assertIndicatorScopes(c: Context<AppEnv>, touched: readonly TouchedScope[]): void {
  assertWithinScope(principalOf(c), touched);
}

/** The audit context of a write: who (the principal) and when. */
export function auditContext(c: Context<AppEnv>, at: string = nowIso()): AuditContext {
  return { actor: principalOf(c)?.id ?? "anonymous", at };
}

// People in a browser: a desk session (a cookie naming a server-side session), or Cloudflare
// Access's signed assertion. Either makes the person the principal of their token, for reads
// anywhere (so a private deployment's pages work in a browser) and for the desk's own forms,
// which check the request's origin and the session's form token (src/http/forms.ts). A cookie
// never authorises a write to /api: a browser sends cookies on requests other sites make, and
// the API's writes have no form token.
import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import { deleteSession, findSession, insertSession, touchSession } from "../db/queries/sessions";
import type { SessionRow, TokenRow } from "../db/schema";
import type { SignInMethod } from "../domain/vocabulary";
import { nowIso } from "../lib/clock";
import { readDeskSettings } from "../lib/desk-settings";
import { ADMIN_PRINCIPAL, type Principal } from "../lib/principal";
import { type AccessKeySource, accessTokenOf } from "./access-identity";
import { hashToken } from "./auth";
import type { AppEnv, DeskSession } from "./router";

/** HTTPS: `__Host-` binds the cookie to this host, over TLS, for every path. */
const SECURE_COOKIE = "__Host-desk";
/** Plain HTTP on the developer's own machine, where a Secure cookie would be refused. */
const LOCAL_COOKIE = "desk";

/** The idle clock is written at most once a minute per session: reads stay nearly write-free. */
const TOUCH_RESOLUTION_MS = 60 * 1000;

const READ_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function isLoopback(hostname: string): boolean {
  return (
    hostname === "localhost" ||
    hostname.endsWith(".localhost") ||
    /^127(?:\.\d{1,3}){3}$/.test(hostname) ||
    hostname === "[::1]"
  );
}

/**
 * The session cookie's name for this request's origin, or null where no session may be kept:
 * plain HTTP anywhere but the loopback, where the cookie would cross the network in clear.
 */
export function sessionCookieName(url: URL): string | null {
  if (url.protocol === "https:") return SECURE_COOKIE;
  return isLoopback(url.hostname) ? LOCAL_COOKIE : null;
}

export function isDeskPath(path: string): boolean {
  return path === "/desk" || path.startsWith("/desk/");
}

const encoder = new TextEncoder();

function base64Url(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes))
    .replaceAll("+", "-")
    .replaceAll("/", "_")
    .replace(/=+$/, "");
}

/**
 * The form token of a session: derived from the session id, which only the browser's
 * HttpOnly cookie and this Worker know, so another site can neither read nor compute it.
 */
async function formTokenOf(sessionId: string): Promise<string> {
  const digest = await crypto.subtle.digest(
    "SHA-256",
    encoder.encode(`desk-form\u0000${sessionId}`),
  );
  return base64Url(new Uint8Array(digest));
}

function tokenPrincipal(token: TokenRow, signedIn: SignInMethod): Principal {
  return { id: token.id, scopes: token.scopes, indicatorScope: token.indicatorScope, signedIn };
}

function liveToken(token: TokenRow | null, nowMs: number): token is TokenRow {
  return (
    token !== null &&
    token.revokedAt === null &&
    (token.expiresAt === null || Date.parse(token.expiresAt) > nowMs)
  );
}

/** Why a cookie no longer signs anyone in; the sign-in page says so. */
export type SessionEnd = "expired" | "revoked";

interface Found {
  desk: DeskSession;
  principal: Principal;
}

async function sessionFromCookie(
  c: Context<AppEnv>,
  sessionId: string,
): Promise<Found | SessionEnd> {
  const settings = readDeskSettings(c.env);
  const idHash = await hashToken(sessionId);
  const found = await findSession(c.var.db, idHash);
  if (!found) return "expired";
  const { session, token } = found;
  const now = Date.now();
  if (Date.parse(session.expiresAt) <= now) return "expired";
  if (Date.parse(session.lastSeenAt) + settings.idleMs <= now) return "expired";
  let principal: Principal;
  if (session.tokenId === ADMIN_PRINCIPAL.id) {
    // Rotating ADMIN_TOKEN ends every session opened with the old one.
    const current = c.env.ADMIN_TOKEN ? await hashToken(c.env.ADMIN_TOKEN) : null;
    if (current === null || current !== session.credentialHash) return "revoked";
    principal = { ...ADMIN_PRINCIPAL, signedIn: session.method };
  } else {
    if (!liveToken(token, now)) return "revoked";
    principal = tokenPrincipal(token, session.method);
  }
  const staleBefore = nowIso(now - TOUCH_RESOLUTION_MS);
  if (session.lastSeenAt < staleBefore) {
    await touchSession(c.var.db, idHash, nowIso(now), staleBefore);
  }
  return {
    desk: { idHash, formToken: await formTokenOf(sessionId), method: session.method },
    principal,
  };
}

/**
 * Runs after `authenticate`: a request that sent a bearer token is that token's, whatever
 * cookie it carries. Otherwise a live desk session, or else a verified Access identity,
 * becomes the principal for reads and for the desk's routes.
 */
export function browserIdentity(accessKeys: AccessKeySource) {
  return createMiddleware<AppEnv>(async (c, next) => {
    c.set("desk", null);
    c.set("accessToken", null);
    if (c.var.principal) return next();
    // Most requests (API clients, feed readers, the public page) carry neither.
    if (
      c.req.header("cookie") === undefined &&
      c.req.header("cf-access-jwt-assertion") === undefined
    ) {
      return next();
    }
    const counts = READ_METHODS.has(c.req.method) || isDeskPath(c.req.path);
    const name = sessionCookieName(new URL(c.req.url));
    const sessionId = name ? getCookie(c, name) : undefined;
    if (sessionId) {
      const found = await sessionFromCookie(c, sessionId);
      if (typeof found !== "string") {
        c.set("desk", found.desk);
        if (counts) c.set("principal", found.principal);
        return next();
      }
    }
    const token = await accessTokenOf(c, readDeskSettings(c.env), accessKeys);
    if (token) {
      c.set("accessToken", token);
      if (counts) c.set("principal", tokenPrincipal(token, "access"));
    }
    await next();
  });
}

/** True when the request carried a desk cookie that no longer signs anyone in. */
export function carriedEndedSession(c: Context<AppEnv>): boolean {
  const name = sessionCookieName(new URL(c.req.url));
  return !c.var.desk && !!name && !!getCookie(c, name);
}

/**
 * Signs a person in as `principal`: stores the session (its id hashed) and sets the cookie.
 * Refused (null) where no cookie can be kept safely.
 */
export async function openSession(
  c: Context<AppEnv>,
  principal: Principal,
  method: SignInMethod,
): Promise<DeskSession | null> {
  const name = sessionCookieName(new URL(c.req.url));
  if (!name) return null;
  const settings = readDeskSettings(c.env);
  const nowMs = Date.now();
  const sessionId = base64Url(crypto.getRandomValues(new Uint8Array(32)));
  const idHash = await hashToken(sessionId);
  const row: SessionRow = {
    idHash,
    tokenId: principal.id,
    credentialHash:
      principal.id === ADMIN_PRINCIPAL.id && c.env.ADMIN_TOKEN
        ? await hashToken(c.env.ADMIN_TOKEN)
        : null,
    method,
    createdAt: nowIso(nowMs),
    lastSeenAt: nowIso(nowMs),
    expiresAt: nowIso(nowMs + settings.maxAgeMs),
  };
  await insertSession(c.var.db, row, {
    now: row.createdAt,
    idleBefore: nowIso(nowMs - settings.idleMs),
  });
  setCookie(c, name, sessionId, {
    path: "/",
    httpOnly: true,
    secure: name === SECURE_COOKIE,
    sameSite: "Strict",
    // The browser forgets it at the absolute expiry; the server enforces both expiries anyway.
    maxAge: Math.floor(settings.maxAgeMs / 1000),
  });
  const desk = { idHash, formToken: await formTokenOf(sessionId), method };
  c.set("desk", desk);
  c.set("principal", { ...principal, signedIn: method });
  return desk;
}

/** Signs out: the session row goes, and the browser is told to drop the cookie. */
export async function closeSession(c: Context<AppEnv>): Promise<void> {
  if (c.var.desk) await deleteSession(c.var.db, c.var.desk.idHash);
  forgetSessionCookie(c);
  c.set("desk", null);
}

export function forgetSessionCookie(c: Context<AppEnv>): void {
  const name = sessionCookieName(new URL(c.req.url));
  if (name) {
    deleteCookie(c, name, {
      path: "/",
      secure: name === SECURE_COOKIE,
      httpOnly: true,
      sameSite: "Strict",
    });
  }
}

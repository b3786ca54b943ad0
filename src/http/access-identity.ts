// Cloudflare Access in front of the Worker: the person it signed in is recognised by the token
// an admin gave their e-mail (`access_email`). The team's signing keys are fetched from Access
// and kept for an hour per isolate; an assertion signed with a key not yet seen (Access rotates
// them) triggers one early refetch, at most every five minutes.
import type { Context } from "hono";
import { findTokenByAccessEmail } from "../db/queries/tokens";
import type { TokenRow } from "../db/schema";
import { verifyAccessJwt } from "../lib/access-jwt";
import type { DeskSettings } from "../lib/desk-settings";
import type { AppEnv } from "./router";

/** The team's current signing keys. Tests pass locally generated ones. */
export type AccessKeySource = (teamDomain: string, refresh: boolean) => Promise<JsonWebKey[]>;

const KEEP_MS = 60 * 60 * 1000;
const REFETCH_AFTER_MS = 5 * 60 * 1000;

/** Keys fetched from https://<team>/cdn-cgi/access/certs, cached per isolate. */
export function fetchedAccessKeys(fetcher: typeof fetch = fetch): AccessKeySource {
  const cache = new Map<string, { keys: JsonWebKey[]; at: number }>();
  return async (teamDomain, refresh) => {
    const cached = cache.get(teamDomain);
    const age = cached ? Date.now() - cached.at : Number.POSITIVE_INFINITY;
    if (cached && age < KEEP_MS && !(refresh && age > REFETCH_AFTER_MS)) return cached.keys;
    const res = await fetcher(`https://${teamDomain}/cdn-cgi/access/certs`);
    if (!res.ok) {
      if (cached) return cached.keys;
      throw new Error(`Cloudflare Access keys: HTTP ${res.status}`);
    }
    const body = (await res.json()) as { keys?: JsonWebKey[] };
    const keys = Array.isArray(body.keys) ? body.keys : [];
    cache.set(teamDomain, { keys, at: Date.now() });
    return keys;
  };
}

/**
 * The live token the request's Access identity signs in as, or null: no assertion, a bad one,
 * an e-mail no token names, or a token revoked or expired. Never throws for a bad assertion:
 * the request then simply carries no identity.
 */
export async function accessTokenOf(
  c: Context<AppEnv>,
  settings: DeskSettings,
  keySource: AccessKeySource,
): Promise<TokenRow | null> {
  const access = settings.access;
  const assertion = c.req.header("cf-access-jwt-assertion");
  if (!access || !assertion) return null;
  const nowSeconds = Math.floor(Date.now() / 1000);
  const check = async (refresh: boolean) =>
    verifyAccessJwt(assertion, {
      ...access,
      keys: await keySource(access.teamDomain, refresh),
      nowSeconds,
    });
  let identity = await check(false);
  if (!identity.ok && identity.reason === "unknown signing key") identity = await check(true);
  if (!identity.ok) return null;
  const token = await findTokenByAccessEmail(c.var.db, identity.email);
  if (!token) return null;
  if (token.expiresAt !== null && Date.parse(token.expiresAt) <= Date.now()) return null;
  return token;
}

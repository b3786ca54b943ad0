// Cross-site request forgery: a desk form counts only when the browser says it was sent from
// this very origin (Origin, else Referer) and it carries its session's form token. Either
// check alone would do against today's browsers; together they also hold against an older
// browser without SameSite cookies, or a proxy that strips Origin.
import type { Context } from "hono";
import { secretsEqual } from "./auth";
import type { AppEnv } from "./router";

/** The origin the request names its sender as, or null when it names none. */
function senderOrigin(c: Context<AppEnv>): string | null {
  const origin = c.req.header("origin");
  if (origin !== undefined) return origin;
  const referer = c.req.header("referer");
  if (!referer) return null;
  try {
    return new URL(referer).origin;
  } catch {
    return null;
  }
}

/** A form post sent by a page of this origin ("null", absent or another origin: no). */
export function sentFromHere(c: Context<AppEnv>): boolean {
  return senderOrigin(c) === new URL(c.req.url).origin;
}

/** The posted form token matches the session's, compared in constant time. */
export async function formTokenMatches(c: Context<AppEnv>, posted: string | undefined) {
  const expected = c.var.desk?.formToken;
  if (!expected || !posted) return false;
  return secretsEqual(posted, expected);
}

// Conditional GET for the reads whose answer is a pure function of the data version and the
// evaluation date (and the URL): the status, completeness and concept comparisons, the pages.
// A matching If-None-Match is answered with one tiny query, before any plan is read.
import type { Context } from "hono";
import { getDataVersion } from "../db/queries/meta";
import type { AppEnv } from "./router";

export function etagFor(version: number, asOf: string): string {
  return `"v${version}-${asOf}"`;
}

/** Whether an If-None-Match header names this ETag (weak or strong), or `*`. */
export function matchesEtag(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch
    .split(",")
    .map((t) => t.trim().replace(/^W\//, ""))
    .some((t) => t === etag || t === "*");
}

/**
 * Sets the polling cache header and answers 304 when the client's ETag is current; null when
 * the route must answer in full (it then sets the ETag of the data version it read).
 */
export async function notModified(c: Context<AppEnv>, asOf: string): Promise<Response | null> {
  // Polling clients should revalidate every time; an unchanged answer costs one tiny query.
  c.header("Cache-Control", "public, no-cache");
  const ifNoneMatch = c.req.header("if-none-match");
  if (!ifNoneMatch) return null;
  const etag = etagFor(await getDataVersion(c.var.db), asOf);
  if (!matchesEtag(ifNoneMatch, etag)) return null;
  c.header("ETag", etag);
  return c.body(null, 304);
}

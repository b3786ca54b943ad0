// Who is calling, and what a caller's indicator scope lets it write. Plain data and checks, so
// the routes, the commands they call and the pages judge a caller the same way.
import type { AuditChannel, Permission, SignInMethod } from "../domain/vocabulary";
import { ApiError, type FieldError } from "./errors";

/** Who is calling: the ADMIN_TOKEN secret, or an API token. */
export interface Principal {
  /** `admin` for the secret, else the token id; this is the actor in the audit log. */
  id: string;
  scopes: readonly Permission[];
  /** Set on a token limited to the indicators of one scope (a province's office). */
  indicatorScope: string | null;
  /**
   * Set when a person is calling from a browser: signed in to the desk (a session), or
   * identified by Cloudflare Access. Absent for a bearer token.
   */
  signedIn?: SignInMethod;
}

export const ADMIN_PRINCIPAL: Principal = { id: "admin", scopes: ["admin"], indicatorScope: null };

const RANK: Record<Permission, number> = { read: 1, write: 2, admin: 3 };

/** `admin` includes `write`, which includes `read`. */
export function allows(principal: Principal, need: Permission): boolean {
  return principal.scopes.some((s) => RANK[s] >= RANK[need]);
}

/** A scope a write touches, with the path of the field that names it. */
export interface TouchedScope {
  scope: string;
  path: string;
}

/**
 * A token limited to one scope writes only indicators of that scope (and their plans and
 * figures). Throws 403 naming every field that reaches outside it, so a refused file says
 * which rows were out of bounds; a caller without a limit passes.
 */
export function assertWithinScope(
  principal: Principal | null,
  touched: readonly TouchedScope[],
): void {
  const limit = principal?.indicatorScope;
  if (!limit) return;
  const outside: FieldError[] = touched
    .filter((t) => t.scope !== limit)
    .map((t) => ({
      path: t.path,
      message: `Scope '${t.scope}' is outside this token's '${limit}'.`,
    }));
  if (outside.length > 0) {
    throw new ApiError(
      "forbidden",
      `This token writes only indicators of scope '${limit}'; nothing was written.`,
      outside.slice(0, 100),
    );
  }
}

/**
 * The namespace a token limited to an area creates in: `nghe-an.` for `nghe-an`. Ids it creates
 * (indicators, plans) and tags it sets must start with it, so one province's office can neither
 * take another's ids nor route alerts through tags an admin's destinations listen to.
 */
export function namespaceOf(principal: Principal | null): string | null {
  const area = principal?.indicatorScope;
  return area ? `${area}.` : null;
}

/** Throws 403 naming every new id outside the caller's namespace (none for an unlimited caller). */
export function assertCreatesInNamespace(
  principal: Principal | null,
  created: readonly { id: string; path: string }[],
): void {
  const prefix = namespaceOf(principal);
  if (!prefix) return;
  const outside: FieldError[] = created
    .filter((c) => !c.id.startsWith(prefix))
    .map((c) => ({
      path: c.path,
      message: `'${c.id}' is outside this token's namespace; new ids start with '${prefix}'.`,
    }));
  if (outside.length > 0) {
    throw new ApiError(
      "forbidden",
      `This token creates ids only in its area's namespace ('${prefix}'); nothing was written.`,
      outside.slice(0, 100),
    );
  }
}

/**
 * The tags outside the caller's namespace that a write would add or remove. Destinations filter
 * on tags, so these belong to whoever set up the routing (an admin or an unlimited token): a
 * token limited to an area must send them back exactly as stored (none on a new indicator) and
 * may add or remove only tags in its own namespace. Empty for an unlimited caller.
 */
export function tagsOutsideNamespace(
  principal: Principal | null,
  before: readonly string[],
  after: readonly string[],
): string[] {
  const prefix = namespaceOf(principal);
  if (!prefix) return [];
  const foreign = (tags: readonly string[]) => new Set(tags.filter((t) => !t.startsWith(prefix)));
  const was = foreign(before);
  const now = foreign(after);
  return [...new Set([...was, ...now])].filter((t) => was.has(t) !== now.has(t)).sort();
}

/** Throws 403 when a write would change tags outside the caller's namespace. */
export function assertTagsKept(
  principal: Principal | null,
  before: readonly string[],
  after: readonly string[],
  path: string,
): void {
  const changed = tagsOutsideNamespace(principal, before, after);
  if (changed.length === 0) return;
  const prefix = namespaceOf(principal);
  throw new ApiError(
    "forbidden",
    `This token sets only tags in its area's namespace ('${prefix}'); nothing was written.`,
    [
      {
        path,
        message: `Tags ${changed.map((t) => `'${t}'`).join(", ")} route alerts and stay as an admin set them; use tags starting with '${prefix}'.`,
      },
    ],
  );
}

/** Who writes, when and how: recorded with every change in the audit log. */
export interface AuditContext {
  /** `admin` (the ADMIN_TOKEN secret) or a token id. */
  actor: string;
  at: string;
  /** How the change was made; the JSON API when absent. */
  via?: AuditChannel;
}

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

/** Who writes, when and how: recorded with every change in the audit log. */
export interface AuditContext {
  /** `admin` (the ADMIN_TOKEN secret) or a token id. */
  actor: string;
  at: string;
  /** How the change was made; the JSON API when absent. */
  via?: AuditChannel;
}

import { OpenAPIHono } from "@hono/zod-openapi";
import type { Db } from "../db/client";
import type { TokenRow } from "../db/schema";
import type { SignInMethod } from "../domain/vocabulary";
import { ApiError, type FieldError } from "../lib/errors";
import type { Principal } from "../lib/principal";

/** A person signed in to the editor's desk, as `browserIdentity` found them. */
export interface DeskSession {
  /** SHA-256 of the session id: the row's key. */
  idHash: string;
  /** The per-session secret every desk form carries back (see src/http/forms.ts). */
  formToken: string;
  method: SignInMethod;
}

export interface AppEnv {
  Bindings: Env;
  /**
   * `principal` is set by `authenticate` (null for an anonymous request) and, for a browser,
   * by `browserIdentity`: `desk` is the person's desk session, `accessToken` the token
   * Cloudflare Access identified them as.
   */
  Variables: {
    db: Db;
    principal: Principal | null;
    desk?: DeskSession | null;
    accessToken?: TokenRow | null;
  };
}

interface IssueLike {
  code?: string;
  path: PropertyKey[];
  message: string;
  /** For `invalid_union`: the issues of each alternative. */
  errors?: IssueLike[][];
}

/**
 * For a failed union (one actual or an array of them), report the alternative whose shape
 * matched at the top, so the client reads `/1/period_end` rather than "invalid input" at `/`.
 */
function unionBranch(branches: IssueLike[][]): IssueLike[] | undefined {
  return branches.find((issues) =>
    issues.every((i) => !(i.code === "invalid_type" && i.path.length === 0)),
  );
}

function flatten(issues: readonly IssueLike[], prefix: PropertyKey[] = []): IssueLike[] {
  return issues.flatMap((issue) => {
    const path = [...prefix, ...issue.path];
    const branch = issue.code === "invalid_union" && issue.errors && unionBranch(issue.errors);
    return branch ? flatten(branch, path) : [{ ...issue, path }];
  });
}

/** Turns zod issues into JSON-pointer paths (`/1/period_end`) a client can show beside a field. */
export function fieldErrors(issues: readonly IssueLike[]): FieldError[] {
  return flatten(issues).map((issue) => ({
    path: `/${issue.path.map((p) => String(p).replaceAll("~", "~0").replaceAll("/", "~1")).join("/")}`,
    message: issue.message,
  }));
}

/** Every router validates the same way: a failed schema is a 422 with the path of each field. */
export function createRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) {
        const query = result.target === "query" || result.target === "param";
        throw new ApiError(
          query ? "invalid_query" : "validation_failed",
          query ? "A parameter in the URL is invalid." : "Some fields are invalid.",
          fieldErrors(result.error.issues),
        );
      }
    },
  });
}

import { OpenAPIHono } from "@hono/zod-openapi";
import type { Db } from "../db/client";
import { ApiError, type FieldError } from "../lib/errors";
import type { Principal } from "../lib/principal";

export interface AppEnv {
  Bindings: Env;
  /** `principal` is set by `authenticate`: null for an anonymous request. */
  Variables: { db: Db; principal: Principal | null };
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

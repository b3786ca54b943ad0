import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";

/**
 * The closed set of machine-readable error codes. Clients branch on `code`, never on `title`
 * or `detail`, so a code, once published, keeps its meaning.
 */
const STATUS_BY_CODE = {
  malformed_json: 400,
  malformed_csv: 400,
  invalid_query: 400,
  json_too_deep: 400,
  duplicate_key: 400,
  token_in_query: 400,
  ambiguous_body_length: 400,
  unreadable_body: 400,
  page_required: 400,
  invalid_bookmark: 400,
  unauthorized: 401,
  forbidden: 403,
  cross_site_request: 403,
  form_token_invalid: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  indicator_in_use: 409,
  area_in_use: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  validation_failed: 422,
  unknown_indicator: 422,
  unknown_plan: 422,
  unknown_scope: 422,
  unsafe_url: 422,
  rate_limited: 429,
  internal_error: 500,
  database_unavailable: 503,
} as const satisfies Record<string, ContentfulStatusCode>;

export type ErrorCode = keyof typeof STATUS_BY_CODE;

export interface FieldError {
  /** JSON path of the bad field, e.g. `/1/period_end` for the second item of an array. */
  path: string;
  message: string;
}

export class ApiError extends HTTPException {
  readonly code: ErrorCode;
  readonly errors: FieldError[] | undefined;
  /** Extra response headers, such as WWW-Authenticate on a 401 or Retry-After on a 429. */
  readonly headers: Record<string, string>;

  constructor(
    code: ErrorCode,
    detail: string,
    errors?: FieldError[],
    headers: Record<string, string> = {},
  ) {
    super(STATUS_BY_CODE[code], { message: detail });
    this.code = code;
    this.errors = errors;
    this.headers = headers;
  }
}

const TITLES: Record<ErrorCode, string> = {
  malformed_json: "The request body is not valid JSON",
  malformed_csv: "The request body is not valid CSV",
  invalid_query: "A query parameter is invalid",
  json_too_deep: "The JSON body is nested too deeply",
  duplicate_key: "A JSON object names the same key twice",
  token_in_query: "Tokens are not accepted in the URL",
  ambiguous_body_length: "The request gives its body length two ways",
  unreadable_body: "The request body could not be read",
  page_required: "Too many plans for one answer: ask for them a page at a time",
  invalid_bookmark: "The x-d1-bookmark header is not a D1 bookmark",
  unauthorized: "A valid bearer token is required",
  forbidden: "This token may not do that",
  cross_site_request: "The form was sent from another site",
  form_token_invalid: "The form's token is missing or wrong",
  not_found: "Not found",
  method_not_allowed: "Method not allowed",
  conflict: "Conflicts with the current state",
  indicator_in_use: "The indicator still has plans or actuals",
  area_in_use: "Indicators, tokens or other areas still name this area",
  payload_too_large: "The request body is too large",
  unsupported_media_type: "Unsupported content type",
  validation_failed: "The request failed validation",
  unknown_indicator: "The indicator does not exist",
  unknown_plan: "The plan does not exist",
  unknown_scope: "No area has this id",
  unsafe_url: "The webhook URL is not allowed",
  rate_limited: "Too many requests",
  internal_error: "Internal error",
  database_unavailable: "The database is briefly unavailable",
};

/** RFC 9457 problem details, the one shape every error takes. */
export function problem(c: Context, err: ApiError): Response {
  const status = STATUS_BY_CODE[err.code];
  const body = {
    type: `urn:target-monitor:problem:${err.code}`,
    title: TITLES[err.code],
    status,
    code: err.code,
    detail: err.message,
    instance: new URL(c.req.url).pathname,
    ...(err.errors ? { errors: err.errors } : {}),
  };
  return new Response(JSON.stringify(body), {
    status,
    headers: { ...err.headers, "content-type": "application/problem+json; charset=utf-8" },
  });
}

/** The single error handler: our errors as they are, anything else as an opaque 500. */
export function onError(err: Error, c: Context): Response {
  if (err instanceof ApiError) return problem(c, err);
  if (err instanceof HTTPException && err.status < 500) {
    // Raised by Hono itself (e.g. a validator meeting a body it cannot read).
    const code: ErrorCode = err.status === 413 ? "payload_too_large" : "malformed_json";
    return problem(c, new ApiError(code, "The request could not be read."));
  }
  // Log for the operator; never show internals to the caller.
  console.error("unhandled error", err);
  return problem(c, new ApiError("internal_error", "Something went wrong on our side."));
}

/** D1 reports a violated UNIQUE / PRIMARY KEY / FOREIGN KEY constraint only through its message. */
export function isConstraintError(err: unknown): boolean {
  const text = err instanceof Error ? `${err.message} ${String(err.cause ?? "")}` : String(err);
  return /constraint failed|SQLITE_CONSTRAINT/i.test(text);
}

/**
 * For `.catch()` on a write: a violated constraint means another writer got there first (or
 * what the write relied on is gone), so the caller hears a 409 with `detail`; any other error
 * passes through unchanged.
 */
export function conflictOnConstraint(detail: string) {
  return (err: unknown): never => {
    if (isConstraintError(err)) throw new ApiError("conflict", detail);
    throw err;
  };
}

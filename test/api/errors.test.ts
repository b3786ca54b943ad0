// Bad input gets a clear problem+json error with a stable code, and changes nothing.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { ADMIN, actualBody, call, createIndicator, dump, indicatorBody, uid } from "../factories";

let ind: string;
beforeAll(async () => {
  ind = await createIndicator();
});

const plan = (overrides: Record<string, unknown> = {}) => ({
  indicator_id: ind,
  period_start: "2024-01-01",
  period_end: "2024-12-31",
  target: 2750,
  scale: "million",
  ...overrides,
});

interface Case {
  name: string;
  method: string;
  path: () => string;
  /** A raw string is sent as it is; anything else is JSON-encoded. */
  body: () => unknown;
  headers?: Record<string, string>;
  status: number;
  code: string;
  /** JSON pointer of the field the error must name, when there is one. */
  field?: string;
}

const cases: Case[] = [
  {
    name: "malformed JSON",
    method: "POST",
    path: () => "/api/plans",
    body: () => '{"target": 1,',
    status: 400,
    code: "malformed_json",
  },
  {
    name: "a number too large for a double (1e309)",
    method: "POST",
    path: () => "/api/plans",
    body: () =>
      `{"indicator_id":"${ind}","period_start":"2024-01-01","period_end":"2024-12-31","target":1e309}`,
    status: 422,
    code: "validation_failed",
    field: "/target",
  },
  {
    name: "a target given as a string",
    method: "POST",
    path: () => "/api/plans",
    body: () => plan({ target: "2750" }),
    status: 422,
    code: "validation_failed",
    field: "/target",
  },
  {
    name: "a null target",
    method: "POST",
    path: () => "/api/plans",
    body: () => plan({ target: null }),
    status: 422,
    code: "validation_failed",
    field: "/target",
  },
  {
    name: "a zero target",
    method: "POST",
    path: () => "/api/plans",
    body: () => plan({ target: 0 }),
    status: 422,
    code: "validation_failed",
    field: "/target",
  },
  {
    name: "a negative target",
    method: "POST",
    path: () => "/api/plans",
    body: () => plan({ target: -5 }),
    status: 422,
    code: "validation_failed",
    field: "/target",
  },
  {
    name: "a period that ends before it starts",
    method: "POST",
    path: () => "/api/plans",
    body: () => plan({ period_end: "2023-12-31" }),
    status: 422,
    code: "validation_failed",
    field: "/period_end",
  },
  {
    name: "an impossible date",
    method: "POST",
    path: () => "/api/plans",
    body: () => plan({ period_end: "2026-02-30" }),
    status: 422,
    code: "validation_failed",
    field: "/period_end",
  },
  {
    name: "a date in another format",
    method: "POST",
    path: () => "/api/plans",
    body: () => plan({ period_start: "01/01/2024" }),
    status: 422,
    code: "validation_failed",
    field: "/period_start",
  },
  {
    name: "an unknown scale",
    method: "POST",
    path: () => "/api/plans",
    body: () => plan({ scale: "gazillion" }),
    status: 422,
    code: "validation_failed",
    field: "/scale",
  },
  {
    name: "an unknown field",
    method: "POST",
    path: () => "/api/plans",
    body: () => plan({ targte: 1 }),
    status: 422,
    code: "validation_failed",
  },
  {
    name: "eleven monthly weights",
    method: "POST",
    path: () => "/api/plans",
    body: () => plan({ phasing: { monthly_weights: Array(11).fill(1) } }),
    status: 422,
    code: "validation_failed",
    field: "/phasing",
  },
  {
    name: "thresholds out of order",
    method: "POST",
    path: () => "/api/plans",
    body: () => plan({ thresholds: { ahead: 0.9, on_track: 0.95 } }),
    status: 422,
    code: "validation_failed",
    field: "/thresholds",
  },
  {
    name: "an unknown indicator",
    method: "POST",
    path: () => "/api/plans",
    body: () => plan({ indicator_id: "no-such-indicator" }),
    status: 422,
    code: "unknown_indicator",
    field: "/indicator_id",
  },
  {
    name: "an invalid plan id",
    method: "POST",
    path: () => "/api/plans",
    body: () => plan({ id: "Has Spaces" }),
    status: 422,
    code: "validation_failed",
    field: "/id",
  },
  {
    name: "an array where an object belongs",
    method: "POST",
    path: () => "/api/plans",
    body: () => [plan()],
    status: 422,
    code: "validation_failed",
  },
  {
    name: "a control character in a note",
    method: "POST",
    path: () => "/api/plans",
    body: () => plan({ note: "bad\u0007bell" }),
    status: 422,
    code: "validation_failed",
    field: "/note",
  },
  {
    name: "a right-to-left override in a source",
    method: "POST",
    path: () => "/api/plans",
    body: () => plan({ source: "evil\u202eflipped" }),
    status: 422,
    code: "validation_failed",
    field: "/source",
  },
  {
    name: "a lone surrogate",
    method: "POST",
    path: () => "/api/plans",
    body: () =>
      `{"indicator_id":"${ind}","period_start":"2024-01-01","period_end":"2024-12-31","target":1,"note":"\\ud800"}`,
    status: 422,
    code: "validation_failed",
    field: "/note",
  },
  {
    name: "an empty name",
    method: "PUT",
    path: () => `/api/indicators/${uid("ind")}`,
    body: () => indicatorBody({ name: "   " }),
    status: 422,
    code: "validation_failed",
    field: "/name",
  },
  {
    name: "an unknown measure",
    method: "PUT",
    path: () => `/api/indicators/${uid("ind")}`,
    body: () => indicatorBody({ measure: "stock" }),
    status: 422,
    code: "validation_failed",
    field: "/measure",
  },
  {
    name: "an invalid indicator id",
    method: "PUT",
    path: () => "/api/indicators/Bad_Id",
    body: () => indicatorBody(),
    status: 400,
    code: "invalid_query",
  },
  {
    name: "an actual with a non-numeric value",
    method: "POST",
    path: () => "/api/actuals",
    body: () => actualBody(ind, { value: "2,326" }),
    status: 422,
    code: "validation_failed",
    field: "/value",
  },
  {
    name: "an actual reported before its period began",
    method: "POST",
    path: () => "/api/actuals",
    body: () => actualBody(ind, { reported_at: "2023-12-01" }),
    status: 422,
    code: "validation_failed",
    field: "/reported_at",
  },
  {
    name: "an actual with an unknown status",
    method: "POST",
    path: () => "/api/actuals",
    body: () => actualBody(ind, { status: "rumour" }),
    status: 422,
    code: "validation_failed",
    field: "/status",
  },
  {
    name: "a bad item deep in an array",
    method: "POST",
    path: () => "/api/actuals",
    body: () => [actualBody(ind), actualBody(ind, { period_end: "2024-13-01" })],
    status: 422,
    code: "validation_failed",
    field: "/1/period_end",
  },
  {
    name: "an empty array",
    method: "POST",
    path: () => "/api/actuals",
    body: () => [],
    status: 422,
    code: "validation_failed",
  },
  {
    name: "a body that is not JSON",
    method: "POST",
    path: () => "/api/actuals",
    body: () => "value=2326",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    status: 415,
    code: "unsupported_media_type",
  },
  {
    name: "a body over 1 MiB",
    method: "POST",
    path: () => "/api/actuals",
    body: () => JSON.stringify({ note: "x".repeat(1024 * 1024 + 1) }),
    status: 413,
    code: "payload_too_large",
  },
  {
    name: "no token",
    method: "POST",
    path: () => "/api/actuals",
    body: () => actualBody(ind),
    headers: { authorization: "" },
    status: 401,
    code: "unauthorized",
  },
  {
    name: "a wrong token",
    method: "POST",
    path: () => "/api/actuals",
    body: () => actualBody(ind),
    headers: { authorization: "Bearer not-the-token" },
    status: 401,
    code: "unauthorized",
  },
  {
    name: "a token in the wrong scheme",
    method: "POST",
    path: () => "/api/actuals",
    body: () => actualBody(ind),
    headers: { authorization: "Basic dGVzdC1hZG1pbi10b2tlbg==" },
    status: 401,
    code: "unauthorized",
  },
];

describe("every bad write is refused and leaves the database as it was", () => {
  it.each(cases)("$name → $status $code", async (c) => {
    const before = await dump(env.DB);
    const body = c.body();
    const res = await call(c.path(), {
      method: c.method,
      headers: { "content-type": "application/json", ...ADMIN, ...c.headers },
      body: typeof body === "string" ? body : JSON.stringify(body),
    });
    expect(res.status).toBe(c.status);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    const problem = (await res.json()) as {
      code: string;
      status: number;
      type: string;
      errors?: { path: string }[];
    };
    expect(problem.code).toBe(c.code);
    expect(problem.status).toBe(c.status);
    expect(problem.type).toBe(`urn:target-monitor:problem:${c.code}`);
    if (c.field) {
      const paths = problem.errors?.map((e) => e.path) ?? [];
      expect(paths.some((p) => p === c.field || p.startsWith(`${c.field}/`))).toBe(true);
    }
    expect(await dump(env.DB)).toBe(before);
  });

  it("asks for a bearer token with WWW-Authenticate", async () => {
    const res = await call("/api/actuals", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    });
    expect(res.headers.get("www-authenticate")).toContain("Bearer");
  });

  it("never shows internals on a 500", async () => {
    // A table the route needs is briefly renamed away, so the query fails inside D1.
    await env.DB.exec("ALTER TABLE meta RENAME TO meta_away");
    try {
      const res = await call("/api/status");
      expect(res.status).toBe(500);
      const text = await res.text();
      expect(JSON.parse(text).code).toBe("internal_error");
      expect(text).not.toMatch(/meta|sqlite|D1_|stack/i);
    } finally {
      await env.DB.exec("ALTER TABLE meta_away RENAME TO meta");
    }
  });
});

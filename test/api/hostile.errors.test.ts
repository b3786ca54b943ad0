// Hostile input against EVERY write route: one corpus (numbers JSON cannot hold, numbers as
// strings, empty and 1 MB strings, control characters, lone surrogates, bidi overrides, SQL,
// impossible dates, periods that end before they start, rows past D1's 100 bound parameters,
// 10,000 levels of nesting, duplicate keys, wrong content types, oversized bodies, hostile
// ids in the path) crossed with every route. Each case must get a 4xx problem+json with its
// stable code, and leave every table byte for byte as it was. errors.test.ts covers the
// field rules of plans and actuals in depth; this suite covers the breadth.
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../src/app";
import {
  ADMIN,
  actualBody,
  call,
  createIndicator,
  createPlan,
  createToken,
  dump,
  ensureArea,
  indicatorBody,
  send,
  uid,
} from "../factories";

const SQL = "'; DROP TABLE plans;--";
const MB_STRING = "x".repeat(1_000_000);
const NEST = 10_000;

let ind: string;
let planId: string;
let hookId: string;
let silenceId: string;
let tokenId: string;
let areaId: string;

beforeAll(async () => {
  areaId = uid("area");
  await ensureArea(areaId);
  ind = await createIndicator();
  planId = (await createPlan(ind)).id;
  const hook = await send("POST", "/api/webhooks", { url: "https://hooks.example.com/hostile" });
  hookId = ((await hook.json()) as { id: string }).id;
  const silence = await send("POST", "/api/silences", {
    indicator_id: ind,
    until: "2099-01-01",
    reason: "quiet",
  });
  silenceId = ((await silence.json()) as { id: string }).id;
  tokenId = (await createToken({ scopes: ["read"] })).id;
});

type Expected = readonly [status: number, code: string];
const VALIDATION: Expected = [422, "validation_failed"];
const MALFORMED: Expected = [400, "malformed_json"];

interface Route {
  name: string;
  method: "POST" | "PUT" | "PATCH" | "DELETE";
  /** The route at a real (or for deliveries, well-formed) id. */
  path: () => string;
  /** A body the route would accept; absent for DELETE. */
  body?: () => Record<string, unknown>;
  maxBytes?: number;
  /** `{}` is itself acceptable (every field optional). */
  emptyOk?: boolean;
  /** Top-level fields by kind, to aim the field corpus at. */
  number?: string;
  /** The number must be above zero, so -0 and 0 are refused. */
  positive?: boolean;
  text?: string;
  slug?: string;
  /** A field holding a string, to send a number in its place. */
  string?: string;
  dates?: readonly [start: string, end: string];
  /** How a hostile id in the path is answered: slug ids fail validation, others are unknown. */
  badId: (id: string) => string;
  badIdAnswer: Expected;
}

const plan = (extra: Record<string, unknown> = {}) => ({
  indicator_id: ind,
  period_start: "2024-01-01",
  period_end: "2024-12-31",
  target: 2750,
  scale: "million",
  ...extra,
});

const NOT_A_SLUG: Expected = [400, "invalid_query"];
const UNKNOWN: Expected = [404, "not_found"];

const routes: Route[] = [
  {
    name: "PUT /api/areas/:id",
    method: "PUT",
    path: () => `/api/areas/${areaId}`,
    body: () => ({ name: "Nghe An", name_vi: "Nghệ An", level: "locality" }),
    text: "name_vi",
    slug: "parent_id",
    string: "name",
    badId: (id) => `/api/areas/${id}`,
    badIdAnswer: NOT_A_SLUG,
  },
  {
    name: "DELETE /api/areas/:id",
    method: "DELETE",
    path: () => "/api/areas/nghe-an",
    badId: (id) => `/api/areas/${id}`,
    badIdAnswer: NOT_A_SLUG,
  },
  {
    name: "DELETE /api/plans/:id",
    method: "DELETE",
    path: () => `/api/plans/${planId}`,
    badId: (id) => `/api/plans/${id}`,
    badIdAnswer: UNKNOWN,
  },
  {
    name: "DELETE /api/actuals/:id",
    method: "DELETE",
    path: () => "/api/actuals/1",
    badId: (id) => `/api/actuals/${id}`,
    badIdAnswer: NOT_A_SLUG,
  },
  {
    name: "PUT /api/indicators/:id",
    method: "PUT",
    path: () => `/api/indicators/${ind}`,
    body: () => indicatorBody(),
    text: "description",
    slug: "scope",
    string: "name",
    badId: (id) => `/api/indicators/${id}`,
    badIdAnswer: NOT_A_SLUG,
  },
  {
    name: "DELETE /api/indicators/:id",
    method: "DELETE",
    path: () => `/api/indicators/${ind}`,
    badId: (id) => `/api/indicators/${id}`,
    badIdAnswer: NOT_A_SLUG,
  },
  {
    name: "POST /api/plans",
    method: "POST",
    path: () => "/api/plans",
    body: () => plan({ id: uid("plan") }),
    number: "target",
    positive: true,
    text: "note",
    slug: "indicator_id",
    string: "title",
    dates: ["period_start", "period_end"],
    badId: () => "/api/plans",
    badIdAnswer: NOT_A_SLUG,
  },
  {
    name: "PUT /api/plans/:id",
    method: "PUT",
    path: () => `/api/plans/${planId}`,
    body: () => plan({ target: 3000 }),
    number: "target",
    positive: true,
    text: "note",
    slug: "indicator_id",
    string: "source",
    dates: ["period_start", "period_end"],
    badId: (id) => `/api/plans/${id}`,
    badIdAnswer: NOT_A_SLUG,
  },
  {
    name: "POST /api/actuals",
    method: "POST",
    path: () => "/api/actuals",
    body: () => actualBody(ind, { value: 9999 }),
    number: "value",
    text: "note",
    slug: "indicator_id",
    string: "source",
    dates: ["period_start", "period_end"],
    badId: () => "/api/actuals",
    badIdAnswer: VALIDATION,
  },
  {
    name: "POST /api/import (backup JSON)",
    method: "POST",
    path: () => "/api/import",
    // Valid in shape; the database is not empty, so a clean one would be a 409 conflict.
    body: () => ({
      format: "target-monitor.backup",
      format_version: 1,
      exported_at: "2026-01-01T00:00:00.000Z",
      data_version: 1,
      indicators: [],
      plans: [],
      actuals: [],
    }),
    maxBytes: 8 * 1024 * 1024,
    number: "data_version",
    string: "exported_at",
    badId: () => "/api/import",
    badIdAnswer: VALIDATION,
  },
  {
    name: "POST /api/webhooks",
    method: "POST",
    path: () => "/api/webhooks",
    body: () => ({ url: "https://hooks.example.com/new", description: "ops" }),
    text: "description",
    string: "url",
    badId: () => "/api/webhooks",
    badIdAnswer: VALIDATION,
  },
  {
    name: "PATCH /api/webhooks/:id",
    method: "PATCH",
    path: () => `/api/webhooks/${hookId}`,
    body: () => ({ description: "changed" }),
    text: "description",
    string: "url",
    badId: (id) => `/api/webhooks/${id}`,
    badIdAnswer: UNKNOWN,
  },
  {
    name: "DELETE /api/webhooks/:id",
    method: "DELETE",
    path: () => `/api/webhooks/${hookId}`,
    badId: (id) => `/api/webhooks/${id}`,
    badIdAnswer: UNKNOWN,
  },
  {
    name: "POST /api/webhooks/:id/test",
    method: "POST",
    path: () => `/api/webhooks/${hookId}/test`,
    body: () => ({ message: "hello" }),
    emptyOk: true,
    text: "message",
    badId: (id) => `/api/webhooks/${id}/test`,
    badIdAnswer: UNKNOWN,
  },
  {
    name: "POST /api/webhooks/:id/rotate-secret",
    method: "POST",
    path: () => `/api/webhooks/${hookId}/rotate-secret`,
    body: () => ({ overlap_hours: 12 }),
    emptyOk: true,
    number: "overlap_hours",
    badId: (id) => `/api/webhooks/${id}/rotate-secret`,
    badIdAnswer: UNKNOWN,
  },
  {
    name: "POST /api/silences",
    method: "POST",
    path: () => "/api/silences",
    body: () => ({ indicator_id: ind, until: "2099-06-01", reason: "maintenance" }),
    text: "reason",
    slug: "indicator_id",
    string: "until",
    badId: () => "/api/silences",
    badIdAnswer: VALIDATION,
  },
  {
    name: "DELETE /api/silences/:id",
    method: "DELETE",
    path: () => `/api/silences/${silenceId}`,
    badId: (id) => `/api/silences/${id}`,
    badIdAnswer: UNKNOWN,
  },
  {
    name: "POST /api/deliveries/:id/retry",
    method: "POST",
    path: () => "/api/deliveries/dlv_00000000000000000000000000/retry",
    body: () => ({}),
    emptyOk: true,
    badId: (id) => `/api/deliveries/${id}/retry`,
    badIdAnswer: UNKNOWN,
  },
  {
    name: "POST /api/tokens",
    method: "POST",
    path: () => "/api/tokens",
    body: () => ({ name: "province office", scopes: ["write"] }),
    text: "name",
    slug: "indicator_scope",
    string: "name",
    badId: () => "/api/tokens",
    badIdAnswer: VALIDATION,
  },
  {
    name: "DELETE /api/tokens/:id",
    method: "DELETE",
    path: () => `/api/tokens/${tokenId}`,
    badId: (id) => `/api/tokens/${id}`,
    badIdAnswer: UNKNOWN,
  },
];

interface Case {
  route: string;
  name: string;
  method: string;
  path: () => string;
  contentType?: string;
  /** Raw text sent as is. */
  body?: () => string | Uint8Array;
  headers?: Record<string, string>;
  expected: Expected;
}

/** The valid body as JSON text with `key` set to raw JSON text `raw`. */
function withRaw(route: Route, key: string, raw: string): () => string {
  return () => {
    const body: Record<string, unknown> = { ...route.body?.() };
    const marker = `__raw_${key}__`;
    body[key] = marker;
    return JSON.stringify(body).replace(`"${marker}"`, raw);
  };
}

const nested = (open: string, close: string, inner: string) =>
  `${open.repeat(NEST)}${inner}${close.repeat(NEST)}`;

function casesFor(route: Route): Case[] {
  const out: Case[] = [];
  const add = (
    name: string,
    body: (() => string | Uint8Array) | undefined,
    expected: Expected,
    contentType = "application/json",
  ) =>
    out.push({
      route: route.name,
      name,
      method: route.method,
      path: route.path,
      contentType,
      body,
      expected,
    });

  const hasId = route.badId("x") !== route.badId("y");
  for (const [name, id] of hasId
    ? ([
        ["SQL in the id", encodeURIComponent(SQL)],
        ["a 10,000-character id", "a".repeat(10_000)],
        ["a NUL byte in the id", "abc%00def"],
        ["a lone surrogate (invalid UTF-8) in the id", "abc%ED%A0%80"],
        ["a right-to-left override in the id", "abc%E2%80%AEdef"],
      ] as const)
    : []) {
    const body = route.body;
    out.push({
      route: route.name,
      name,
      method: route.method,
      path: () => route.badId(id),
      contentType: body ? "application/json" : undefined,
      body: body ? () => JSON.stringify(body()) : undefined,
      // Ids that are not slugs are free text up to 100 characters: a longer one is refused as
      // a bad parameter, any other is simply not found.
      expected: id.length > 100 ? NOT_A_SLUG : route.badIdAnswer,
    });
  }
  // workerd resolves this itself on real connections (test/e2e/hostile.e2e.test.ts); a Request
  // built inside the runtime keeps both headers, which is what a proxy passing both would do.
  out.push({
    route: route.name,
    name: "both Content-Length and Transfer-Encoding",
    method: route.method,
    path: route.path,
    contentType: route.body ? "application/json" : undefined,
    body: route.body ? () => JSON.stringify(route.body?.()) : undefined,
    headers: { "transfer-encoding": "chunked", "content-length": "2" },
    expected: [400, "ambiguous_body_length"],
  });
  if (!route.body) return out;
  const valid = () => JSON.stringify(route.body?.());
  const max = route.maxBytes ?? 1024 * 1024;

  add("a text/plain body", valid, [415, "unsupported_media_type"], "text/plain");
  add(
    "a form body",
    () => "a=1&b=2",
    [415, "unsupported_media_type"],
    "application/x-www-form-urlencoded",
  );
  add("a JSON body declared as XML", valid, [415, "unsupported_media_type"], "application/xml");
  add("malformed JSON", () => '{"a":', MALFORMED);
  add("NaN", () => '{"x": NaN}', MALFORMED);
  add("Infinity", () => '{"x": Infinity}', MALFORMED);
  add("-Infinity", () => '{"x": -Infinity}', MALFORMED);
  add("a trailing comma", () => '{"x": 1,}', MALFORMED);
  add("a BOM-less UTF-16 body", () => new Uint8Array([0x7b, 0x00, 0x7d, 0x00]), MALFORMED);
  add("10,000 nested arrays", () => nested("[", "]", "1"), [400, "json_too_deep"]);
  add("10,000 nested objects", () => nested('{"a":', "}", "1"), [400, "json_too_deep"]);
  add("10,000 nested arrays, unterminated", () => "[".repeat(NEST), [400, "json_too_deep"]);
  add("a duplicate key", () => {
    const [key] = Object.keys(route.body?.() ?? {});
    return key === undefined ? '{"a":1,"a":2}' : `{"${key}":"first",${valid().slice(1)}`;
  }, [400, "duplicate_key"]);
  add("a duplicate key spelt with an escape", () => `{"\\u0061":1,"a":2}`, [400, "duplicate_key"]);
  add("a duplicate key deep inside", () => `{"x":[{"b":1},{"c":1,"c":2}]}`, [400, "duplicate_key"]);
  add(`a body over ${max} bytes`, () => JSON.stringify({ pad: "x".repeat(max + 1) }), [
    413,
    "payload_too_large",
  ]);
  add("null", () => "null", VALIDATION);
  add("a bare string", () => '"hello"', VALIDATION);
  add("a bare number", () => "42", VALIDATION);
  add("true", () => "true", VALIDATION);
  add("an array", () => "[1,2,3]", VALIDATION);
  add(
    "an unknown field",
    () =>
      `{${valid().slice(1, -1)}${route.body && Object.keys(route.body()).length ? "," : ""}"extra":1}`,
    VALIDATION,
  );
  if (!route.emptyOk) {
    add("an empty object", () => "{}", VALIDATION);
    add("an empty body", () => "", [400, "malformed_json"]);
  }
  if (route.number) {
    const k = route.number;
    add(`${k}: 1e309`, withRaw(route, k, "1e309"), VALIDATION);
    add(`${k}: -1e309`, withRaw(route, k, "-1e309"), VALIDATION);
    add(`${k} as a string`, withRaw(route, k, '"2750"'), VALIDATION);
    add(`${k}: "NaN"`, withRaw(route, k, '"NaN"'), VALIDATION);
    add(`${k}: "Infinity"`, withRaw(route, k, '"Infinity"'), VALIDATION);
    add(`${k}: null`, withRaw(route, k, "null"), VALIDATION);
    add(`${k}: true`, withRaw(route, k, "true"), VALIDATION);
    add(`${k}: [1]`, withRaw(route, k, "[1]"), VALIDATION);
    add(`${k}: a hex string`, withRaw(route, k, '"0x10"'), VALIDATION);
    if (route.positive) {
      add(`${k}: -0`, withRaw(route, k, "-0"), VALIDATION);
      add(`${k}: 0`, withRaw(route, k, "0"), VALIDATION);
      add(`${k}: -1`, withRaw(route, k, "-1"), VALIDATION);
    }
  }
  if (route.text) {
    const k = route.text;
    add(`${k}: empty`, withRaw(route, k, '""'), VALIDATION);
    add(`${k}: blanks only`, withRaw(route, k, '"   "'), VALIDATION);
    add(`${k}: 1 MB`, withRaw(route, k, JSON.stringify(MB_STRING)), VALIDATION);
    add(`${k}: a bell`, withRaw(route, k, '"ding\\u0007dong"'), VALIDATION);
    add(`${k}: a NUL`, withRaw(route, k, '"nul\\u0000here"'), VALIDATION);
    add(`${k}: an escape sequence`, withRaw(route, k, '"\\u001b[31mred"'), VALIDATION);
    add(`${k}: a lone high surrogate`, withRaw(route, k, '"\\ud800"'), VALIDATION);
    add(`${k}: a lone low surrogate`, withRaw(route, k, '"x\\udc00y"'), VALIDATION);
    add(`${k}: a right-to-left override`, withRaw(route, k, '"evil\\u202eflipped"'), VALIDATION);
    add(`${k}: a bidi isolate`, withRaw(route, k, '"a\\u2066b"'), VALIDATION);
    // What an XML feed or an SVG badge cannot carry: one of these in a title broke the feed.
    add(`${k}: U+FFFE`, withRaw(route, k, '"a\\ufffeb"'), VALIDATION);
    add(`${k}: U+FFFF`, withRaw(route, k, '"a\\uffffb"'), VALIDATION);
    add(`${k}: a noncharacter (U+FDD0)`, withRaw(route, k, '"a\\ufdd0b"'), VALIDATION);
    add(`${k}: a noncharacter of plane 1`, withRaw(route, k, '"a\\ud83f\\udfffb"'), VALIDATION);
    add(`${k}: a C1 control (NEL)`, withRaw(route, k, '"a\\u0085b"'), VALIDATION);
    add(`${k}: a C1 control (CSI)`, withRaw(route, k, '"\\u009b31mred"'), VALIDATION);
    add(`${k}: DEL`, withRaw(route, k, '"a\\u007fb"'), VALIDATION);
    add(`${k}: a carriage return`, withRaw(route, k, '"a\\rb"'), VALIDATION);
    add(`${k}: a line separator`, withRaw(route, k, '"a\\u2028b"'), VALIDATION);
  }
  if (route.slug) {
    const k = route.slug;
    for (const v of [SQL, "../../etc/passwd", "Has Spaces", "", "a".repeat(121), "nghe-an\u0000"]) {
      add(
        `${k}: ${JSON.stringify(v).slice(0, 30)}`,
        withRaw(route, k, JSON.stringify(v)),
        VALIDATION,
      );
    }
  }
  if (route.string)
    add(`${route.string}: a number`, withRaw(route, route.string, "123"), VALIDATION);
  if (route.dates) {
    const [start, end] = route.dates;
    for (const bad of [
      "2026-02-30",
      "2024-13-01",
      "2024-00-10",
      "2024-1-1",
      "20240101",
      "2024-01-01T00:00:00Z",
      "0000-00-00",
    ]) {
      add(`${end}: ${bad}`, withRaw(route, end, JSON.stringify(bad)), VALIDATION);
    }
    add(`${start}: null`, withRaw(route, start, "null"), VALIDATION);
    add("a period that ends before it starts", withRaw(route, end, '"2023-12-31"'), VALIDATION);
  }
  return out;
}

/** Cases only some routes have: rows past the parameter limit, CSV, silences, tokens. */
function specialCases(): Case[] {
  const json = (
    route: string,
    method: string,
    path: string,
    body: () => unknown,
    expected: Expected,
    name: string,
  ): Case => ({
    route,
    name,
    method,
    path: () => path,
    contentType: "application/json",
    body: () => JSON.stringify(body()),
    expected,
  });
  const csv = (
    name: string,
    text: () => string | Uint8Array,
    expected: Expected,
    contentType = "text/csv",
  ): Case => ({
    route: "POST /api/import (CSV)",
    name,
    method: "POST",
    path: () => "/api/import",
    contentType,
    body: text,
    expected,
  });
  const header = "indicator_id,period_start,period_end,value,status,reported_at";
  const row = (
    value: string,
    extra: Partial<Record<"start" | "end" | "id" | "note", string>> = {},
  ) =>
    `${extra.id ?? ind},${extra.start ?? "2024-01-01"},${extra.end ?? "2024-03-31"},${value},final,2024-04-20`;
  // 101 rows of 11 bound parameters each: far past D1's 100 per statement, so the write is
  // chunked into several statements of one batch, and a bad last row must undo none of them
  // because none were written.
  const many = (n: number) =>
    Array.from({ length: n }, (_, i) =>
      row(String(i + 1), { end: `2024-03-${String((i % 28) + 1).padStart(2, "0")}` }),
    );
  return [
    json(
      "POST /api/actuals",
      "POST",
      "/api/actuals",
      () => [
        ...Array.from({ length: 100 }, (_, i) => actualBody(ind, { value: 10_000 + i })),
        actualBody(ind, { period_end: "2026-02-30" }),
      ],
      VALIDATION,
      "101 figures, the last with an impossible date",
    ),
    json(
      "POST /api/actuals",
      "POST",
      "/api/actuals",
      () => [
        ...Array.from({ length: 100 }, (_, i) => actualBody(ind, { value: 20_000 + i })),
        actualBody("no-such-indicator"),
      ],
      [422, "unknown_indicator"],
      "101 figures, the last for an unknown indicator",
    ),
    json(
      "POST /api/actuals",
      "POST",
      "/api/actuals",
      () => Array.from({ length: 1001 }, (_, i) => actualBody(ind, { value: 30_000 + i })),
      VALIDATION,
      "1,001 figures in one request",
    ),
    json("POST /api/actuals", "POST", "/api/actuals", () => [], VALIDATION, "an empty array"),
    json(
      "POST /api/actuals",
      "POST",
      "/api/actuals",
      () => actualBody(ind, { reported_attainment: 1e300 }),
      VALIDATION,
      "an attainment of 1e300",
    ),
    csv(
      "101 rows, the last with an impossible date",
      () => [header, ...many(100), row("5", { end: "2026-02-30" })].join("\n"),
      VALIDATION,
    ),
    csv(
      "101 rows, the last for an unknown indicator",
      () => [header, ...many(100), row("5", { id: "no-such-indicator" })].join("\n"),
      [422, "unknown_indicator"],
    ),
    csv("a value of NaN", () => [header, row("NaN")].join("\n"), VALIDATION),
    csv("a value of Infinity", () => [header, row("Infinity")].join("\n"), VALIDATION),
    csv("a value of 1e309", () => [header, row("1e309")].join("\n"), VALIDATION),
    csv("an empty value", () => [header, row("")].join("\n"), VALIDATION),
    csv("a value with a bell", () => [header, row("12\u0007")].join("\n"), VALIDATION),
    csv(
      "SQL as the indicator",
      () => [header, row("5", { id: SQL.replaceAll(",", "") })].join("\n"),
      VALIDATION,
    ),
    csv(
      "a period that ends before it starts",
      () => [header, row("5", { start: "2024-04-01", end: "2024-03-31" })].join("\n"),
      VALIDATION,
    ),
    csv(
      "an impossible date",
      () => [header, row("5", { end: "2026-02-30" })].join("\n"),
      VALIDATION,
    ),
    csv(
      "a right-to-left override in a note",
      () => [`${header},note`, `${row("5")},evil\u202eflipped`].join("\n"),
      VALIDATION,
    ),
    csv(
      "a control character in a note",
      () => [`${header},note`, `${row("5")},a\u0001b`].join("\n"),
      VALIDATION,
    ),
    csv("a lone surrogate (its UTF-8 bytes)", () => {
      const text = new TextEncoder().encode(`${header}\n${row("5")}\n`);
      const bytes = new Uint8Array(text.length + 3);
      bytes.set(text);
      bytes.set([0xed, 0xa0, 0x80], text.length);
      return bytes;
    }, [400, "malformed_csv"]),
    csv("a body over 8 MiB", () => `${header}\n${"x".repeat(8 * 1024 * 1024)}`, [
      413,
      "payload_too_large",
    ]),
    csv(
      "CSV declared as text/plain",
      () => [header, row("5")].join("\n"),
      [415, "unsupported_media_type"],
      "text/plain",
    ),
    csv(
      "CSV declared as a spreadsheet",
      () => [header, row("5")].join("\n"),
      [415, "unsupported_media_type"],
      "application/vnd.ms-excel",
    ),
    csv("an unclosed quote", () => `${header}\n"${ind},2024-01-01`, [400, "malformed_csv"]),
    json(
      "POST /api/silences",
      "POST",
      "/api/silences",
      () => ({ indicator_id: ind, until: "2026-02-30", reason: "x" }),
      VALIDATION,
      "until: an impossible date",
    ),
    json(
      "POST /api/silences",
      "POST",
      "/api/silences",
      () => ({ indicator_id: ind, until: "2020-01-01", reason: "x" }),
      VALIDATION,
      "until: in the past",
    ),
    json(
      "POST /api/tokens",
      "POST",
      "/api/tokens",
      () => ({ name: "x", scopes: ["root"] }),
      VALIDATION,
      "an unknown scope",
    ),
    json(
      "POST /api/tokens",
      "POST",
      "/api/tokens",
      () => ({ name: "x", scopes: ["write", "write"] }),
      VALIDATION,
      "a scope twice",
    ),
    json(
      "POST /api/tokens",
      "POST",
      "/api/tokens",
      () => ({ name: "x", scopes: ["read"], expires_at: "2026-02-30T00:00:00Z" }),
      VALIDATION,
      "expires_at: an impossible date",
    ),
    json(
      "POST /api/webhooks",
      "POST",
      "/api/webhooks",
      () => ({ url: SQL }),
      [422, "unsafe_url"],
      "SQL as the URL",
    ),
    json(
      "POST /api/webhooks",
      "POST",
      "/api/webhooks",
      () => ({ url: "javascript:alert(1)" }),
      [422, "unsafe_url"],
      "a javascript: URL",
    ),
    json(
      "POST /api/webhooks/:id/rotate-secret",
      "POST",
      "/api/webhooks/x/rotate-secret",
      () => ({ overlap_hours: 1e6 }),
      VALIDATION,
      "overlap_hours: a million",
    ),
  ];
}

const cases = [...routes.flatMap(casesFor), ...specialCases()];

describe("hostile input to every write route is refused, and nothing changes", () => {
  it("covers every write route of the API", () => {
    const covered = new Set(cases.map((c) => c.route.replace(/ \(.*\)$/, "")));
    for (const route of [
      "PUT /api/indicators/:id",
      "DELETE /api/indicators/:id",
      "POST /api/plans",
      "PUT /api/plans/:id",
      "POST /api/actuals",
      "POST /api/import",
      "POST /api/webhooks",
      "PATCH /api/webhooks/:id",
      "DELETE /api/webhooks/:id",
      "POST /api/webhooks/:id/test",
      "POST /api/webhooks/:id/rotate-secret",
      "POST /api/silences",
      "DELETE /api/silences/:id",
      "POST /api/deliveries/:id/retry",
      "POST /api/tokens",
      "DELETE /api/tokens/:id",
    ]) {
      expect(covered, route).toContain(route);
    }
    expect(cases.length).toBeGreaterThan(400);
  });

  it.each(cases.map((c) => [`${c.route}: ${c.name}`, c] as const))("%s", async (_, c) => {
    const before = await dump(env.DB);
    const headers: Record<string, string> = { ...ADMIN, ...c.headers };
    if (c.contentType) headers["content-type"] = c.contentType;
    const res = await call(c.path(), { method: c.method, headers, body: c.body?.() });
    const text = await res.text();
    expect([res.status, text.slice(0, 300)]).toEqual([c.expected[0], expect.any(String)]);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    const problem = JSON.parse(text) as { code: string; status: number; type: string };
    expect(problem.code).toBe(c.expected[1]);
    expect(problem.status).toBe(c.expected[0]);
    expect(await dump(env.DB)).toBe(before);
  });
});

describe("a body cut off mid-stream", () => {
  /** A request whose body breaks while it is read, as when the client's connection resets. */
  class CutOffRequest extends Request {
    override get body(): ReadableStream<Uint8Array> {
      return new ReadableStream({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('{"indicator_id":'));
          controller.error(new Error("connection reset by peer"));
        },
      });
    }
  }

  it("is 400 unreadable_body, not a 500, and writes nothing", async () => {
    const before = await dump(env.DB);
    const request = new CutOffRequest("https://monitor.test/api/actuals", {
      method: "POST",
      headers: { "content-type": "application/json", ...ADMIN },
      body: "{}",
    });
    const ctx = createExecutionContext();
    const res = await buildApp().fetch(request, env, ctx);
    await waitOnExecutionContext(ctx);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { code: string }).code).toBe("unreadable_body");
    expect(await dump(env.DB)).toBe(before);
  });
});

describe("what the corpus does not refuse is stored exactly", () => {
  it("SQL in free text is only text, and every table is still there", async () => {
    const note = `${SQL} "quoted" -- and O'Brien`;
    const res = await send("POST", "/api/actuals", actualBody(ind, { value: 1, note }));
    expect(res.status).toBe(201);
    const stored = (await res.json()) as { inserted: { note: string }[] };
    expect(stored.inserted[0]?.note).toBe(note);
    const tables = await env.DB.prepare("select count(*) as n from plans").first<{ n: number }>();
    expect(tables?.n).toBeGreaterThan(0);
  });

  it("-0 is the number zero, stored and served as 0", async () => {
    const res = await call("/api/actuals", {
      method: "POST",
      headers: { "content-type": "application/json", ...ADMIN },
      body: JSON.stringify(actualBody(ind, { reported_at: "2024-10-30" })).replace(
        /"value":\d+/,
        '"value":-0',
      ),
    });
    expect(res.status).toBe(201);
    const text = await res.text();
    expect(text).toContain('"value":0');
    expect(text).not.toContain('"value":-0');
  });

  it("101 figures, past the parameter limit, are written whole in one batch", async () => {
    const other = await createIndicator();
    const figures = Array.from({ length: 101 }, (_, i) =>
      actualBody(other, {
        value: i,
        reported_at: `2024-10-${String((i % 28) + 1).padStart(2, "0")}`,
        status: i % 2 ? "final" : "estimate",
      }),
    );
    const res = await send("POST", "/api/actuals", figures);
    expect(res.status).toBe(201);
    expect(((await res.json()) as { inserted: unknown[] }).inserted).toHaveLength(101);
  });
});

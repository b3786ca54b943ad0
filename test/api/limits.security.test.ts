// Abuse limits: the per-token write budget (the Workers rate-limiting binding from
// wrangler.toml) and the security headers on every kind of response.
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
  indicatorBody,
  postActuals,
  uid,
} from "../factories";

/** The binding's local simulation takes a per-call limit; production takes only the key. */
interface LocalRateLimit {
  limit(options: { key: string; limit: number; period: number }): Promise<{ success: boolean }>;
}

/** The real binding, held to `limit` per minute for these requests, keys passed through. */
function tight(binding: RateLimit, limit: number): RateLimit & { keys: string[] } {
  const keys: string[] = [];
  return {
    keys,
    limit: ({ key }: { key: string }) => {
      keys.push(key);
      return (binding as unknown as LocalRateLimit).limit({ key, limit, period: 60 });
    },
  } as RateLimit & { keys: string[] };
}

const app = buildApp();

async function withLimits(
  limits: { write?: RateLimit; import?: RateLimit },
  path: string,
  init: RequestInit,
) {
  const ctx = createExecutionContext();
  const res = await app.fetch(
    new Request(`https://monitor.test${path}`, init),
    {
      ...env,
      WRITE_RATE_LIMIT: limits.write ?? env.WRITE_RATE_LIMIT,
      IMPORT_RATE_LIMIT: limits.import ?? env.IMPORT_RATE_LIMIT,
    },
    ctx,
  );
  await waitOnExecutionContext(ctx);
  return res;
}

describe("the write budget", () => {
  it("is a real binding under the test runner, as configured in wrangler.toml", async () => {
    expect(await env.WRITE_RATE_LIMIT.limit({ key: uid("k") })).toEqual({ success: true });
    expect(await env.IMPORT_RATE_LIMIT.limit({ key: uid("k") })).toEqual({ success: true });
  });

  it("answers 429 with Retry-After once a token has spent it, and writes nothing", async () => {
    const ind = await createIndicator();
    const a = await createToken({ scopes: ["write"] });
    const b = await createToken({ scopes: ["write"] });
    // Warm both tokens so their first-use record is not part of the comparison.
    await call("/api/status", { headers: a.bearer });
    await call("/api/status", { headers: b.bearer });
    const write = tight(env.WRITE_RATE_LIMIT, 3);
    const post = (token: { bearer: Record<string, string> }, body: unknown) =>
      withLimits({ write }, "/api/actuals", {
        method: "POST",
        headers: { "content-type": "application/json", ...token.bearer },
        body: JSON.stringify(body),
      });

    // Refused writes spend the budget too: it is counted before the body is read.
    expect((await post(a, { not: "an actual" })).status).toBe(422);
    expect((await post(a, actualBody(ind, { value: 1 }))).status).toBe(201);
    expect((await post(a, actualBody(ind, { value: 2 }))).status).toBe(201);
    const before = await dump(env.DB);
    const limited = await post(a, actualBody(ind, { value: 3 }));
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("60");
    expect(limited.headers.get("content-type")).toContain("application/problem+json");
    expect(((await limited.json()) as { code: string }).code).toBe("rate_limited");
    expect(await dump(env.DB)).toBe(before);

    // Keyed by token: another token still has its own budget; reads are never counted.
    expect((await post(b, actualBody(ind, { value: 4 }))).status).toBe(201);
    const read = await withLimits({ write }, "/api/status", { headers: a.bearer });
    expect(read.status).toBe(200);
    expect(write.keys).toEqual([a.id, a.id, a.id, a.id, b.id]);
  });

  it("for imports is separate and smaller, and also keyed by token", async () => {
    const imports = tight(env.IMPORT_RATE_LIMIT, 2);
    const write = tight(env.WRITE_RATE_LIMIT, 1000);
    const send = () =>
      withLimits({ write, import: imports }, "/api/import", {
        method: "POST",
        headers: { "content-type": "text/csv", ...ADMIN },
        body: "nothing,useful\n",
      });
    expect((await send()).status).toBe(422);
    expect((await send()).status).toBe(422);
    const res = await send();
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("60");
    expect(imports.keys).toEqual(["admin", "admin", "admin"]);
    expect(write.keys).toEqual([]);
  });

  it("for imports covers the SDMX-CSV and JSON-stat imports too", async () => {
    // A token of its own: the budget a test spends is the binding's for a minute.
    const token = await createToken({ scopes: ["write"] });
    await call("/api/status", { headers: token.bearer });
    const imports = tight(env.IMPORT_RATE_LIMIT, 2);
    const write = tight(env.WRITE_RATE_LIMIT, 1000);
    const send = (path: string, type: string) =>
      withLimits({ write, import: imports }, path, {
        method: "POST",
        headers: { "content-type": type, ...token.bearer },
        body: "{}",
      });
    expect((await send("/api/import/sdmx", "text/csv")).status).toBe(422);
    expect((await send("/api/import/jsonstat", "application/json")).status).toBe(422);
    expect((await send("/api/import/sdmx", "text/csv")).status).toBe(429);
    expect(imports.keys).toEqual([token.id, token.id, token.id]);
    expect(write.keys).toEqual([]);
  });

  it("is not spent by anonymous writes, which are refused before it is counted", async () => {
    const write = tight(env.WRITE_RATE_LIMIT, 1);
    const res = await withLimits({ write }, `/api/indicators/${uid("ind")}`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(indicatorBody()),
    });
    expect(res.status).toBe(401);
    expect(write.keys).toEqual([]);
  });
});

describe("security headers", () => {
  let planId: string;
  beforeAll(async () => {
    const ind = await createIndicator();
    planId = (await createPlan(ind)).id;
    await postActuals(actualBody(ind));
  });

  function expectSecure(res: Response, what: string) {
    const h = res.headers;
    expect(h.get("x-content-type-options"), what).toBe("nosniff");
    expect(h.get("x-frame-options"), what).toBe("SAMEORIGIN");
    expect(h.get("referrer-policy"), what).toBe("no-referrer");
    expect(h.get("strict-transport-security"), what).toContain("max-age=");
    expect(h.get("content-security-policy"), what).toContain("default-src 'none'");
    expect(h.get("content-security-policy"), what).toContain("frame-ancestors 'self'");
    expect(h.get("permissions-policy"), what).toContain("camera=()");
    expect(h.get("cross-origin-opener-policy"), what).toBe("same-origin");
  }

  it("are on every kind of response: JSON, problem, HTML, SVG, Atom, text, 304", async () => {
    const status = await call("/api/status");
    const etag = status.headers.get("etag") ?? "";
    const responses: [string, Response, number, string][] = [
      ["JSON", status, 200, "application/json"],
      ["304", await call("/api/status", { headers: { "if-none-match": etag } }), 304, ""],
      ["404 problem", await call("/api/nothing-here"), 404, "application/problem+json"],
      [
        "401 problem",
        await call("/api/actuals", { method: "POST", body: "{}" }),
        401,
        "application/problem+json",
      ],
      [
        "413 problem",
        await call("/api/actuals", {
          method: "POST",
          headers: { "content-type": "application/json", ...ADMIN },
          body: "x".repeat(1024 * 1024 + 1),
        }),
        413,
        "application/problem+json",
      ],
      [
        "400 problem (token in URL)",
        await call("/api/status?token=x"),
        400,
        "application/problem+json",
      ],
      ["HTML", await call("/"), 200, "text/html"],
      ["HTML plan page", await call(`/plans/${planId}`), 200, "text/html"],
      ["SVG badge", await call(`/badge/${planId}.svg`), 200, "image/svg+xml"],
      ["Atom", await call("/feed.atom"), 200, "application/atom+xml"],
      ["metrics", await call("/metrics"), 200, "text/plain"],
    ];
    for (const [what, res, code, type] of responses) {
      expect(res.status, what).toBe(code);
      if (type) expect(res.headers.get("content-type"), what).toContain(type);
      expectSecure(res, what);
    }
  });
});

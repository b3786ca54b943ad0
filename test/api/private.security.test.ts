// PRIVATE_DEPLOYMENT: every read needs a token with the read scope; only liveness and the API
// description stay open. The Worker is called with the setting switched on for these requests.
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../src/app";
import { isPrivateDeployment } from "../../src/http/access";
import {
  actualBody,
  call,
  createIndicator,
  createPlan,
  createToken,
  postActuals,
} from "../factories";

const app = buildApp();

async function privately(path: string, headers: Record<string, string> = {}) {
  const ctx = createExecutionContext();
  const res = await app.fetch(
    new Request(`https://monitor.test${path}`, { headers }),
    { ...env, PRIVATE_DEPLOYMENT: "true" },
    ctx,
  );
  await waitOnExecutionContext(ctx);
  return res;
}

let planId: string;
let reader: Awaited<ReturnType<typeof createToken>>;
let writer: Awaited<ReturnType<typeof createToken>>;
beforeAll(async () => {
  const ind = await createIndicator();
  planId = (await createPlan(ind)).id;
  await postActuals(actualBody(ind));
  reader = await createToken({ scopes: ["read"] });
  writer = await createToken({ scopes: ["write"] });
});

const reads = () => [
  "/",
  `/plans/${planId}`,
  "/feed.atom",
  `/badge/${planId}.svg`,
  "/metrics",
  "/api/status",
  `/api/plans/${planId}`,
  `/api/plans/${planId}/evaluation`,
  "/api/indicators",
  "/api/export",
  "/api/events",
  "/api/silences",
];

describe("a private deployment", () => {
  it("refuses every read without a token: the page, JSON, metrics, the feed and badges", async () => {
    for (const path of reads()) {
      const res = await privately(path);
      expect(res.status, path).toBe(401);
      expect(res.headers.get("content-type")).toContain("application/problem+json");
      expect(res.headers.get("www-authenticate")).toContain("Bearer");
      const body = await res.text();
      expect(JSON.parse(body).code).toBe("unauthorized");
      // Nothing of the data: the problem names only the path that was asked for.
      expect(body).not.toMatch(/indicator_id|Goods exports|2750/);
    }
  });

  it("serves every read to a read token (and a write token), marked private", async () => {
    for (const token of [reader, writer]) {
      for (const path of reads()) {
        const res = await privately(path, token.bearer);
        expect(res.status, path).toBe(200);
        const cacheControl = res.headers.get("cache-control");
        if (cacheControl) expect(cacheControl, path).not.toMatch(/public/);
        expect(res.headers.get("vary") ?? "", path).toMatch(/authorization/i);
      }
    }
  });

  it("keeps liveness and the API description open", async () => {
    expect((await privately("/healthz")).status).toBe(200);
    expect((await privately("/openapi.json")).status).toBe(200);
  });

  it("still refuses a wrong token and a token in the URL", async () => {
    expect((await privately("/api/status", { authorization: "Bearer nope" })).status).toBe(401);
    const res = await privately(`/api/status?access_token=${encodeURIComponent(reader.token)}`);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { code: string }).code).toBe("token_in_query");
  });
});

describe("a public deployment (the default)", () => {
  it("serves every read to anyone", async () => {
    for (const path of reads()) expect((await call(path)).status, path).toBe(200);
  });
});

describe("the PRIVATE_DEPLOYMENT setting", () => {
  it("fails closed: anything but an explicit no means private", () => {
    for (const v of ["true", "TRUE", "yes", "1", "on", "ture", "private"]) {
      expect(isPrivateDeployment({ PRIVATE_DEPLOYMENT: v }), v).toBe(true);
    }
    for (const v of [undefined, "", "false", "FALSE", "0", "no", "off", " false "]) {
      expect(isPrivateDeployment({ PRIVATE_DEPLOYMENT: v }), String(v)).toBe(false);
    }
  });
});

// Every API route the app registers is in the OpenAPI document, with its errors.
import { expect, it } from "vitest";
import { buildApp } from "../../src/app";
import { call } from "../factories";

type Operation = { responses: Record<string, unknown>; security?: unknown[] };

it("documents every registered /api route, /metrics and /healthz", async () => {
  const doc = (await (await call("/openapi.json")).json()) as {
    paths: Record<string, Record<string, Operation>>;
  };
  const documented = new Set(
    Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
    ),
  );
  const registered = buildApp()
    .routes.filter((r) => /^\/(api\/|metrics$|healthz$)/.test(r.path) && r.method !== "ALL")
    .map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, "{$1}")}`);
  expect(registered.length).toBeGreaterThan(8);
  for (const route of registered) expect(documented, route).toContain(route);
});

it("declares the bearer token and the problem responses on every write", async () => {
  const doc = (await (await call("/openapi.json")).json()) as {
    paths: Record<string, Record<string, Operation>>;
  };
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      if (method === "get" || !path.startsWith("/api/")) continue;
      expect(op.security, `${method} ${path}`).toEqual([{ bearer: [] }]);
      expect(Object.keys(op.responses), `${method} ${path}`).toContain("401");
    }
  }
});

import { expect, it } from "vitest";
import { call } from "../factories";

it("answers healthz after a round trip to D1", async () => {
  const res = await call("/healthz");
  expect(res.status).toBe(200);
  expect(await res.json()).toEqual({ ok: true, database: true });
});

it("answers an unknown route with a problem+json 404", async () => {
  const res = await call("/api/nope");
  expect(res.status).toBe(404);
  expect(res.headers.get("content-type")).toContain("application/problem+json");
  expect(((await res.json()) as { code: string }).code).toBe("not_found");
});

it("sets secure headers on every response", async () => {
  const res = await call("/healthz");
  expect(res.headers.get("x-content-type-options")).toBe("nosniff");
  expect(res.headers.get("x-frame-options")).toBe("SAMEORIGIN");
});

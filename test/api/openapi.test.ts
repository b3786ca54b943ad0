import { expect, it } from "vitest";
import { call } from "../factories";

it("publishes an OpenAPI 3.1 document of the API with its bearer scheme", async () => {
  const res = await call("/openapi.json");
  expect(res.status).toBe(200);
  const doc = (await res.json()) as {
    openapi: string;
    paths: Record<string, Record<string, { security?: unknown[] }>>;
    components: { securitySchemes: Record<string, { scheme: string }> };
  };
  expect(doc.openapi).toBe("3.1.0");
  for (const path of ["/api/status", "/api/plans", "/api/actuals", "/api/indicators/{id}"]) {
    expect(Object.keys(doc.paths)).toContain(path);
  }
  expect(doc.components.securitySchemes.bearer?.scheme).toBe("bearer");
  expect(doc.paths["/api/actuals"]?.post?.security).toEqual([{ bearer: [] }]);
});

// The OpenAPI document is checked by an independent validator, not only by the library that
// generated it.
import SwaggerParser from "@apidevtools/swagger-parser";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type RunningMonitor, startMonitor } from "./harness";

let monitor: RunningMonitor;
beforeAll(async () => {
  monitor = await startMonitor({ seed: false });
});
afterAll(async () => {
  await monitor?.stop();
});

it("serves an OpenAPI 3.1 document that swagger-parser validates", async () => {
  const doc = await (await fetch(`${monitor.baseUrl}/openapi.json`)).json();
  // validate() dereferences in place; hand it a copy so the assertions below see the original.
  const api = await SwaggerParser.validate(structuredClone(doc));
  expect(api.info.title).toBe("Target monitor");
  expect(Object.keys(api.paths ?? {}).length).toBeGreaterThan(5);
});

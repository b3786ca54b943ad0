// The demo data's answers, byte for byte: `GET /api/status?as_of=2024-10-15` and
// `GET /api/export` must not change unless a change of behaviour means them to. Timestamps
// of when the demo was loaded are the only bytes that differ between runs; they are replaced
// by a placeholder before comparing. Update with `npm test -- -u test/api/golden.test.ts`.
import { beforeAll, expect, it } from "vitest";
import { loadDemoData } from "../demo-data";
import { call } from "../factories";

const TIMESTAMP = /"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z"/g;

function normalise(text: string): string {
  return `${text.replace(TIMESTAMP, '"<time>"')}\n`;
}

beforeAll(loadDemoData);

it("answers GET /api/status?as_of=2024-10-15 exactly as recorded", async () => {
  const res = await call("/api/status?as_of=2024-10-15");
  expect(res.status).toBe(200);
  await expect(normalise(await res.text())).toMatchFileSnapshot("golden/status-2024-10-15.json");
});

it("answers GET /api/export exactly as recorded", async () => {
  const res = await call("/api/export");
  expect(res.status).toBe(200);
  await expect(normalise(await res.text())).toMatchFileSnapshot("golden/export.json");
});

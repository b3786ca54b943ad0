// Numbers that are valid on their own but not once multiplied out or summed, and bytes that are
// not text. Each must be refused with a 422 (or a 400 for a body that is not UTF-8) naming what
// to fix, and change nothing: before, 1e308 "million" reached the database as Infinity and came
// back as a 409 that blamed a concurrent writer, twelve weights of 1e308 judged every figure
// on track, and a malformed byte was stored as U+FFFD.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { ADMIN, actualBody, call, createIndicator, dump, uid } from "../factories";

let ind: string;
beforeAll(async () => {
  ind = await createIndicator();
});

interface Problem {
  code: string;
  errors?: { path: string; message: string }[];
}

async function refused(method: string, path: string, body: BodyInit, status = 422) {
  const before = await dump(env.DB);
  const res = await call(path, {
    method,
    headers: { ...ADMIN, "content-type": "application/json" },
    body,
  });
  const problem = (await res.json()) as Problem;
  expect(res.status, JSON.stringify(problem)).toBe(status);
  expect(await dump(env.DB)).toBe(before);
  return problem;
}

const plan = (overrides: Record<string, unknown>) =>
  JSON.stringify({
    id: uid("plan"),
    indicator_id: ind,
    period_start: "2024-01-01",
    period_end: "2024-12-31",
    target: 2750,
    scale: "million",
    ...overrides,
  });

describe("a figure too large once its scale is applied", () => {
  it.each([
    [
      "a figure",
      "POST",
      "/api/actuals",
      () => JSON.stringify(actualBody(ind, { value: 1e308 })),
      "/value",
    ],
    [
      "one figure of a batch",
      "POST",
      "/api/actuals",
      () => JSON.stringify([actualBody(ind), actualBody(ind, { value: 1e300, scale: "nghìn tỷ" })]),
      "/1/value",
    ],
    ["a target", "POST", "/api/plans", () => plan({ target: 1e308, scale: "billion" }), "/target"],
    [
      "a baseline",
      "POST",
      "/api/plans",
      () => plan({ baseline: { value: 1e305, date: "2023-12-31" }, scale: "tỷ" }),
      "/baseline/value",
    ],
  ])("%s → 422 validation_failed on the field", async (_name, method, path, body, field) => {
    const problem = await refused(method, path, body());
    expect(problem.code).toBe("validation_failed");
    expect(problem.errors?.map((e) => e.path)).toContain(field);
  });

  it("reads as too large in a CSV cell too", async () => {
    const before = await dump(env.DB);
    const res = await call("/api/import", {
      method: "POST",
      headers: { ...ADMIN, "content-type": "text/csv" },
      body: `indicator_id,period_start,period_end,value,status,reported_at\n${ind},2024-01-01,2024-09-30,1${"0".repeat(305)} tỷ,final,2024-10-05\n`,
    });
    expect(res.status).toBe(422);
    const problem = (await res.json()) as Problem;
    expect(problem.errors?.map((e) => e.path)).toEqual(["/rows/2/value"]);
    expect(await dump(env.DB)).toBe(before);
  });
});

describe("monthly weights", () => {
  it("twelve weights of 1e308 add up to Infinity: refused, not judged on track", async () => {
    const problem = await refused(
      "POST",
      "/api/plans",
      plan({ phasing: { monthly_weights: Array.from({ length: 12 }, () => 1e308) } }),
    );
    expect(problem.code).toBe("validation_failed");
    expect(problem.errors?.map((e) => e.path)).toEqual(["/phasing/monthly_weights"]);
  });

  it("large weights that still add up are a plan like any other", async () => {
    const res = await call("/api/plans", {
      method: "POST",
      headers: { ...ADMIN, "content-type": "application/json" },
      body: plan({ phasing: { monthly_weights: Array.from({ length: 12 }, () => 1e300) } }),
    });
    expect(res.status).toBe(201);
  });
});

describe("a JSON body that is not UTF-8", () => {
  const utf8 = (text: string) => new TextEncoder().encode(text);
  const join = (...parts: Uint8Array[]) => {
    const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of parts) {
      out.set(p, at);
      at += p.length;
    }
    return out;
  };

  it.each([
    ["a Latin-1 é", [0xe9]],
    ["a cut-off sequence", [0xe1, 0xbb]],
    ["an overlong slash", [0xc0, 0xaf]],
    ["an encoded surrogate", [0xed, 0xa0, 0x80]],
  ])("%s in a note → 400 malformed_json, not a stored U+FFFD", async (_name, bytes) => {
    const body = join(
      utf8(JSON.stringify(actualBody(ind, { note: "Ngh" })).replace(/"Ngh"}$/, '"Ngh')),
      new Uint8Array(bytes),
      utf8('"}'),
    );
    const problem = await refused("POST", "/api/actuals", body, 400);
    expect(problem.code).toBe("malformed_json");
  });

  it("well-formed Vietnamese is stored exactly", async () => {
    const res = await call("/api/actuals", {
      method: "POST",
      headers: { ...ADMIN, "content-type": "application/json" },
      body: utf8(
        JSON.stringify(actualBody(ind, { note: "Nghệ An, ước tính", period_end: "2024-06-30" })),
      ),
    });
    expect(res.status).toBe(201);
    const { inserted } = (await res.json()) as { inserted: { note: string }[] };
    expect(inserted[0]?.note).toBe("Nghệ An, ước tính");
  });
});

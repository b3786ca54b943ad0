// The text rule on every field that is shown on one line (names, titles, units): these reach
// Atom titles, badges, Slack headers and Discord embeds, where a line break or a character XML
// cannot carry breaks the output for every reader. Notes keep their line breaks.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { actualBody, createIndicator, dump, indicatorBody, send, uid } from "../factories";

let ind: string;
beforeAll(async () => {
  ind = await createIndicator();
});

const planBody = (overrides: Record<string, unknown>) => ({
  id: uid("plan"),
  indicator_id: ind,
  period_start: "2024-01-01",
  period_end: "2024-12-31",
  target: 10,
  ...overrides,
});

const oneLine: [string, () => [string, string, Record<string, unknown>], string][] = [
  [
    "an indicator's name",
    () => ["PUT", `/api/indicators/${ind}`, indicatorBody({ name: "X" })],
    "name",
  ],
  [
    "its Vietnamese name",
    () => ["PUT", `/api/indicators/${ind}`, indicatorBody({ name_vi: "X" })],
    "name_vi",
  ],
  ["its unit", () => ["PUT", `/api/indicators/${ind}`, indicatorBody({ unit: "X" })], "unit"],
  ["a plan's title", () => ["POST", "/api/plans", planBody({ title: "X" })], "title"],
  ["a token's name", () => ["POST", "/api/tokens", { name: "X", scopes: ["read"] }], "name"],
];

describe("one-line text", () => {
  it.each(
    oneLine.flatMap(([name, build, field]) =>
      ["Line\nbreak", "Tab\there", "Feed\ufffebreaker", "Non\uffffcharacter"].map(
        (value) => [name, build, field, value] as const,
      ),
    ),
  )("%s refuses %#", async (_name, build, field, value) => {
    const [method, path, body] = build();
    const before = await dump(env.DB);
    const res = await send(method, path, { ...body, [field]: value });
    expect(res.status).toBe(422);
    const problem = (await res.json()) as { code: string; errors: { path: string }[] };
    expect(problem.code).toBe("validation_failed");
    expect(problem.errors.map((e) => e.path)).toContain(`/${field}`);
    expect(await dump(env.DB)).toBe(before);
  });
});

describe("multi-line text", () => {
  it("keeps the line breaks of a note", async () => {
    const res = await send(
      "POST",
      "/api/actuals",
      actualBody(ind, { note: "Jan–Sep.\nAdjusted." }),
    );
    expect(res.status).toBe(201);
    const { inserted } = (await res.json()) as { inserted: { note: string }[] };
    expect(inserted[0]?.note).toBe("Jan–Sep.\nAdjusted.");
  });

  it("still refuses U+FFFE in a note", async () => {
    const res = await send("POST", "/api/actuals", actualBody(ind, { note: "a\ufffe" }));
    expect(res.status).toBe(422);
  });
});

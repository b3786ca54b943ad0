import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { actualBody, call, createIndicator, dump, postActuals } from "../factories";

interface Actual {
  id: number;
  value: number;
  period_end: string;
  reported_at: string;
  status: string;
}
interface Written {
  inserted: Actual[];
  duplicates: number;
}

describe("POST /api/actuals", () => {
  it("makes 2,326 million and 2.326 billion the same stored number", async () => {
    const ind = await createIndicator();
    const a = await postActuals(actualBody(ind, { value: 2326, scale: "million" }));
    const b = await postActuals(
      actualBody(ind, { value: 2.326, scale: "billion", reported_at: "2024-10-06" }),
    );
    const [first, second] = [(await a.json()) as Written, (await b.json()) as Written];
    expect(first.inserted[0]?.value).toBe(2_326_000_000);
    expect(second.inserted[0]?.value).toBe(2_326_000_000);
  });

  it("accepts Vietnamese scale words", async () => {
    const ind = await createIndicator();
    const res = await postActuals(actualBody(ind, { value: 2326, scale: "triệu" }));
    expect(((await res.json()) as Written).inserted[0]?.value).toBe(2_326_000_000);
  });

  it("keeps every vintage of a revised figure; the latest reported counts", async () => {
    const ind = await createIndicator();
    await postActuals(actualBody(ind, { value: 2326, reported_at: "2024-10-05" }));
    await postActuals(
      actualBody(ind, { value: 2340, status: "preliminary", reported_at: "2024-11-02" }),
    );
    const latest = (await (await call(`/api/indicators/${ind}/actuals`)).json()) as {
      actuals: Actual[];
    };
    expect(latest.actuals.map((a) => a.value)).toEqual([2_340_000_000]);
    const all = (await (await call(`/api/indicators/${ind}/actuals?revisions=all`)).json()) as {
      actuals: Actual[];
    };
    expect(all.actuals.map((a) => [a.value, a.reported_at])).toEqual([
      [2_326_000_000, "2024-10-05"],
      [2_340_000_000, "2024-11-02"],
    ]);
  });

  it("treats the same figure sent twice as one vintage", async () => {
    const ind = await createIndicator();
    const first = await postActuals(actualBody(ind));
    expect(first.status).toBe(201);
    const id = ((await first.json()) as { inserted: { id: number }[] }).inserted[0]?.id;
    const before = await dump(env.DB);
    const again = await postActuals(actualBody(ind));
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({
      inserted: [],
      duplicates: 1,
      outcomes: [{ outcome: "unchanged", id }],
    });
    expect(await dump(env.DB)).toBe(before);
  });

  it("writes an array of 1,000 figures in one all-or-nothing batch", async () => {
    const ind = await createIndicator();
    const items = Array.from({ length: 1000 }, (_, i) =>
      actualBody(ind, {
        value: 1000 + i,
        reported_at: `2024-10-${String((i % 28) + 1).padStart(2, "0")}`,
      }),
    );
    const res = await postActuals(items);
    expect(res.status).toBe(201);
    expect(((await res.json()) as Written).inserted).toHaveLength(1000);
  });

  it("rejects the whole array when one item names an unknown indicator", async () => {
    const ind = await createIndicator();
    const before = await dump(env.DB);
    const res = await postActuals([
      actualBody(ind),
      actualBody("no-such-indicator", { period_end: "2024-06-30" }),
    ]);
    expect(res.status).toBe(422);
    const problem = (await res.json()) as { code: string; errors: { path: string }[] };
    expect(problem.code).toBe("unknown_indicator");
    expect(problem.errors.map((e) => e.path)).toEqual(["/1/indicator_id"]);
    expect(await dump(env.DB)).toBe(before);
  });

  it("rejects more than 1,000 figures in one request", async () => {
    const ind = await createIndicator();
    const before = await dump(env.DB);
    const res = await postActuals(Array.from({ length: 1001 }, () => actualBody(ind)));
    expect(res.status).toBe(422);
    expect(await dump(env.DB)).toBe(before);
  });
});

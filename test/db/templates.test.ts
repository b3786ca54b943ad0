// Statements built once per isolate and bound on each use: they must answer exactly as the
// builder they stand for, with each use's own values, on each caller's own binding.
import { env } from "cloudflare:workers";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createDb } from "../../src/db/client";
import { loadPlanRows } from "../../src/db/queries/plan-rows";
import { meta } from "../../src/db/schema";
import { templateCount, templated } from "../../src/db/templates";
import { uid } from "../factories";
import { countingD1 } from "../monitor/d1-counter";
import { trackedPlans } from "../monitor/helpers";

const db = createDb(env.DB);

async function seedMeta(values: Record<string, number>) {
  for (const [key, value] of Object.entries(values)) {
    await env.DB.prepare("insert into meta (key, value) values (?, ?)").bind(key, value).run();
  }
}

const byKey = (database = db) =>
  database
    .select({ value: meta.value })
    .from(meta)
    .where(sql`${meta.key} = ${sql.placeholder("key")}`);

describe("a templated statement", () => {
  it("answers each use with its own values, in a batch and awaited, as the builder does", async () => {
    const [a, b] = [uid("a"), uid("b")];
    await seedMeta({ [a]: 11, [b]: 22 });
    const key = uid("meta-by-key");
    const [first, second] = await db.batch([
      templated(db, key, () => byKey(), { key: a }),
      templated(db, key, () => byKey(), { key: b }),
    ]);
    expect(first).toEqual([{ value: 11 }]);
    expect(second).toEqual([{ value: 22 }]);
    expect(await templated(db, key, () => byKey(), { key: b })).toEqual([{ value: 22 }]);
    // The same rows, mapped the same way, as the builder with the value in place.
    expect(
      await db.select({ value: meta.value }).from(meta).where(sql`${meta.key} = ${a}`),
    ).toEqual(first);
  });

  it("is built once per shape, however many values it is used with", async () => {
    const key = uid("meta-by-key");
    let builds = 0;
    const build = () => {
      builds += 1;
      return byKey();
    };
    const before = templateCount();
    for (let i = 0; i < 20; i++) await templated(db, key, build, { key: uid("missing") });
    expect(builds).toBe(1);
    expect(templateCount()).toBe(before + 1);
  });

  it("runs on the binding of the caller, not on the one it was first built with", async () => {
    const k = uid("k");
    await seedMeta({ [k]: 5 });
    const key = uid("meta-by-key");
    const one = countingD1(env.DB);
    const two = countingD1(env.DB);
    const dbOne = createDb(one.db);
    const dbTwo = createDb(two.db);
    expect(await templated(dbOne, key, () => byKey(dbOne), { key: k })).toEqual([{ value: 5 }]);
    expect(await templated(dbTwo, key, () => byKey(dbTwo), { key: k })).toEqual([{ value: 5 }]);
    await dbTwo.batch([templated(dbTwo, key, () => byKey(dbTwo), { key: k })]);
    expect(one.count()).toBe(1);
    expect(two.count()).toBe(2);
  });

  it("fails, and sends nothing, when a placeholder has no value", async () => {
    const key = uid("meta-by-key");
    const counted = countingD1(env.DB);
    const dbCounted = createDb(counted.db);
    expect(() => templated(dbCounted, key, () => byKey(dbCounted), {})).toThrow(/key/);
    expect(counted.count()).toBe(0);
  });
});

describe("the status batch, templated by its filters' shape", () => {
  it("reads each area's own plans when the same shape is used for two areas", async () => {
    const north = await trackedPlans(2);
    const south = await trackedPlans(1);
    const ids = async (scope: string) =>
      (await loadPlanRows(db, { scope, asOf: "2026-06-30" })).rows.map((r) => r.plan.id).sort();
    expect(await ids(north.scope)).toEqual([...north.planIds].sort());
    expect(await ids(south.scope)).toEqual(south.planIds);
    // A chunk's plans by id, then another chunk: the same template, other values.
    const chunk = async (planIds: string[]) =>
      (await loadPlanRows(db, { planIds, asOf: "2026-06-30" })).rows.map((r) => r.plan.id);
    expect(await chunk([north.planIds[0]!])).toEqual([north.planIds[0]]);
    expect(await chunk(south.planIds)).toEqual(south.planIds);
  });
});

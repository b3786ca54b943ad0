// An admin can remove a plan or a figure that should never have been stored, whatever id it was
// stored under, with an audit entry. Before, a row a restore let in made every read that met it
// answer 500, and nothing in the API could delete it: plans had no DELETE, figures none either,
// and a plan id that is not a slug could not even be named in a URL.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { runTick } from "../../src/monitor/tick";
import {
  ADMIN,
  actualBody,
  auditOf,
  call,
  createIndicator,
  createPlan,
  createToken,
  dump,
  postActuals,
  uid,
} from "../factories";
import { at, createWebhook, reportQ1, trackedPlans } from "../monitor/helpers";

/** A plan row as only a direct write (an old restore) could have stored it. */
async function storeBadPlan(indicatorId: string, id: string, periodEnd: string) {
  const now = new Date().toISOString();
  await env.DB.batch([
    env.DB.prepare(
      `insert into plans (id, indicator_id, revision, title, period_start, period_end, target, comparator, phasing, thresholds, baseline_value, baseline_date, source, note, created_at, updated_at)
       values (?, ?, 1, null, '2024-01-01', ?, 100, 'at_least', '{"kind":"linear"}', null, null, null, null, null, ?, ?)`,
    ).bind(id, indicatorId, periodEnd, now, now),
    env.DB.prepare(
      "insert into plan_revisions (plan_id, revision, snapshot, created_at) values (?, 1, '{}', ?)",
    ).bind(id, now),
  ]);
}

describe("a plan that should never have been stored", () => {
  it("breaks the status for everyone until an admin deletes it", async () => {
    const ind = await createIndicator();
    const id = `Bad plan ${uid("x")}`;
    await storeBadPlan(ind, id, "2024-02-30");
    expect((await call("/api/status")).status).toBe(500);

    const deleted = await call(`/api/plans/${encodeURIComponent(id)}`, {
      method: "DELETE",
      headers: ADMIN,
    });
    expect(deleted.status).toBe(204);
    expect((await call("/api/status")).status).toBe(200);
    const [entry] = await auditOf("plan", id);
    expect(entry).toMatchObject({ action: "delete", old: { id, period_end: "2024-02-30" } });
  });

  it("goes with its history: revisions, alert state, snapshots, events and deliveries", async () => {
    const { scope, indicatorId, planIds } = await trackedPlans();
    const planId = planIds[0]!;
    await createWebhook({ url: "https://hooks.example.com/repair", filters: { scopes: [scope] } });
    await reportQ1(indicatorId, 200, "2026-04-05");
    await runTick({ scheduledTime: at("2026-04-10T00:00:00Z") }, env, {
      transport: async () => new Response("ok"),
    });
    const count = async (table: string) =>
      (
        await env.DB.prepare(`select count(*) as n from ${table} where plan_id = ?`)
          .bind(planId)
          .first<{ n: number }>()
      )?.n;
    expect(await count("events")).toBe(1);
    const res = await call(`/api/plans/${planId}`, { method: "DELETE", headers: ADMIN });
    expect(res.status).toBe(204);
    for (const table of [
      "plans",
      "plan_revisions",
      "plan_alert_states",
      "evaluation_snapshots",
      "events",
    ]) {
      const column = table === "plans" ? "id" : "plan_id";
      const row = await env.DB.prepare(`select count(*) as n from ${table} where ${column} = ?`)
        .bind(planId)
        .first<{ n: number }>();
      expect(row?.n, table).toBe(0);
    }
    expect((await call(`/api/plans/${planId}`)).status).toBe(404);
    // Its figures stay: they belong to the indicator.
    const figures = await call(`/api/indicators/${indicatorId}/actuals`);
    expect(((await figures.json()) as { actuals: unknown[] }).actuals).toHaveLength(1);
  });

  it("is deleted by an admin only", async () => {
    const ind = await createIndicator({ scope: uid("prov") });
    const plan = await createPlan(ind);
    const writer = await createToken({ scopes: ["write"] });
    await call("/api/areas", { headers: writer.bearer });
    const before = await dump(env.DB);
    for (const headers of [writer.bearer, {}]) {
      const res = await call(`/api/plans/${plan.id}`, { method: "DELETE", headers });
      expect([401, 403]).toContain(res.status);
    }
    expect(await dump(env.DB)).toBe(before);
    const missing = await call(`/api/plans/${uid("none")}`, { method: "DELETE", headers: ADMIN });
    expect(missing.status).toBe(404);
  });
});

describe("a figure that should never have been stored", () => {
  it("hides the real figure until an admin deletes it; the others stay", async () => {
    const ind = await createIndicator();
    const plan = await createPlan(ind);
    const counted = async () =>
      (
        (await (await call(`/api/plans/${plan.id}/evaluation?as_of=2024-10-15`)).json()) as {
          actual: { period_end: string } | null;
        }
      ).actual?.period_end;
    const good = await postActuals(actualBody(ind, { period_end: "2024-06-30" }));
    expect(good.status).toBe(201);
    const now = new Date().toISOString();
    const bad = await env.DB.prepare(
      `insert into actuals (indicator_id, period_start, period_end, value, status, reported_at, created_at)
       values (?, '2024-01-01', '2024-09-31', 5, 'final', '2024-10-05', ?) returning id`,
    )
      .bind(ind, now)
      .first<{ id: number }>();
    // Picked as the latest figure and refused by the engine, it leaves the plan with none.
    expect(await counted()).toBeUndefined();

    const writer = await createToken({ scopes: ["write"] });
    const refused = await call(`/api/actuals/${bad?.id}`, {
      method: "DELETE",
      headers: writer.bearer,
    });
    expect(refused.status).toBe(403);
    const res = await call(`/api/actuals/${bad?.id}`, { method: "DELETE", headers: ADMIN });
    expect(res.status).toBe(204);
    expect(await counted()).toBe("2024-06-30");
    const [entry] = await auditOf("actual", String(bad?.id));
    expect(entry).toMatchObject({ action: "delete", old: { period_end: "2024-09-31" } });
    const left = await call(`/api/indicators/${ind}/actuals?revisions=all`);
    expect(((await left.json()) as { actuals: unknown[] }).actuals).toHaveLength(1);
    expect(
      (await call("/api/actuals/999999999", { method: "DELETE", headers: ADMIN })).status,
    ).toBe(404);
  });
});

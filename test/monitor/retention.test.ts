// The monitor's own records are pruned by the hourly housekeeping cron once past their retention
// window, a bounded batch of each kind per run. Before, events, snapshots, deliveries, attempts and the audit
// log were kept forever, and one token at its rate limit could add about 120,000 rows a minute.
import {
  createExecutionContext,
  createScheduledController,
  waitOnExecutionContext,
} from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import worker from "../../src/index";
import { DEFAULT_RETENTION, readSettings } from "../../src/lib/settings";
import { drainOutbox } from "../../src/monitor/drain";
import { MAINTENANCE_CRON, pruneRecords } from "../../src/monitor/retention";
import { runMaintenance } from "../../src/monitor/tick";
import { uid } from "../factories";
import { scriptedReceiver } from "../webhooks/receiver";
import { at, createWebhook, db, evaluateAt, reportQ1, settings, trackedPlans } from "./helpers";

async function count(sql: string, ...binds: unknown[]): Promise<number> {
  const row = await env.DB.prepare(sql)
    .bind(...binds)
    .first<{ n: number }>();
  return row?.n ?? 0;
}

/**
 * A plan that went off track and back, announced to one destination, in April 2026; each test
 * runs at its own hour, as runs of one scheduled time happen once.
 */
async function history(hour: string) {
  const { scope, indicatorId, planIds } = await trackedPlans();
  const planId = planIds[0]!;
  const hook = await createWebhook({
    url: `https://hooks.example.com/${uid("keep")}`,
    filters: { scopes: [scope] },
  });
  await reportQ1(indicatorId, 200, "2026-04-05");
  await evaluateAt(at(`2026-04-10T${hour}:00:00Z`));
  await reportQ1(indicatorId, 300, "2026-04-12");
  await evaluateAt(at(`2026-04-13T${hour}:00:00Z`));
  return { planId, hook };
}

const ofPlan = (table: string) => `select count(*) as n from ${table} where plan_id = ?`;

describe("pruning", () => {
  it("removes what is past its window and keeps what is not", async () => {
    const { planId, hook } = await history("01");
    // The first event's delivery is sent; the second's is still pending.
    await drainOutbox(db, {
      now: at("2026-04-10T01:00:00Z"),
      settings,
      transport: scriptedReceiver(() => "ok").transport,
    });
    expect(await count(ofPlan("events"), planId)).toBe(2);
    expect(await count(ofPlan("evaluation_snapshots"), planId)).toBe(2);

    // A year later, with windows of 30 days for everything.
    const month = {
      eventsDays: 30,
      snapshotsDays: 30,
      deliveriesDays: 30,
      attemptsDays: 30,
      auditDays: 30,
    };
    await pruneRecords(db, { now: at("2027-04-13T00:00:00Z"), retention: month });

    const deliveries = await env.DB.prepare(
      "select status from deliveries where webhook_id = ? order by id",
    )
      .bind(hook.id)
      .all<{ status: string }>();
    // The delivered one is gone with its attempt; the pending one stays, and so does its event.
    expect(deliveries.results.map((d) => d.status)).toEqual(["pending"]);
    expect(await count(ofPlan("events"), planId)).toBe(1);
    // A plan's latest snapshot is kept however old: its timeline still says where it stands.
    expect(await count(ofPlan("evaluation_snapshots"), planId)).toBe(1);
    expect(
      await count(
        "select count(*) as n from delivery_attempts a join deliveries d on d.id = a.delivery_id where d.webhook_id = ?",
        hook.id,
      ),
    ).toBe(0);
  });

  it("keeps everything within its window", async () => {
    const { planId } = await history("02");
    await pruneRecords(db, { now: at("2026-04-14T00:00:00Z"), retention: DEFAULT_RETENTION });
    expect(await count(ofPlan("events"), planId)).toBe(2);
    expect(await count(ofPlan("evaluation_snapshots"), planId)).toBe(2);
  });

  it("deletes a bounded batch per call, and the backlog over the following ticks", async () => {
    const actor = uid("actor");
    await env.DB.batch(
      Array.from({ length: 7 }, (_, i) =>
        env.DB.prepare(
          "insert into audit_log (at, actor, action, entity, entity_id) values (?, ?, 'create', 'indicator', ?)",
        ).bind(`2020-01-0${i + 1}T00:00:00.000Z`, actor, `old-${i}`),
      ),
    );
    const ofActor = "select count(*) as n from audit_log where actor = ?";
    const now = at("2026-01-01T00:00:00Z");
    const first = await pruneRecords(db, { now, retention: DEFAULT_RETENTION, limit: 3 });
    expect(first.audit).toBeLessThanOrEqual(3);
    for (let tick = 0; tick < 10; tick++) {
      await pruneRecords(db, { now, retention: DEFAULT_RETENTION, limit: 3 });
    }
    expect(await count(ofActor, actor)).toBe(0);
  });

  it("keeps a kind forever when its window is 0", async () => {
    const actor = uid("actor");
    await env.DB.prepare(
      "insert into audit_log (at, actor, action, entity, entity_id) values ('2001-01-01T00:00:00.000Z', ?, 'create', 'indicator', 'x')",
    )
      .bind(actor)
      .run();
    await pruneRecords(db, {
      now: at("2026-01-01T00:00:00Z"),
      retention: { ...DEFAULT_RETENTION, auditDays: 0 },
    });
    expect(await count("select count(*) as n from audit_log where actor = ?", actor)).toBe(1);
  });

  it("runs on the hourly housekeeping cron, not in the quarter-hour tick", async () => {
    const actor = uid("actor");
    await env.DB.prepare(
      "insert into audit_log (at, actor, action, entity, entity_id) values ('2001-01-01T00:00:00.000Z', ?, 'create', 'indicator', 'x')",
    )
      .bind(actor)
      .run();
    // A run finished long ago, and the run of this hour's tick.
    await env.DB.prepare(
      "insert into monitor_runs (scheduled_time, holder, lease_expires_at, finished_at) values ('2001-01-01T00:00:00.000Z', 'old', 0, '2001-01-01T00:00:00.000Z')",
    ).run();
    const fire = async (cron: string, iso: string) => {
      const ctx = createExecutionContext();
      await worker.scheduled(
        createScheduledController({ scheduledTime: new Date(iso), cron }),
        env,
        ctx,
      );
      await waitOnExecutionContext(ctx);
    };
    const auditRows = "select count(*) as n from audit_log where actor = ?";
    const runAt = "select count(*) as n from monitor_runs where scheduled_time = ?";

    await fire("*/15 * * * *", "2026-06-01T00:00:00Z");
    expect(await count(auditRows, actor)).toBe(1);
    expect(await count(runAt, "2001-01-01T00:00:00.000Z")).toBe(1);

    expect(MAINTENANCE_CRON).toBe("7 * * * *");
    await fire(MAINTENANCE_CRON, "2026-06-01T00:07:00Z");
    expect(await count(auditRows, actor)).toBe(0);
    expect(await count(runAt, "2001-01-01T00:00:00.000Z")).toBe(0);
    // The tick's own run, a few minutes old, is kept: a retry of its time must find it.
    expect(await count(runAt, "2026-06-01T00:00:00.000Z")).toBe(1);
  });

  it("says what it pruned", async () => {
    const actor = uid("actor");
    await env.DB.prepare(
      "insert into audit_log (at, actor, action, entity, entity_id) values ('2001-01-01T00:00:00.000Z', ?, 'create', 'indicator', 'x')",
    )
      .bind(actor)
      .run();
    const pruned = await runMaintenance({ scheduledTime: at("2026-06-02T00:07:00Z") }, env);
    expect(pruned.audit).toBeGreaterThanOrEqual(1);
    expect(await count("select count(*) as n from audit_log where actor = ?", actor)).toBe(0);
  });
});

describe("the retention settings", () => {
  it("read whole days, 0 included, and keep the default for anything else", () => {
    const retention = readSettings({
      RETENTION_EVENTS_DAYS: "10",
      RETENTION_SNAPSHOTS_DAYS: "0",
      RETENTION_DELIVERIES_DAYS: "-3",
      RETENTION_ATTEMPTS_DAYS: "7.5",
      RETENTION_AUDIT_DAYS: "",
    }).retention;
    expect(retention).toEqual({
      eventsDays: 10,
      snapshotsDays: 0,
      deliveriesDays: DEFAULT_RETENTION.deliveriesDays,
      attemptsDays: DEFAULT_RETENTION.attemptsDays,
      auditDays: DEFAULT_RETENTION.auditDays,
    });
  });
});

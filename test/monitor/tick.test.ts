// The cron entry point, and what one run costs in D1 round trips.
import {
  createExecutionContext,
  createScheduledController,
  waitOnExecutionContext,
} from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createDb } from "../../src/db/client";
import worker from "../../src/index";
import { drainOutbox, PER_DESTINATION } from "../../src/monitor/drain";
import { evaluateAndRecord } from "../../src/monitor/record-run";
import { runTick } from "../../src/monitor/tick";
import { scriptedReceiver } from "../webhooks/receiver";
import { countingD1 } from "./d1-counter";
import { at, createWebhook, eventsOf, reportQ1, settings, trackedPlans } from "./helpers";

async function tick(scheduledTime: number) {
  const controller = createScheduledController({ scheduledTime, cron: "*/15 * * * *" });
  const ctx = createExecutionContext();
  await worker.scheduled(controller, env, ctx);
  await waitOnExecutionContext(ctx);
}

describe("the scheduled handler", () => {
  it("evaluates on the controller's scheduled time, once per time", async () => {
    const { indicatorId, planIds } = await trackedPlans();
    await reportQ1(indicatorId, 270, "2026-04-05");
    const now = at("2026-04-10T06:00:00Z");
    await tick(now);
    await tick(now);
    const events = await eventsOf(planIds[0]!);
    expect(events.map((e) => [e.status, e.occurredAt])).toEqual([
      ["at_risk", "2026-04-10T06:00:00.000Z"],
    ]);
    // The evaluation date is the scheduled time's date, not today's.
    expect(events[0]?.data.evaluation.as_of).toBe("2026-04-10");
  });
});

describe("a tick whose evaluation fails", () => {
  it("still drains the outbox, then reports the failure", async () => {
    const { indicatorId } = await trackedPlans();
    await reportQ1(indicatorId, 200, "2026-04-05");
    const sqlOf = new WeakMap<D1PreparedStatement, string>();
    const batches: string[] = [];
    const failingWrite = new Proxy(env.DB, {
      get(t, prop) {
        if (prop === "prepare") {
          return (query: string) => {
            const statement = t.prepare(query);
            const bind = statement.bind.bind(statement);
            // Drizzle binds each statement, which makes a new one: remember its SQL too.
            statement.bind = (...values: unknown[]) => {
              const bound = bind(...values);
              sqlOf.set(bound, query);
              return bound;
            };
            sqlOf.set(statement, query);
            return statement;
          };
        }
        if (prop === "batch") {
          return (statements: D1PreparedStatement[]) => {
            // The run's write (it moves the plans' alert states) fails at its last statement.
            const write = statements.some((s) =>
              sqlOf.get(s)?.startsWith('insert into "plan_alert_states"'),
            );
            batches.push(write ? "write" : "other");
            const extra = write ? [t.prepare("select * from no_such_table")] : [];
            return t.batch([...statements, ...extra]);
          };
        }
        const value: unknown = Reflect.get(t, prop, t);
        return typeof value === "function"
          ? (value as (...a: unknown[]) => unknown).bind(t)
          : value;
      },
    });
    await expect(
      runTick({ scheduledTime: at("2026-04-25T00:00:00Z") }, { ...env, DB: failingWrite }),
    ).rejects.toThrow();
    // The failed write, then the drain's claim: the outbox is still drained.
    expect(batches.slice(batches.indexOf("write"))).toEqual(["write", "other"]);
  });
});

describe("D1 round trips", () => {
  async function measure(now: number) {
    const counter = countingD1(env.DB);
    const report = await evaluateAndRecord(createDb(counter.db), {
      now,
      wallNow: Date.now(),
      settings,
    });
    return { report, roundTrips: counter.count() };
  }

  it("do not grow with the number of plans or events", async () => {
    // The first run on a fresh database judges every plan once; the ticks after it are measured.
    await measure(at("2026-04-19T00:00:00Z"));
    const few = await trackedPlans(2);
    await reportQ1(few.indicatorId, 200, "2026-04-05");
    const small = await measure(at("2026-04-20T00:00:00Z"));

    const many = await trackedPlans(60);
    await reportQ1(many.indicatorId, 200, "2026-04-05");
    const large = await measure(at("2026-04-20T00:15:00Z"));

    expect(large.report.eventsCreated).toBeGreaterThanOrEqual(60);
    expect(large.report.plansEvaluated).toBeGreaterThan(small.report.plansEvaluated + 50);
    // The claim with where the journal stands, marking what changed, the due plans, one chunk
    // (its plans with their figures and their alert states in one read, then its write), and
    // the run's completion.
    expect(small.roundTrips).toBe(6);
    expect(large.roundTrips).toBe(6);

    // Nothing new and no date passed: the claim, an empty look at the due plans, the completion.
    const quiet = await measure(at("2026-04-20T00:30:00Z"));
    expect(quiet.report.plansEvaluated).toBe(0);
    expect(quiet.report.eventsCreated).toBe(0);
    expect(quiet.roundTrips).toBe(3);
  });

  it("of a drain: one to claim a batch, one to record it", async () => {
    // Three destinations with nine deliveries each: one batch, shared out between them.
    const { scope, indicatorId } = await trackedPlans(PER_DESTINATION - 1);
    for (const name of ["rt-a", "rt-b", "rt-c"]) {
      await createWebhook({
        url: `https://hooks.example.com/${name}`,
        filters: { scopes: [scope] },
      });
    }
    await reportQ1(indicatorId, 200, "2026-04-05");
    const now = at("2026-04-21T00:00:00Z");
    await evaluateAndRecord(createDb(env.DB), { now, wallNow: Date.now(), settings });

    const receiver = scriptedReceiver(() => "ok");
    const counter = countingD1(env.DB);
    const report = await drainOutbox(createDb(counter.db), {
      now,
      settings,
      transport: receiver.transport,
      batchSize: 50,
    });
    expect(report.delivered).toBe(3 * (PER_DESTINATION - 1));
    expect(counter.count()).toBe(2);

    const idle = countingD1(env.DB);
    await drainOutbox(createDb(idle.db), { now, settings, transport: receiver.transport });
    expect(idle.count()).toBe(1);
  });
});

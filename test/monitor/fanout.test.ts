// Fan-out on Cloudflare Queues: the cron hands chunks of due plans to the queue, and the
// consumer judges them. Delivery is at least once, so a chunk delivered twice must announce
// nothing twice; a chunk that fails is retried with a delay (then dead-lettered by the queue).
import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";
import worker from "../../src/index";
import { retryDelaySeconds } from "../../src/monitor/fanout";
import type { ChunkMessage } from "../../src/monitor/record-run";
import { runTick } from "../../src/monitor/tick";
import { at, evaluateAt, eventsOf, reportQ1, trackedPlans } from "./helpers";

function batchOf(messages: { id: string; body: unknown; attempts?: number }[]) {
  return createMessageBatch(
    "target-monitor-chunks",
    messages.map((m) => ({ id: m.id, body: m.body, attempts: m.attempts ?? 1, timestamp: 0 })),
  );
}

async function consume(batch: MessageBatch, bindings: Env = env) {
  const ctx = createExecutionContext();
  await worker.queue(batch, bindings, ctx);
  return getQueueResult(batch, ctx);
}

describe("the queue consumer", () => {
  it("judges a chunk once, however often it is delivered", async () => {
    const { indicatorId, planIds } = await trackedPlans(3);
    await evaluateAt(at("2026-04-10T00:00:00Z"));
    await reportQ1(indicatorId, 200, "2026-04-10");
    const body: ChunkMessage = { scheduledTime: "2026-04-10T00:15:00.000Z", planIds };

    const first = await consume(batchOf([{ id: "m1", body }]));
    expect(first.explicitAcks).toEqual(["m1"]);
    expect(first.retryMessages).toEqual([]);
    const announced = async () =>
      (await Promise.all(planIds.map(eventsOf)))
        .flat()
        .filter((e) => e.type === "plan.status_changed" && e.status === "off_track");
    expect(await announced()).toHaveLength(3);

    // The same message again, and twice at once in one batch: redelivery, as Queues may do.
    const again = await consume(
      batchOf([
        { id: "m1", body, attempts: 2 },
        { id: "m1-copy", body },
      ]),
    );
    expect(again.explicitAcks.sort()).toEqual(["m1", "m1-copy"]);
    expect(await announced()).toHaveLength(3);
  });

  it("retries a chunk that fails, with a growing delay, and drops a message that is not one", async () => {
    const failing = new Proxy(env.DB, {
      get(t, prop) {
        if (prop === "batch") return () => Promise.reject(new Error("D1 is unavailable"));
        const value: unknown = Reflect.get(t, prop, t);
        return typeof value === "function"
          ? (value as (...a: unknown[]) => unknown).bind(t)
          : value;
      },
    });
    const result = await consume(
      batchOf([
        {
          id: "m2",
          body: { scheduledTime: "2026-04-11T00:00:00.000Z", planIds: ["p"] },
          attempts: 3,
        },
        { id: "junk", body: { hello: "world" } },
      ]),
      { ...env, DB: failing },
    );
    // (Miniflare's result does not carry the delay asked for; the delay rule is checked below.)
    expect(result.retryMessages.map((m) => m.msgId)).toEqual(["m2"]);
    expect([1, 2, 3, 6, 10].map(retryDelaySeconds)).toEqual([30, 60, 120, 900, 900]);
    expect(result.explicitAcks).toEqual(["junk"]);
  });
});

describe("the cron with a queue bound", () => {
  it("sends its due plans through Miniflare's queue, and the consumer judges them", async () => {
    const { indicatorId, planIds } = await trackedPlans(4);
    await evaluateAt(at("2026-04-12T00:00:00Z"));
    await reportQ1(indicatorId, 200, "2026-04-12");
    // Fan out from the first due plan on: this deployment's threshold is 0.
    const tick = await runTick(
      { scheduledTime: at("2026-04-12T00:15:00Z") },
      { ...env, MONITOR_FANOUT_ABOVE: "0" },
    );
    expect(tick.evaluation.plansQueued).toBeGreaterThanOrEqual(planIds.length);
    // The cron itself judged nothing: the queue's consumer does, a moment later.
    expect(tick.evaluation.plansEvaluated).toBe(0);
    await vi.waitFor(
      async () => {
        for (const planId of planIds) {
          const turns = (await eventsOf(planId)).filter(
            (e) => e.type === "plan.status_changed" && e.status === "off_track",
          );
          expect(turns).toHaveLength(1);
        }
      },
      { timeout: 15_000, interval: 250 },
    );
    const queued = await env.DB.prepare(
      "select count(*) as n from plan_schedules where evaluated_at = '2026-04-12T00:15:00.000Z'",
    ).first<{ n: number }>();
    expect(queued?.n).toBeGreaterThanOrEqual(planIds.length);
  });
});

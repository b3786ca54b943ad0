// A destination that does not answer, answers slowly or has a backlog must delay only itself:
// every other destination's messages go out in the same tick. Scripted receivers here (a
// timeout is thrown at once, time is a fake clock); the e2e suite does the same with real
// receivers that never answer or trickle their answer.
import { afterEach, describe, expect, it } from "vitest";
import { drainOutbox } from "../../src/monitor/drain";
import { ADMIN, call } from "../factories";
import {
  at,
  createWebhook,
  db,
  evaluateAt,
  reportQ1,
  settings,
  trackedPlans,
} from "../monitor/helpers";
import { scriptedReceiver } from "./receiver";

interface Delivery {
  status: string;
  attempts: number;
}

async function deliveriesOf(webhookId: string): Promise<Delivery[]> {
  const res = await call(`/api/deliveries?webhook=${webhookId}&limit=200`, { headers: ADMIN });
  return ((await res.json()) as { deliveries: Delivery[] }).deliveries;
}

const count = (list: Delivery[], status: string, attempts?: number) =>
  list.filter((d) => d.status === status && (attempts === undefined || d.attempts === attempts))
    .length;

/** `plans` plans off track in a scope of their own, one delivery each to every destination. */
async function outbox(plans: number, urls: string[], now: number) {
  const { scope, indicatorId } = await trackedPlans(plans);
  const hooks = [];
  for (const url of urls) hooks.push(await createWebhook({ url, filters: { scopes: [scope] } }));
  await reportQ1(indicatorId, 200, "2026-04-05");
  await evaluateAt(now);
  return hooks;
}

afterEach(async () => {
  // Whatever a test leaves pending is sent before the next one starts.
  await drainOutbox(db, {
    now: at("2099-01-01T00:00:00Z"),
    settings,
    transport: scriptedReceiver(() => "ok").transport,
    maxBatches: 100,
  });
});

describe("a destination that does not answer", () => {
  it("gets one attempt a tick; the others get all their messages", async () => {
    const now = at("2026-06-01T00:00:00Z");
    const [dead, live] = await outbox(
      5,
      ["https://dead.example.com/hook", "https://live.example.com/hook"],
      now,
    );
    const receiver = scriptedReceiver((request) =>
      request.url.startsWith("https://dead.") ? "timeout" : "ok",
    );
    const report = await drainOutbox(db, { now, settings, transport: receiver.transport });
    expect(report).toMatchObject({ attempted: 6, delivered: 5, retrying: 1, deferred: 4 });
    expect(receiver.copies.filter((c) => c.url.startsWith("https://live."))).toHaveLength(5);
    const stalled = await deliveriesOf(dead!.id);
    // One attempt logged; the other four wait, unattempted, for the next tick.
    expect(count(stalled, "pending", 1)).toBe(1);
    expect(count(stalled, "pending", 0)).toBe(4);
    expect(count(await deliveriesOf(live!.id), "delivered")).toBe(5);
  });

  it("that asks to slow down (429) is left alone for the rest of the tick", async () => {
    const now = at("2026-06-02T00:00:00Z");
    const [busy] = await outbox(4, ["https://busy.example.com/hook"], now);
    let attempts = 0;
    const transport = async () => {
      attempts += 1;
      return new Response("slow down", { status: 429, headers: { "retry-after": "60" } });
    };
    await drainOutbox(db, { now, settings, transport });
    expect(attempts).toBe(1);
    expect(count(await deliveriesOf(busy!.id), "pending", 0)).toBe(3);
  });
});

describe("a destination with a backlog", () => {
  it("shares a batch with the others instead of filling it", async () => {
    const old = at("2026-06-03T00:00:00Z");
    const [backlog] = await outbox(30, ["https://backlog.example.com/hook"], old);
    const now = at("2026-06-03T00:15:00Z");
    const [fresh] = await outbox(3, ["https://fresh.example.com/hook"], now);
    const receiver = scriptedReceiver(() => "ok");
    // One batch of 20: the backlog's oldest 30 would fill it whole, first come first served.
    await drainOutbox(db, {
      now,
      settings,
      transport: receiver.transport,
      batchSize: 20,
      maxBatches: 1,
    });
    expect(count(await deliveriesOf(fresh!.id), "delivered")).toBe(3);
    expect(count(await deliveriesOf(backlog!.id), "delivered")).toBeGreaterThan(0);
  });
});

describe("the time budget of a tick", () => {
  it("stops new attempts when it runs out and leaves the rest pending", async () => {
    const now = at("2026-06-04T00:00:00Z");
    const [a, b] = await outbox(
      6,
      ["https://a.example.com/hook", "https://b.example.com/hook"],
      now,
    );
    // Every reading of the clock is ten seconds later: each attempt takes twenty.
    let t = 0;
    const clock = () => {
      t += 10_000;
      return t;
    };
    const receiver = scriptedReceiver(() => "ok");
    const report = await drainOutbox(db, {
      now,
      settings,
      transport: receiver.transport,
      clock,
      budgetMs: 60_000,
    });
    expect(report.attempted).toBeGreaterThan(0);
    expect(report.attempted).toBeLessThan(12);
    expect(report.deferred).toBe(12 - report.attempted);
    const all = [...(await deliveriesOf(a!.id)), ...(await deliveriesOf(b!.id))];
    expect(count(all, "pending", 0)).toBe(report.deferred);
    // The next tick sends what this one left.
    const next = await drainOutbox(db, {
      now: now + 15 * 60_000,
      settings,
      transport: receiver.transport,
    });
    expect(next.delivered).toBe(report.deferred);
  });
});

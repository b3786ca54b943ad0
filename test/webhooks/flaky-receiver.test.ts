// A receiver that fails about half of all attempts (500s, timeouts, connection resets, and
// timeouts after it already got the message) for a few hundred events. Time is driven forward
// tick by tick through the whole retry schedule; nothing may be lost or left unaccounted for.
import { env } from "cloudflare:workers";
import { Webhook } from "standardwebhooks";
import { expect, it } from "vitest";
import { drainOutbox } from "../../src/monitor/drain";
import { MAX_ATTEMPTS } from "../../src/webhooks/retry-schedule";
import { ADMIN, call, send } from "../factories";
import {
  at,
  createWebhook,
  db,
  evaluateAt,
  reportQ1,
  settings,
  trackedPlans,
} from "../monitor/helpers";
import { flaky, scriptedReceiver, seededRandom } from "./receiver";

const TICK = 15 * 60_000;
const PLANS = 150;

interface DeliveryRow {
  id: string;
  event_id: string;
  status: string;
  attempts: number;
  next_attempt_at: string;
}

async function deliveriesOf(webhookId: string): Promise<DeliveryRow[]> {
  const { results } = await env.DB.prepare(
    "select id, event_id, status, attempts, next_attempt_at from deliveries where webhook_id = ?",
  )
    .bind(webhookId)
    .all<DeliveryRow>();
  return results;
}

/** Cron ticks from `start` until nothing is pending, skipping ticks with nothing due. */
async function tickUntilSettled(
  webhookId: string,
  start: number,
  options: Omit<Parameters<typeof drainOutbox>[1], "now" | "settings">,
): Promise<number> {
  let now = start;
  for (let ticks = 0; ticks < 2000; ticks++) {
    await drainOutbox(db, { ...options, now, settings, batchSize: 50, maxBatches: 10 });
    const open = (await deliveriesOf(webhookId)).filter(
      (d) => d.status === "pending" || d.status === "delivering",
    );
    if (open.length === 0) return now;
    const earliest = Math.min(...open.map((d) => Date.parse(d.next_attempt_at)));
    now = Math.max(now + TICK, earliest);
  }
  throw new Error("the outbox never settled");
}

it("delivers every event exactly once to a receiver that dedups, through failures and replays", async () => {
  const { scope, indicatorId, planIds } = await trackedPlans(PLANS);
  const hook = await createWebhook({
    url: "https://receiver.example.com/hook",
    filters: { scopes: [scope] },
  });

  // Two transitions per plan: off track, then back on track (a revised figure).
  await reportQ1(indicatorId, 200, "2026-04-05");
  await reportQ1(indicatorId, 300, "2026-04-12");
  const t1 = at("2026-04-10T00:00:00Z");
  const t2 = at("2026-04-13T00:00:00Z");
  expect((await evaluateAt(t1)).eventsCreated).toBe(PLANS);
  expect((await evaluateAt(t2)).eventsCreated).toBe(PLANS);
  const eventIds = new Set(
    (
      await env.DB.prepare(
        `select id from events where plan_id in (select id from plans where indicator_id = ?)`,
      )
        .bind(indicatorId)
        .all<{ id: string }>()
    ).results.map((r) => r.id),
  );
  expect(eventIds.size).toBe(2 * PLANS);

  // Some events meet a receiver that is down for all of their first round, so that some
  // deliveries run out of attempts and must be replayed.
  const doomed = new Set([...eventIds].slice(0, 5));
  let outage = true;
  const faults = flaky(seededRandom(2026));
  const receiver = scriptedReceiver((request, attempt) => {
    const id = request.headers.get("webhook-id") ?? "";
    if (outage && doomed.has(id)) return attempt % 2 ? "http_500" : "reset";
    return faults(request, attempt);
  });

  const settledAt = await tickUntilSettled(hook.id, t2, {
    transport: receiver.transport,
    random: seededRandom(7),
  });
  // The schedule spans days: a receiver down for a day still gets its events.
  expect(settledAt - t2).toBeGreaterThan(24 * 3_600_000);

  const afterFirstRound = await deliveriesOf(hook.id);
  const failed = afterFirstRound.filter((d) => d.status === "failed");
  const failedEvents = new Set(failed.map((d) => d.event_id));
  for (const id of doomed) expect(failedEvents.has(id)).toBe(true);
  for (const d of failed) expect(d.attempts).toBe(MAX_ATTEMPTS);

  // What the API lists as failed is exactly that, and each one is replayed.
  const listed = await call("/api/deliveries?status=failed&limit=200", { headers: ADMIN });
  const listedIds = ((await listed.json()) as { deliveries: { id: string }[] }).deliveries.map(
    (d) => d.id,
  );
  expect(new Set(listedIds)).toEqual(new Set(failed.map((d) => d.id)));
  outage = false;
  for (const id of listedIds) {
    expect((await send("POST", `/api/deliveries/${id}/retry`, {})).status).toBe(202);
  }
  await tickUntilSettled(hook.id, Date.now(), {
    transport: receiver.transport,
    random: seededRandom(8),
  });

  // None unaccounted for: one delivery per event, every one delivered.
  const final = await deliveriesOf(hook.id);
  expect(final).toHaveLength(eventIds.size);
  expect(new Set(final.map((d) => d.event_id))).toEqual(eventIds);
  expect(final.filter((d) => d.status !== "delivered")).toEqual([]);

  // About half of all attempts failed, in every way on offer.
  const total = Object.values(receiver.faults).reduce((a, b) => a + b, 0);
  expect(receiver.faults.ok / total).toBeGreaterThan(0.35);
  expect(receiver.faults.ok / total).toBeLessThan(0.65);
  for (const kind of ["http_500", "timeout", "reset", "timeout_after_receipt"] as const) {
    expect(receiver.faults[kind]).toBeGreaterThan(0);
  }

  // The receiver got duplicates (it answered too late), and dedup by webhook-id leaves exactly
  // one copy per event: the id is the event id, the same on every attempt, and so is the body.
  expect(receiver.copies.length).toBeGreaterThan(eventIds.size);
  expect(new Set(receiver.unique.keys())).toEqual(eventIds);
  const verifier = new Webhook(hook.secret);
  for (const copy of receiver.copies) {
    const first = receiver.unique.get(copy.id);
    expect(copy.body).toBe(first?.body);
    expect(JSON.parse(copy.body).data.id).toBe(copy.id);
    // Each copy carries its own attempt's timestamp and a valid signature over it.
    expect(copy.signature).toBe(
      verifier.sign(copy.id, new Date(Number(copy.timestamp) * 1000), copy.body),
    );
  }

  // Every attempt was logged, and the log matches what the receiver saw.
  const attempts = await env.DB.prepare(
    `select d.event_id as event_id, count(*) as n, sum(a.duration_ms is null) as missing
     from delivery_attempts a join deliveries d on d.id = a.delivery_id
     where d.webhook_id = ? group by d.event_id`,
  )
    .bind(hook.id)
    .all<{ event_id: string; n: number; missing: number }>();
  expect(attempts.results).toHaveLength(eventIds.size);
  for (const row of attempts.results) {
    expect(row.n).toBe(receiver.attemptsById.get(row.event_id));
    expect(row.missing).toBe(0);
  }
  expect(planIds).toHaveLength(PLANS);
}, 120_000);

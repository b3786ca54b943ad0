// Delivery of the outbox: claim what is due, send it, record every attempt. Runs right after an
// evaluation and on every cron tick, so a run that crashed after deciding loses nothing: its
// events are already in the outbox, and the next tick sends them.
import type { Db } from "../db/client";
import { claimDueDeliveries, type DeliveryOutcome, recordOutcomes } from "../db/queries/deliveries";
import type { DeliveryRow, EventRow, WebhookRow } from "../db/schema";
import { retryTransient } from "../lib/d1-retry";
import type { MonitorSettings } from "../lib/settings";
import { buildMessage } from "../webhooks/message";
import { nextStep } from "../webhooks/retry-schedule";
import { fetchTransport, sendOnce, type Transport } from "../webhooks/send";
import { checkWebhookUrl, urlPolicy } from "../webhooks/url-safety";

/** A claim outlives the slowest drain (50 deliveries, 6 at a time, 15 s each) with room to spare. */
const CLAIM_MS = 10 * 60 * 1000;
/** Workers allow six simultaneous outgoing connections per invocation. */
const CONCURRENCY = 6;

export interface DrainOptions {
  /** The tick's time, epoch ms: due dates, timestamps and retries are computed from it. */
  now: number;
  settings: MonitorSettings;
  transport?: Transport;
  /** For the jitter; tests pass a seeded generator. */
  random?: () => number;
  /** Only measures how long each attempt took. */
  clock?: () => number;
  batchSize?: number;
  /** Batches per tick: bounds the subrequests of one invocation. */
  maxBatches?: number;
}

export interface DrainReport {
  attempted: number;
  delivered: number;
  retrying: number;
  failed: number;
}

interface Claimed {
  delivery: DeliveryRow;
  event: EventRow | undefined;
  destination: WebhookRow | undefined;
}

/** Settles one delivery: sends it, or fails it without sending when it cannot be sent. */
async function settle(item: Claimed, options: DrainOptions): Promise<DeliveryOutcome> {
  const { delivery, event, destination } = item;
  const nowIso = new Date(options.now).toISOString();
  const withoutAttempt = (lastError: string): DeliveryOutcome => ({
    id: delivery.id,
    status: "failed",
    attempt: null,
    nextAttemptAt: nowIso,
    lastError,
    deliveredAt: null,
  });
  if (!event || !destination) return withoutAttempt("The event or the destination is gone.");
  if (!destination.enabled) return withoutAttempt("The destination is disabled.");
  // Checked again at send time: the setting may have changed since the URL was accepted.
  const verdict = checkWebhookUrl(destination.url, urlPolicy(options.settings));
  if (!verdict.ok) return withoutAttempt(`URL refused: ${verdict.reason}`);

  const message = await buildMessage(destination, event.data, options.now);
  const result = await sendOnce(message, options.transport ?? fetchTransport, {
    nowMs: options.now,
    clock: options.clock ?? Date.now,
  });
  const attemptNumber = delivery.attempts + 1;
  const step = nextStep(
    attemptNumber - delivery.roundStart,
    result,
    options.now,
    options.random ?? Math.random,
  );
  return {
    id: delivery.id,
    status: step.status,
    attempt: {
      deliveryId: delivery.id,
      attempt: attemptNumber,
      attemptedAt: nowIso,
      statusCode: result.statusCode,
      error: result.error,
      durationMs: result.durationMs,
      responseExcerpt: result.responseExcerpt,
    },
    nextAttemptAt: new Date(step.nextAttemptAt ?? options.now).toISOString(),
    lastError: step.status === "delivered" ? null : result.error,
    deliveredAt: step.status === "delivered" ? nowIso : null,
  };
}

async function pool<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>) {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** Claims one batch, sends it, records it. Returns how many were claimed and how they ended. */
async function drainBatch(db: Db, options: DrainOptions, limit: number) {
  const nowIso = new Date(options.now).toISOString();
  const drainId = crypto.randomUUID();
  // Both D1 calls are safe to repeat (see claimDueDeliveries and recordOutcomes), so a
  // transient D1 error is retried rather than left to strand the claimed batch.
  const claim = await retryTransient(() =>
    claimDueDeliveries(db, {
      drainId,
      nowIso,
      claimExpiresAt: new Date(options.now + CLAIM_MS).toISOString(),
      limit,
    }),
  );
  const eventById = new Map(claim.events.map((e) => [e.id, e]));
  const destinationById = new Map(claim.destinations.map((w) => [w.id, w]));
  const outcomes = await pool(claim.claimed, CONCURRENCY, (delivery) =>
    settle(
      {
        delivery,
        event: eventById.get(delivery.eventId),
        destination: destinationById.get(delivery.webhookId),
      },
      options,
    ).catch((err: unknown): DeliveryOutcome => {
      // Something of ours broke (say, a corrupted secret). Failing the delivery keeps it
      // visible and replayable; letting it escape would lose the whole batch's results and
      // resend its other deliveries after the claim expires.
      console.error("monitor: delivery could not be prepared", delivery.id, err);
      return {
        id: delivery.id,
        status: "failed",
        attempt: null,
        nextAttemptAt: nowIso,
        lastError: "Internal error while preparing the request.",
        deliveredAt: null,
      };
    }),
  );
  const webhookOf = new Map(claim.claimed.map((d) => [d.id, d.webhookId]));
  const gone = outcomes.flatMap((o) => {
    const webhookId = webhookOf.get(o.id);
    return o.attempt?.statusCode === 410 && webhookId ? [webhookId] : [];
  });
  await retryTransient(() =>
    recordOutcomes(db, drainId, outcomes, {
      webhookIds: [...new Set(gone)],
      reason: "The receiver answered 410 Gone.",
      nowIso,
    }),
  );
  return { claimed: claim.claimed.length, outcomes };
}

export async function drainOutbox(db: Db, options: DrainOptions): Promise<DrainReport> {
  const batchSize = options.batchSize ?? 50;
  const report: DrainReport = { attempted: 0, delivered: 0, retrying: 0, failed: 0 };
  for (let i = 0; i < (options.maxBatches ?? 4); i++) {
    const { claimed, outcomes } = await drainBatch(db, options, batchSize);
    for (const o of outcomes) {
      if (o.attempt) report.attempted += 1;
      if (o.status === "delivered") report.delivered += 1;
      else if (o.status === "pending") report.retrying += 1;
      else report.failed += 1;
    }
    if (claimed < batchSize) break;
  }
  return report;
}

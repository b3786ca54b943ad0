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

/** A claim outlives the slowest drain (its time budget, plus one attempt) with room to spare. */
const CLAIM_MS = 10 * 60 * 1000;
/** Workers allow six simultaneous outgoing connections per invocation. */
const CONCURRENCY = 6;
/**
 * Deliveries to one destination claimed per batch. Each destination is sent to one message
 * at a time, so a batch shared out this way keeps one destination's backlog from filling it.
 */
export const PER_DESTINATION = 10;
/**
 * How long one tick keeps starting new attempts. The cron fires every 15 minutes; a drain that
 * went on for minutes (many destinations timing out one after another) would only delay the
 * evaluation and Alertmanager refresh of its own tick. What is left waits for the next tick.
 */
export const DRAIN_BUDGET_MS = 60_000;

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
  /** Default DRAIN_BUDGET_MS, measured on `clock`. */
  budgetMs?: number;
}

export interface DrainReport {
  attempted: number;
  delivered: number;
  retrying: number;
  failed: number;
  /** Claimed but left for the next tick: the time budget ran out, or its destination stalled. */
  deferred: number;
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

/**
 * After an attempt that got no answer (a timeout, a refused or dropped connection) or was told
 * to slow down (429, 503), the destination's other deliveries wait for the next tick: trying
 * them now would spend the tick on a receiver that is not taking messages.
 */
function stallsDestination(outcome: DeliveryOutcome): boolean {
  const code = outcome.attempt?.statusCode;
  return outcome.attempt !== null && (code === null || code === 429 || code === 503);
}

/** Back to the outbox as it was, unsent and uncounted, for the next tick. */
function deferred(delivery: DeliveryRow): DeliveryOutcome {
  return {
    id: delivery.id,
    status: "pending",
    attempt: null,
    nextAttemptAt: delivery.nextAttemptAt,
    lastError: delivery.lastError,
    deliveredAt: null,
  };
}

/** Settles one delivery; an error of ours fails it visibly instead of losing the batch. */
function settleSafely(item: Claimed, options: DrainOptions): Promise<DeliveryOutcome> {
  const nowIso = new Date(options.now).toISOString();
  return settle(item, options).catch((err: unknown): DeliveryOutcome => {
    // Something of ours broke (say, a corrupted secret). Failing the delivery keeps it
    // visible and replayable; letting it escape would lose the whole batch's results and
    // resend its other deliveries after the claim expires.
    console.error("monitor: delivery could not be prepared", item.delivery.id, err);
    return {
      id: item.delivery.id,
      status: "failed",
      attempt: null,
      nextAttemptAt: nowIso,
      lastError: "Internal error while preparing the request.",
      deliveredAt: null,
    };
  });
}

interface DrainState {
  /** `clock` time after which no new attempt starts. */
  deadline: number;
  clock: () => number;
  /** Destinations that stalled this tick: not claimed again until the next one. */
  stalled: Set<string>;
}

/**
 * Sends a batch one destination at a time each, up to CONCURRENCY destinations at once, so a
 * receiver that never answers or trickles its answer holds up only its own queue: every other
 * destination's messages go out alongside it. Returns an outcome for every claimed delivery.
 */
async function sendBatch(items: readonly Claimed[], options: DrainOptions, state: DrainState) {
  const lanes = new Map<string, Claimed[]>();
  for (const item of items) {
    const lane = lanes.get(item.delivery.webhookId) ?? [];
    lane.push(item);
    lanes.set(item.delivery.webhookId, lane);
  }
  const outcomes: DeliveryOutcome[] = [];
  await pool([...lanes.entries()], CONCURRENCY, async ([webhookId, lane]) => {
    for (const item of lane) {
      if (state.stalled.has(webhookId) || state.clock() >= state.deadline) {
        outcomes.push(deferred(item.delivery));
        continue;
      }
      const outcome = await settleSafely(item, options);
      outcomes.push(outcome);
      if (stallsDestination(outcome)) state.stalled.add(webhookId);
    }
  });
  return outcomes;
}

/** Claims one batch, sends it, records it. Returns how many were claimed and how they ended. */
async function drainBatch(db: Db, options: DrainOptions, limit: number, state: DrainState) {
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
      perDestination: PER_DESTINATION,
      skipDestinations: [...state.stalled],
    }),
  );
  const eventById = new Map(claim.events.map((e) => [e.id, e]));
  const destinationById = new Map(claim.destinations.map((w) => [w.id, w]));
  const outcomes = await sendBatch(
    claim.claimed.map((delivery) => ({
      delivery,
      event: eventById.get(delivery.eventId),
      destination: destinationById.get(delivery.webhookId),
    })),
    options,
    state,
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
  const perDestination = new Map<string, number>();
  for (const d of claim.claimed) {
    perDestination.set(d.webhookId, (perDestination.get(d.webhookId) ?? 0) + 1);
  }
  // A full batch, or a destination that reached its share, may have more due behind it.
  const more =
    claim.claimed.length >= limit || [...perDestination.values()].some((n) => n >= PER_DESTINATION);
  return { more, outcomes };
}

export async function drainOutbox(db: Db, options: DrainOptions): Promise<DrainReport> {
  const batchSize = options.batchSize ?? 50;
  const clock = options.clock ?? Date.now;
  const state: DrainState = {
    deadline: clock() + (options.budgetMs ?? DRAIN_BUDGET_MS),
    clock,
    stalled: new Set(),
  };
  const report: DrainReport = { attempted: 0, delivered: 0, retrying: 0, failed: 0, deferred: 0 };
  for (let i = 0; i < (options.maxBatches ?? 4); i++) {
    if (clock() >= state.deadline) break;
    const { more, outcomes } = await drainBatch(db, options, batchSize, state);
    for (const o of outcomes) {
      if (o.attempt) report.attempted += 1;
      if (o.status === "delivered") report.delivered += 1;
      else if (o.status === "failed") report.failed += 1;
      else if (o.attempt) report.retrying += 1;
      else report.deferred += 1;
    }
    if (!more) break;
  }
  return report;
}

import { and, desc, eq, inArray, lt, lte, or, type SQL, sql } from "drizzle-orm";
import type { DeliveryStatus } from "../../domain/vocabulary";
import type { Db } from "../client";
import { guardedInserts, type Statement } from "../json-rows";
import {
  type AttemptRow,
  type DeliveryRow,
  deliveries,
  deliveryAttempts,
  events,
  webhooks,
} from "../schema";
import { templated } from "../templates";
import { type AuditedChange, auditIfChanged } from "./audit";

export type NewAttempt = typeof deliveryAttempts.$inferInsert;

/**
 * Claims up to `limit` due deliveries for one drain, at most `perDestination` of them for any
 * one destination (the oldest first), and reads their events and destinations, in one round
 * trip. A claim that outlives `claimExpiresAt` (a drain that died) is taken over. Deliveries
 * this drain already holds are claimed again, so repeating the call after a lost answer (a
 * transient D1 error) returns them instead of stranding them until the claim expires.
 * `skipDestinations` (destinations that stalled earlier in the same tick) are left alone.
 */
export async function claimDueDeliveries(
  db: Db,
  claim: {
    drainId: string;
    nowIso: string;
    claimExpiresAt: string;
    limit: number;
    perDestination: number;
    skipDestinations?: readonly string[];
  },
) {
  const value = (name: keyof typeof values) => sql.placeholder(name);
  const values = {
    drainId: claim.drainId,
    nowIso: claim.nowIso,
    claimExpiresAt: claim.claimExpiresAt,
    limit: claim.limit,
    perDestination: claim.perDestination,
    // The skipped destinations travel as one JSON parameter, whatever their number.
    skip: JSON.stringify(claim.skipDestinations ?? []),
  };
  const dueNow = () =>
    or(
      and(eq(deliveries.status, "pending"), lte(deliveries.nextAttemptAt, value("nowIso"))),
      and(eq(deliveries.status, "delivering"), lte(deliveries.claimExpiresAt, value("nowIso"))),
      eq(deliveries.claimedBy, value("drainId")),
    );
  const due = () => sql`select id from (
      select ${deliveries.id} as id, ${deliveries.nextAttemptAt} as due_at,
        row_number() over (
          partition by ${deliveries.webhookId} order by ${deliveries.nextAttemptAt}, ${deliveries.id}
        ) as place
      from ${deliveries}
      where ${dueNow()} and ${deliveries.webhookId} not in (select value from json_each(${value("skip")}))
    ) where place <= ${value("perDestination")}
    order by due_at, id
    limit ${value("limit")}`;
  const claimedBy = (column: typeof deliveries.eventId | typeof deliveries.webhookId) =>
    db
      .select({ id: column })
      .from(deliveries)
      .where(eq(deliveries.claimedBy, value("drainId")));
  // Built once per isolate (../templates.ts): the drain runs on every tick.
  const [claimed, claimedEvents, destinations] = await db.batch([
    templated(
      db,
      "claim-deliveries",
      () =>
        db
          .update(deliveries)
          .set({
            status: "delivering",
            claimedBy: sql`${value("drainId")}`,
            claimExpiresAt: sql`${value("claimExpiresAt")}`,
          })
          .where(sql`${deliveries.id} in (${due()})`)
          .returning(),
      values,
    ),
    templated(
      db,
      "claimed-events",
      () =>
        db
          .select()
          .from(events)
          .where(inArray(events.id, claimedBy(deliveries.eventId))),
      values,
    ),
    templated(
      db,
      "claimed-destinations",
      () =>
        db
          .select()
          .from(webhooks)
          .where(inArray(webhooks.id, claimedBy(deliveries.webhookId))),
      values,
    ),
  ]);
  return { claimed, events: claimedEvents, destinations };
}

export interface DeliveryOutcome {
  id: string;
  status: Exclude<DeliveryStatus, "delivering">;
  /** Null when no HTTP attempt was made (the destination is disabled or its URL refused). */
  attempt: NewAttempt | null;
  nextAttemptAt: string;
  lastError: string | null;
  deliveredAt: string | null;
}

/**
 * Records a drain's results in one batch; a claim taken over by another drain is left alone.
 * Every statement is conditional on this drain's claim, which the batch itself releases, so
 * running it twice (a retry after a lost answer) records each attempt once.
 */
export async function recordOutcomes(
  db: Db,
  drainId: string,
  outcomes: readonly DeliveryOutcome[],
  disable: { webhookIds: readonly string[]; reason: string; nowIso: string },
): Promise<void> {
  const updates: Statement[] = outcomes.map((o) =>
    db
      .update(deliveries)
      .set({
        status: o.status,
        attempts: o.attempt ? sql`${deliveries.attempts} + 1` : sql`${deliveries.attempts}`,
        nextAttemptAt: o.nextAttemptAt,
        lastAttemptAt: o.attempt ? o.attempt.attemptedAt : sql`${deliveries.lastAttemptAt}`,
        lastStatusCode: o.attempt ? o.attempt.statusCode : sql`${deliveries.lastStatusCode}`,
        lastError: o.lastError,
        deliveredAt: o.deliveredAt,
        claimedBy: null,
        claimExpiresAt: null,
      })
      .where(and(eq(deliveries.id, o.id), eq(deliveries.claimedBy, drainId))),
  );
  const attempts = outcomes.flatMap((o) => (o.attempt ? [o.attempt] : []));
  // Before the updates release the claims: an attempt is recorded only while its delivery is
  // still claimed by this drain.
  const inserts = guardedInserts(db, deliveryAttempts, attempts, {
    key: "attempts-of-claimed",
    where: (column) =>
      sql`exists (select 1 from ${deliveries} d where d.id = ${column("deliveryId")} and d.claimed_by = ${sql.placeholder("drainId")})`,
    values: { drainId },
  });
  const disables = disable.webhookIds.length
    ? [
        db
          .update(webhooks)
          .set({ enabled: false, disabledReason: disable.reason, updatedAt: disable.nowIso })
          .where(inArray(webhooks.id, [...disable.webhookIds])),
      ]
    : [];
  const [first, ...rest] = [...inserts, ...updates, ...disables];
  if (first) await db.batch([first, ...rest]);
}

export interface DeliveryFilter {
  status?: DeliveryStatus;
  webhookId?: string;
  eventId?: string;
  /** Cursor: a delivery id; only older deliveries are returned. */
  before?: string;
  limit: number;
}

/** Newest first (delivery ids sort by the time of their event). */
export function listDeliveries(db: Db, filter: DeliveryFilter): Promise<DeliveryRow[]> {
  const conditions: SQL[] = [];
  if (filter.status) conditions.push(eq(deliveries.status, filter.status));
  if (filter.webhookId) conditions.push(eq(deliveries.webhookId, filter.webhookId));
  if (filter.eventId) conditions.push(eq(deliveries.eventId, filter.eventId));
  if (filter.before) conditions.push(lt(deliveries.id, filter.before));
  return db
    .select()
    .from(deliveries)
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(desc(deliveries.id))
    .limit(filter.limit);
}

export async function getDelivery(
  db: Db,
  id: string,
): Promise<{ delivery: DeliveryRow; attempts: AttemptRow[] } | undefined> {
  const [rows, attempts] = await db.batch([
    db.select().from(deliveries).where(eq(deliveries.id, id)),
    db
      .select()
      .from(deliveryAttempts)
      .where(eq(deliveryAttempts.deliveryId, id))
      .orderBy(deliveryAttempts.attempt),
  ]);
  const delivery = rows[0];
  return delivery ? { delivery, attempts } : undefined;
}

/**
 * Puts a failed delivery back in the outbox, due at once, for a full new round of attempts.
 * Only a `failed` delivery whose destination is enabled moves; returns it, or undefined.
 */
export async function requeueFailed(
  db: Db,
  id: string,
  nowIso: string,
  audit?: AuditedChange,
): Promise<DeliveryRow | undefined> {
  const [rows] = await db.batch([
    db
      .update(deliveries)
      .set({
        status: "pending",
        roundStart: sql`${deliveries.attempts}`,
        nextAttemptAt: nowIso,
        claimedBy: null,
        claimExpiresAt: null,
      })
      .where(
        and(
          eq(deliveries.id, id),
          eq(deliveries.status, "failed"),
          sql`exists (select 1 from ${webhooks} w where w.id = ${deliveries.webhookId} and w.enabled = 1)`,
        ),
      )
      .returning(),
    ...(audit ? [auditIfChanged(db, audit.ctx, audit.entry)] : []),
  ]);
  return rows[0];
}

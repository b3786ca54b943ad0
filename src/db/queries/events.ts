import { and, desc, eq, lt, type SQL } from "drizzle-orm";
import type { Severity } from "../../domain/vocabulary";
import type { Db } from "../client";
import { events } from "../schema";

/**
 * One recorded transition (or reminder) of a plan. `id` is stable and is the webhook-id of
 * every delivery; `occurredAt` is the scheduled time of the run that saw it; `data` holds the
 * plan, indicator and evaluation figures exactly as webhooks send them.
 */
export type EventRow = typeof events.$inferSelect;

export interface EventFilter {
  planId?: string;
  scope?: string;
  type?: EventRow["type"];
  severity?: Severity;
  /** Include muted events (default true: the history keeps them). */
  includeMuted?: boolean;
  /**
   * Cursor: an event id (`evt_...`, e.g. the last id of the previous page) or an ISO timestamp.
   * Only older events are returned. Event ids sort by time, so either works the same way.
   */
  before?: string;
  limit: number;
}

/** The history of events, newest first. */
export function listEvents(db: Db, filter: EventFilter): Promise<EventRow[]> {
  const conditions: SQL[] = [];
  if (filter.planId) conditions.push(eq(events.planId, filter.planId));
  if (filter.scope) conditions.push(eq(events.scope, filter.scope));
  if (filter.type) conditions.push(eq(events.type, filter.type));
  if (filter.severity) conditions.push(eq(events.severity, filter.severity));
  if (filter.includeMuted === false) conditions.push(eq(events.muted, false));
  if (filter.before) {
    conditions.push(
      filter.before.startsWith("evt_")
        ? lt(events.id, filter.before)
        : lt(events.occurredAt, filter.before),
    );
  }
  return db
    .select()
    .from(events)
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(desc(events.id))
    .limit(filter.limit);
}

export async function getEvent(db: Db, id: string): Promise<EventRow | undefined> {
  const rows = await db.select().from(events).where(eq(events.id, id));
  return rows[0];
}

import { and, desc, eq, lt, type SQL } from "drizzle-orm";
import type { Severity } from "../../domain/vocabulary";
import type { Db } from "../client";
import { type EventRow, events } from "../schema";

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

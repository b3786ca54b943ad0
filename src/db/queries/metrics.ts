import { sql } from "drizzle-orm";
import type { Db } from "../client";
import { deliveries, deliveryAttempts, events } from "../schema";

export interface MonitorCounts {
  events: { type: string; severity: string; count: number }[];
  attempts: { outcome: "success" | "failure"; count: number }[];
  deliveries: { status: string; count: number }[];
}

/**
 * Counts for the monitor's own metrics, in one D1 batch. Events and delivery attempts are
 * append-only, so their counts only grow and are exported as counters; deliveries change
 * status, so their count per status is a gauge.
 */
export async function loadMonitorCounts(db: Db): Promise<MonitorCounts> {
  const [eventRows, attemptRows, deliveryRows] = await db.batch([
    db
      .select({ type: events.type, severity: events.severity, count: sql<number>`count(*)` })
      .from(events)
      .groupBy(events.type, events.severity),
    db
      .select({
        outcome: sql<
          "success" | "failure"
        >`case when ${deliveryAttempts.statusCode} between 200 and 299 then 'success' else 'failure' end`,
        count: sql<number>`count(*)`,
      })
      .from(deliveryAttempts)
      .groupBy(sql`1`),
    db
      .select({ status: deliveries.status, count: sql<number>`count(*)` })
      .from(deliveries)
      .groupBy(deliveries.status),
  ]);
  return { events: eventRows, attempts: attemptRows, deliveries: deliveryRows };
}

import type { MonitorCounts } from "../db/queries/metrics";
import type { MetricFamily } from "./exposition";

/** The cron monitor's activity: what it decided and how its deliveries went. */
export function monitorMetricFamilies(counts: MonitorCounts): MetricFamily[] {
  return [
    {
      name: "target_monitor_events_total",
      help: "Status changes and reminders the monitor recorded, by event type and severity.",
      type: "counter",
      samples: counts.events.map((e) => ({
        labels: { type: e.type, severity: e.severity },
        value: e.count,
      })),
    },
    {
      name: "target_monitor_delivery_attempts_total",
      help: "Webhook delivery attempts, by outcome (success is any 2xx answer).",
      type: "counter",
      samples: counts.attempts.map((a) => ({ labels: { outcome: a.outcome }, value: a.count })),
    },
    {
      name: "target_monitor_deliveries",
      help: "Webhook deliveries by current status (pending, delivered, failed...).",
      type: "gauge",
      samples: counts.deliveries.map((d) => ({ labels: { status: d.status }, value: d.count })),
    },
  ];
}

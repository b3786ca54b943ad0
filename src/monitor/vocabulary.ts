// The words the monitor speaks: event types, severities, delivery states. Shared by the schema,
// the pure decision code, the routes and the webhook formats, so each is spelled once.

/**
 * - `plan.status_changed`: the engine's status moved (on_track → at_risk, at_risk → on_track...).
 * - `plan.stale` / `plan.fresh`: figures became overdue / arrived again (healthchecks.io-style
 *   alert of its own, independent of the status).
 * - `plan.reminder`: an alert is still open after the repeat interval.
 * - `webhook.test`: sent by POST /api/webhooks/:id/test; never stored.
 */
export const EVENT_TYPES = [
  "plan.status_changed",
  "plan.stale",
  "plan.fresh",
  "plan.reminder",
  "webhook.test",
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** What an event means for a person: `resolved` closes an alert that was critical or warning. */
export const SEVERITIES = ["critical", "warning", "good", "resolved", "info"] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Minimum severities a destination can ask for, lowest first. */
export const MIN_SEVERITIES = ["info", "good", "warning", "critical"] as const;
export type MinSeverity = (typeof MIN_SEVERITIES)[number];

/**
 * `alertmanager` posts Prometheus Alertmanager alerts (src/webhooks/alertmanager.ts). The column
 * is plain text, so a new format needs no migration.
 */
export const WEBHOOK_FORMATS = ["json", "slack", "discord", "alertmanager"] as const;
export type WebhookFormat = (typeof WEBHOOK_FORMATS)[number];

/**
 * pending: waiting for its next attempt; delivering: claimed by a running drain;
 * delivered: a 2xx was received; failed: out of attempts, or the destination is disabled.
 */
export const DELIVERY_STATUSES = ["pending", "delivering", "delivered", "failed"] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

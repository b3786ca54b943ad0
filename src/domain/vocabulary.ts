// The words the monitor speaks, each spelled once: what an indicator measures, how a plan is
// judged, what an alert says and who may do what. Everything else (the database schema, the
// wire contracts, the webhook formats, the pages) imports them from here.

/** flow: cumulative within a period (exports); level: a stock or ratio; rate: a growth rate in %. */
export const MEASURES = ["flow", "level", "rate"] as const;
export type Measure = (typeof MEASURES)[number];

/** How often new figures are expected. */
export const CADENCES = ["monthly", "quarterly", "annual"] as const;
export type Cadence = (typeof CADENCES)[number];

/** Which kind of place an indicator's scope (its area) is, the smallest first. */
export const SCOPE_LEVELS = ["locality", "region", "country"] as const;
export type ScopeLevel = (typeof SCOPE_LEVELS)[number];

/** Whether an area of level `outer` can contain one of level `inner`: a region a locality. */
export function contains(outer: ScopeLevel, inner: ScopeLevel): boolean {
  return SCOPE_LEVELS.indexOf(outer) > SCOPE_LEVELS.indexOf(inner);
}

export const COMPARATORS = ["at_least", "at_most"] as const;
export type Comparator = (typeof COMPARATORS)[number];

/** The vintage of a reported figure: a first estimate, a preliminary figure, or the final one. */
export const ACTUAL_STATUSES = ["estimate", "preliminary", "final"] as const;
export type ActualStatus = (typeof ACTUAL_STATUSES)[number];

/**
 * How a plan stands. `achieved` and `missed` are verdicts; `ahead` to `off_track` read the pace
 * while the period runs; `period_over` says the period has ended and no figure reaching its end
 * is in yet, so neither a verdict nor a pace reading applies (the last reading is kept beside
 * it); `no_data` has no figure to judge.
 */
export const STATUSES = [
  "achieved",
  "ahead",
  "on_track",
  "at_risk",
  "off_track",
  "missed",
  "period_over",
  "no_data",
] as const;
export type Status = (typeof STATUSES)[number];

/** Open SDG progress labels (sdg-build's ProgressMeasure), for multi-year plans with a baseline. */
export const PROGRESS_LABELS = [
  "target_achieved",
  "substantial",
  "moderate",
  "limited",
  "deterioration",
] as const;
export type ProgressLabel = (typeof PROGRESS_LABELS)[number];

/**
 * - `plan.status_changed`: the engine's status moved (on_track → at_risk, at_risk → on_track...).
 * - `plan.stale` / `plan.fresh`: figures became overdue / arrived again (healthchecks.io-style
 *   alert of its own, independent of the status).
 * - `plan.reminder`: an alert is still open after the repeat interval.
 * - `figure.due` / `figure.late`: a figure the plan's indicator owes falls due within the
 *   configured days / is overdue and not in (release rules); once per figure and vintage.
 * - `webhook.test`: sent by POST /api/webhooks/:id/test; never stored.
 */
export const EVENT_TYPES = [
  "plan.status_changed",
  "plan.stale",
  "plan.fresh",
  "plan.reminder",
  "figure.due",
  "figure.late",
  "webhook.test",
] as const;
export type EventType = (typeof EVENT_TYPES)[number];
/** The events a plan's evaluation can raise: every type but the test message. */
export const PLAN_EVENT_TYPES = EVENT_TYPES.filter(
  (t): t is Exclude<EventType, "webhook.test"> => t !== "webhook.test",
) as [Exclude<EventType, "webhook.test">, ...Exclude<EventType, "webhook.test">[]];
export type PlanEventType = (typeof PLAN_EVENT_TYPES)[number];

/** What an event means for a person: `resolved` closes an alert that was critical or warning. */
export const SEVERITIES = ["critical", "warning", "good", "resolved", "info"] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Minimum severities a destination can ask for, lowest first. */
export const MIN_SEVERITIES = ["info", "good", "warning", "critical"] as const;
export type MinSeverity = (typeof MIN_SEVERITIES)[number];

/**
 * `alertmanager` posts Prometheus Alertmanager alerts. The column is plain text, so a new
 * format needs no migration.
 */
export const WEBHOOK_FORMATS = ["json", "slack", "discord", "alertmanager"] as const;
export type WebhookFormat = (typeof WEBHOOK_FORMATS)[number];

/**
 * pending: waiting for its next attempt; delivering: claimed by a running drain;
 * delivered: a 2xx was received; failed: out of attempts, or the destination is disabled.
 */
export const DELIVERY_STATUSES = ["pending", "delivering", "delivered", "failed"] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** The permissions a token can carry; `admin` includes `write`, and `write` includes `read`. */
export const TOKEN_SCOPES = ["read", "write", "admin"] as const;
export type Permission = (typeof TOKEN_SCOPES)[number];

/** What a write did, as the audit log records it. */
export const AUDIT_ACTIONS = [
  "create",
  "update",
  "revise",
  "correct",
  "delete",
  "rotate_secret",
  "revoke",
  "retry",
  "restore",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** What a write changed, as the audit log records it. */
export const AUDIT_ENTITIES = [
  "area",
  "indicator",
  "plan",
  "actual",
  "webhook",
  "silence",
  "token",
  "delivery",
  "dataset",
] as const;
export type AuditEntity = (typeof AUDIT_ENTITIES)[number];

/**
 * How a change reached the monitor, as the audit log records it: the JSON API, a CSV file (by
 * the API or the desk), a form on the editor's desk, or a bulletin pasted on the desk.
 */
export const AUDIT_CHANNELS = ["api", "csv", "form", "bulletin"] as const;
export type AuditChannel = (typeof AUDIT_CHANNELS)[number];

/** How a person signed in to the editor's desk: with a token, or through Cloudflare Access. */
export const SIGN_IN_METHODS = ["token", "access"] as const;
export type SignInMethod = (typeof SIGN_IN_METHODS)[number];

/** What a CSV import file holds. */
export const IMPORT_KINDS = ["indicators", "plans", "actuals"] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/**
 * What importing a row does (or would do, in a dry run). `corrected`: a figure that repeats a
 * stored vintage's number, status and report date but changes its source, note or printed
 * ratios, stored as a new vintage that supersedes it.
 */
export const IMPORT_OUTCOMES = [
  "created",
  "updated",
  "revised",
  "corrected",
  "unchanged",
  "duplicate",
] as const;
export type ImportOutcome = (typeof IMPORT_OUTCOMES)[number];

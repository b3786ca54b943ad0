// The monitor's settings, read once from the Worker's vars with safe defaults.

export interface MonitorSettings {
  /** How long an open alert stays quiet before it is repeated (ALERT_REPEAT_DAYS, default 7). */
  repeatIntervalMs: number;
  /** After a rotation the old secret still signs for this long (WEBHOOK_SECRET_OVERLAP_HOURS, default 24). */
  secretOverlapMs: number;
  /** Development only: lets webhooks target http://127.0.0.1:<port> (ALLOW_LOOPBACK_WEBHOOKS). */
  allowLoopbackWebhooks: boolean;
  /** Where the status page lives, for the links in notifications. */
  publicBaseUrl: string;
  /** How long the monitor's own records are kept; see RetentionSettings. */
  retention: RetentionSettings;
  /**
   * How many days before a figure is due its data owner gets `figure.due` (FIGURE_DUE_REMIND_DAYS,
   * default 3; 0 on the day itself).
   */
  figureDueRemindDays: number;
}

/**
 * How many days of its own records the monitor keeps, each pruned by the cron, a bounded batch
 * per tick. 0 keeps them forever. Reported data (indicators, plans, figures) is never pruned.
 */
export interface RetentionSettings {
  /** Alert events (the history, the feed), once no delivery of theirs is left. RETENTION_EVENTS_DAYS. */
  eventsDays: number;
  /** Evaluation snapshots (a plan's timeline); each plan's latest is always kept. RETENTION_SNAPSHOTS_DAYS. */
  snapshotsDays: number;
  /** Deliveries that are over (delivered or failed), with their attempts. RETENTION_DELIVERIES_DAYS. */
  deliveriesDays: number;
  /** The log of each HTTP attempt, also of deliveries still kept. RETENTION_ATTEMPTS_DAYS. */
  attemptsDays: number;
  /** The audit log of every write. RETENTION_AUDIT_DAYS. */
  auditDays: number;
}

export const DEFAULT_RETENTION: Readonly<RetentionSettings> = Object.freeze({
  // Two years of alert history and timelines: last year's plans stay readable all this year.
  eventsDays: 730,
  snapshotsDays: 730,
  // Long enough to investigate a receiver's outage and replay what failed.
  deliveriesDays: 90,
  attemptsDays: 30,
  // A year and a quarter: a yearly review of who changed what still finds every change.
  auditDays: 455,
});

const DAY_MS = 24 * 60 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;

export interface SettingsSource {
  PUBLIC_BASE_URL?: string;
  ALERT_REPEAT_DAYS?: string;
  WEBHOOK_SECRET_OVERLAP_HOURS?: string;
  ALLOW_LOOPBACK_WEBHOOKS?: string;
  RETENTION_EVENTS_DAYS?: string;
  RETENTION_SNAPSHOTS_DAYS?: string;
  RETENTION_DELIVERIES_DAYS?: string;
  RETENTION_ATTEMPTS_DAYS?: string;
  RETENTION_AUDIT_DAYS?: string;
  FIGURE_DUE_REMIND_DAYS?: string;
}

function positive(raw: string | undefined, fallback: number): number {
  const value = Number(raw);
  return raw !== undefined && raw.trim() !== "" && Number.isFinite(value) && value > 0
    ? value
    : fallback;
}

/** A whole number of days, 0 (keep forever) included; anything else keeps the default. */
function days(raw: string | undefined, fallback: number): number {
  const value = Number(raw);
  return raw !== undefined && raw.trim() !== "" && Number.isSafeInteger(value) && value >= 0
    ? value
    : fallback;
}

export function readSettings(env: SettingsSource): MonitorSettings {
  return {
    repeatIntervalMs: positive(env.ALERT_REPEAT_DAYS, 7) * DAY_MS,
    secretOverlapMs: positive(env.WEBHOOK_SECRET_OVERLAP_HOURS, 24) * HOUR_MS,
    // Only the exact word: a typo must leave the protection on.
    allowLoopbackWebhooks: env.ALLOW_LOOPBACK_WEBHOOKS === "true",
    publicBaseUrl: env.PUBLIC_BASE_URL ?? "http://localhost:8787",
    retention: {
      eventsDays: days(env.RETENTION_EVENTS_DAYS, DEFAULT_RETENTION.eventsDays),
      snapshotsDays: days(env.RETENTION_SNAPSHOTS_DAYS, DEFAULT_RETENTION.snapshotsDays),
      deliveriesDays: days(env.RETENTION_DELIVERIES_DAYS, DEFAULT_RETENTION.deliveriesDays),
      attemptsDays: days(env.RETENTION_ATTEMPTS_DAYS, DEFAULT_RETENTION.attemptsDays),
      auditDays: days(env.RETENTION_AUDIT_DAYS, DEFAULT_RETENTION.auditDays),
    },
    figureDueRemindDays: days(env.FIGURE_DUE_REMIND_DAYS, 3),
  };
}

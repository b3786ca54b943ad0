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
}

const DAY_MS = 24 * 60 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;

export interface SettingsSource {
  PUBLIC_BASE_URL?: string;
  ALERT_REPEAT_DAYS?: string;
  WEBHOOK_SECRET_OVERLAP_HOURS?: string;
  ALLOW_LOOPBACK_WEBHOOKS?: string;
}

function positive(raw: string | undefined, fallback: number): number {
  const value = Number(raw);
  return raw !== undefined && raw.trim() !== "" && Number.isFinite(value) && value > 0
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
  };
}

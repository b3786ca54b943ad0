import type { AttemptRow, DeliveryRow, WebhookRow } from "../db/schema";
import type { DeliveryOut } from "../schemas/delivery";
import type { WebhookOut } from "../schemas/webhook";

/** A destination as the API shows it: never its secrets. */
export function webhookOut(row: WebhookRow): WebhookOut {
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    enabled: row.enabled,
    format: row.format,
    filters: {
      scopes: row.scopes,
      tags: row.tags,
      min_severity: row.minSeverity,
      event_types: row.eventTypes,
    },
    disabled_reason: row.disabledReason,
    previous_secret_expires_at: row.previousSecretExpiresAt,
    created_at: row.createdAt,
    updated_at: row.updatedAt,
  };
}

export function deliveryOut(row: DeliveryRow): DeliveryOut {
  return {
    id: row.id,
    event_id: row.eventId,
    webhook_id: row.webhookId,
    status: row.status,
    attempts: row.attempts,
    next_attempt_at: row.status === "pending" ? row.nextAttemptAt : null,
    last_attempt_at: row.lastAttemptAt,
    last_status_code: row.lastStatusCode,
    last_error: row.lastError,
    delivered_at: row.deliveredAt,
    created_at: row.createdAt,
  };
}

export function attemptOut(row: AttemptRow) {
  return {
    attempt: row.attempt,
    attempted_at: row.attemptedAt,
    status_code: row.statusCode,
    error: row.error,
    duration_ms: row.durationMs,
    response_excerpt: row.responseExcerpt,
  };
}

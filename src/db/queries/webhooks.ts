import { eq, sql } from "drizzle-orm";
import type { Db } from "../client";
import { type WebhookRow, webhooks } from "../schema";
import { type AuditedChange, auditEntries, auditIfChanged } from "./audit";

export type WebhookChanges = Partial<
  Pick<
    WebhookRow,
    "url" | "description" | "enabled" | "format" | "scopes" | "tags" | "eventTypes" | "minSeverity"
  >
>;

// Every write takes an optional `audit`: the entry (built by the route, secrets left out) is
// then written in the same batch, and only if the write changed a row.

export async function insertWebhook(db: Db, row: WebhookRow, audit?: AuditedChange): Promise<void> {
  const entries = audit ? auditEntries(db, audit.ctx, [audit.entry]) : [];
  await db.batch([db.insert(webhooks).values(row), ...entries]);
}

export function listWebhooks(db: Db): Promise<WebhookRow[]> {
  return db.select().from(webhooks).orderBy(webhooks.createdAt, webhooks.id);
}

export async function getWebhook(db: Db, id: string): Promise<WebhookRow | undefined> {
  const rows = await db.select().from(webhooks).where(eq(webhooks.id, id));
  return rows[0];
}

/** Applies the changes; enabling a destination again clears why it had been disabled. */
export async function updateWebhook(
  db: Db,
  id: string,
  changes: WebhookChanges,
  updatedAt: string,
  audit?: AuditedChange,
): Promise<WebhookRow | undefined> {
  const [rows] = await db.batch([
    db
      .update(webhooks)
      .set({ ...changes, ...(changes.enabled === true ? { disabledReason: null } : {}), updatedAt })
      .where(eq(webhooks.id, id))
      .returning(),
    ...(audit ? [auditIfChanged(db, audit.ctx, audit.entry)] : []),
  ]);
  return rows[0];
}

/** Deletes the destination with its deliveries and their attempts (the events stay). */
export async function deleteWebhook(db: Db, id: string, audit?: AuditedChange): Promise<boolean> {
  const [rows] = await db.batch([
    db.delete(webhooks).where(eq(webhooks.id, id)).returning({ id: webhooks.id }),
    ...(audit ? [auditIfChanged(db, audit.ctx, audit.entry)] : []),
  ]);
  return rows.length > 0;
}

/**
 * Replaces the secret; the current one becomes the previous one and keeps signing until
 * `previousExpiresAt`. A secret older than that (from an earlier rotation) stops at once.
 */
export async function rotateSecret(
  db: Db,
  id: string,
  secret: string,
  previousExpiresAt: string,
  updatedAt: string,
  audit?: AuditedChange,
): Promise<WebhookRow | undefined> {
  const [rows] = await db.batch([
    db
      .update(webhooks)
      .set({
        // SET reads the row as it was, so this is the secret being replaced.
        previousSecret: sql`${webhooks.secret}`,
        previousSecretExpiresAt: previousExpiresAt,
        secret,
        updatedAt,
      })
      .where(eq(webhooks.id, id))
      .returning(),
    ...(audit ? [auditIfChanged(db, audit.ctx, audit.entry)] : []),
  ]);
  return rows[0];
}

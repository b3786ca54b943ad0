import { and, eq, isNull, lt, or } from "drizzle-orm";
import type { AuditContext } from "../../lib/principal";
import type { Db } from "../client";
import { apiTokens, type TokenRow } from "../schema";
import { type AuditEntry, auditEntries, auditIfChanged } from "./audit";
import { deleteSessionsOfToken } from "./sessions";

export async function getToken(db: Db, id: string): Promise<TokenRow | undefined> {
  const rows = await db.select().from(apiTokens).where(eq(apiTokens.id, id));
  return rows[0];
}

/** The live token Cloudflare Access's identity `email` signs in as, if any. */
export async function findTokenByAccessEmail(db: Db, email: string): Promise<TokenRow | undefined> {
  const rows = await db
    .select()
    .from(apiTokens)
    .where(and(eq(apiTokens.accessEmail, email), isNull(apiTokens.revokedAt)));
  return rows[0];
}

export function listTokens(db: Db): Promise<TokenRow[]> {
  return db.select().from(apiTokens).orderBy(apiTokens.createdAt, apiTokens.id);
}

export async function insertToken(
  db: Db,
  row: TokenRow,
  audit: { ctx: AuditContext; entry: AuditEntry },
): Promise<void> {
  const [first, ...rest] = auditEntries(db, audit.ctx, [audit.entry]);
  await db.batch([db.insert(apiTokens).values(row), ...(first ? [first, ...rest] : [])]);
}

/**
 * Revokes a live token and ends its desk sessions in the same batch; returns false when it is
 * missing or already revoked.
 */
export async function revokeToken(
  db: Db,
  id: string,
  audit: { ctx: AuditContext; entry: AuditEntry },
): Promise<boolean> {
  const [revoked] = await db.batch([
    db
      .update(apiTokens)
      // The Access identity is let go, so the person can be given a new token.
      .set({ revokedAt: audit.ctx.at, accessEmail: null })
      .where(and(eq(apiTokens.id, id), isNull(apiTokens.revokedAt)))
      .returning({ id: apiTokens.id }),
    auditIfChanged(db, audit.ctx, audit.entry),
    deleteSessionsOfToken(db, id),
  ]);
  return revoked.length > 0;
}

/**
 * Records that the token was used, at most once per `staleBefore` window: the caller only calls
 * this when the stored time is older, and the condition keeps two concurrent requests from
 * both writing.
 */
export async function touchToken(
  db: Db,
  id: string,
  nowIso: string,
  staleBefore: string,
): Promise<void> {
  await db
    .update(apiTokens)
    .set({ lastUsedAt: nowIso })
    .where(
      and(
        eq(apiTokens.id, id),
        or(isNull(apiTokens.lastUsedAt), lt(apiTokens.lastUsedAt, staleBefore)),
      ),
    );
}

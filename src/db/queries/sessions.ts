// Desk sessions. A lookup reads the session and the token it acts as in one statement, so a
// revoked or expired token ends its sessions on the very next request.
import { and, eq, lt, or } from "drizzle-orm";
import type { Db } from "../client";
import { apiTokens, type SessionRow, sessions, type TokenRow } from "../schema";

/**
 * Each sign-in also sweeps out the sessions that have ended (past their absolute expiry, or
 * idle since before `idleBefore`), so the table holds the live sessions and the ones that
 * ended since the last sign-in.
 */
export async function insertSession(
  db: Db,
  row: SessionRow,
  ended: { now: string; idleBefore: string },
): Promise<void> {
  await db.batch([
    db
      .delete(sessions)
      .where(or(lt(sessions.expiresAt, ended.now), lt(sessions.lastSeenAt, ended.idleBefore))),
    db.insert(sessions).values(row),
  ]);
}

/** The session and, for a token's session, the token row; undefined when there is no session. */
export async function findSession(
  db: Db,
  idHash: string,
): Promise<{ session: SessionRow; token: TokenRow | null } | undefined> {
  const rows = await db
    .select({ session: sessions, token: apiTokens })
    .from(sessions)
    .leftJoin(apiTokens, eq(apiTokens.id, sessions.tokenId))
    .where(eq(sessions.idHash, idHash));
  return rows[0];
}

/** Moves the idle clock forward; at most once per `staleBefore` window, like touchToken. */
export async function touchSession(
  db: Db,
  idHash: string,
  now: string,
  staleBefore: string,
): Promise<void> {
  await db
    .update(sessions)
    .set({ lastSeenAt: now })
    .where(and(eq(sessions.idHash, idHash), lt(sessions.lastSeenAt, staleBefore)));
}

export async function deleteSession(db: Db, idHash: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.idHash, idHash));
}

/** For the batch that revokes a token: its sessions go with it. */
export function deleteSessionsOfToken(db: Db, tokenId: string) {
  return db.delete(sessions).where(eq(sessions.tokenId, tokenId));
}

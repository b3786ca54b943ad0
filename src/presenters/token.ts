import type { TokenRow } from "../db/schema";
import type { TokenOut } from "../schemas/token";

/** A token as the API shows it: never its hash. */
export function tokenOut(row: TokenRow): TokenOut {
  return {
    id: row.id,
    name: row.name,
    scopes: row.scopes,
    indicator_scope: row.indicatorScope,
    created_by: row.createdBy,
    created_at: row.createdAt,
    expires_at: row.expiresAt,
    last_used_at: row.lastUsedAt,
    revoked_at: row.revokedAt,
    access_email: row.accessEmail,
  };
}

// Creating and revoking API tokens, for the JSON API and the desk's token page alike. The
// caller mints the token (src/http/auth.ts); only its hash reaches the database.
import type { Db } from "../db/client";
import { getArea } from "../db/queries/areas";
import { getToken, insertToken, revokeToken } from "../db/queries/tokens";
import type { TokenRow } from "../db/schema";
import { ApiError, conflictOnConstraint } from "../lib/errors";
import { tokenOut } from "../presenters/token";
import type { TokenCreateSchema } from "../schemas/token";
import type { Writer } from "./record-actuals";

export type TokenInput = ReturnType<typeof TokenCreateSchema.parse>;

export interface MintedToken {
  id: string;
  /** The hex SHA-256 of the whole token, which is all that is stored. */
  secretHash: string;
}

export async function createToken(
  db: Db,
  input: TokenInput,
  minted: MintedToken,
  who: Writer,
): Promise<TokenRow> {
  const at = who.audit.at;
  const expiresAt = input.expires_at ? new Date(input.expires_at).toISOString() : null;
  if (expiresAt !== null && expiresAt <= at) {
    throw new ApiError("validation_failed", "Some fields are invalid.", [
      { path: "/expires_at", message: "Must be in the future." },
    ]);
  }
  // The token writes in an area's namespace, under the names an admin gave the area: an area
  // nobody defined would let the token's first indicator name it.
  if (input.indicator_scope && !(await getArea(db, input.indicator_scope))) {
    throw new ApiError(
      "unknown_scope",
      `No area '${input.indicator_scope}'; create it first with PUT /api/areas/${input.indicator_scope}.`,
      [{ path: "/indicator_scope", message: `No area '${input.indicator_scope}'.` }],
    );
  }
  const row: TokenRow = {
    id: minted.id,
    name: input.name,
    secretHash: minted.secretHash,
    scopes: input.scopes,
    indicatorScope: input.indicator_scope ?? null,
    createdBy: who.principal?.id ?? "admin",
    createdAt: at,
    expiresAt,
    lastUsedAt: null,
    revokedAt: null,
    accessEmail: input.access_email ?? null,
  };
  await insertToken(db, row, {
    ctx: who.audit,
    entry: { action: "create", entity: "token", entityId: row.id, new: tokenOut(row) },
  }).catch(
    conflictOnConstraint(
      "Another token already signs in as this e-mail; revoke it first. Nothing was written.",
    ),
  );
  return row;
}

/** Revokes a token and ends its desk sessions; revoking it again changes nothing. */
export async function revokeTokenById(db: Db, id: string, who: Writer): Promise<void> {
  const current = await getToken(db, id);
  if (!current) throw new ApiError("not_found", `No token '${id}'.`);
  if (current.revokedAt !== null) return;
  const at = who.audit.at;
  await revokeToken(db, id, {
    ctx: who.audit,
    entry: {
      action: "revoke",
      entity: "token",
      entityId: id,
      old: tokenOut(current),
      new: tokenOut({ ...current, revokedAt: at, accessEmail: null }),
    },
  });
}

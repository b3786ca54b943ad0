import { eq, sql } from "drizzle-orm";
import type { Db } from "../client";
import { meta } from "../schema";

const DATA_VERSION = "data_version";

/**
 * Follows every write statement in a batch: raises the data version only when the statement
 * just before it changed a row (SQLite's `changes()`), so readers can tell "nothing changed"
 * cheaply and a refused or repeated write leaves even the counter as it was. The version only
 * ever grows; by how much per request does not matter.
 */
export function bumpDataVersionIfChanged(db: Db) {
  // No bound parameters: drizzle's D1 batch cannot bind parameters of raw statements.
  return db.run(
    sql.raw(
      `insert into meta (key, value) select '${DATA_VERSION}', 1 where changes() > 0 on conflict(key) do update set value = value + 1`,
    ),
  );
}

export function selectDataVersion(db: Db) {
  return db.select({ value: meta.value }).from(meta).where(eq(meta.key, DATA_VERSION));
}

export async function getDataVersion(db: Db): Promise<number> {
  const rows = await selectDataVersion(db);
  return rows[0]?.value ?? 0;
}

/**
 * Fails the whole batch (a NOT NULL violation, which D1 reports as a constraint error) when the
 * statement just before it changed no row: a write that relied on what was read (a row still
 * absent, or unchanged since) and found it otherwise takes everything else in its batch with
 * it, and the caller answers 409. Put it after a statement that changed a row exactly when the
 * write did (its audit entry, or the data version bump that follows the entry).
 */
export function abortUnlessChanged(db: Db) {
  return db.run(
    sql.raw("insert into meta (key, value) select 'write_guard', null where changes() = 0"),
  );
}

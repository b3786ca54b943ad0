// D1 binds at most 100 parameters per statement. Every multi-row insert and every `IN (...)`
// list is cut to fit, here, so the limit is worked out in one place.
import { getTableColumns } from "drizzle-orm";
import type { SQLiteTable } from "drizzle-orm/sqlite-core";

export const MAX_PARAMETERS = 100;

/** Ids in one `IN (...)` list, leaving room for the statement's other parameters. */
export const IDS_PER_QUERY = 90;

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Rows of `table` per multi-row INSERT: 100 ÷ the columns each row binds. A column the rows
 * leave out (an autoincrement id) binds nothing, so the first row tells which ones count.
 */
export function rowsPerInsert<T extends SQLiteTable>(
  table: T,
  sample: T["$inferInsert"] | undefined,
): number {
  const present = Object.keys(getTableColumns(table)).filter(
    (key) => sample === undefined || key in (sample as object),
  );
  return Math.max(1, Math.floor(MAX_PARAMETERS / Math.max(1, present.length)));
}

/** `rows` cut into chunks one INSERT each can carry. */
export function insertChunks<T extends SQLiteTable>(
  table: T,
  rows: readonly T["$inferInsert"][],
): T["$inferInsert"][][] {
  return chunk(rows, rowsPerInsert(table, rows[0]));
}

/** Unique ids cut into `IN (...)` lists. */
export function idChunks<T>(ids: readonly T[]): T[][] {
  return chunk([...new Set(ids)], IDS_PER_QUERY);
}

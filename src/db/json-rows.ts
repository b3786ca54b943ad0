// Many rows in one statement: D1 binds at most 100 parameters, so large writes travel as ONE
// bound JSON parameter per chunk and SQLite's json_each unpacks them.
import { getTableColumns, type Placeholder, type SQL, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { SQLiteTable } from "drizzle-orm/sqlite-core";
import type { Db } from "./client";
import { templated } from "./templates";

export type Statement = BatchItem<"sqlite">;
type Column<T extends SQLiteTable> = (key: keyof T["$inferInsert"] & string) => SQL;

/**
 * D1 stores at most 1,000,000 bytes in one string. A chunk of rows as JSON stays under it even
 * if every character took three bytes in UTF-8 (Vietnamese text mostly takes two).
 */
const MAX_JSON_CHARS = 300_000;

/** Rows as JSON arrays of driver values (the columns' own mapping: JSON, booleans), chunked. */
export function jsonChunks<T extends SQLiteTable>(
  table: T,
  rows: readonly T["$inferInsert"][],
): string[] {
  const columns = Object.entries(getTableColumns(table));
  const chunks: string[] = [];
  let current: string[] = [];
  let size = 2;
  for (const row of rows) {
    const record = row as Record<string, unknown>;
    const cells = columns.map(([key, c]) => {
      const value = record[key];
      return value === undefined || value === null ? null : c.mapToDriverValue(value);
    });
    const json = JSON.stringify(cells);
    if (current.length > 0 && size + json.length + 1 > MAX_JSON_CHARS) {
      chunks.push(`[${current.join(",")}]`);
      current = [];
      size = 2;
    }
    current.push(json);
    size += json.length + 1;
  }
  if (current.length > 0) chunks.push(`[${current.join(",")}]`);
  return chunks;
}

/** `v.value ->> '$[i]'`: column `key` of a row of json_each over jsonChunks' arrays. */
function jsonColumn<T extends SQLiteTable>(table: T): Column<T> {
  const position = new Map(Object.keys(getTableColumns(table)).map((key, i) => [key, i]));
  return (key) => sql.raw(`(v.value ->> '$[${position.get(key)}]')`);
}

/** Where the rows go in a templated statement (src/db/templates.ts): `{ rows: json }`. */
export const ROWS = sql.placeholder("rows");

export function selectFromJson<T extends SQLiteTable>(
  table: T,
  json: string | Placeholder,
  where: SQL,
): SQL {
  const column = jsonColumn(table);
  const keys = Object.keys(getTableColumns(table)) as (keyof T["$inferInsert"] & string)[];
  const cells = keys.map((key) => column(key));
  return sql`select ${sql.join(cells, sql`, `)} from json_each(${json}) as v where ${where}`;
}

/**
 * `INSERT ... SELECT ... FROM json_each(?) AS v WHERE <guard> ON CONFLICT DO NOTHING`: inserts
 * only the rows the guard lets through, judged inside the same transaction as the writes
 * before it. The rows travel as ONE bound JSON parameter per chunk, so a statement carries
 * thousands of rows instead of the hundred parameters' worth a VALUES list allows.
 */
export function guardedInserts<T extends SQLiteTable>(
  db: Db,
  table: T,
  rows: readonly T["$inferInsert"][],
  guard: {
    /** Names the guard's SQL: the statement is built once per isolate (see ./templates.ts). */
    key: string;
    /** Every value in it a placeholder, filled from `values`. */
    where: (column: Column<T>) => SQL;
    values?: Record<string, unknown>;
  },
): Statement[] {
  const build = () =>
    db
      .insert(table)
      .select(selectFromJson(table, ROWS, guard.where(jsonColumn(table))))
      .onConflictDoNothing();
  return jsonChunks(table, rows).map((json) =>
    templated(db, `guarded-insert:${guard.key}`, build, { ...guard.values, rows: json }),
  );
}

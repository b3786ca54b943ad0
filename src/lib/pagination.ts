/**
 * A page of rows, newest first, and the cursor to the next (older) one. A full page may have
 * more behind it, so its last row is where the next page starts; a short page is the last.
 */
export function pageCursor<Row, Cursor>(
  rows: readonly Row[],
  limit: number,
  cursorOf: (row: Row) => Cursor,
): Cursor | null {
  const last = rows[rows.length - 1];
  return rows.length === limit && last !== undefined ? cursorOf(last) : null;
}

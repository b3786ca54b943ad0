import { type DrizzleD1Database, drizzle } from "drizzle-orm/d1";

// Without the relational query API (db.query.*), which nothing uses: building it reads every
// table's relations on each drizzle() call, and a request makes one for its D1 session.
export type Db = DrizzleD1Database & {
  /** The binding or session underneath: src/db/templates.ts prepares its statements on it. */
  $client: D1Database;
};

/** A binding, or a session of it (withSession) whose reads may come from a read replica. */
export function createDb(d1: D1Database | D1DatabaseSession): Db {
  // drizzle calls only prepare() and batch(), which a session has as the binding does.
  return drizzle(d1 as D1Database);
}

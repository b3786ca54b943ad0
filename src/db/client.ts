import { type DrizzleD1Database, drizzle } from "drizzle-orm/d1";
import * as schema from "./schema";

export type Db = DrizzleD1Database<typeof schema>;

/** A binding, or a session of it (withSession) whose reads may come from a read replica. */
export function createDb(d1: D1Database | D1DatabaseSession): Db {
  // drizzle calls only prepare() and batch(), which a session has as the binding does.
  return drizzle(d1 as D1Database, { schema });
}

// Statements whose SQL is built once per isolate and then only bound. Building a statement
// (drizzle walks every fragment of it and asks what kind of fragment each is) costs the isolate
// more CPU than sending the statement and reading its answer: the status batch's five
// statements took about 1.5 ms to build on every chunk of the cron and every page of the
// status, against a free plan's 10 ms per invocation. A template is built with
// `sql.placeholder(name)` wherever a value goes, so its SQL text depends only on its shape,
// which the caller names in `key`; each use fills the placeholders and prepares the text on the
// caller's own binding (a request's D1 session, the cron's binding).
import { fillPlaceholders, type Query } from "drizzle-orm";
import type { Db } from "./client";

/** What drizzle's batch and its result mapping read of a prepared statement. */
interface PreparedShape {
  getQuery(): Query;
  execute(): Promise<unknown>;
  stmt: D1PreparedStatement;
  query: Query;
}

/** A query builder with drizzle's `prepare()`, as selects, inserts, updates and deletes have. */
export interface Preparable {
  prepare(): unknown;
}

const templates = new Map<string, PreparedShape>();

/** How many templates this isolate holds: one per shape of statement, never per value. */
export function templateCount(): number {
  return templates.size;
}

/**
 * `build()`'s statement with `values` in its placeholders, built only the first time `key` is
 * asked for. `build` must put every value in a placeholder: anything else would be frozen
 * into the template. The result goes wherever the builder would (in db.batch, or awaited) and
 * answers as the builder would, mapped to the same rows.
 */
export function templated<B extends Preparable>(
  db: Db,
  key: string,
  build: () => B,
  values: Record<string, unknown>,
): B {
  let template = templates.get(key);
  if (!template) {
    template = build().prepare() as PreparedShape;
    templates.set(key, template);
  }
  const { sql, params } = template.getQuery();
  // Everything but the text, the values and the statement is the template's: the columns
  // each answer maps to, how joins are nulled, how the answer is read (all, get, run).
  const bound: PreparedShape = Object.create(template);
  bound.query = { sql, params: fillPlaceholders(params, values) };
  bound.stmt = db.$client.prepare(sql);
  // drizzle's batch calls _prepare() on each item; awaiting a builder runs its execute().
  const item = {
    _prepare: () => bound,
    // biome-ignore lint/suspicious/noThenProperty: awaited in place of the builder it stands for
    then: (ok: (value: unknown) => unknown, fail: (reason: unknown) => unknown) =>
      bound.execute().then(ok, fail),
  };
  return item as unknown as B;
}

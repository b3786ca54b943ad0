// A D1 binding that fails on purpose, the way D1 fails in production: with "Network
// connection lost" before a write reaches the database, or with "object to be reset" after it
// committed (the answer is lost, not the write). Reads pass through untouched.

/**
 * `lost-before`: Network connection lost, nothing written. `lost-after`: written, then the
 * answer lost. `killed`: the batch dies at its last statement (a statement that fails is
 * appended), which D1 rolls back whole: a run killed halfway.
 */
export type Fault = "lost-before" | "lost-after" | "killed";

const WRITE = /^\s*(insert|update|delete|replace)\b/i;

export const LOST = "D1_ERROR: Network connection lost.";
export const RESET = "D1_ERROR: Internal error in D1 DB storage caused object to be reset.";

/**
 * Wraps `target`; `faults` says what happens to each write (a batch holding a write, or a
 * single write statement), in order: the first write gets faults[0], and so on; a null entry
 * and writes past the list succeed. `writes()` counts the writes attempted.
 */
export function faultyD1(target: D1Database, faults: readonly (Fault | null)[]) {
  let writes = 0;
  const sqlOf = new WeakMap<object, string>();
  const real = new WeakMap<object, D1PreparedStatement>();

  async function run<T>(
    isWrite: boolean,
    execute: () => Promise<T>,
    killed: () => Promise<T> = execute,
  ): Promise<T> {
    if (!isWrite) return execute();
    const fault = faults[writes];
    writes += 1;
    if (fault === "lost-before") throw new Error(LOST);
    if (fault === "killed") return killed();
    const result = await execute();
    if (fault === "lost-after") throw new Error(RESET);
    return result;
  }

  const wrap = (statement: D1PreparedStatement, sql: string): D1PreparedStatement => {
    const proxy = new Proxy(statement, {
      get(t, prop) {
        if (prop === "bind") return (...values: unknown[]) => wrap(t.bind(...values), sql);
        const value: unknown = Reflect.get(t, prop, t);
        if (typeof value !== "function") return value;
        const fn = value as (...a: unknown[]) => Promise<unknown>;
        if (prop === "run" || prop === "all" || prop === "raw" || prop === "first") {
          return (...args: unknown[]) => run(WRITE.test(sql), () => fn.apply(t, args));
        }
        return fn.bind(t);
      },
    });
    sqlOf.set(proxy, sql);
    real.set(proxy, statement);
    return proxy;
  };

  // A D1 session (withSession) fails the same way: it is wrapped by the same handler.
  const handler: ProxyHandler<D1Database> = {
    get(t, prop) {
      if (prop === "withSession") {
        return (bookmark?: string) =>
          new Proxy(t.withSession(bookmark) as unknown as D1Database, handler);
      }
      if (prop === "prepare") return (sql: string) => wrap(t.prepare(sql), sql);
      if (prop === "batch") {
        return (statements: D1PreparedStatement[]) =>
          run(
            statements.some((s) => WRITE.test(sqlOf.get(s) ?? "")),
            () => t.batch(statements.map((s) => real.get(s) ?? s)),
            () =>
              t.batch([
                ...statements.map((s) => real.get(s) ?? s),
                t.prepare("select * from no_such_table"),
              ]),
          );
      }
      const value: unknown = Reflect.get(t, prop, t);
      return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(t) : value;
    },
  };
  const db = new Proxy(target, handler);
  return { db, writes: () => writes };
}

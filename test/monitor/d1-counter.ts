// Counts D1 round trips: every batch() is one, and so is every single statement executed on
// its own (all/run/raw/first). Wraps the binding without changing what it does.

const EXECUTE = new Set(["all", "run", "raw", "first"]);

export function countingD1(target: D1Database): { db: D1Database; count: () => number } {
  let count = 0;
  const real = new WeakMap<object, D1PreparedStatement>();
  const wrap = (statement: D1PreparedStatement): D1PreparedStatement => {
    const proxy = new Proxy(statement, {
      get(t, prop) {
        if (prop === "bind") {
          return (...values: unknown[]) => wrap(t.bind(...values));
        }
        const value: unknown = Reflect.get(t, prop, t);
        if (typeof value !== "function") return value;
        if (typeof prop === "string" && EXECUTE.has(prop)) {
          return (...args: unknown[]) => {
            count += 1;
            return (value as (...a: unknown[]) => unknown).apply(t, args);
          };
        }
        return (value as (...a: unknown[]) => unknown).bind(t);
      },
    });
    real.set(proxy, statement);
    return proxy;
  };
  // A D1 session (withSession) counts the same way: it is wrapped by the same handler.
  const handler: ProxyHandler<D1Database> = {
    get(t, prop) {
      if (prop === "withSession") {
        return (bookmark?: string) =>
          new Proxy(t.withSession(bookmark) as unknown as D1Database, handler);
      }
      if (prop === "prepare") return (query: string) => wrap(t.prepare(query));
      if (prop === "batch") {
        return (statements: D1PreparedStatement[]) => {
          count += 1;
          return t.batch(statements.map((s) => real.get(s) ?? s));
        };
      }
      const value: unknown = Reflect.get(t, prop, t);
      return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(t) : value;
    },
  };
  const db = new Proxy(target, handler);
  return { db, count: () => count };
}

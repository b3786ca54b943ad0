// The benchmark's entry Worker. It runs in workerd next to the deploy bundle (copied beside it
// as ./index.js) and calls the real `fetch` and `scheduled` handlers, with `env.DB` wrapped so
// every D1 round trip is counted and timed. It adds routes of its own:
//
//   GET /__bench/data-floor?as_of=   the data floor: ONE raw SELECT of the rows the status
//                                    needs (each plan, its indicator, the figure it is judged
//                                    on, the prior-year figure, a history window), serialized
//                                    with JSON.stringify. Same isolate, same wrapped binding and
//                                    same HTTP path as /api/status.
//                                    &variant=window picks the figures with window functions
//                                    instead: an independent check, not a floor.
//   GET /__bench/last-run            the counters of the last scheduled run.
//   GET /__bench/last-sql            the SQL of each round trip of the last request or run.
//
// Every other response gets x-bench-* headers: round trips, statements, time awaiting D1, SQL
// time inside D1 (meta.duration) and rows read, for that request only.
import worker from "./index.js";

const EXECUTE = new Set(["all", "run", "raw", "first"]);

function newCounter() {
  return {
    roundTrips: 0,
    statements: 0,
    d1Ms: 0,
    sqlMs: 0,
    rowsRead: 0,
    rowsWritten: 0,
    // The SQL of each round trip, kept for the last request only (GET /__bench/last-sql).
    trips: [],
  };
}

function addMeta(counter, result) {
  const meta = result && typeof result === "object" ? result.meta : undefined;
  if (!meta) return;
  counter.sqlMs += Number(meta.duration ?? 0);
  counter.rowsRead += Number(meta.rows_read ?? 0);
  counter.rowsWritten += Number(meta.rows_written ?? 0);
}

async function timed(counter, sql, call) {
  counter.roundTrips += 1;
  counter.statements += sql.length;
  counter.trips.push(sql);
  const started = performance.now();
  try {
    return await call();
  } finally {
    counter.d1Ms += performance.now() - started;
  }
}

/**
 * The same rule as test/monitor/d1-counter.ts: a batch is one round trip, and so is every
 * statement executed on its own. Nothing else about the binding changes.
 */
function countingD1(target, counter) {
  const real = new WeakMap();
  const sqlOf = new WeakMap();
  const wrap = (statement, sql) => {
    const proxy = new Proxy(statement, {
      get(t, prop) {
        if (prop === "bind") return (...values) => wrap(t.bind(...values), sql);
        const value = Reflect.get(t, prop, t);
        if (typeof value !== "function") return value;
        if (typeof prop === "string" && EXECUTE.has(prop)) {
          return (...args) =>
            timed(counter, [sql], async () => {
              const result = await value.apply(t, args);
              addMeta(counter, result);
              return result;
            });
        }
        return value.bind(t);
      },
    });
    real.set(proxy, statement);
    sqlOf.set(proxy, sql);
    return proxy;
  };
  // A D1 session (withSession) is counted the same way: it is wrapped by the same handler.
  const handler = {
    get(t, prop) {
      if (prop === "withSession") return (bookmark) => new Proxy(t.withSession(bookmark), handler);
      if (prop === "prepare") return (query) => wrap(t.prepare(query), query);
      if (prop === "batch") {
        return (statements) =>
          timed(
            counter,
            statements.map((s) => sqlOf.get(s) ?? "?"),
            async () => {
              const results = await t.batch(statements.map((s) => real.get(s) ?? s));
              for (const result of results) addMeta(counter, result);
              return results;
            },
          );
      }
      if (prop === "exec") {
        return (query) => timed(counter, [query], () => t.exec(query));
      }
      const value = Reflect.get(t, prop, t);
      return typeof value === "function" ? value.bind(t) : value;
    },
  };
  return new Proxy(target, handler);
}

// Every column of the three tables, prefixed so that no name collides in one flat row.
const PLAN_COLUMNS = [
  "id",
  "indicator_id",
  "revision",
  "title",
  "period_start",
  "period_end",
  "target",
  "comparator",
  "phasing",
  "thresholds",
  "baseline_value",
  "baseline_date",
  "source",
  "note",
  "created_at",
  "updated_at",
];
const INDICATOR_COLUMNS = [
  "id",
  "name",
  "name_vi",
  "scope",
  "unit",
  "measure",
  "cadence",
  "tags",
  "description",
  "source",
  "created_at",
  "updated_at",
];
const ACTUAL_COLUMNS = [
  "id",
  "indicator_id",
  "period_start",
  "period_end",
  "value",
  "status",
  "reported_at",
  "source",
  "reported_attainment",
  "reported_yoy",
  "note",
  "created_at",
];
const select = (alias, prefix, columns) =>
  columns.map((c) => `${alias}.${c} as ${prefix}${c}`).join(", ");

// The indicator's area names and level, which the status shows with it.
const FLOOR_COLUMNS = `${select("p", "plan_", PLAN_COLUMNS)},
  ${select("i", "indicator_", INDICATOR_COLUMNS)},
  ar.name as indicator_scope_name, ar.name_vi as indicator_scope_name_vi,
  ar.level as indicator_scope_level,
  ${select("a", "actual_", ACTUAL_COLUMNS)}`;
const FLOOR_ORDER = "order by i.scope, i.id, p.period_start, p.id";

/** The latest vintage of the period a plan is judged on, as src/db/queries/status.ts picks it. */
const latestFigure = (startsWithPlan) => `(
  select c.id from actuals c
  where c.indicator_id = p.indicator_id
    ${startsWithPlan ? "and c.period_start = p.period_start" : ""}
    and c.period_end between p.period_start and p.period_end
    and c.reported_at <= ?1
  order by c.period_end desc, c.reported_at desc, c.id desc
  limit 1)`;

/** The same date a year earlier, month ends kept as month ends, as src/db/queries/plan-rows.ts. */
const oneYearEarlier = (
  date,
) => `(case when date(${date}, '+1 day') = date(${date}, '+1 day', 'start of month')
  then date(${date}, 'start of month', '-1 year', '+1 month', '-1 day') else date(${date}, '-1 year') end)`;

/** The latest vintage of the same period one year before the picked figure. */
const priorFigure = `(
  select c.id from actuals c
  where c.indicator_id = a.indicator_id
    and c.period_start = ${oneYearEarlier("a.period_start")}
    and c.period_end = ${oneYearEarlier("a.period_end")}
    and c.reported_at <= ?1
  order by c.reported_at desc, c.id desc
  limit 1)`;

/** A history-phased plan's window: every column of each figure, as one JSON array. */
const historyWindow = `(case when json_extract(p.phasing, '$.kind') = 'history' and i.measure = 'flow' then (
  select json_group_array(json_array(${ACTUAL_COLUMNS.map((c) => `h.${c}`).join(", ")}))
  from actuals h
  where h.indicator_id = p.indicator_id
    and h.period_start >= date(p.period_start, 'start of year', '-4 years')
    and h.period_end < date(p.period_start, 'start of year')
    and h.reported_at <= ?1) end) as history`;

/**
 * The data floor: the rows GET /api/status reads, in ONE statement (each plan, its indicator,
 * the figure it is judged on, that figure's prior-year figure and a history-phased plan's
 * window, every column), in the order the status lists them.
 */
const DATA_FLOOR_SQL = `
select ${FLOOR_COLUMNS}, ${select("y", "prior_", ACTUAL_COLUMNS)}, ${historyWindow}
from plans p
join indicators i on i.id = p.indicator_id
join areas ar on ar.id = i.scope
left join actuals a on a.id = (case when i.measure = 'level'
  then ${latestFigure(false)} else ${latestFigure(true)} end)
left join actuals y on i.measure <> 'rate' and y.id = ${priorFigure}
${FLOOR_ORDER}`;

/**
 * The same rows picked another way, with window functions (latest vintage per period, then the
 * period the engine uses): an independent check of the pick, never timed.
 */
const WINDOW_PICKS_SQL = `
with candidates as (
  select a.id as actual_id, p.id as plan_id, a.period_end, a.reported_at,
    row_number() over (partition by p.id, a.period_start, a.period_end
                       order by a.reported_at desc, a.id desc) as vintage_rank
  from plans p
  join indicators i on i.id = p.indicator_id
  join actuals a on a.indicator_id = p.indicator_id
    and a.period_end between p.period_start and p.period_end
    and (i.measure = 'level' or a.period_start = p.period_start)
    and a.reported_at <= ?1
),
picked as (
  select actual_id, plan_id,
    row_number() over (partition by plan_id
                       order by period_end desc, reported_at desc, actual_id desc) as pick
  from candidates where vintage_rank = 1
)
select ${FLOOR_COLUMNS}
from plans p
join indicators i on i.id = p.indicator_id
join areas ar on ar.id = i.scope
left join picked k on k.plan_id = p.id and k.pick = 1
left join actuals a on a.id = k.actual_id
${FLOOR_ORDER}`;

function withCounters(response, counter, workerMs) {
  const out = new Response(response.body, response);
  out.headers.set("x-bench-d1-round-trips", String(counter.roundTrips));
  out.headers.set("x-bench-d1-statements", String(counter.statements));
  out.headers.set("x-bench-d1-ms", counter.d1Ms.toFixed(3));
  out.headers.set("x-bench-sql-ms", counter.sqlMs.toFixed(3));
  out.headers.set("x-bench-rows-read", String(counter.rowsRead));
  out.headers.set("x-bench-worker-ms", workerMs.toFixed(3));
  return out;
}

let lastRun = null;
const CRON_OF_BARE = (cron) => cron.slice("bare ".length);
let lastTrips = [];

export default {
  async fetch(request, env, ctx) {
    const url = new URL(request.url);
    if (url.pathname === "/__bench/last-run") return Response.json(lastRun);
    if (url.pathname === "/__bench/last-sql") return Response.json(lastTrips);
    const counter = newCounter();
    const db = countingD1(env.DB, counter);
    const started = performance.now();
    let response;
    if (url.pathname === "/__bench/data-floor") {
      const asOf = url.searchParams.get("as_of") ?? new Date().toISOString().slice(0, 10);
      const query =
        url.searchParams.get("variant") === "window" ? WINDOW_PICKS_SQL : DATA_FLOOR_SQL;
      const { results } = await db.prepare(query).bind(asOf).all();
      response = new Response(JSON.stringify(results), {
        headers: { "content-type": "application/json" },
      });
    } else {
      response = await worker.fetch(request, { ...env, DB: db }, ctx);
    }
    lastTrips = counter.trips;
    return withCounters(response, counter, performance.now() - started);
  },

  async scheduled(controller, env, ctx) {
    // A run to time: the real handler on the real binding, with no counting wrapper in between
    // (its own CPU would be counted as the Worker's). The cron expression says which run it is.
    if (controller.cron.startsWith("bare ")) {
      await worker.scheduled(
        { scheduledTime: controller.scheduledTime, cron: CRON_OF_BARE(controller.cron) },
        env,
        ctx,
      );
      return;
    }
    const counter = newCounter();
    const started = performance.now();
    let error = null;
    try {
      await worker.scheduled(controller, { ...env, DB: countingD1(env.DB, counter) }, ctx);
    } catch (err) {
      error = String(err?.stack ?? err);
    }
    const { trips, ...counts } = counter;
    lastTrips = trips;
    lastRun = { ...counts, workerMs: performance.now() - started, error };
    if (error) throw new Error(error);
  },
};

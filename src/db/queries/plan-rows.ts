import { and, eq, getTableColumns, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { HISTORY_WINDOW_YEARS } from "../../domain/history-phasing";
import type { Db } from "../client";
import type { ActualRow, IndicatorRow, PlanRow } from "../schema";
import { actuals, indicators, plans } from "../schema";
import { type Preparable, templated } from "../templates";
import { selectIndicators } from "./indicators";
import { selectDataVersion } from "./meta";

export interface PlanRowFilter {
  scope?: string;
  tag?: string;
  /** Only plans on indicators of this concept (the same measure in many areas). */
  concept?: string;
  planId?: string;
  /** Only these plans (a chunk of the cron's work): read by primary key, not by scanning. */
  planIds?: readonly string[];
  /** Only figures reported on or before this date count. */
  asOf: string;
}

/** What the engine reads of the prior-year figure. */
export type PriorFigure = Pick<
  ActualRow,
  | "id"
  | "periodStart"
  | "periodEnd"
  | "value"
  | "status"
  | "reportedAt"
  | "reportedAttainment"
  | "reportedYoy"
>;

/** A plan with its indicator, the one figure it is judged on, and what that figure is read against. */
export interface PlanFigureRow {
  plan: PlanRow;
  indicator: IndicatorRow;
  actual: ActualRow | null;
  /** The same period one year before `actual` (year on year): its latest vintage by asOf. */
  prior: PriorFigure | null;
  /**
   * Plans phased by `history`: the indicator's figures in the window before the plan starts
   * (every vintage reported by asOf). Empty for every other plan.
   */
  history: ActualRow[];
}

/**
 * A window of plans in the order of their ids: those after `after` (all when null), at most
 * `limit`. A key, not an offset, so a plan added or removed meanwhile never shifts another
 * plan onto a second page or off every page.
 */
export interface PlanWindow {
  after: string | null;
  limit: number;
}

export interface PlanRows {
  dataVersion: number;
  rows: PlanFigureRow[];
}

/**
 * Every value of a status read goes into a placeholder of this name (see ../templates.ts): the
 * SQL text then depends only on which filters are set, and is built once per isolate.
 */
const value = (name: keyof PlanRowValues) => sql.placeholder(name);

type PlanRowValues = {
  scope: string | undefined;
  tag: string | undefined;
  concept: string | undefined;
  planId: string | undefined;
  planIds: string | undefined;
  asOf: string;
  after: string | null | undefined;
  limit: number | undefined;
};

function planFilter(filter: PlanRowFilter): SQL | undefined {
  const conditions: SQL[] = [];
  if (filter.scope) conditions.push(eq(indicators.scope, value("scope")));
  if (filter.planId) conditions.push(eq(plans.id, value("planId")));
  if (filter.planIds) conditions.push(planIdIn());
  if (filter.concept) conditions.push(eq(indicators.concept, value("concept")));
  if (filter.tag) {
    conditions.push(
      sql`exists (select 1 from json_each(${indicators.tags}) where value = ${value("tag")})`,
    );
  }
  return conditions.length ? and(...conditions) : undefined;
}

/**
 * The filter narrowed to a window of plans. Every statement of the status batch repeats the
 * same subquery, and a batch reads one snapshot, so all of them see the same plans. The
 * subquery walks the plans' primary key and stops after `limit` rows.
 */
function inWindow(where: SQL | undefined, window: PlanWindow | undefined): SQL | undefined {
  if (!window) return undefined;
  // Inside the subquery "plans" and "indicators" name its own tables, so the filter's
  // conditions apply to the plans it lists, as in planQuery below. Without a filter it is a
  // plain walk of the primary key that stops after `limit` rows: asking "is its indicator
  // among all indicators" would make SQLite read every plan to sort them by id.
  const conditions = and(
    where
      ? sql`${plans.indicatorId} in (select ${indicators.id} from ${indicators} where ${where})`
      : undefined,
    window.after === null ? undefined : sql`${plans.id} > ${value("after")}`,
  );
  return sql`${plans.id} in (select ${plans.id} from ${plans}
    ${conditions ? sql`where ${conditions}` : sql``}
    order by ${plans.id} limit ${value("limit")})`;
}

function planIdIn(): SQL {
  return sql`${plans.id} in (select value from json_each(${value("planIds")}))`;
}

/** The prior-year figure from the JSON array the status query selects it as. */
function priorFigure(json: string | null): PriorFigure | null {
  if (json === null) return null;
  const [id, periodStart, periodEnd, value, status, reportedAt, reportedAttainment, reportedYoy] =
    JSON.parse(json) as [
      number,
      string,
      string,
      number,
      PriorFigure["status"],
      string,
      number | null,
      number | null,
    ];
  return {
    id,
    periodStart,
    periodEnd,
    value,
    status,
    reportedAt,
    reportedAttainment,
    reportedYoy,
  };
}

/**
 * The same date one year earlier, in SQL, by year-on-year.ts's rule: a month end stays a month
 * end (2024-02-29 → 2023-02-28, 2025-02-28 → 2024-02-29), any other day keeps its number.
 */
function oneYearEarlier(date: SQL): SQL {
  return sql`case when date(${date}, '+1 day') = date(${date}, '+1 day', 'start of month')
    then date(${date}, 'start of month', '-1 year', '+1 month', '-1 day')
    else date(${date}, '-1 year') end`;
}

/** The order of a whole status answer: by area, indicator, period start, plan. */
export function byAreaIndicatorPeriod(a: PlanFigureRow, b: PlanFigureRow): number {
  return (
    a.indicator.scope.localeCompare(b.indicator.scope) ||
    a.indicator.id.localeCompare(b.indicator.id) ||
    a.plan.periodStart.localeCompare(b.plan.periodStart) ||
    a.plan.id.localeCompare(b.plan.id)
  );
}

/** The order of a window: SQLite's own, plan ids being ASCII slugs (SlugSchema). */
function byPlanId(a: PlanFigureRow, b: PlanFigureRow): number {
  return a.plan.id < b.plan.id ? -1 : a.plan.id > b.plan.id ? 1 : 0;
}

/**
 * Everything an evaluation of many plans needs in ONE D1 round trip, whatever the number of plans: the plans
 * with their indicators, the single figure each plan is evaluated on, the prior-year figure it
 * is compared with, the history a seasonal plan is phased by, and the data version.
 *
 * The figure is chosen in SQL so that only one row per plan crosses the wire: the latest
 * vintage of the period the engine would pick (flow and rate measures count from the plan's
 * start; levels take the latest period inside the plan, and of two ending the same day the
 * later vintage). Ordering the candidates by (period end, reported at, id), all descending,
 * and taking the first gives exactly that: the first row is the latest vintage of its own
 * period, and its period ends last. For flow and rate plans that order is the order of
 * actuals_period_idx, so each plan costs one short index walk; a window function over every
 * candidate read about 17 times as many rows and took about 10 times as long at 10,000 plans
 * (docs/benchmarks.md).
 * The engine applies the same rule again to what it receives, so it stays the authority.
 */
export async function loadPlanRows(
  db: Db,
  filter: PlanRowFilter,
  window?: PlanWindow,
): Promise<PlanRows> {
  const batch = planRowsBatch(db, filter, window);
  return batch.rows(await db.batch(batch.statements));
}

/**
 * loadPlanRows in two halves, for a caller that sends the statements in a batch of its own
 * (the cron's chunk reads them with the monitor's state, in one round trip): the five
 * statements, and what makes the rows of their answers.
 */
export function planRowsBatch(db: Db, filter: PlanRowFilter, window?: PlanWindow) {
  // The statements' shape: which filters are set, and whether the window starts after a plan.
  const shape = [
    "plan-rows",
    ...(["scope", "tag", "concept", "planId", "planIds"] as const).map((k) =>
      filter[k] ? k : "-",
    ),
    window ? (window.after === null ? "first" : "after") : "all",
  ].join(":");
  const values: PlanRowValues = {
    scope: filter.scope,
    tag: filter.tag,
    concept: filter.concept,
    planId: filter.planId,
    planIds: filter.planIds ? JSON.stringify(filter.planIds) : undefined,
    asOf: filter.asOf,
    after: window?.after,
    limit: window?.limit,
  };
  const t = <B extends Preparable>(name: string, build: () => B) =>
    templated(db, `${shape}:${name}`, build, values);
  // Built only when this isolate has not seen the shape yet.
  let built: Statements | undefined;
  const statements = () => {
    built ??= planRowStatements(db, filter, window);
    return built;
  };
  return {
    statements: [
      t("plans", () => statements().planQuery),
      t("indicators", () => statements().indicatorQuery),
      t("actuals", () => statements().actualQuery),
      t("history", () => statements().historyQuery),
      templated(db, "data-version", () => selectDataVersion(db), {}),
    ] as const,
    rows: ([planRows, indicatorRows, actualRows, historyRows, version]: readonly [
      Answer<"planQuery">,
      Answer<"indicatorQuery">,
      Answer<"actualQuery">,
      Answer<"historyQuery">,
      { value: number }[],
    ]): PlanRows => planRowsFrom(planRows, indicatorRows, actualRows, historyRows, version, window),
  };
}

/** The status batch's statements for a filter's shape, every value in a placeholder. */
function planRowStatements(db: Db, filter: PlanRowFilter, window?: PlanWindow) {
  const where = planFilter(filter);
  // At the top of each statement, so SQLite looks the window's plans up by key.
  const page = inWindow(where, window);
  // Plans and indicators come in two plain queries joined here: a SQL join would return two
  // columns named `id`, and D1's batch results (objects keyed by column name) keep only one.
  const planQuery = db
    .select()
    .from(plans)
    .where(
      filter.planIds
        ? // A chunk's plans by their key. Inside the subquery the key would make it correlated:
          // a scan of every indicator for each plan of the chunk.
          and(
            planIdIn(),
            // Without a scope or tag there is nothing to check: the subquery would list every
            // indicator for each chunk.
            filter.scope || filter.tag || filter.planId || filter.concept
              ? sql`${plans.indicatorId} in (select ${indicators.id} from ${indicators} where ${planFilter({ ...filter, planIds: undefined }) ?? sql`1`})`
              : undefined,
            page,
          )
        : and(
            // Every plan's indicator exists (a foreign key), so without a filter there is nothing
            // to ask of the indicators.
            where
              ? sql`${plans.indicatorId} in (select ${indicators.id} from ${indicators} where ${where})`
              : undefined,
            page,
          ),
    )
    .orderBy(plans.indicatorId, plans.periodStart, plans.id);
  const indicatorQuery = selectIndicators(
    db,
    sql`${indicators.id} in (select ${plans.indicatorId} from ${plans} where ${and(where, page) ?? sql`1`})`,
  );

  const candidate = alias(actuals, "candidate");
  const latestFigure = (startsWithPlan: boolean) => sql`(
    select ${candidate.id} from ${actuals} ${sql.identifier("candidate")}
    where ${candidate.indicatorId} = ${plans.indicatorId}
      ${startsWithPlan ? sql`and ${candidate.periodStart} = ${plans.periodStart}` : sql``}
      and ${candidate.periodEnd} between ${plans.periodStart} and ${plans.periodEnd}
      and ${candidate.reportedAt} <= ${value("asOf")}
    order by ${candidate.periodEnd} desc, ${candidate.reportedAt} desc, ${candidate.id} desc
    limit 1)`;
  const pickedId = sql`case when ${indicators.measure} = 'level' then ${latestFigure(false)} else ${latestFigure(true)} end`;
  // The figure for the same period one year before the picked one, as the engine finds it:
  // both ends shifted, its latest vintage by asOf. Read in the same statement as the picked
  // figure, so the pick's index walk is not done twice: one more index lookup per plan on
  // actuals_period_idx. Rates have none.
  const prior = alias(actuals, "prior");
  const priorId = sql`(
    select ${candidate.id} from ${actuals} ${sql.identifier("candidate")}
    where ${candidate.indicatorId} = ${actuals.indicatorId}
      and ${candidate.periodStart} = ${oneYearEarlier(sql`${actuals.periodStart}`)}
      and ${candidate.periodEnd} = ${oneYearEarlier(sql`${actuals.periodEnd}`)}
      and ${candidate.reportedAt} <= ${value("asOf")}
    order by ${candidate.reportedAt} desc, ${candidate.id} desc
    limit 1)`;
  // The prior-year figure travels as ONE JSON column: its columns would collide with the picked
  // figure's in D1's batch results (objects keyed by column name), and drizzle maps a computed
  // column per row far more slowly than a table's (about 10 ms more at 1,000 plans for eight).
  // D1's SQLite writes a REAL into JSON with 17 significant digits, so values come back exact.
  const priorJson = sql<string | null>`case when ${prior.id} is null then null else json_array(
    ${prior.id}, ${prior.periodStart}, ${prior.periodEnd}, ${prior.value}, ${prior.status},
    ${prior.reportedAt}, ${prior.reportedAttainment}, ${prior.reportedYoy}) end`;
  const actualQuery = db
    .select({
      planId: sql<string>`${plans.id}`.as("picked_plan_id"),
      actual: actuals,
      prior: priorJson.as("prior_figure"),
    })
    .from(plans)
    .innerJoin(indicators, eq(indicators.id, plans.indicatorId))
    .innerJoin(actuals, sql`${actuals.id} = ${pickedId}`)
    .leftJoin(prior, and(sql`${indicators.measure} <> 'rate'`, sql`${prior.id} = ${priorId}`))
    .where(and(where, page));

  // A seasonal plan's history: its indicator's figures in the calendar years the engine reads
  // (HISTORY_WINDOW_YEARS before the year the plan starts). Driven from the plans, so only
  // indicators with such a plan are read. Both ends of period_start bound the index range. Two
  // plans of one indicator share figures, which are kept once below: a DISTINCT here would read
  // about thirty times as many rows (D1's rows_read, 1,000 plans of the benchmark's data).
  const windowStart = `-${HISTORY_WINDOW_YEARS} years`;
  const historyQuery = db
    .select(getTableColumns(actuals))
    .from(plans)
    .innerJoin(indicators, eq(indicators.id, plans.indicatorId))
    .innerJoin(
      actuals,
      and(
        eq(actuals.indicatorId, plans.indicatorId),
        sql`${actuals.periodStart} >= date(${plans.periodStart}, 'start of year', ${windowStart})`,
        sql`${actuals.periodStart} < date(${plans.periodStart}, 'start of year')`,
        sql`${actuals.periodEnd} < date(${plans.periodStart}, 'start of year')`,
        sql`${actuals.reportedAt} <= ${value("asOf")}`,
      ),
    )
    .where(
      and(
        sql`json_extract(${plans.phasing}, '$.kind') = 'history'`,
        eq(indicators.measure, "flow"),
        where,
        page,
      ),
    );

  return { planQuery, indicatorQuery, actualQuery, historyQuery };
}

type Statements = ReturnType<typeof planRowStatements>;
type Answer<K extends keyof Statements> = Awaited<Statements[K]>;

/** The rows of the status batch, joined: each plan with its indicator and its figures. */
function planRowsFrom(
  planRows: Answer<"planQuery">,
  indicatorRows: Answer<"indicatorQuery">,
  actualRows: Answer<"actualQuery">,
  historyRows: Answer<"historyQuery">,
  version: { value: number }[],
  window: PlanWindow | undefined,
): PlanRows {
  const indicatorById = new Map(indicatorRows.map((i) => [i.id, i]));
  const actualByPlan = new Map(actualRows.map(({ planId, actual }) => [planId, actual]));
  const priorByPlan = new Map(actualRows.map(({ planId, prior }) => [planId, priorFigure(prior)]));
  const historyByIndicator = new Map<string, Map<number, ActualRow>>();
  for (const row of historyRows) {
    const byId = historyByIndicator.get(row.indicatorId) ?? new Map<number, ActualRow>();
    byId.set(row.id, row);
    historyByIndicator.set(row.indicatorId, byId);
  }
  const rows: PlanRows["rows"] = [];
  for (const plan of planRows) {
    const indicator = indicatorById.get(plan.indicatorId);
    if (!indicator) continue;
    rows.push({
      plan,
      indicator,
      actual: actualByPlan.get(plan.id) ?? null,
      prior: priorByPlan.get(plan.id) ?? null,
      history:
        plan.phasing.kind === "history"
          ? [...(historyByIndicator.get(indicator.id)?.values() ?? [])]
          : [],
    });
  }
  // A window lists its plans in the order it took them, by id; a whole answer by area.
  rows.sort(window ? byPlanId : byAreaIndicatorPeriod);
  return { dataVersion: version[0]?.value ?? 0, rows };
}

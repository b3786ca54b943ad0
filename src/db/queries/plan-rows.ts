import { and, eq, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import type { Db } from "../client";
import type { ActualRow, IndicatorRow, PlanRow } from "../schema";
import { actuals, indicators, plans } from "../schema";
import { selectIndicators } from "./indicators";
import { selectDataVersion } from "./meta";

export interface PlanRowFilter {
  scope?: string;
  tag?: string;
  planId?: string;
  /** Only figures reported on or before this date count. */
  asOf: string;
}

/** A plan with its indicator and the one figure it is judged on. */
export interface PlanFigureRow {
  plan: PlanRow;
  indicator: IndicatorRow;
  actual: ActualRow | null;
}

export interface PlanRows {
  dataVersion: number;
  rows: PlanFigureRow[];
}

function planFilter(filter: PlanRowFilter): SQL | undefined {
  const conditions: SQL[] = [];
  if (filter.scope) conditions.push(eq(indicators.scope, filter.scope));
  if (filter.planId) conditions.push(eq(plans.id, filter.planId));
  if (filter.tag) {
    conditions.push(
      sql`exists (select 1 from json_each(${indicators.tags}) where value = ${filter.tag})`,
    );
  }
  return conditions.length ? and(...conditions) : undefined;
}

/**
 * Everything an evaluation of many plans needs in ONE D1 round trip, whatever the number of plans: the plans
 * with their indicators, the single figure each plan is evaluated on, and the data version.
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
export async function loadPlanRows(db: Db, filter: PlanRowFilter): Promise<PlanRows> {
  const where = planFilter(filter);
  // Plans and indicators come in two plain queries joined here: a SQL join would return two
  // columns named `id`, and D1's batch results (objects keyed by column name) keep only one.
  const planQuery = db
    .select()
    .from(plans)
    .where(
      sql`${plans.indicatorId} in (select ${indicators.id} from ${indicators} where ${where ?? sql`1`})`,
    )
    .orderBy(plans.indicatorId, plans.periodStart, plans.id);
  const indicatorQuery = selectIndicators(
    db,
    sql`${indicators.id} in (select ${plans.indicatorId} from ${plans} where ${where ?? sql`1`})`,
  );

  const candidate = alias(actuals, "candidate");
  const latestFigure = (startsWithPlan: boolean) => sql`(
    select ${candidate.id} from ${actuals} ${sql.identifier("candidate")}
    where ${candidate.indicatorId} = ${plans.indicatorId}
      ${startsWithPlan ? sql`and ${candidate.periodStart} = ${plans.periodStart}` : sql``}
      and ${candidate.periodEnd} between ${plans.periodStart} and ${plans.periodEnd}
      and ${candidate.reportedAt} <= ${filter.asOf}
    order by ${candidate.periodEnd} desc, ${candidate.reportedAt} desc, ${candidate.id} desc
    limit 1)`;
  const pickedId = sql`case when ${indicators.measure} = 'level' then ${latestFigure(false)} else ${latestFigure(true)} end`;
  const actualQuery = db
    // Aliased: a second column named `id` would be lost in D1's batch results.
    .select({ planId: sql<string>`${plans.id}`.as("picked_plan_id"), actual: actuals })
    .from(plans)
    .innerJoin(indicators, eq(indicators.id, plans.indicatorId))
    .innerJoin(actuals, sql`${actuals.id} = ${pickedId}`)
    .where(where);

  const [planRows, indicatorRows, actualRows, version] = await db.batch([
    planQuery,
    indicatorQuery,
    actualQuery,
    selectDataVersion(db),
  ]);
  const indicatorById = new Map(indicatorRows.map((i) => [i.id, i]));
  const actualByPlan = new Map(actualRows.map(({ planId, actual }) => [planId, actual]));
  const rows: PlanRows["rows"] = [];
  for (const plan of planRows) {
    const indicator = indicatorById.get(plan.indicatorId);
    if (indicator) rows.push({ plan, indicator, actual: actualByPlan.get(plan.id) ?? null });
  }
  rows.sort(
    (a, b) =>
      a.indicator.scope.localeCompare(b.indicator.scope) ||
      a.indicator.id.localeCompare(b.indicator.id) ||
      a.plan.periodStart.localeCompare(b.plan.periodStart) ||
      a.plan.id.localeCompare(b.plan.id),
  );
  return { dataVersion: version[0]?.value ?? 0, rows };
}

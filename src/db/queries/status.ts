import { and, eq, lte, type SQL, sql } from "drizzle-orm";
import type { Db } from "../client";
import type { ActualRow, IndicatorRow, PlanRow } from "../mappers";
import { actuals, indicators, plans } from "../schema";
import { selectDataVersion } from "./meta";

export interface StatusFilter {
  scope?: string;
  tag?: string;
  planId?: string;
  /** Only figures reported on or before this date count. */
  asOf: string;
}

export interface StatusRows {
  dataVersion: number;
  rows: { plan: PlanRow; indicator: IndicatorRow; actual: ActualRow | null }[];
}

function planFilter(filter: StatusFilter): SQL | undefined {
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
 * Everything the status needs in ONE D1 round trip, whatever the number of plans: the plans
 * with their indicators, the single figure each plan is evaluated on, and the data version.
 *
 * The figure is chosen in SQL so that only one row per plan crosses the wire: for each
 * reporting period the latest vintage, then the period the engine would pick (flow and rate
 * measures count from the plan's start; levels take the latest period inside the plan, and
 * of two ending the same day the later vintage).
 * The engine applies the same rule again to what it receives, so it stays the authority.
 */
export async function loadStatusRows(db: Db, filter: StatusFilter): Promise<StatusRows> {
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
  const indicatorQuery = db
    .select()
    .from(indicators)
    .where(
      sql`${indicators.id} in (select ${plans.indicatorId} from ${plans} where ${where ?? sql`1`})`,
    );

  const candidates = db.$with("candidates").as(
    db
      .select({
        actualId: sql<number>`${actuals.id}`.as("actual_id"),
        planId: sql<string>`${plans.id}`.as("candidate_plan_id"),
        periodStart: sql<string>`${actuals.periodStart}`.as("candidate_period_start"),
        periodEnd: sql<string>`${actuals.periodEnd}`.as("candidate_period_end"),
        reportedAt: sql<string>`${actuals.reportedAt}`.as("candidate_reported_at"),
        vintageRank: sql<number>`row_number() over (
          partition by ${plans.id}, ${actuals.periodStart}, ${actuals.periodEnd}
          order by ${actuals.reportedAt} desc, ${actuals.id} desc)`.as("vintage_rank"),
      })
      .from(plans)
      .innerJoin(indicators, eq(indicators.id, plans.indicatorId))
      .innerJoin(
        actuals,
        and(
          eq(actuals.indicatorId, plans.indicatorId),
          sql`${actuals.periodEnd} between ${plans.periodStart} and ${plans.periodEnd}`,
          sql`(${indicators.measure} = 'level' or ${actuals.periodStart} = ${plans.periodStart})`,
          lte(actuals.reportedAt, filter.asOf),
        ),
      )
      .where(where),
  );
  const picked = db.$with("picked").as(
    db
      .select({
        pickedId: sql<number>`${candidates.actualId}`.as("picked_id"),
        pickedPlanId: sql<string>`${candidates.planId}`.as("picked_plan_id"),
        pick: sql<number>`row_number() over (
          partition by ${candidates.planId}
          order by ${candidates.periodEnd} desc, ${candidates.reportedAt} desc,
            ${candidates.actualId} desc)`.as("pick"),
      })
      .from(candidates)
      .where(eq(candidates.vintageRank, 1)),
  );
  const actualQuery = db
    .with(candidates, picked)
    .select({ planId: picked.pickedPlanId, actual: actuals })
    .from(picked)
    .innerJoin(actuals, eq(actuals.id, picked.pickedId))
    .where(eq(picked.pick, 1));

  const [planRows, indicatorRows, actualRows, version] = await db.batch([
    planQuery,
    indicatorQuery,
    actualQuery,
    selectDataVersion(db),
  ]);
  const indicatorById = new Map(indicatorRows.map((i) => [i.id, i]));
  const actualByPlan = new Map(actualRows.map(({ planId, actual }) => [planId, actual]));
  const rows: StatusRows["rows"] = [];
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

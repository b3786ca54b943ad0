// Which of the figures a run asks about have come in: the first report of each vintage.
import { sql } from "drizzle-orm";
import type { ReceivedFigure } from "../../domain/release-rules";
import type { Db } from "../client";
import { actuals } from "../schema";

/**
 * The figures reported by asOf that end on the given (indicator, period end) pairs, one row per
 * vintage with its first report date. The pairs travel as one JSON parameter, so this is ONE
 * statement whatever their number.
 */
export async function loadReceivedFigures(
  db: Db,
  pairs: readonly { indicatorId: string; periodEnd: string }[],
  asOf: string,
): Promise<ReceivedFigure[]> {
  if (pairs.length === 0) return [];
  const json = JSON.stringify(pairs.map((p) => [p.indicatorId, p.periodEnd]));
  return db
    .select({
      indicatorId: actuals.indicatorId,
      periodEnd: actuals.periodEnd,
      status: actuals.status,
      reportedAt: sql<string>`min(${actuals.reportedAt})`,
    })
    .from(actuals)
    .where(
      sql`(${actuals.indicatorId}, ${actuals.periodEnd}) in (select value ->> 0, value ->> 1 from json_each(${json}))
        and ${actuals.reportedAt} <= ${asOf}`,
    )
    .groupBy(actuals.indicatorId, actuals.periodEnd, actuals.status);
}

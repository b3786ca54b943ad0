import { count, eq } from "drizzle-orm";
import type { Db } from "../client";
import { areas, indicators, plans } from "../schema";
import { selectDataVersion } from "./meta";

export interface AreaPlanCount {
  id: string;
  name: string;
  nameVi: string | null;
  level: (typeof areas.$inferSelect)["level"];
  plans: number;
}

/**
 * How many plans each area holds (areas with none left out), and the data version, in ONE
 * round trip: enough to decide whether a page can show every plan, and to list the areas
 * when it cannot, without reading a single plan.
 */
export async function areaPlanCounts(
  db: Db,
): Promise<{ dataVersion: number; areas: AreaPlanCount[] }> {
  const countsQuery = db
    .select({
      id: areas.id,
      name: areas.name,
      nameVi: areas.nameVi,
      level: areas.level,
      plans: count(plans.id),
    })
    .from(areas)
    .innerJoin(indicators, eq(indicators.scope, areas.id))
    .innerJoin(plans, eq(plans.indicatorId, indicators.id))
    .groupBy(areas.id)
    .orderBy(areas.id);
  const [rows, version] = await db.batch([countsQuery, selectDataVersion(db)]);
  return { dataVersion: version[0]?.value ?? 0, areas: rows };
}

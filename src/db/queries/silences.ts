import { desc, eq, gt } from "drizzle-orm";
import type { Db } from "../client";
import { indicators, plans, silences } from "../schema";

export type SilenceRow = typeof silences.$inferSelect;

export async function insertSilence(db: Db, row: SilenceRow): Promise<void> {
  await db.insert(silences).values(row);
}

/** Newest first; only those still holding at `nowIso` unless `includeExpired`. */
export function listSilences(
  db: Db,
  filter: { nowIso: string; includeExpired: boolean },
): Promise<SilenceRow[]> {
  const query = db.select().from(silences);
  const filtered = filter.includeExpired ? query : query.where(gt(silences.until, filter.nowIso));
  return filtered.orderBy(desc(silences.id));
}

export async function deleteSilence(db: Db, id: string): Promise<boolean> {
  const rows = await db.delete(silences).where(eq(silences.id, id)).returning({ id: silences.id });
  return rows.length > 0;
}

/** Which of the matchers name something that exists, in one round trip. */
export async function matchersExist(
  db: Db,
  matchers: { planId?: string; indicatorId?: string; scope?: string },
): Promise<{ plan: boolean; indicator: boolean; scope: boolean }> {
  const [plan, indicator, scope] = await db.batch([
    db
      .select({ id: plans.id })
      .from(plans)
      .where(eq(plans.id, matchers.planId ?? ""))
      .limit(1),
    db
      .select({ id: indicators.id })
      .from(indicators)
      .where(eq(indicators.id, matchers.indicatorId ?? ""))
      .limit(1),
    db
      .select({ id: indicators.id })
      .from(indicators)
      .where(eq(indicators.scope, matchers.scope ?? ""))
      .limit(1),
  ]);
  return { plan: plan.length > 0, indicator: indicator.length > 0, scope: scope.length > 0 };
}

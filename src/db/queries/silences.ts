import { desc, eq, gt } from "drizzle-orm";
import type { Db } from "../client";
import { areas, indicators, plans, type SilenceRow, silences } from "../schema";
import { type AuditedChange, auditEntries, auditIfChanged } from "./audit";

export async function insertSilence(db: Db, row: SilenceRow, audit?: AuditedChange): Promise<void> {
  const entries = audit ? auditEntries(db, audit.ctx, [audit.entry]) : [];
  await db.batch([db.insert(silences).values(row), ...entries]);
}

export async function getSilence(db: Db, id: string): Promise<SilenceRow | undefined> {
  const rows = await db.select().from(silences).where(eq(silences.id, id));
  return rows[0];
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

export async function deleteSilence(db: Db, id: string, audit?: AuditedChange): Promise<boolean> {
  const [rows] = await db.batch([
    db.delete(silences).where(eq(silences.id, id)).returning({ id: silences.id }),
    ...(audit ? [auditIfChanged(db, audit.ctx, audit.entry)] : []),
  ]);
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
      .select({ id: areas.id })
      .from(areas)
      .where(eq(areas.id, matchers.scope ?? ""))
      .limit(1),
  ]);
  return { plan: plan.length > 0, indicator: indicator.length > 0, scope: scope.length > 0 };
}

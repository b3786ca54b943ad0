import type { SilenceRow } from "../db/schema";
import type { SilenceOut } from "../schemas/silence";

/** `active` is judged at `now`: a silence holds while now < until. */
export function silenceOut(row: SilenceRow, now: string): SilenceOut {
  return {
    id: row.id,
    plan_id: row.planId,
    indicator_id: row.indicatorId,
    scope: row.scope,
    until: row.until,
    reason: row.reason,
    created_at: row.createdAt,
    active: now < row.until,
  };
}

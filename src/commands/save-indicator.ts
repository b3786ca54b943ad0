// Creating and replacing an indicator, for the JSON API and the indicator form alike.
// `indicatorChange` decides without writing, so the form can show what saving would do.
import type { Db } from "../db/client";
import { getIndicator, indicatorInUse, upsertIndicator } from "../db/queries/indicators";
import { indicatorRecord } from "../db/records";
import type { IndicatorRow } from "../db/schema";
import { retryTransient } from "../lib/d1-retry";
import { ApiError } from "../lib/errors";
import { assertWithinScope, type Principal } from "../lib/principal";
import { sameContent } from "../lib/same-content";
import { indicatorAudit } from "../presenters/indicator";
import type { IndicatorBody } from "../schemas/indicator";
import type { Writer } from "./record-actuals";

export interface IndicatorChange {
  existing: IndicatorRow | undefined;
  /** The indicator as it would be stored (the stored one when unchanged). */
  next: IndicatorRow;
  outcome: "created" | "updated" | "unchanged";
}

/**
 * What PUT /api/indicators/:id would do with `input`. Throws what the write would throw: a
 * scope outside the writer's, or a new measure for an indicator in use.
 */
export async function indicatorChange(
  db: Db,
  id: string,
  input: IndicatorBody,
  principal: Principal | null,
  now: string,
): Promise<IndicatorChange> {
  const existing = await getIndicator(db, id);
  assertWithinScope(principal, [
    { scope: input.scope, path: "/scope" },
    ...(existing ? [{ scope: existing.scope, path: "/id" }] : []),
  ]);
  // Every plan on this indicator was evaluated under the old measure; changing it would
  // silently change the meaning of stored figures.
  if (existing && existing.measure !== input.measure && (await indicatorInUse(db, id))) {
    throw new ApiError(
      "conflict",
      "The measure cannot change while plans or figures use this indicator.",
      [{ path: "/measure", message: `Stays '${existing.measure}'.` }],
    );
  }
  const next = indicatorRecord(id, input, existing?.createdAt ?? now, now);
  // Re-sending the same definition (a re-run seed) changes nothing, not even updated_at.
  if (existing && sameContent(existing, next, ["createdAt", "updatedAt"])) {
    return { existing, next: existing, outcome: "unchanged" };
  }
  return { existing, next, outcome: existing ? "updated" : "created" };
}

export function saveIndicator(
  db: Db,
  id: string,
  input: IndicatorBody,
  who: Writer,
): Promise<IndicatorChange> {
  // Read, decide, write: repeating all of it after a lost answer finds the write done and
  // changes nothing, so a transient D1 error may be retried.
  return retryTransient(async () => {
    const change = await indicatorChange(db, id, input, who.principal, who.audit.at);
    if (change.outcome === "unchanged") return change;
    const row = await upsertIndicator(db, change.next, {
      ctx: who.audit,
      entry: indicatorAudit(id, change.existing, change.next),
    });
    return { ...change, next: row };
  });
}

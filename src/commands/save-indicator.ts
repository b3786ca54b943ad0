// Creating or replacing one indicator, for PUT /api/indicators/:id and the indicator form
// alike: who may write it, in which area, under which id and tags, then one guarded write with
// its audit entry (and the area it defines, for an admin naming a new one) in the same batch.
// `indicatorChange` decides without writing, so the form can show what saving would do.
import type { Db } from "../db/client";
import { getArea } from "../db/queries/areas";
import { getIndicator, indicatorInUse, writeIndicators } from "../db/queries/indicators";
import {
  areaDisagreements,
  areaFromIndicator,
  indicatorRecord,
  tableRow,
  withArea,
} from "../db/records";
import type { AreaRow, IndicatorRow } from "../db/schema";
import { retryTransient } from "../lib/d1-retry";
import { ApiError, conflictOnConstraint } from "../lib/errors";
import {
  assertCreatesInNamespace,
  assertTagsKept,
  assertWithinScope,
  type Principal,
} from "../lib/principal";
import { sameContent } from "../lib/same-content";
import { areaAudit } from "../presenters/area";
import { indicatorAudit } from "../presenters/indicator";
import type { IndicatorBody } from "../schemas/indicator";
import type { Writer } from "./record-actuals";

export interface IndicatorChange {
  existing: IndicatorRow | undefined;
  /** The indicator as it would be shown (the stored one when unchanged). */
  next: IndicatorRow;
  outcome: "created" | "updated" | "unchanged";
  /** The row to store, its area, and whether this write defines that area. */
  record: ReturnType<typeof indicatorRecord>;
  area: AreaRow;
  definesArea: boolean;
}

/** The area an indicator names, or the one an unlimited caller defines with it. */
function resolveArea(
  input: IndicatorBody,
  stored: AreaRow | undefined,
  principal: Principal | null,
  now: string,
): { area: AreaRow; defined: boolean } {
  if (stored) {
    const disagreements = areaDisagreements(input, stored);
    if (disagreements.length > 0) {
      throw new ApiError(
        "validation_failed",
        "An indicator cannot rename its area; nothing was written.",
        disagreements,
      );
    }
    return { area: stored, defined: false };
  }
  const defined = principal?.indicatorScope ? null : areaFromIndicator(input, now);
  if (!defined) {
    throw new ApiError(
      "unknown_scope",
      `No area '${input.scope}'. An admin creates it with PUT /api/areas/${input.scope} (or names it here with scope_name and scope_level); nothing was written.`,
      [{ path: "/scope", message: `No area '${input.scope}'.` }],
    );
  }
  return { area: defined, defined: true };
}

/**
 * What saving `input` under `id` would do. Throws what the write would throw: a scope or id
 * outside the writer's, tags it may not change, an area it may not name, or a new measure for
 * an indicator in use.
 */
export async function indicatorChange(
  db: Db,
  id: string,
  input: IndicatorBody,
  principal: Principal | null,
  now: string,
): Promise<IndicatorChange> {
  const [existing, storedArea] = await Promise.all([
    getIndicator(db, id),
    getArea(db, input.scope),
  ]);
  assertWithinScope(principal, [
    { scope: input.scope, path: "/scope" },
    ...(existing ? [{ scope: existing.scope, path: "/id" }] : []),
  ]);
  if (!existing) assertCreatesInNamespace(principal, [{ id, path: "/id" }]);
  assertTagsKept(principal, existing?.tags ?? [], input.tags, "/tags");
  const { area, defined } = resolveArea(input, storedArea, principal, now);
  if (existing && existing.measure !== input.measure && (await indicatorInUse(db, id))) {
    // Every plan on this indicator was evaluated under the old measure; changing it would
    // silently change the meaning of stored figures.
    throw new ApiError(
      "conflict",
      "The measure cannot change while plans or figures use this indicator.",
      [{ path: "/measure", message: `Stays '${existing.measure}'.` }],
    );
  }
  const record = indicatorRecord(id, input, existing?.createdAt ?? now, now);
  const base = { record, area, definesArea: defined };
  // Re-sending the same definition (a re-run seed) changes nothing, not even updated_at.
  if (existing && sameContent(tableRow(existing), record, ["createdAt", "updatedAt"])) {
    return { ...base, existing, next: existing, outcome: "unchanged" };
  }
  return {
    ...base,
    existing,
    next: withArea(record, area),
    outcome: existing ? "updated" : "created",
  };
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
    const { record, area, definesArea, existing, next } = change;
    await writeIndicators(
      db,
      [{ row: record, before: existing, entry: indicatorAudit(id, existing, next) }],
      who.audit,
      definesArea ? [{ row: area, entry: areaAudit(area.id, null, area) }] : [],
    ).catch(
      conflictOnConstraint(
        `Indicator '${id}' was created or changed by someone else at the same moment; nothing was written. Read it and retry.`,
      ),
    );
    return change;
  });
}

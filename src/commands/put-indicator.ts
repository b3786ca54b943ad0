// Creating or replacing one indicator, as PUT /api/indicators/:id does: who may write it, in
// which area, under which id and tags, then one guarded write with its audit entry (and the
// area it defines, for an admin naming a new one) in the same batch.
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
import { ApiError, conflictOnConstraint } from "../lib/errors";
import {
  type AuditContext,
  assertCreatesInNamespace,
  assertTagsKept,
  assertWithinScope,
  type Principal,
} from "../lib/principal";
import { sameContent } from "../lib/same-content";
import { areaAudit } from "../presenters/area";
import { indicatorAudit } from "../presenters/indicator";
import type { IndicatorBody } from "../schemas/indicator";

export interface PutIndicatorResult {
  indicator: IndicatorRow;
  created: boolean;
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

export async function putIndicator(
  db: Db,
  id: string,
  input: IndicatorBody,
  who: { principal: Principal | null; audit: AuditContext },
): Promise<PutIndicatorResult> {
  const { principal, audit } = who;
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
  const { area, defined } = resolveArea(input, storedArea, principal, audit.at);
  if (existing && existing.measure !== input.measure && (await indicatorInUse(db, id))) {
    // Every plan on this indicator was evaluated under the old measure; changing it would
    // silently change the meaning of stored figures.
    throw new ApiError(
      "conflict",
      "The measure cannot change while plans or figures use this indicator.",
      [{ path: "/measure", message: `Stays '${existing.measure}'.` }],
    );
  }
  const next = indicatorRecord(id, input, existing?.createdAt ?? audit.at, audit.at);
  // Re-sending the same definition (a re-run seed) changes nothing, not even updated_at.
  if (existing && sameContent(tableRow(existing), next, ["createdAt", "updatedAt"])) {
    return { indicator: existing, created: false };
  }
  const shown = withArea(next, area);
  await writeIndicators(
    db,
    [{ row: next, before: existing, entry: indicatorAudit(id, existing, shown) }],
    audit,
    defined ? [{ row: area, entry: areaAudit(area.id, null, area) }] : [],
  ).catch(
    conflictOnConstraint(
      `Indicator '${id}' was created or changed by someone else at the same moment; nothing was written. Read it and retry.`,
    ),
  );
  return { indicator: shown, created: !existing };
}

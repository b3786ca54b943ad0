// Recording reported figures: the JSON API, a pasted bulletin and the figure form all come
// through here, so a figure obeys the same rules whichever way it arrives.
import type { Db } from "../db/client";
import { insertActuals, type NewActual } from "../db/queries/actuals";
import { findIndicators } from "../db/queries/indicators";
import type { ActualRow, IndicatorRow } from "../db/schema";
import { applyScale } from "../domain/units";
import { retryTransient } from "../lib/d1-retry";
import { ApiError, conflictOnConstraint, type FieldError } from "../lib/errors";
import { type AuditContext, assertWithinScope, type Principal } from "../lib/principal";
import { ACTUAL_FIELDS } from "../presenters/actual";
import type { ActualBody } from "../schemas/actual";

export interface Writer {
  principal: Principal | null;
  audit: AuditContext;
}

/** The stored row of a validated figure: its value in base units. */
export function newActual(a: ActualBody, createdAt: string): NewActual {
  return {
    indicatorId: a.indicator_id,
    periodStart: a.period_start,
    periodEnd: a.period_end,
    value: applyScale(a.value, a.scale),
    status: a.status,
    reportedAt: a.reported_at,
    source: a.source ?? null,
    reportedAttainment: a.reported_attainment ?? null,
    reportedYoy: a.reported_yoy ?? null,
    note: a.note ?? null,
    createdAt,
  };
}

/**
 * The indicators the figures name, once every one is known and inside the writer's scope.
 * Throws 422 (unknown_indicator) or 403, naming each item by `path(i)`.
 */
export async function indicatorsForFigures(
  db: Db,
  items: readonly Pick<ActualBody, "indicator_id">[],
  principal: Principal | null,
  path: (i: number) => string,
): Promise<Map<string, IndicatorRow>> {
  const known = await retryTransient(() =>
    findIndicators(
      db,
      items.map((a) => a.indicator_id),
    ),
  );
  const errors: FieldError[] = [];
  items.forEach((item, i) => {
    if (!known.has(item.indicator_id)) {
      errors.push({ path: path(i), message: `Unknown indicator '${item.indicator_id}'.` });
    }
  });
  if (errors.length > 0) {
    throw new ApiError(
      "unknown_indicator",
      "Create the indicators first; nothing was written.",
      errors,
    );
  }
  assertWithinScope(
    principal,
    items.map((item, i) => ({ scope: known.get(item.indicator_id)?.scope ?? "", path: path(i) })),
  );
  return known;
}

/**
 * Writes every figure in one batch, or none. A figure already stored exactly is skipped and
 * counted as a duplicate. `path(i)` names item i's indicator in an error.
 */
export async function recordActuals(
  db: Db,
  items: readonly ActualBody[],
  who: Writer,
  path: (i: number) => string,
): Promise<{ inserted: ActualRow[]; duplicates: number }> {
  await indicatorsForFigures(db, items, who.principal, path);
  const rows = items.map((a) => newActual(a, who.audit.at));
  // Idempotent, so retried: a vintage already stored is skipped by its unique key (a try
  // that committed before its answer was lost then reports its figures as duplicates). An
  // indicator deleted between the check and the write fails the whole batch.
  return retryTransient(() =>
    insertActuals(db, rows, { ctx: who.audit, fields: ACTUAL_FIELDS }),
  ).catch(conflictOnConstraint("An indicator changed while writing; nothing was written."));
}

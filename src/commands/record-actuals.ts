// Recording figures. The core, shared by POST /api/actuals, the CSV import, the figure form
// and a pasted bulletin: read what is stored for the figures' periods, decide what each figure
// is (new, a revision, a correction, a repeat), then write the new ones in one batch with their
// audit entries, all or none. A figure obeys the same rules whichever way it arrives.
import type { Db } from "../db/client";
import { insertActuals, listVintagesOfPeriods, type NewActual } from "../db/queries/actuals";
import { findIndicators } from "../db/queries/indicators";
import type { ActualRow, IndicatorRow } from "../db/schema";
import { applyScale } from "../domain/units";
import type { RefusalSink } from "../import/refusals";
import { type ActualOutcome, resolveActuals, vintageKey } from "../import/resolve";
import type { MappedRow } from "../import/rows";
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

export interface RecordedActuals {
  /** One per figure, in order. */
  outcomes: ActualOutcome[];
  /** The rows written (none in a dry run). */
  inserted: ActualRow[];
}

/**
 * Figures (in base units) for known indicators. Problems go to `problems`, and `checked` runs
 * before anything is written, so a caller can refuse them all at once.
 */
export async function recordActuals(
  db: Db,
  rows: readonly MappedRow<ActualBody>[],
  known: ReadonlySet<string>,
  options: {
    audit: AuditContext;
    dryRun: boolean;
    problems: RefusalSink;
    checked: () => void;
    conflict: string;
  },
): Promise<RecordedActuals> {
  const stored = await listVintagesOfPeriods(
    db,
    rows.map(({ input }) => ({
      indicatorId: input.indicator_id,
      periodStart: input.period_start,
      periodEnd: input.period_end,
    })),
  );
  const result = resolveActuals(rows, stored, known, options.audit.at, options.problems);
  options.checked();
  if (options.dryRun || result.writes.length === 0) {
    return { outcomes: result.outcomes, inserted: [] };
  }
  // A vintage another request stored meanwhile is skipped by its unique key, not duplicated.
  const { inserted } = await insertActuals(db, result.writes, {
    ctx: options.audit,
    fields: ACTUAL_FIELDS,
  }).catch(conflictOnConstraint(options.conflict));
  // Give every written row (and every repeat of it) the id it was stored under.
  const ids = new Map(inserted.map((a) => [vintageKey(a), a.id]));
  const outcomes = result.outcomes.map((o, i): ActualOutcome => {
    if (o.id !== null) return o;
    const key = result.keys[i];
    const id = key === undefined ? undefined : ids.get(key);
    // Decided as new, yet not inserted: the same figure was stored at the same moment.
    if (id === undefined && o.outcome !== "duplicate")
      return { row: o.row, outcome: "unchanged", id: null };
    return { ...o, id: id ?? null };
  });
  return { outcomes, inserted };
}

/**
 * Figures as a client sends them (JSON API, form, bulletin): every indicator known and inside
 * the writer's scope, values scaled to base units, then recorded in one batch, or none.
 * `path(i)` names item i's field in an error. Idempotent, so retried: a try that committed
 * before its answer was lost then reports its figures as unchanged. An indicator deleted
 * between the check and the write fails the whole batch.
 */
export async function recordFigures(
  db: Db,
  items: readonly ActualBody[],
  who: Writer,
  path: (i: number, field: string) => string,
): Promise<
  RecordedActuals & {
    duplicates: number;
    /** The figures' indicators, by id, to judge each figure against its release rule. */
    indicators: Map<string, IndicatorRow>;
  }
> {
  const known = await indicatorsForFigures(db, items, who.principal, (i) =>
    path(i, "indicator_id"),
  );
  const rows = items.map((a, i) => ({
    row: i,
    input: { ...a, value: applyScale(a.value, a.scale), scale: undefined },
  }));
  const { outcomes, inserted } = await retryTransient(() =>
    recordActuals(db, rows, new Set(known.keys()), {
      audit: who.audit,
      dryRun: false,
      problems: {
        refuse: (row, column, _reason, message) => {
          throw new ApiError("unknown_indicator", message, [{ path: path(row, column), message }]);
        },
      },
      checked: () => undefined,
      conflict: "An indicator changed while writing; nothing was written.",
    }),
  );
  const duplicates = outcomes.filter(
    (o) => o.outcome === "unchanged" || o.outcome === "duplicate",
  ).length;
  return { outcomes, inserted, duplicates, indicators: known };
}

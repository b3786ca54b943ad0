// Recording figures, shared by POST /api/actuals and the CSV import: read what is stored for
// the figures' periods, decide what each figure is (new, a revision, a correction, a repeat),
// then write the new ones in one batch with their audit entries, all or none.
import type { Db } from "../db/client";
import { insertActuals, listVintagesOfPeriods } from "../db/queries/actuals";
import type { ActualRow } from "../db/schema";
import type { RefusalSink } from "../import/refusals";
import { type ActualOutcome, resolveActuals, vintageKey } from "../import/resolve";
import type { MappedRow } from "../import/rows";
import { conflictOnConstraint } from "../lib/errors";
import type { AuditContext } from "../lib/principal";
import { ACTUAL_FIELDS } from "../presenters/actual";
import type { ActualBody } from "../schemas/actual";

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

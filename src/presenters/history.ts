import type { SnapshotRow } from "../db/schema";
import { pageCursor } from "../lib/pagination";
import type { HistoryCause, HistoryEntryOut } from "../schemas/history";
import { storedFigures } from "./evaluation";

/** What moved between two consecutive snapshots of a plan. */
export function historyCause(entry: SnapshotRow, previous: SnapshotRow | undefined): HistoryCause {
  if (!previous) return "first_seen";
  const now = entry.figures;
  const before = previous.figures;
  if (now.actual?.id !== before.actual?.id) {
    const samePeriod =
      now.actual !== null &&
      before.actual !== null &&
      now.actual.period_start === before.actual.period_start &&
      now.actual.period_end === before.actual.period_end;
    return samePeriod ? "revised_figure" : "new_figure";
  }
  if (now.plan_revision !== before.plan_revision) return "plan_revised";
  return "time_passed";
}

/**
 * A page of a plan's history, newest first. `rows` holds one row more than the page when an
 * older one exists (listSnapshots reads it), so the last entry shown can say what caused it.
 */
export function historyPage(rows: readonly SnapshotRow[], limit: number) {
  const shown = rows.slice(0, limit);
  const entries: HistoryEntryOut[] = shown.map((row, i) => {
    const previous = rows[i + 1];
    return {
      version: row.version,
      recorded_at: row.recordedAt,
      as_of: row.asOf,
      status: row.status,
      previous_status: previous?.status ?? null,
      stale: row.stale,
      cause: historyCause(row, previous),
      figures: storedFigures(row.figures),
    };
  });
  return {
    entries,
    next_before: rows.length > limit ? pageCursor(shown, limit, (r) => r.version) : null,
  };
}

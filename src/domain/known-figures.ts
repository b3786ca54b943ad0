// The figures a reader could see on a given date: one per period, its latest vintage reported
// on or before that date. Year on year and history phasing both need them and are called by
// the engine, so they cannot import the engine's own helper without an import cycle; this
// follows the same rules (tested against it) from below.

import { isValidIsoDate } from "./dates";
import type { ActualInput, IsoDate } from "./types";

// reportedAt is compared on its date part, so a full timestamp stored by a caller still works.
function reportedDate(actual: ActualInput): IsoDate {
  return actual.reportedAt.slice(0, 10);
}

function isUsable(actual: ActualInput): boolean {
  return (
    Number.isFinite(actual.value) &&
    isValidIsoDate(actual.periodStart) &&
    isValidIsoDate(actual.periodEnd) &&
    isValidIsoDate(reportedDate(actual)) &&
    actual.periodStart <= actual.periodEnd
  );
}

/** Later reportedAt wins; on the same reportedAt the higher id, recorded later. */
function isLaterVintage(a: ActualInput, b: ActualInput): boolean {
  if (a.reportedAt !== b.reportedAt) return a.reportedAt > b.reportedAt;
  return a.id > b.id;
}

/**
 * One figure per (periodStart, periodEnd) among those reported on or before asOf: the latest
 * vintage, so a revision replaces the estimate it revises and a figure published after asOf is
 * not seen. Rows with invalid dates, a non-finite value or a reversed period are dropped.
 * Sorted by periodEnd, then periodStart. asOf must be a valid ISO date.
 */
export function latestKnownVintages(actuals: readonly ActualInput[], asOf: IsoDate): ActualInput[] {
  const latest = new Map<string, ActualInput>();
  for (const actual of actuals) {
    if (!isUsable(actual) || reportedDate(actual) > asOf) continue;
    const key = `${actual.periodStart}/${actual.periodEnd}`;
    const current = latest.get(key);
    if (!current || isLaterVintage(actual, current)) latest.set(key, actual);
  }
  return [...latest.values()].sort(
    (a, b) => byDate(a.periodEnd, b.periodEnd) || byDate(a.periodStart, b.periodStart),
  );
}

/** Valid ISO dates order as plain strings (code units, not a locale's collation). */
function byDate(a: IsoDate, b: IsoDate): -1 | 0 | 1 {
  return a < b ? -1 : a > b ? 1 : 0;
}

// Which "figure due soon" and "figure late" notices are owed, decided purely so the cron only
// has to insert them. A data owner is reminded a few days before a figure is due, and told the
// day after it is overdue, before the monitor calls their target stale (due + grace).
//
// Each notice carries a stable key (kind, indicator, period, vintage), never the date of the
// run nor the due date: the cron inserts with ON CONFLICT DO NOTHING on that key, so a repeated
// or concurrent run, or a rule edited after the reminder went out, never sends a notice twice.

import { daysBetween, isValidIsoDate } from "./dates";
import { type CalendarPeriod, expectedPeriods } from "./expected-periods";
import {
  answersVintage,
  type DueOptions,
  type ReceivedFigure,
  type ReleaseRule,
  releaseDates,
} from "./release-rules";
import type { IsoDate } from "./types";
import type { ActualStatus, Cadence } from "./vocabulary";

export const FIGURE_NOTICE_KINDS = ["figure.due", "figure.late"] as const;
export type FigureNoticeKind = (typeof FIGURE_NOTICE_KINDS)[number];

/** One vintage of one period's figure that an indicator owes, and when. */
export interface ExpectedFigure {
  indicatorId: string;
  periodStart: IsoDate;
  periodEnd: IsoDate;
  vintage: ActualStatus;
  due: IsoDate;
}

export type FigureNotice = ExpectedFigure &
  (
    | { kind: "figure.due"; key: string; daysUntilDue: number }
    | { kind: "figure.late"; key: string; daysLate: number }
  );

export interface NoticeSettings {
  /** Remind this many days before the due date (0: on the day itself). */
  remindDaysBefore: number;
  /** Announce a late figure only this many days after its due date (DEFAULT_LATE_HORIZON_DAYS). */
  lateHorizonDays?: number;
}

/**
 * A month: long enough for a cron that was down for weeks to catch up, short enough that an
 * indicator created with years of unreported history does not flood the outbox with notices
 * about figures nobody is waiting for any more (its plans show as stale anyway).
 */
export const DEFAULT_LATE_HORIZON_DAYS = 31;

/**
 * `figure.due:hai-phong-exports:2024-09-01:2024-09-30:estimate`. Indicator ids are slugs
 * (letters, digits, '-' and '.'), so ':' cannot be confused with a part.
 */
export function figureNoticeKey(
  kind: FigureNoticeKind,
  figure: Pick<ExpectedFigure, "indicatorId" | "periodStart" | "periodEnd" | "vintage">,
): string {
  return `${kind}:${figure.indicatorId}:${figure.periodStart}:${figure.periodEnd}:${figure.vintage}`;
}

/** Every scheduled vintage of every calendar period overlapping [from, to] (expectedPeriods). */
export function expectedFigures(
  indicatorId: string,
  cadence: Cadence,
  rule: ReleaseRule | null,
  from: IsoDate,
  to: IsoDate,
  options: DueOptions = {},
): ExpectedFigure[] {
  return expectedPeriods(cadence, from, to).flatMap((period: CalendarPeriod) =>
    releaseDates(rule, cadence, period.end, options).map((release) => ({
      indicatorId,
      periodStart: period.start,
      periodEnd: period.end,
      vintage: release.vintage,
      due: release.due,
    })),
  );
}

/**
 * Whether the figure had come in by `asOf`: a figure of the indicator ending on the period's
 * last day, of this vintage or a later one. The period's start is not compared, since offices
 * publish the month on its own and the year to date ("in September", "in 9 months") in the
 * same release, and either shows the release came out.
 */
function receivedBy(
  figure: ExpectedFigure,
  received: readonly ReceivedFigure[] | undefined,
  asOf: IsoDate,
): boolean {
  if (!received) return false;
  return received.some(
    (r) =>
      r.periodEnd === figure.periodEnd &&
      answersVintage(r.status, figure.vintage) &&
      r.reportedAt.slice(0, 10) <= asOf,
  );
}

const KIND_ORDER: Readonly<Record<FigureNoticeKind, number>> = {
  "figure.due": 0,
  "figure.late": 1,
};

/**
 * The notices owed as of `asOf` (the run's scheduled date), oldest due date first:
 * - `figure.due` while the figure is not in and asOf is within remindDaysBefore days before its
 *   due date, the due date included;
 * - `figure.late` while it is not in, from the day after its due date for lateHorizonDays days.
 * A run returns every notice owed on its date; the key makes all but the first insert a no-op,
 * so a run that was skipped is made up by the next one inside the window.
 */
export function figureNotices(
  expected: readonly ExpectedFigure[],
  received: readonly ReceivedFigure[],
  asOf: IsoDate,
  settings: NoticeSettings,
): FigureNotice[] {
  if (!isValidIsoDate(asOf)) throw new RangeError(`asOf is not a valid ISO date: ${asOf}`);
  const { remindDaysBefore } = settings;
  const horizon = settings.lateHorizonDays ?? DEFAULT_LATE_HORIZON_DAYS;
  for (const [name, value] of [
    ["remindDaysBefore", remindDaysBefore],
    ["lateHorizonDays", horizon],
  ] as const) {
    if (!Number.isInteger(value) || value < 0) {
      throw new RangeError(`${name} must be a whole number of days, got ${value}`);
    }
  }

  const byIndicator = new Map<string, ReceivedFigure[]>();
  for (const figure of received) {
    const list = byIndicator.get(figure.indicatorId);
    if (list) list.push(figure);
    else byIndicator.set(figure.indicatorId, [figure]);
  }

  const notices: FigureNotice[] = [];
  for (const figure of expected) {
    const daysUntilDue = daysBetween(asOf, figure.due);
    const owedDue = daysUntilDue >= 0 && daysUntilDue <= remindDaysBefore;
    const owedLate = daysUntilDue < 0 && -daysUntilDue <= horizon;
    if (!owedDue && !owedLate) continue;
    if (receivedBy(figure, byIndicator.get(figure.indicatorId), asOf)) continue;
    if (owedDue) {
      notices.push({
        ...figure,
        kind: "figure.due",
        key: figureNoticeKey("figure.due", figure),
        daysUntilDue,
      });
    } else {
      notices.push({
        ...figure,
        kind: "figure.late",
        key: figureNoticeKey("figure.late", figure),
        daysLate: -daysUntilDue,
      });
    }
  }
  return notices.sort(
    (a, b) =>
      (a.due < b.due ? -1 : a.due > b.due ? 1 : 0) ||
      (a.indicatorId < b.indicatorId ? -1 : a.indicatorId > b.indicatorId ? 1 : 0) ||
      (a.periodEnd < b.periodEnd ? -1 : a.periodEnd > b.periodEnd ? 1 : 0) ||
      answersOrder(a.vintage, b.vintage) ||
      KIND_ORDER[a.kind] - KIND_ORDER[b.kind],
  );
}

function answersOrder(a: ActualStatus, b: ActualStatus): number {
  if (a === b) return 0;
  return answersVintage(a, b) ? 1 : -1;
}

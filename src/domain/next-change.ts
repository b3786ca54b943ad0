// The next date at which a plan's judgment can change with no new data: the day the cron must
// look at it again. Everything in the engine that reads the date (asOf) is a rule here; a plan
// whose figures, plan and indicator are unchanged is judged the same on every day before the
// earliest of them, so the cron can leave it alone until then.
//
// Each rule reads the plan and its evaluation as of a date and names the first later day on
// which its part of the judgment may differ, or null when it never will. A new date-driven
// judgment adds a rule to NEXT_CHANGE_RULES.
import { addDays, compareIsoDates, formatIsoDate, parseIsoDate } from "./dates";
import { expectedFigures } from "./figure-notices";
import { lastAwaitedDay } from "./freshness";
import type { Evaluation, IsoDate, PlanInput } from "./types";

/** What the rules read: the plan, its evaluation as of `asOf`, and what is known to come. */
export interface NextChangeInput {
  plan: Pick<
    PlanInput,
    "measure" | "cadence" | "periodStart" | "periodEnd" | "phasing" | "releaseRule"
  >;
  evaluation: Pick<Evaluation, "freshness">;
  asOf: IsoDate;
  /**
   * The earliest report date after asOf among the stored figures of the plan's indicator (a
   * figure entered ahead of its release, or a run for a past time): the engine ignores a figure
   * until asOf reaches its reported_at, so that day can change the judgment. Null: none.
   */
  nextReportedAt: IsoDate | null;
  /** Days before a figure's due date its `figure.due` reminder goes out (FIGURE_DUE_REMIND_DAYS). */
  remindDaysBefore: number;
}

export type NextChangeRule = (input: NextChangeInput) => IsoDate | null;

/** A stored figure reported after asOf becomes known on its report date. */
const figureReleased: NextChangeRule = ({ nextReportedAt }) => nextReportedAt;

/** The day the next figure falls due: announced as due, and the freshness reading moves on. */
const figureDue: NextChangeRule = ({ evaluation }) => evaluation.freshness.nextDue;

/** The plan turns stale on the first day after `staleAfter` (computeFreshness: asOf > staleAfter). */
const turnsStale: NextChangeRule = ({ evaluation: { freshness } }) =>
  freshness.staleAfter === null || freshness.stale ? null : addDays(freshness.staleAfter, 1);

/** The day after the period ends, a pace reading gives way to `period_over` (evaluate.ts). */
const periodEnds: NextChangeRule = ({ plan }) => addDays(plan.periodEnd, 1);

/**
 * The monitor watches a plan until its last figure is due plus the grace period
 * (isWatched in the monitor, by the indicator's release rule); the day after, its open alerts
 * are no longer repeated.
 */
const watchEnds: NextChangeRule = ({ plan }) =>
  addDays(lastAwaitedDay(plan, plan.releaseRule ?? null), 1);

/**
 * An indicator with a release rule owes a `figure.due` reminder from `remindDaysBefore` days
 * before each figure's due date, and a `figure.late` notice from the day after it
 * (figure-notices.ts): each of those days opens a notice the cron must look for.
 */
const figureNoticeOpens: NextChangeRule = ({ plan, asOf, remindDaysBefore }) => {
  if (!plan.releaseRule) return null;
  let next: IsoDate | null = null;
  const figures = expectedFigures(
    "",
    plan.cadence,
    plan.releaseRule,
    plan.periodStart,
    plan.periodEnd,
  );
  for (const { due } of figures) {
    for (const day of [addDays(due, -remindDaysBefore), addDays(due, 1)]) {
      if (day > asOf && (next === null || day < next)) next = day;
    }
  }
  return next;
};

/**
 * A flow phased by its own history reads the calendar years that are over by asOf: a year
 * counts from its December 31 (history-phasing.ts), so each December 31 can change the profile.
 */
const historyYearEnds: NextChangeRule = ({ plan, asOf }) => {
  if (plan.phasing.kind !== "history" || plan.measure !== "flow") return null;
  const parts = parseIsoDate(asOf);
  if (!parts) return null;
  const thisYear = formatIsoDate({ year: parts.year, month: 12, day: 31 });
  return asOf < thisYear ? thisYear : formatIsoDate({ year: parts.year + 1, month: 12, day: 31 });
};

export const NEXT_CHANGE_RULES: readonly NextChangeRule[] = [
  figureReleased,
  figureDue,
  turnsStale,
  periodEnds,
  watchEnds,
  figureNoticeOpens,
  historyYearEnds,
];

/**
 * The earliest day after asOf on which the plan's judgment can differ from the one made on
 * asOf, its data unchanged; null when no day will change it (a plan long over and settled).
 */
export function nextJudgmentChange(
  input: NextChangeInput,
  rules: readonly NextChangeRule[] = NEXT_CHANGE_RULES,
): IsoDate | null {
  let next: IsoDate | null = null;
  for (const rule of rules) {
    const date = rule(input);
    if (date === null || compareIsoDates(date, input.asOf) <= 0) continue;
    if (next === null || compareIsoDates(date, next) < 0) next = date;
  }
  return next;
}

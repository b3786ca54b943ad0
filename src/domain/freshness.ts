// When the next figure is due, and whether the plan has gone stale waiting for it.
import { addDays, endOfSpanDay, fromDayNumber, toDayNumber } from "./dates";
import {
  DEFAULT_GRACE_DAYS,
  DEFAULT_RELEASE_LAG_DAYS,
  releaseDates,
  releaseFreshness,
} from "./release-rules";
import type { Freshness, IsoDate, PlanInput, ReleaseRule } from "./types";
import type { Cadence } from "./vocabulary";

/**
 * Days after the end of the period a figure covers until it is normally published. Vietnamese
 * provincial statistics offices release monthly estimates within weeks, quarterly reports
 * about six weeks after quarter end, and annual figures in the first quarter of the next year.
 */
export const PUBLICATION_LAG_DAYS: Readonly<Record<Cadence, number>> = DEFAULT_RELEASE_LAG_DAYS;

/** Slack after nextDue before a plan is flagged stale, so a few days' delay is not an alert. */
export const STALE_GRACE_DAYS = DEFAULT_GRACE_DAYS;

const CADENCE_MONTHS: Readonly<Record<Cadence, 1 | 3 | 12>> = {
  monthly: 1,
  quarterly: 3,
  annual: 12,
};

/**
 * When the next figure is due. It covers through the end of the calendar month/quarter/year
 * after the last covered day (the first one from plan start when nothing is in yet), capped at
 * plan end; it is due on the indicator's release rule for that period (a publication lag after
 * it when the indicator has none) and stale a grace period later. One rule for the engine,
 * the page and the stale alert: `releaseFreshness` is that rule, and no rule is today's lag.
 */
export function computeFreshness(
  plan: Pick<PlanInput, "cadence" | "periodStart" | "periodEnd">,
  lastPeriodEnd: IsoDate | null,
  asOf: IsoDate,
  rule: ReleaseRule | null = null,
): Freshness {
  if (rule) {
    return releaseFreshness(plan, rule, lastPeriodEnd, asOf, { graceDays: STALE_GRACE_DAYS });
  }
  return freshnessOnDays(
    plan.cadence,
    toDayNumber(plan.periodStart),
    toDayNumber(plan.periodEnd),
    lastPeriodEnd,
    toDayNumber(asOf),
  );
}

/**
 * computeFreshness without a release rule, on dates the engine has already read as day numbers
 * (`lastDay` is lastPeriodEnd's, when the caller has it).
 */
export function freshnessOnDays(
  cadence: Cadence,
  periodStart: number,
  periodEnd: number,
  lastPeriodEnd: IsoDate | null,
  asOf: number,
  lastDay: number | null = lastPeriodEnd === null ? null : toDayNumber(lastPeriodEnd),
): Freshness {
  if (lastDay !== null && lastDay >= periodEnd) {
    return { lastPeriodEnd, nextDue: null, staleAfter: null, stale: false };
  }
  const nextCoveredFrom = lastDay === null ? periodStart : lastDay + 1;
  const nextCoveredTo = Math.min(endOfSpanDay(nextCoveredFrom, CADENCE_MONTHS[cadence]), periodEnd);
  const nextDue = nextCoveredTo + PUBLICATION_LAG_DAYS[cadence];
  const staleAfter = nextDue + STALE_GRACE_DAYS;
  return {
    lastPeriodEnd,
    nextDue: fromDayNumber(nextDue),
    staleAfter: fromDayNumber(staleAfter),
    stale: asOf > staleAfter,
  };
}

/**
 * The last day a figure for the plan's period can still be awaited: its last scheduled vintage's
 * due date for the period ending on the plan's end, plus the grace period. After it the monitor
 * stops watching the plan.
 */
export function lastAwaitedDay(
  plan: Pick<PlanInput, "cadence" | "periodEnd">,
  rule: ReleaseRule | null = null,
): IsoDate {
  const releases = releaseDates(rule, plan.cadence, plan.periodEnd);
  const lastDue = releases[releases.length - 1]?.due ?? plan.periodEnd;
  return addDays(lastDue, STALE_GRACE_DAYS);
}

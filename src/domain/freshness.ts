// When the next figure is due, and whether the plan has gone stale waiting for it.
import { addDays, compareIsoDates, endOfMonth, endOfQuarter, endOfYear, minIsoDate } from "./dates";
import type { Freshness, IsoDate, PlanInput } from "./types";
import type { Cadence } from "./vocabulary";

/**
 * Days after the end of the period a figure covers until it is normally published. Vietnamese
 * provincial statistics offices release monthly estimates within weeks, quarterly reports
 * about six weeks after quarter end, and annual figures in the first quarter of the next year.
 */
export const PUBLICATION_LAG_DAYS: Readonly<Record<Cadence, number>> = Object.freeze({
  monthly: 30,
  quarterly: 45,
  annual: 90,
});

/** Slack after nextDue before a plan is flagged stale, so a few days' delay is not an alert. */
export const STALE_GRACE_DAYS = 15;

function cadencePeriodEnd(cadence: Cadence, date: IsoDate): IsoDate {
  switch (cadence) {
    case "monthly":
      return endOfMonth(date);
    case "quarterly":
      return endOfQuarter(date);
    case "annual":
      return endOfYear(date);
  }
}

/**
 * When the next figure is due. It covers through the end of the calendar month/quarter/year
 * after the last covered day (the first one from plan start when nothing is in yet), capped at
 * plan end; it is due a publication lag after that and stale a grace period later.
 */
export function computeFreshness(
  plan: Pick<PlanInput, "cadence" | "periodStart" | "periodEnd">,
  lastPeriodEnd: IsoDate | null,
  asOf: IsoDate,
): Freshness {
  if (lastPeriodEnd !== null && compareIsoDates(lastPeriodEnd, plan.periodEnd) >= 0) {
    return { lastPeriodEnd, nextDue: null, staleAfter: null, stale: false };
  }
  const nextCoveredFrom = lastPeriodEnd === null ? plan.periodStart : addDays(lastPeriodEnd, 1);
  const nextCoveredTo = minIsoDate(cadencePeriodEnd(plan.cadence, nextCoveredFrom), plan.periodEnd);
  const nextDue = addDays(nextCoveredTo, PUBLICATION_LAG_DAYS[plan.cadence]);
  const staleAfter = addDays(nextDue, STALE_GRACE_DAYS);
  return { lastPeriodEnd, nextDue, staleAfter, stale: compareIsoDates(asOf, staleAfter) > 0 };
}

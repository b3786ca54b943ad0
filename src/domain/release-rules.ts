// When the figure for a period is due: release rules, lateness and freshness.
//
// Statistics offices publish on a calendar set by law, not after a fixed lag. Vietnam's monthly
// socio-economic report came out on the 29th of the month it describes under Decree 94/2016
// (the last day in February), so a monthly estimate covers a month not yet over; Decree
// 62/2024 moved it to the 6th of the following month from 1 August 2024, and set GDP's
// estimate, preliminary and official figures on dates of their own. The IMF's advance release
// calendars exist so that such observance can be checked. A rule here says the day each
// vintage of a period's figure is due, counted from the period's end, and when the rule took
// effect, so the monitor can say when the next figure is due and whether one came late.
//
// A rule is plain JSON (snake_case keys like the rest of the stored JSON) so an indicator can
// carry it in a column and the API can send it unchanged. Pure: no clock, no I/O.

import {
  addDays,
  addMonths,
  compareIsoDates,
  daysBetween,
  endOfMonth,
  endOfQuarter,
  endOfYear,
  formatIsoDate,
  isValidIsoDate,
  minIsoDate,
  parseIsoDate,
  toDayNumber,
} from "./dates";
import type {
  DueOffset,
  Freshness,
  IsoDate,
  PlanInput,
  Release,
  ReleaseRule,
  ReleaseSchedule,
} from "./types";
import type { ActualStatus, Cadence } from "./vocabulary";
import { ACTUAL_STATUSES } from "./vocabulary";

// The rule's shape lives with the engine's other inputs (types.ts), which carries it on a plan.
export type { DueOffset, Release, ReleaseRule, ReleaseSchedule } from "./types";

export interface DueOptions {
  /** Public holidays (ISO dates) skipped by schedules with `roll_to_working_day`. */
  holidays?: readonly IsoDate[];
}

/**
 * Days after a period's end until a figure is due when an indicator has no rule: the engine's
 * publication lag (freshness.ts names it PUBLICATION_LAG_DAYS). Provincial statistics offices release monthly
 * estimates within weeks, quarterly reports about six weeks after quarter end, and annual
 * figures in the first quarter of the next year.
 */
export const DEFAULT_RELEASE_LAG_DAYS: Readonly<Record<Cadence, number>> = Object.freeze({
  monthly: 30,
  quarterly: 45,
  annual: 90,
});

/** Slack after a figure's due date before its plan is flagged stale (STALE_GRACE_DAYS). */
export const DEFAULT_GRACE_DAYS = 15;

/** Bounds that catch a typo (a year typed as months) while allowing official GDP's 22 months. */
export const MAX_MONTHS_AFTER = 60;
export const MAX_DAYS_AFTER = 1830;

/**
 * The rule that reproduces the monitor's fixed lag: one release, whatever the vintage, due
 * 30/45/90 days after the period's end.
 */
export function defaultReleaseRule(cadence: Cadence): ReleaseRule {
  return {
    schedules: [
      {
        effective_from: null,
        releases: [
          {
            vintage: "estimate",
            due: { kind: "days_after", days: DEFAULT_RELEASE_LAG_DAYS[cadence] },
          },
        ],
      },
    ],
  };
}

const VINTAGE_ORDER: Readonly<Record<ActualStatus, number>> = Object.freeze({
  estimate: 0,
  preliminary: 1,
  final: 2,
});

/**
 * Whether a figure of this status answers a request for that vintage: a later vintage does
 * (an office that goes straight to the final figure has reported), an earlier one does not.
 */
export function answersVintage(status: ActualStatus, vintage: ActualStatus): boolean {
  return VINTAGE_ORDER[status] >= VINTAGE_ORDER[vintage];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isWholeNumber(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value);
}

function offsetProblem(due: unknown, where: string): string | null {
  if (!isRecord(due)) return `${where}: due must be an object`;
  if (due.kind === "days_after") {
    if (!isWholeNumber(due.days)) return `${where}: days must be a whole number`;
    if (due.days < 0) {
      return `${where}: days cannot be negative (${due.days}); a figure is due on or after its period's last day`;
    }
    if (due.days > MAX_DAYS_AFTER) {
      return `${where}: ${due.days} days is more than ${MAX_DAYS_AFTER} (five years)`;
    }
    return null;
  }
  if (due.kind === "day_of_month") {
    if (!isWholeNumber(due.day) || due.day < 1 || due.day > 31) {
      return `${where}: day must be a whole number from 1 to 31, got ${String(due.day)}; a day past a month's end falls on its last day`;
    }
    if (!isWholeNumber(due.months_after)) return `${where}: months_after must be a whole number`;
    if (due.months_after < 0) {
      return `${where}: months_after cannot be negative (${due.months_after}); 0 is the month in which the period ends`;
    }
    if (due.months_after > MAX_MONTHS_AFTER) {
      return `${where}: ${due.months_after} months is more than ${MAX_MONTHS_AFTER} (five years)`;
    }
    if (due.anchor !== undefined && due.anchor !== "period_end" && due.anchor !== "year_end") {
      return `${where}: anchor must be "period_end" or "year_end"`;
    }
    return null;
  }
  return `${where}: due.kind must be "days_after" or "day_of_month"`;
}

// Month ends of a common and a leap year: every month length and every quarter and year end, on
// which later vintages are checked not to fall due before earlier ones.
const SAMPLE_PERIOD_ENDS: readonly IsoDate[] = [2023, 2024].flatMap((year) =>
  Array.from({ length: 12 }, (_, i) => endOfMonth(formatIsoDate({ year, month: i + 1, day: 1 }))),
);

function scheduleProblem(schedule: unknown, index: number): string | null {
  const where = `schedule ${index + 1}`;
  if (!isRecord(schedule)) return `${where} must be an object`;
  const from = schedule.effective_from;
  if (from !== null && (typeof from !== "string" || !isValidIsoDate(from))) {
    return `${where}: effective_from must be a YYYY-MM-DD date or null, got ${JSON.stringify(from)}`;
  }
  if (
    schedule.roll_to_working_day !== undefined &&
    typeof schedule.roll_to_working_day !== "boolean"
  ) {
    return `${where}: roll_to_working_day must be true or false`;
  }
  const { releases } = schedule;
  if (!Array.isArray(releases) || releases.length === 0) {
    return `${where}: releases must list at least one vintage`;
  }
  let previous: ActualStatus | null = null;
  for (const [i, release] of releases.entries()) {
    const at = `${where}, release ${i + 1}`;
    if (!isRecord(release)) return `${at} must be an object`;
    const vintage = release.vintage;
    if (typeof vintage !== "string" || !(ACTUAL_STATUSES as readonly string[]).includes(vintage)) {
      return `${at}: vintage must be one of ${ACTUAL_STATUSES.join(", ")}`;
    }
    const v = vintage as ActualStatus;
    if (previous !== null && VINTAGE_ORDER[v] <= VINTAGE_ORDER[previous]) {
      return `${where}: vintages must be listed once each, in the order ${ACTUAL_STATUSES.join(", ")} (${previous} then ${v})`;
    }
    const problem = offsetProblem(release.due, `${at} (${v})`);
    if (problem) return problem;
    previous = v;
  }
  const typed = releases as Release[];
  for (const periodEnd of SAMPLE_PERIOD_ENDS) {
    for (let i = 1; i < typed.length; i += 1) {
      const earlier = typed[i - 1]!;
      const later = typed[i]!;
      const earlierDue = offsetDate(earlier.due, periodEnd);
      const laterDue = offsetDate(later.due, periodEnd);
      if (laterDue < earlierDue) {
        return `${where}: the ${later.vintage} figure would be due before the ${earlier.vintage} (period ending ${periodEnd}: ${laterDue} before ${earlierDue})`;
      }
    }
  }
  return null;
}

/**
 * Why a rule cannot be used, or null when it is fine. The rule may come straight from JSON, so
 * shapes are checked as well as values: day 0 or 32, negative offsets, unknown or repeated
 * vintages, a later vintage due before an earlier one, two schedules taking effect on the same
 * date.
 */
export function releaseRuleProblem(rule: ReleaseRule): string | null {
  const candidate: unknown = rule;
  if (!isRecord(candidate) || !Array.isArray(candidate.schedules)) {
    return "a release rule needs a schedules list";
  }
  if (candidate.schedules.length === 0) {
    return "a release rule needs at least one schedule; remove the rule to use the default lag";
  }
  const seen = new Set<string>();
  for (const [i, schedule] of candidate.schedules.entries()) {
    const problem = scheduleProblem(schedule, i);
    if (problem) return problem;
    const from = (schedule as ReleaseSchedule).effective_from ?? "null";
    if (seen.has(from)) {
      return from === "null"
        ? "two schedules have no effective_from; only one can apply since always"
        : `two schedules take effect on ${from}`;
    }
    seen.add(from);
  }
  return null;
}

function requireDate(name: string, date: IsoDate): void {
  if (!isValidIsoDate(date)) {
    throw new RangeError(`${name} is not a valid ISO date: ${JSON.stringify(date)}`);
  }
}

/** The nominal due date of an offset, before any roll to a working day. */
function offsetDate(due: DueOffset, periodEnd: IsoDate): IsoDate {
  if (due.kind === "days_after") return addDays(periodEnd, due.days);
  const anchor = due.anchor === "year_end" ? endOfYear(periodEnd) : periodEnd;
  // addMonths from the 1st, so no day is clamped before the month is reached.
  const month = addMonths(`${anchor.slice(0, 8)}01`, due.months_after);
  const parts = parseIsoDate(endOfMonth(month))!;
  return formatIsoDate({ ...parts, day: Math.min(due.day, parts.day) });
}

/** 0 = Sunday … 6 = Saturday. 1970-01-01 (day 0) was a Thursday. */
function weekday(date: IsoDate): number {
  return (((toDayNumber(date) + 4) % 7) + 7) % 7;
}

function rollToWorkingDay(date: IsoDate, holidays: ReadonlySet<IsoDate>): IsoDate {
  let day = date;
  // A week of holidays on top of a weekend is the longest run seen (Tet); the bound only
  // protects against a caller listing every day of a year.
  for (let i = 0; i < 366; i += 1) {
    const dow = weekday(day);
    if (dow !== 0 && dow !== 6 && !holidays.has(day)) return day;
    day = addDays(day, 1);
  }
  throw new RangeError(`no working day within a year after ${date}`);
}

function byEffectiveFrom(a: ReleaseSchedule, b: ReleaseSchedule): number {
  if (a.effective_from === b.effective_from) return 0;
  if (a.effective_from === null) return -1;
  if (b.effective_from === null) return 1;
  return a.effective_from < b.effective_from ? -1 : 1;
}

/**
 * The schedule that governs the period ending on `periodEnd`: the one with the latest
 * effective_from on or before that day; the cadence's default lag when none is (a rule that
 * takes effect on a date says nothing about the periods before it).
 *
 * Why the period's end and not the due date: both decrees could claim July 2024 (due on
 * 29 July under 94/2016, while it was in force, or on 6 August under 62/2024, in force from
 * 1 August), and the statistics office published July's report on 29 July 2024 and August's on
 * 6 September. The period's end picks exactly one schedule for every period, with no gap and
 * no overlap, whichever way a rule moves the calendar. Every vintage of a period follows the
 * schedule that governed its end, even one due years later, so a period's releases stay one
 * coherent calendar.
 *
 * The rule is trusted to have passed releaseRuleProblem when it was stored: this runs for
 * every cell of a completeness table, so it does not check it again, and only skips a
 * schedule without releases rather than fail on it.
 */
export function scheduleFor(
  rule: ReleaseRule | null,
  cadence: Cadence,
  periodEnd: IsoDate,
): ReleaseSchedule {
  requireDate("periodEnd", periodEnd);
  let chosen: ReleaseSchedule | null = null;
  if (rule) {
    for (const schedule of [...rule.schedules].sort(byEffectiveFrom)) {
      if (schedule.releases.length === 0) continue;
      if (schedule.effective_from === null || schedule.effective_from <= periodEnd) {
        chosen = schedule;
      }
    }
  }
  return chosen ?? defaultReleaseRule(cadence).schedules[0]!;
}

/**
 * The release a figure of this vintage is judged against: its own, else the latest scheduled
 * before it (a rule that schedules only a first release judges every vintage by it, as the
 * default lag does), else the first one.
 */
export function releaseFor(schedule: ReleaseSchedule, vintage: ActualStatus): Release {
  let chosen: Release | null = null;
  for (const release of schedule.releases) {
    if (VINTAGE_ORDER[release.vintage] <= VINTAGE_ORDER[vintage]) chosen = release;
  }
  return chosen ?? schedule.releases[0]!;
}

function dueOfRelease(
  schedule: ReleaseSchedule,
  release: Release,
  periodEnd: IsoDate,
  options: DueOptions,
): IsoDate {
  const nominal = offsetDate(release.due, periodEnd);
  if (!schedule.roll_to_working_day) return nominal;
  return rollToWorkingDay(nominal, new Set(options.holidays ?? []));
}

export interface ScheduledRelease {
  vintage: ActualStatus;
  due: IsoDate;
}

/** Every scheduled vintage of the period ending on `periodEnd`, with its due date, in order. */
export function releaseDates(
  rule: ReleaseRule | null,
  cadence: Cadence,
  periodEnd: IsoDate,
  options: DueOptions = {},
): ScheduledRelease[] {
  const schedule = scheduleFor(rule, cadence, periodEnd);
  return schedule.releases.map((release) => ({
    vintage: release.vintage,
    due: dueOfRelease(schedule, release, periodEnd, options),
  }));
}

/**
 * When the figure for the period ending on `periodEnd` is due: the given vintage's release
 * (see `releaseFor`), or the first scheduled release when no vintage is named.
 */
export function dueDate(
  rule: ReleaseRule | null,
  cadence: Cadence,
  periodEnd: IsoDate,
  vintage?: ActualStatus,
  options: DueOptions = {},
): IsoDate {
  const schedule = scheduleFor(rule, cadence, periodEnd);
  const release = vintage === undefined ? schedule.releases[0]! : releaseFor(schedule, vintage);
  return dueOfRelease(schedule, release, periodEnd, options);
}

/** A figure that has come in, as far as due dates care: its indicator, period end, vintage, date. */
export interface ReceivedFigure {
  indicatorId: string;
  periodEnd: IsoDate;
  status: ActualStatus;
  /** ISO date or timestamp; its date part counts. */
  reportedAt: string;
}

export interface Lateness {
  /** The scheduled vintage the figure was judged against. */
  vintage: ActualStatus;
  due: IsoDate;
  reportedOn: IsoDate;
  /** Days after the due date it was reported; 0 when on time. */
  daysLate: number;
  /** Reported on or before the due date (DHIS2: within the days allowed after the period). */
  onTime: boolean;
}

/**
 * Whether a figure came in by its due date. The due date itself is on time, as in DHIS2's
 * "days after period to qualify for timely submission": with 15 days, January's report is
 * timely through 15 February and late on the 16th. reportedAt may be a full timestamp; its
 * date part counts.
 */
export function figureLateness(
  rule: ReleaseRule | null,
  cadence: Cadence,
  figure: Pick<ReceivedFigure, "periodEnd" | "status" | "reportedAt">,
  options: DueOptions = {},
): Lateness {
  const reportedOn = figure.reportedAt.slice(0, 10);
  requireDate("reportedAt", reportedOn);
  const schedule = scheduleFor(rule, cadence, figure.periodEnd);
  const release = releaseFor(schedule, figure.status);
  const due = dueOfRelease(schedule, release, figure.periodEnd, options);
  const daysLate = Math.max(0, daysBetween(due, reportedOn));
  return { vintage: release.vintage, due, reportedOn, daysLate, onTime: daysLate === 0 };
}

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

export interface FreshnessOptions extends DueOptions {
  /** Days after the due date before the plan is stale; DEFAULT_GRACE_DAYS when omitted. */
  graceDays?: number;
}

/**
 * When the plan's next figure is due under its indicator's rule, with the contract of the
 * engine's computeFreshness so the engine can swap it in: the next figure covers through the
 * end of the calendar month/quarter/year after the last covered day (the first one from plan
 * start when nothing is in yet), capped at plan end; it is due on the rule's first release for
 * that period and stale a grace period later. With no rule it is computeFreshness exactly.
 */
export function releaseFreshness(
  plan: Pick<PlanInput, "cadence" | "periodStart" | "periodEnd">,
  rule: ReleaseRule | null,
  lastPeriodEnd: IsoDate | null,
  asOf: IsoDate,
  options: FreshnessOptions = {},
): Freshness {
  const graceDays = options.graceDays ?? DEFAULT_GRACE_DAYS;
  if (!Number.isInteger(graceDays) || graceDays < 0) {
    throw new RangeError(`graceDays must be a whole number of days, got ${graceDays}`);
  }
  if (lastPeriodEnd !== null && compareIsoDates(lastPeriodEnd, plan.periodEnd) >= 0) {
    return { lastPeriodEnd, nextDue: null, staleAfter: null, stale: false };
  }
  const nextCoveredFrom = lastPeriodEnd === null ? plan.periodStart : addDays(lastPeriodEnd, 1);
  const nextCoveredTo = minIsoDate(cadencePeriodEnd(plan.cadence, nextCoveredFrom), plan.periodEnd);
  const nextDue = dueDate(rule, plan.cadence, nextCoveredTo, undefined, options);
  const staleAfter = addDays(nextDue, graceDays);
  return { lastPeriodEnd, nextDue, staleAfter, stale: compareIsoDates(asOf, staleAfter) > 0 };
}

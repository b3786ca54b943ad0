// The evaluation engine: from a plan, its reported figures and a date, decide how the target is
// doing. Pure and deterministic: "now" is the asOf parameter, so any past verdict can be
// recomputed exactly as it was.

import {
  addDays,
  compareIsoDates,
  daysBetween,
  endOfMonth,
  endOfQuarter,
  endOfYear,
  isValidIsoDate,
  minIsoDate,
  monthsBetween,
} from "./dates";
import { expectedFraction } from "./phasing";
import type {
  ActualInput,
  Evaluation,
  EvaluationWarning,
  Freshness,
  IsoDate,
  PlanInput,
  ProgressMeasure,
  Thresholds,
} from "./types";
import {
  type Cadence,
  type Comparator,
  type ProgressLabel,
  STATUSES,
  type Status,
} from "./vocabulary";

export const DEFAULT_THRESHOLDS: Readonly<Thresholds> = Object.freeze({
  ahead: 1.1,
  on_track: 0.95,
  at_risk: 0.85,
  ahead_pp: 0.5,
  on_track_pp: 0.5,
  at_risk_pp: 1.5,
});

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

/** 0.05 percentage points: sources print attainment to two decimals of a percent. */
export const ATTAINMENT_MISMATCH_TOLERANCE = 0.0005;

/** Open SDG's default thresholds for the growth ratio (sdg-build, get_progress_thresholds, method 2). */
export const PROGRESS_THRESHOLDS = Object.freeze({ substantial: 0.95, moderate: 0.6, limited: 0 });

// Ratios and pp gaps come out of float division and subtraction (10.16 − 10 =
// 0.16000000000000014), so a figure sitting exactly on a boundary must not fall below it by a
// rounding error. Far below any precision a source prints.
const EPSILON = 1e-9;

/** Defaults overridden key by key; non-finite overrides are ignored. */
export function resolveThresholds(overrides?: Partial<Thresholds> | null): Thresholds {
  const resolved: Thresholds = { ...DEFAULT_THRESHOLDS };
  if (!overrides) return resolved;
  for (const key of Object.keys(DEFAULT_THRESHOLDS) as (keyof Thresholds)[]) {
    const value = overrides[key];
    if (typeof value === "number" && Number.isFinite(value)) resolved[key] = value;
  }
  return resolved;
}

// reportedAt is compared on its date part, so a full timestamp stored by a caller still works.
function reportedDate(actual: ActualInput): IsoDate {
  return actual.reportedAt.slice(0, 10);
}

/**
 * Orders two dates already known to be valid: valid ISO dates order as strings, so the hot
 * paths below compare without parsing again (compareIsoDates validates on every call).
 */
function byDate(a: IsoDate, b: IsoDate): -1 | 0 | 1 {
  return a < b ? -1 : a > b ? 1 : 0;
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

/** True when a is a later vintage than b: later reportedAt, then higher id. */
function isLaterVintage(a: ActualInput, b: ActualInput): boolean {
  if (a.reportedAt !== b.reportedAt) return a.reportedAt > b.reportedAt;
  return a.id > b.id;
}

/**
 * One figure per (periodStart, periodEnd): the latest vintage by reportedAt, ties broken by the
 * higher id (recorded later). Revisions replace estimates instead of being averaged with them.
 * Unusable rows (invalid dates, non-finite values, reversed periods) are dropped. Sorted by
 * periodEnd, then periodStart.
 */
export function latestVintages(actuals: readonly ActualInput[]): ActualInput[] {
  return latestOfUsable(actuals.filter(isUsable));
}

function latestOfUsable(usable: readonly ActualInput[]): ActualInput[] {
  const latest = new Map<string, ActualInput>();
  for (const actual of usable) {
    const key = `${actual.periodStart}/${actual.periodEnd}`;
    const current = latest.get(key);
    if (!current || isLaterVintage(actual, current)) latest.set(key, actual);
  }
  return [...latest.values()].sort(
    (a, b) => byDate(a.periodEnd, b.periodEnd) || byDate(a.periodStart, b.periodStart),
  );
}

/**
 * The figure a plan is judged on (latest vintage of its period), or null.
 * flow and rate: cumulative-from-start figures only (periodStart = plan.periodStart), the one
 * reaching furthest without passing plan.periodEnd; a single-month figure says nothing about
 * the year-to-date total. level: the figure with the latest periodEnd inside the plan period,
 * whatever its start; equal ends go to the later vintage.
 */
export function selectActual(
  plan: Pick<PlanInput, "measure" | "periodStart" | "periodEnd">,
  actuals: readonly ActualInput[],
): ActualInput | null {
  // Validates the plan's dates as before (compareIsoDates threw on an invalid one).
  compareIsoDates(plan.periodStart, plan.periodEnd);
  return selectFromUsable(plan, actuals.filter(isUsable));
}

function selectFromUsable(
  plan: Pick<PlanInput, "measure" | "periodStart" | "periodEnd">,
  usable: readonly ActualInput[],
): ActualInput | null {
  let best: ActualInput | null = null;
  for (const actual of latestOfUsable(usable)) {
    const endsInside =
      byDate(actual.periodEnd, plan.periodEnd) <= 0 &&
      byDate(actual.periodEnd, plan.periodStart) >= 0;
    if (!endsInside) continue;
    if (plan.measure !== "level" && actual.periodStart !== plan.periodStart) continue;
    if (!best) {
      best = actual;
      continue;
    }
    const order = byDate(actual.periodEnd, best.periodEnd);
    if (order > 0 || (order === 0 && isLaterVintage(actual, best))) best = actual;
  }
  return best;
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

function finiteOrNull(value: number | null): number | null {
  return value !== null && Number.isFinite(value) ? value : null;
}

function ratio(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : finiteOrNull(numerator / denominator);
}

function ratioStatus(score: number, t: Thresholds): Status {
  if (score >= t.ahead - EPSILON) return "ahead";
  if (score >= t.on_track - EPSILON) return "on_track";
  if (score >= t.at_risk - EPSILON) return "at_risk";
  return "off_track";
}

/**
 * Status from pace. For at_most the scale is mirrored around 1 (score = 2 − pace): running 5%
 * under the expected spend scores like running 5% over an at_least target. When nothing is
 * expected yet, an empty result is on track and anything else is the limit of pace → ±∞.
 */
function paceStatus(
  value: number,
  expected: number,
  comparator: Comparator,
  t: Thresholds,
): Status {
  let pace: number;
  if (expected === 0) {
    if (value === 0) return "on_track";
    pace = value > 0 ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
  } else {
    pace = value / expected;
  }
  if (Number.isNaN(pace)) return "on_track";
  return ratioStatus(comparator === "at_least" ? pace : 2 - pace, t);
}

function gapStatus(gapPp: number, t: Thresholds): Status {
  if (gapPp >= t.ahead_pp - EPSILON) return "ahead";
  if (gapPp >= -t.on_track_pp - EPSILON) return "on_track";
  if (gapPp >= -t.at_risk_pp - EPSILON) return "at_risk";
  return "off_track";
}

/** Whole years of calendar months between two dates: 2020-12-31 → 2023-12-31 is 3. */
function yearsBetween(from: IsoDate, to: IsoDate): number {
  if (compareIsoDates(to, from) <= 0) return 0;
  return monthsBetween(addDays(from, 1), to) / 12;
}

/** sdg-build's growth_calculation: compound annual growth rate. */
function cagr(current: number, base: number, years: number): number | null {
  if (years <= 0) return null;
  return finiteOrNull((current / base) ** (1 / years) - 1);
}

export interface ProgressInput {
  comparator: Comparator;
  baseline: { value: number; date: IsoDate };
  target: number;
  targetDate: IsoDate;
  current: { value: number; date: IsoDate };
}

/**
 * Open SDG progress measure for a target with a numeric value ("methodology 2"), ported from
 * open-sdg/sdg-build sdg/ProgressMeasure.py (SeriesProgress.methodology_2, growth_calculation,
 * is_target_achieved, get_progress_status):
 *   CAGR_o = (current / base)^(1 / (current_year − base_year)) − 1
 *   CAGR_r = (target / base)^(1 / (target_year − base_year)) − 1
 *   ratio  = sign × direction × CAGR_o / |CAGR_r|, sign = −1 if base < 0 else 1,
 *            direction = +1 for an increasing target, −1 for a decreasing one (at_most)
 *   target_achieved when current ≥ target (increasing) or ≤ target (decreasing), else
 *   substantial ≥ 0.95, moderate ≥ 0.6, limited ≥ 0, deterioration < 0.
 * As there, a zero base or target is replaced by 0.001, a base and current of opposite signs
 * or less than one year of observation give no ratio. Years are calendar months / 12 instead
 * of integer years, so a baseline dated 2020-12-31 and a 2023 figure are 3 years apart.
 * Returns null when no label can be given (not achieved and no ratio).
 */
export function progressMeasure(input: ProgressInput): ProgressMeasure | null {
  const direction = input.comparator === "at_least" ? 1 : -1;
  const current = input.current.value;
  const achieved = direction === 1 ? current >= input.target : current <= input.target;

  const base = input.baseline.value === 0 ? 0.001 : input.baseline.value;
  const target = input.target === 0 ? 0.001 : input.target;
  const sign = base < 0 ? -1 : 1;
  const mixedSigns = (base > 0 && current < 0) || (base < 0 && current > 0);
  const observedYears = yearsBetween(input.baseline.date, input.current.date);
  const requiredYears = yearsBetween(input.baseline.date, input.targetDate);

  const observedCagr = mixedSigns || observedYears < 1 ? null : cagr(current, base, observedYears);
  const requiredCagr = cagr(target, base, requiredYears);
  const growthRatio =
    observedCagr === null || requiredCagr === null || requiredCagr === 0
      ? null
      : finiteOrNull((sign * direction * observedCagr) / Math.abs(requiredCagr));

  let label: ProgressLabel;
  if (achieved) label = "target_achieved";
  else if (growthRatio === null) return null;
  else if (growthRatio >= PROGRESS_THRESHOLDS.substantial) label = "substantial";
  else if (growthRatio >= PROGRESS_THRESHOLDS.moderate) label = "moderate";
  else if (growthRatio >= PROGRESS_THRESHOLDS.limited) label = "limited";
  else label = "deterioration";
  return { label, observedCagr, requiredCagr, ratio: growthRatio };
}

function requireDate(name: string, date: IsoDate): void {
  if (!isValidIsoDate(date))
    throw new RangeError(`${name} is not a valid ISO date: ${JSON.stringify(date)}`);
}

function emptyEvaluation(plan: PlanInput, asOf: IsoDate, freshness: Freshness): Evaluation {
  return {
    planId: plan.id,
    asOf,
    status: "no_data",
    actual: null,
    attainment: null,
    expectedFraction: null,
    expectedToDate: null,
    pace: null,
    projection: null,
    projectedAttainment: null,
    monthsRemaining: null,
    requiredMonthlyRate: null,
    gapPp: null,
    progress: null,
    freshness,
    warnings: [],
  };
}

/**
 * Evaluates one plan as of a date. Figures reported after asOf are ignored, so re-running a
 * past date reproduces what was known then. Throws RangeError on an invalid plan period or
 * asOf; unusable figures are skipped. Numeric fields are null rather than NaN or Infinity.
 */
export function evaluatePlan(
  plan: PlanInput,
  actuals: readonly ActualInput[],
  asOf: IsoDate,
): Evaluation {
  requireDate("plan.periodStart", plan.periodStart);
  requireDate("plan.periodEnd", plan.periodEnd);
  requireDate("asOf", asOf);
  if (compareIsoDates(plan.periodEnd, plan.periodStart) < 0) {
    throw new RangeError(
      `plan period ends before it starts: ${plan.periodStart}..${plan.periodEnd}`,
    );
  }
  const thresholds = resolveThresholds(plan.thresholds);
  const known = actuals.filter((a) => isUsable(a) && reportedDate(a) <= asOf);
  const actual = selectFromUsable(plan, known);
  const freshness = computeFreshness(plan, actual?.periodEnd ?? null, asOf);
  const evaluation = emptyEvaluation(plan, asOf, freshness);
  if (!actual || !Number.isFinite(plan.target)) return evaluation;

  const { value } = actual;
  const { target, comparator } = plan;
  const coversWholePeriod =
    actual.periodEnd === plan.periodEnd &&
    (plan.measure === "level" || actual.periodStart === plan.periodStart);
  const monthsRemaining =
    compareIsoDates(actual.periodEnd, plan.periodEnd) >= 0
      ? 0
      : monthsBetween(addDays(actual.periodEnd, 1), plan.periodEnd);

  evaluation.actual = actual;
  evaluation.monthsRemaining = monthsRemaining;
  let status: Status;

  if (plan.measure === "flow") {
    const fraction = expectedFraction(plan, actual.periodEnd);
    const expected = target * fraction;
    const projection = fraction === 0 ? null : finiteOrNull(value / fraction);
    evaluation.attainment = ratio(value, target);
    evaluation.expectedFraction = fraction;
    evaluation.expectedToDate = finiteOrNull(expected);
    evaluation.pace = ratio(value, expected);
    evaluation.projection = projection;
    evaluation.projectedAttainment = projection === null ? null : ratio(projection, target);
    // For at_most this is the headroom left per month under the cap.
    evaluation.requiredMonthlyRate =
      monthsRemaining > 0 ? finiteOrNull(Math.max(0, target - value) / monthsRemaining) : null;
    status = paceStatus(value, expected, comparator, thresholds);
    if (comparator === "at_least") {
      if (value >= target) status = "achieved";
      else if (coversWholePeriod) status = "missed";
    } else if (value > target) {
      // A cumulative total cannot come back under the cap.
      status = "missed";
    } else if (coversWholePeriod) {
      status = "achieved";
    }
  } else if (plan.measure === "level") {
    let expected = target;
    if (
      plan.baseline &&
      Number.isFinite(plan.baseline.value) &&
      isValidIsoDate(plan.baseline.date)
    ) {
      // Straight line from the baseline value on its date to the target at plan end.
      const span = daysBetween(plan.baseline.date, plan.periodEnd);
      const elapsed = daysBetween(plan.baseline.date, actual.periodEnd);
      const pathFraction = span > 0 ? Math.min(1, Math.max(0, elapsed / span)) : 1;
      expected = plan.baseline.value + (target - plan.baseline.value) * pathFraction;
      evaluation.expectedFraction = pathFraction;
    }
    evaluation.attainment = ratio(value, target);
    evaluation.expectedToDate = finiteOrNull(expected);
    evaluation.pace = ratio(value, expected);
    status = paceStatus(value, expected, comparator, thresholds);
    if (comparator === "at_least") {
      if (value >= target) status = "achieved";
      else if (coversWholePeriod) status = "missed";
    } else if (coversWholePeriod) {
      // A level can still fall back under the cap until the period's final figure.
      status = value <= target ? "achieved" : "missed";
    }
  } else {
    const gapPp = comparator === "at_least" ? value - target : target - value;
    evaluation.attainment = ratio(value, target);
    evaluation.gapPp = finiteOrNull(gapPp);
    status = gapStatus(gapPp, thresholds);
    // A growth rate for part of the period says nothing final about the full period's rate.
    if (coversWholePeriod) status = gapPp >= -EPSILON ? "achieved" : "missed";
  }
  evaluation.status = status;

  const reported = actual.reportedAttainment;
  const computed = evaluation.attainment;
  if (typeof reported === "number" && Number.isFinite(reported) && computed !== null) {
    const difference = Math.abs(reported - computed);
    if (difference > ATTAINMENT_MISMATCH_TOLERANCE + EPSILON) {
      const warning: EvaluationWarning = {
        code: "reported_attainment_mismatch",
        reported,
        computed,
        // A finite ratio can still overflow once turned into points (a target near 1e-323).
        differencePp: Math.min(difference * 100, Number.MAX_VALUE),
      };
      evaluation.warnings.push(warning);
    }
  }

  if (
    plan.baseline &&
    Number.isFinite(plan.baseline.value) &&
    isValidIsoDate(plan.baseline.date) &&
    monthsBetween(plan.periodStart, plan.periodEnd) > 12
  ) {
    evaluation.progress = progressMeasure({
      comparator,
      baseline: plan.baseline,
      target,
      targetDate: plan.periodEnd,
      current: { value, date: actual.periodEnd },
    });
  }
  return evaluation;
}

export type EvaluationSummary = Record<Status, number> & { stale: number; total: number };

/** Counts per status (every status present, zeros included), stale plans, and the total. */
export function summarize(evaluations: readonly Evaluation[]): EvaluationSummary {
  const counts = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<Status, number>;
  let stale = 0;
  for (const evaluation of evaluations) {
    counts[evaluation.status] += 1;
    if (evaluation.freshness.stale) stale += 1;
  }
  return { ...counts, stale, total: evaluations.length };
}

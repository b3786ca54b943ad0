// The evaluation engine: from a plan, its reported figures and a date, decide how the target is
// doing. Pure and deterministic: "now" is the asOf parameter, so any past verdict can be
// recomputed exactly as it was. Each measure is judged in src/domain/measures; the figure that
// counts, freshness and the progress label each have a module of their own.
import { addDays, compareIsoDates, isValidIsoDate, monthsBetween } from "./dates";
import { computeFreshness } from "./freshness";
import { judgeFlow } from "./measures/flow";
import type { MeasureContext, MeasureJudgement } from "./measures/judgement";
import { judgeLevel } from "./measures/level";
import { judgeRate } from "./measures/rate";
import { EPSILON } from "./numbers";
import { progressMeasure } from "./progress-label";
import { resolveThresholds } from "./thresholds";
import type {
  ActualInput,
  Evaluation,
  EvaluationWarning,
  Freshness,
  IsoDate,
  PlanInput,
} from "./types";
import { isUsable, reportedDate, selectFromUsable } from "./vintages";
import { type Measure, STATUSES, type Status } from "./vocabulary";

/** 0.05 percentage points: sources print attainment to two decimals of a percent. */
export const ATTAINMENT_MISMATCH_TOLERANCE = 0.0005;

const JUDGES: Readonly<Record<Measure, (ctx: MeasureContext) => MeasureJudgement>> = {
  flow: judgeFlow,
  level: judgeLevel,
  rate: judgeRate,
};

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

/** A bulletin's printed ratio to plan that disagrees with its own figures (a typo, usually). */
function attainmentWarning(
  reported: number | null | undefined,
  computed: number | null,
): EvaluationWarning | null {
  if (typeof reported !== "number" || !Number.isFinite(reported) || computed === null) return null;
  const difference = Math.abs(reported - computed);
  if (difference <= ATTAINMENT_MISMATCH_TOLERANCE + EPSILON) return null;
  return {
    code: "reported_attainment_mismatch",
    reported,
    computed,
    // A finite ratio can still overflow once turned into points (a target near 1e-323).
    differencePp: Math.min(difference * 100, Number.MAX_VALUE),
  };
}

/** Multi-year plans with a usable baseline get Open SDG's progress label. */
function hasProgressBaseline(plan: PlanInput): plan is PlanInput & {
  baseline: NonNullable<PlanInput["baseline"]>;
} {
  return (
    !!plan.baseline &&
    Number.isFinite(plan.baseline.value) &&
    isValidIsoDate(plan.baseline.date) &&
    monthsBetween(plan.periodStart, plan.periodEnd) > 12
  );
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
  const known = actuals.filter((a) => isUsable(a) && reportedDate(a) <= asOf);
  const actual = selectFromUsable(plan, known);
  const freshness = computeFreshness(plan, actual?.periodEnd ?? null, asOf);
  const evaluation = emptyEvaluation(plan, asOf, freshness);
  if (!actual || !Number.isFinite(plan.target)) return evaluation;

  const monthsRemaining =
    compareIsoDates(actual.periodEnd, plan.periodEnd) >= 0
      ? 0
      : monthsBetween(addDays(actual.periodEnd, 1), plan.periodEnd);
  const judgement = JUDGES[plan.measure]({
    plan,
    actual,
    thresholds: resolveThresholds(plan.thresholds),
    coversWholePeriod:
      actual.periodEnd === plan.periodEnd &&
      (plan.measure === "level" || actual.periodStart === plan.periodStart),
    monthsRemaining,
  });
  Object.assign(evaluation, judgement, { actual, monthsRemaining });

  const warning = attainmentWarning(actual.reportedAttainment, evaluation.attainment);
  if (warning) evaluation.warnings.push(warning);
  if (hasProgressBaseline(plan)) {
    evaluation.progress = progressMeasure({
      comparator: plan.comparator,
      baseline: plan.baseline,
      target: plan.target,
      targetDate: plan.periodEnd,
      current: { value: actual.value, date: actual.periodEnd },
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

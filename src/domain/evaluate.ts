// The evaluation engine: from a plan, its reported figures and a date, decide how the target is
// doing. Pure and deterministic: "now" is the asOf parameter, so any past verdict can be
// recomputed exactly as it was. Each measure is judged in src/domain/measures; the figure that
// counts, freshness, the progress label, year on year and history phasing each have a module
// of their own.
import { dayNumberOrNaN, isValidIsoDate, monthsBetweenDays } from "./dates";
import { computeFreshness, freshnessOnDays } from "./freshness";
import { historyPhasingOnDayNumbers, phasingFromHistory } from "./history-phasing";
import { judgeFlow } from "./measures/flow";
import type { MeasureContext, MeasureJudgement } from "./measures/judgement";
import { judgeLevel } from "./measures/level";
import { judgeRate } from "./measures/rate";
import { PRINTED_RATIO_TOLERANCE, printedRatioMismatch } from "./printed-ratios";
import { progressMeasure } from "./progress-label";
import { DEFAULT_THRESHOLDS, thresholdsOf } from "./thresholds";
import type {
  ActualInput,
  Evaluation,
  EvaluationWarning,
  Freshness,
  HistoryPhasing,
  IsoDate,
  PlanInput,
} from "./types";
import {
  figureDays,
  knownFiguresOnDays,
  knownSeenFigures,
  lookAtFigures,
  selectOnDays,
} from "./vintages";
import { type Measure, STATUSES, type Status } from "./vocabulary";
import { yearOnYearOnDays } from "./year-on-year";

/** 0.05 percentage points: sources print attainment to two decimals of a percent. */
export const ATTAINMENT_MISMATCH_TOLERANCE = PRINTED_RATIO_TOLERANCE;

/**
 * The measure's judgement, written onto the evaluation, which it returns. A switch rather than
 * a table of functions: each call site sees one judge, which the JIT can inline into the
 * engine. A measure the engine does not know gives undefined, so reading its status fails.
 */
function judge(measure: Measure, ctx: MeasureContext, into: Evaluation): MeasureJudgement {
  switch (measure) {
    case "flow":
      judgeFlow(ctx, into);
      return into;
    case "level":
      judgeLevel(ctx, into);
      return into;
    case "rate":
      judgeRate(ctx, into);
      return into;
  }
}

/** The date's day number; a RangeError naming the input when it is not a valid ISO date. */
function requireDate(name: string, date: IsoDate): number {
  const day = dayNumberOrNaN(date);
  if (Number.isNaN(day))
    throw new RangeError(`${name} is not a valid ISO date: ${JSON.stringify(date)}`);
  return day;
}

// The evaluation date read last. A status page, the cron and a league table evaluate every plan
// on one date, so it is read once rather than once per plan.
let lastAsOf: IsoDate | null = null;
let lastAsOfDay = Number.NaN;

function asOfDayNumber(asOf: IsoDate): number {
  if (asOf !== lastAsOf) {
    lastAsOfDay = requireDate("asOf", asOf);
    lastAsOf = asOf;
  }
  return lastAsOfDay;
}

// The day numbers of the figures of the plan being evaluated, reused by every evaluation.
const DAYS = figureDays();

// What the plan being evaluated is judged from, refilled for each plan, as DAYS is: a measure
// reads it before the next evaluation starts, and one context per plan would be one more
// object per plan for the garbage collector. Its fields are set in one order from the start,
// so every evaluation writes the same shape.
const CONTEXT: MeasureContext = {
  plan: undefined as unknown as PlanInput,
  phasing: { kind: "linear" },
  actual: undefined as unknown as ActualInput,
  thresholds: DEFAULT_THRESHOLDS,
  startDay: 0,
  endDay: 0,
  figureEndDay: 0,
  coversWholePeriod: false,
  monthsRemaining: 0,
};

// Most plans have no warning: they share one empty list, which nothing can change, rather
// than each holding an empty array of its own. A warning gives the plan a list of its own.
const NO_WARNINGS: readonly EvaluationWarning[] = Object.freeze([]);

function emptyEvaluation(
  plan: PlanInput,
  asOf: IsoDate,
  freshness: Freshness,
  history: HistoryPhasing | null,
): Evaluation {
  return {
    planId: plan.id,
    asOf,
    status: "no_data",
    lastReading: null,
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
    yearOnYear: null,
    history,
    freshness,
    warnings: NO_WARNINGS,
  };
}

/** The verdicts a figure can give before the period is over (a cumulative flow's). */
function isVerdict(status: Status): boolean {
  return status === "achieved" || status === "missed";
}

/**
 * Whether the plan is judged on its indicator's history: a flow phased by `history` gets the
 * profile read from the indicator's earlier years (or linear, when that fell back). Levels and
 * rates are never phased, so their history is not read. `phasingKind` is the kind as read
 * before the figures; without one the phasing is read here, so a plan without a phasing fails
 * here, as it always has.
 */
function readsHistory(plan: PlanInput, phasingKind: string | undefined): boolean {
  return (phasingKind ?? plan.phasing.kind) === "history" && plan.measure === "flow";
}

/** Multi-year plans with a usable baseline get Open SDG's progress label. */
function hasProgressBaseline(
  plan: PlanInput,
  startDay: number,
  endDay: number,
): plan is PlanInput & {
  baseline: NonNullable<PlanInput["baseline"]>;
} {
  return (
    !!plan.baseline &&
    Number.isFinite(plan.baseline.value) &&
    isValidIsoDate(plan.baseline.date) &&
    monthsBetweenDays(startDay, endDay) > 12
  );
}

/**
 * Evaluates one plan as of a date. Figures reported after asOf are ignored, so re-running a
 * past date reproduces what was known then. Throws RangeError on an invalid plan period or
 * asOf; unusable figures are skipped. Numeric fields are null rather than NaN or Infinity.
 *
 * `actuals` are figures of the plan's indicator: at least those inside the plan's period, plus
 * the same period one year earlier (for year on year) and, for `history` phasing, the
 * HISTORY_WINDOW_YEARS calendar years before the plan starts. Any others are ignored.
 *
 * Once asOf is past the plan's end and no figure reaches that end, a pace reading no longer
 * applies: the status is `period_over`, the pace status the last figure gave is kept in
 * `lastReading`, and no month remains (monthsRemaining 0, no required monthly rate). A
 * cumulative flow's certain early verdict (met, or over its cap) stands.
 */
export function evaluatePlan(
  plan: PlanInput,
  actuals: readonly ActualInput[],
  asOf: IsoDate,
): Evaluation {
  // Everything the plan says is asked for before any of it is worked on, and its figures are
  // looked at (lookAtFigures) before its dates are read: the plan's dates, its phasing and its
  // figures lie apart in memory, and asking for them together lets the processor fetch them
  // at once, where reading one date, then the other, then the phasing, then the figures would
  // wait each time. Neither fails: a bad plan still fails on its dates first, and a plan
  // without a phasing still fails below, after its figures, as it always has.
  const periodStart = plan.periodStart;
  const periodEnd = plan.periodEnd;
  const phasingKind: string | undefined = plan.phasing?.kind;
  const targetIsFinite = Number.isFinite(plan.target);
  const looked = lookAtFigures(actuals, DAYS);
  // Each date is read once, as a day number, for every comparison below.
  const startDay = requireDate("plan.periodStart", periodStart);
  const endDay = requireDate("plan.periodEnd", periodEnd);
  const asOfDay = asOfDayNumber(asOf);
  if (endDay < startDay) {
    throw new RangeError(`plan period ends before it starts: ${periodStart}..${periodEnd}`);
  }
  // Every figure's dates are checked and read once, here; the steps below compare day numbers.
  const known = looked
    ? knownSeenFigures(actuals, asOfDay, DAYS)
    : knownFiguresOnDays(actuals, asOfDay, DAYS);
  const history = readsHistory(plan, phasingKind)
    ? historyPhasingOnDayNumbers(known, DAYS, asOfDay, startDay)
    : null;
  const index = selectOnDays(plan.measure, startDay, endDay, known, DAYS);
  const actual = index < 0 ? null : known[index]!;
  const figureEndDay = index < 0 ? null : DAYS.end[index]!;
  const freshness = plan.releaseRule
    ? computeFreshness(plan, actual?.periodEnd ?? null, asOf, plan.releaseRule)
    : freshnessOnDays(
        plan.cadence,
        startDay,
        endDay,
        actual?.periodEnd ?? null,
        asOfDay,
        figureEndDay,
      );
  const evaluation = emptyEvaluation(plan, asOf, freshness, history);
  const periodOver = asOfDay > endDay;
  if (!actual || !targetIsFinite) {
    if (periodOver) evaluation.status = "period_over";
    return evaluation;
  }

  // Read above whenever there is a figure.
  const actualEndDay = figureEndDay as number;
  const monthsRemaining =
    periodOver || actualEndDay >= endDay ? 0 : monthsBetweenDays(actualEndDay + 1, endDay);
  // On day numbers: two valid dates are the same string exactly when they are the same day.
  const coversWholePeriod =
    actualEndDay === endDay && (plan.measure === "level" || DAYS.start[index] === startDay);
  const ctx = CONTEXT;
  ctx.plan = plan;
  ctx.phasing = history === null ? plan.phasing : phasingFromHistory(history);
  ctx.actual = actual;
  ctx.thresholds = thresholdsOf(plan.thresholds);
  ctx.startDay = startDay;
  ctx.endDay = endDay;
  ctx.figureEndDay = actualEndDay;
  ctx.coversWholePeriod = coversWholePeriod;
  ctx.monthsRemaining = monthsRemaining;
  const status = judge(plan.measure, ctx, evaluation).status;
  evaluation.actual = actual;
  evaluation.monthsRemaining = monthsRemaining;
  if (periodOver && !coversWholePeriod && !isVerdict(status)) {
    evaluation.lastReading = status;
    evaluation.status = "period_over";
  }

  const attainment = printedRatioMismatch(
    "reported_attainment_mismatch",
    actual.reportedAttainment,
    evaluation.attainment,
  );
  if (attainment) evaluation.warnings = [attainment];
  if (plan.measure !== "rate") {
    evaluation.yearOnYear = yearOnYearOnDays(
      plan.measure,
      actual,
      DAYS.start[index]!,
      actualEndDay,
      known,
      DAYS,
    );
    const warning = evaluation.yearOnYear?.warning;
    if (warning) evaluation.warnings = [...evaluation.warnings, warning];
  }
  if (hasProgressBaseline(plan, startDay, endDay)) {
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

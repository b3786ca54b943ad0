// Levels (a stock, a ratio, a yearly turnover): the value against the target itself, or
// against the straight line from a baseline to the target.
import { dayNumberOrNaN } from "../dates";
import { finiteOrNull, ratio } from "../numbers";
import { paceStatus } from "../thresholds";
import type { MeasureContext, MeasureJudgement } from "./judgement";

/**
 * A level is judged on its value at one date, and it can move either way until the period's
 * end: a stock over its floor in June can fall under it by December, one under its cap can
 * rise over it. So `achieved` and `missed` come only from the figure for the period's end, for
 * floors (at_least) and caps (at_most) alike; before that, at or beyond the target reads as
 * ahead or on track by the thresholds, like any pace.
 */
export function judgeLevel(ctx: MeasureContext, into: MeasureJudgement): void {
  const { plan, actual, thresholds, coversWholePeriod } = ctx;
  const { value } = actual;
  const { target, comparator } = plan;
  let expected = target;
  let pathFraction: number | null = null;
  const baselineDay = plan.baseline ? dayNumberOrNaN(plan.baseline.date) : Number.NaN;
  if (plan.baseline && Number.isFinite(plan.baseline.value) && !Number.isNaN(baselineDay)) {
    // Straight line from the baseline value on its date to the target at plan end.
    const span = ctx.endDay - baselineDay;
    const elapsed = ctx.figureEndDay - baselineDay;
    pathFraction = span > 0 ? Math.min(1, Math.max(0, elapsed / span)) : 1;
    expected = plan.baseline.value + (target - plan.baseline.value) * pathFraction;
  }
  let status = paceStatus(value, expected, comparator, thresholds);
  if (coversWholePeriod) {
    const met = comparator === "at_least" ? value >= target : value <= target;
    status = met ? "achieved" : "missed";
  }
  into.status = status;
  into.attainment = ratio(value, target);
  if (pathFraction !== null) into.expectedFraction = pathFraction;
  into.expectedToDate = finiteOrNull(expected);
  into.pace = ratio(value, expected);
}

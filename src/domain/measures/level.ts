// Levels (a stock, a ratio, a yearly turnover): the value against the target itself, or
// against the straight line from a baseline to the target.
import { daysBetween, isValidIsoDate } from "../dates";
import { finiteOrNull, ratio } from "../numbers";
import { paceStatus } from "../thresholds";
import type { MeasureContext, MeasureJudgement } from "./judgement";

export function judgeLevel(ctx: MeasureContext): MeasureJudgement {
  const { plan, actual, thresholds, coversWholePeriod } = ctx;
  const { value } = actual;
  const { target, comparator } = plan;
  let expected = target;
  let pathFraction: number | null = null;
  if (plan.baseline && Number.isFinite(plan.baseline.value) && isValidIsoDate(plan.baseline.date)) {
    // Straight line from the baseline value on its date to the target at plan end.
    const span = daysBetween(plan.baseline.date, plan.periodEnd);
    const elapsed = daysBetween(plan.baseline.date, actual.periodEnd);
    pathFraction = span > 0 ? Math.min(1, Math.max(0, elapsed / span)) : 1;
    expected = plan.baseline.value + (target - plan.baseline.value) * pathFraction;
  }
  let status = paceStatus(value, expected, comparator, thresholds);
  if (comparator === "at_least") {
    if (value >= target) status = "achieved";
    else if (coversWholePeriod) status = "missed";
  } else if (coversWholePeriod) {
    // A level can still fall back under the cap until the period's final figure.
    status = value <= target ? "achieved" : "missed";
  }
  return {
    status,
    attainment: ratio(value, target),
    ...(pathFraction === null ? {} : { expectedFraction: pathFraction }),
    expectedToDate: finiteOrNull(expected),
    pace: ratio(value, expected),
  };
}

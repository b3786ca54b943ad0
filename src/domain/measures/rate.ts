// Growth rates in %: the gap to the target rate in percentage points.
import { EPSILON, finiteOrNull, ratio } from "../numbers";
import { gapStatus } from "../thresholds";
import type { MeasureContext, MeasureJudgement } from "./judgement";

export function judgeRate(ctx: MeasureContext, into: MeasureJudgement): void {
  const { plan, actual, thresholds, coversWholePeriod } = ctx;
  const { value } = actual;
  const { target, comparator } = plan;
  const gapPp = comparator === "at_least" ? value - target : target - value;
  // A growth rate for part of the period says nothing final about the full period's rate.
  const status = coversWholePeriod
    ? gapPp >= -EPSILON
      ? "achieved"
      : "missed"
    : gapStatus(gapPp, thresholds);
  into.status = status;
  into.attainment = ratio(value, target);
  into.gapPp = finiteOrNull(gapPp);
}

// Cumulative flows (exports, output): the figure so far against the share of the target the
// phasing expects by its period end.
import { finiteOrNull, ratio } from "../numbers";
import { expectedFractionOnDays } from "../phasing";
import { paceStatus } from "../thresholds";
import type { MeasureContext, MeasureJudgement } from "./judgement";

export function judgeFlow(ctx: MeasureContext, into: MeasureJudgement): void {
  const { plan, actual, thresholds, coversWholePeriod, monthsRemaining } = ctx;
  const { value } = actual;
  const { target, comparator } = plan;
  const fraction = expectedFractionOnDays(ctx.phasing, ctx.startDay, ctx.endDay, ctx.figureEndDay);
  const expected = target * fraction;
  const projection = fraction === 0 ? null : finiteOrNull(value / fraction);
  let status = paceStatus(value, expected, comparator, thresholds);
  if (comparator === "at_least") {
    if (value >= target) status = "achieved";
    else if (coversWholePeriod) status = "missed";
  } else if (value > target) {
    // A cumulative total cannot come back under the cap.
    status = "missed";
  } else if (coversWholePeriod) {
    status = "achieved";
  }
  into.status = status;
  into.attainment = ratio(value, target);
  into.expectedFraction = fraction;
  into.expectedToDate = finiteOrNull(expected);
  into.pace = ratio(value, expected);
  into.projection = projection;
  into.projectedAttainment = projection === null ? null : ratio(projection, target);
  // For at_most this is the headroom left per month under the cap.
  into.requiredMonthlyRate =
    monthsRemaining > 0 ? finiteOrNull(Math.max(0, target - value) / monthsRemaining) : null;
}

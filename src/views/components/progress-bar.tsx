import type { Locale } from "../locale";
import { type PlanView, TONE } from "../model";

/** Clamps a share of the target to the bar's 0–100 scale; beyond 100% the bar is simply full. */
function toScale(share: number): number {
  return Math.round(Math.min(1, Math.max(0, share)) * 10_000) / 100;
}

/**
 * Attainment as a bar, with a marker where the figure should be by the date it covers
 * (expected-to-date). Drawn in SVG so that no style attribute is needed under the CSP; the
 * marker keeps a 2px width however far the bar stretches (non-scaling stroke).
 */
export function ProgressBar({ l, view }: { l: Locale; view: PlanView }) {
  const { evaluation, plan, actual } = view;
  if (evaluation.attainment === null || !actual || view.indicator.measure === "rate") return null;
  const expectedShare =
    evaluation.expectedToDate !== null && plan.target !== 0
      ? evaluation.expectedToDate / plan.target
      : null;
  const attainment = l.percent(evaluation.attainment);
  const label =
    expectedShare === null
      ? l.t("bar_label_plain", { attainment })
      : l.t("bar_label", {
          attainment,
          expected: l.percent(expectedShare),
          date: l.date(actual.periodEnd),
        });
  const mark = expectedShare === null ? null : toScale(expectedShare);
  return (
    <svg class="bar" viewBox="0 0 100 12" preserveAspectRatio="none" role="img" aria-label={label}>
      <title>{label}</title>
      <rect class="track" y="3" width="100" height="6" rx="1" />
      <rect
        class={`t-${TONE[evaluation.status]}`}
        y="3"
        width={toScale(evaluation.attainment)}
        height="6"
        rx="1"
      />
      {mark === null ? null : (
        <line class="mark" x1={mark} x2={mark} y1="0" y2="12" vector-effect="non-scaling-stroke" />
      )}
    </svg>
  );
}

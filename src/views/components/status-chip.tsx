import type { Locale } from "../locale";
import { type PlanView, type StatusKey, TONE } from "../model";

const TITLES: Partial<Record<StatusKey, "stale_title" | "period_over_title">> = {
  stale: "stale_title",
  period_over: "period_over_title",
};

/** Colour, text and a shape (class s-<status>), so the status never rests on colour alone. */
export function StatusChip({ l, status }: { l: Locale; status: StatusKey }) {
  const title = TITLES[status];
  return (
    <span class={`chip t-${TONE[status]} s-${status}`} title={title ? l.t(title) : undefined}>
      {l.status(status)}
    </span>
  );
}

/** The status, and beside it "stale" when the next figure is overdue. */
export function StatusChips({ l, view }: { l: Locale; view: PlanView }) {
  return (
    <span class="chips">
      <StatusChip l={l} status={view.evaluation.status} />
      {view.evaluation.freshness.stale ? <StatusChip l={l} status="stale" /> : null}
    </span>
  );
}

/**
 * What "period over" is waiting for, and how the plan stood when the figures stopped: "Final
 * figure not yet in; last reading Jan–Sep 2024: Ahead". Nothing for any other status.
 */
export function periodOverText(l: Locale, view: PlanView): string | null {
  const { evaluation, actual } = view;
  if (evaluation.status !== "period_over") return null;
  if (!actual || evaluation.lastReading === null) return l.t("period_over_no_figure");
  return l.t("period_over_reading", {
    period: l.period(actual.periodStart, actual.periodEnd),
    status: l.status(evaluation.lastReading),
  });
}

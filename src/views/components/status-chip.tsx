import type { Locale } from "../locale";
import { type PlanView, type StatusKey, TONE } from "../model";

/** Colour, text and a shape (class s-<status>), so the status never rests on colour alone. */
export function StatusChip({ l, status }: { l: Locale; status: StatusKey }) {
  return (
    <span
      class={`chip t-${TONE[status]} s-${status}`}
      title={status === "stale" ? l.t("stale_title") : undefined}
    >
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

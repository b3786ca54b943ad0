// What saving will do, as the desk shows it before anything is saved: the kind of write, the
// value as it will be stored, and how each target it touches will be judged, with warnings.
import type { FigurePreview, IndicatorPreview, PlanPreview } from "../../commands/preview";
import type { EvaluatedPlan } from "../../evaluation/evaluate";
import { StatusChips } from "../components/status-chip";
import type { Locale } from "../locale";
import { indicatorName } from "../model";
import { warningText } from "../plan-model";

function planLabel(l: Locale, view: EvaluatedPlan): string {
  return `${indicatorName(view.indicator, l.lang)}, ${l.period(view.plan.periodStart, view.plan.periodEnd)}`;
}

export function Warnings({ l, view }: { l: Locale; view: EvaluatedPlan }) {
  return (
    <>
      {view.evaluation.warnings.map((w) => (
        <p class="warning" role="note" data-warning={w.code}>
          <strong>{l.t("preview_warning")}: </strong>
          {warningText(l, w)}
        </p>
      ))}
    </>
  );
}

/** A target before and after: its status, then attainment and pace after. */
export function Effect({
  l,
  before,
  after,
}: {
  l: Locale;
  before: EvaluatedPlan | null;
  after: EvaluatedPlan;
}) {
  const e = after.evaluation;
  return (
    <li data-plan={after.plan.id}>
      {planLabel(l, after)}:{" "}
      {before ? (
        <>
          <StatusChips l={l} view={before} /> →{" "}
        </>
      ) : null}
      <StatusChips l={l} view={after} />{" "}
      {e.attainment !== null && e.pace !== null ? (
        <span class="muted">
          {l.t("preview_effect_details", {
            attainment: l.percent(e.attainment),
            pace: l.number(e.pace, 2),
          })}
        </span>
      ) : null}
      <Warnings l={l} view={after} />
    </li>
  );
}

/** One figure's outcome; `repeat` when an earlier draft of the same batch is the same figure. */
export function FigureOutcome({ l, preview }: { l: Locale; preview: FigurePreview }) {
  const { indicator, actual, previous } = preview;
  const name = indicatorName(indicator, l.lang);
  const period = l.period(actual.periodStart, actual.periodEnd);
  const text =
    preview.outcome === "created"
      ? l.t("preview_figure_new", { indicator: name, period })
      : preview.outcome === "revised" && previous
        ? l.t("preview_figure_revision", {
            indicator: name,
            period,
            previous: l.quantity(previous.value, indicator),
            status: l.t(`kind_${previous.status}`),
            date: l.date(previous.reportedAt),
          })
        : preview.outcome === "duplicate"
          ? l.t("preview_figure_repeat")
          : l.t("preview_figure_duplicate");
  return (
    <div class="outcome" data-outcome={preview.outcome}>
      <p>{text}</p>
      <p>
        {l.t("preview_value", {
          value: l.quantity(actual.value, indicator, 4),
          full: l.number(actual.value, 6),
          unit: l.unit(indicator),
        })}
      </p>
      {preview.effects.length > 0 ? (
        <ul>
          {preview.effects.map((e) => (
            <Effect l={l} before={e.before} after={e.after} />
          ))}
        </ul>
      ) : preview.outcome === "created" || preview.outcome === "revised" ? (
        <p class="muted">{l.t("preview_no_effect")}</p>
      ) : null}
    </div>
  );
}

export function FigurePreviewSection({ l, preview }: { l: Locale; preview: FigurePreview | null }) {
  return (
    <section
      id="preview"
      class="preview"
      aria-labelledby="preview-h"
      aria-live="polite"
      hidden={!preview}
    >
      <h2 id="preview-h">{l.t("preview_heading")}</h2>
      {preview ? <FigureOutcome l={l} preview={preview} /> : null}
    </section>
  );
}

export function PlanPreviewSection({ l, preview }: { l: Locale; preview: PlanPreview | null }) {
  if (!preview) return <section id="preview" class="preview" hidden aria-live="polite" />;
  const { change, before, after } = preview;
  const target = l.quantity(change.next.target, change.indicator, 4);
  const label = planLabel(l, after);
  const text =
    change.outcome === "created"
      ? l.t("preview_plan_new", {
          target,
          period: l.period(change.next.period_start, change.next.period_end),
        })
      : change.outcome === "revised"
        ? l.t("preview_plan_revision", {
            plan: label,
            before: change.current ? l.quantity(change.current.target, change.indicator, 4) : "—",
            after: target,
          })
        : l.t("preview_plan_unchanged", { plan: label });
  return (
    <section id="preview" class="preview" aria-labelledby="preview-h" aria-live="polite">
      <h2 id="preview-h">{l.t("preview_heading")}</h2>
      <div class="outcome" data-outcome={change.outcome}>
        <p>{text}</p>
        <ul>
          <Effect l={l} before={before} after={after} />
        </ul>
      </div>
    </section>
  );
}

export function IndicatorPreviewSection({
  l,
  preview,
}: {
  l: Locale;
  preview: IndicatorPreview | null;
}) {
  if (!preview) return <section id="preview" class="preview" hidden aria-live="polite" />;
  const { change, changed } = preview;
  const id = change.next.id;
  const text =
    change.outcome === "created"
      ? l.t("preview_indicator_new", { id })
      : change.outcome === "updated"
        ? l.t("preview_indicator_update", { id, fields: changed.join(", ") })
        : l.t("preview_indicator_unchanged", { id });
  return (
    <section id="preview" class="preview" aria-labelledby="preview-h" aria-live="polite">
      <h2 id="preview-h">{l.t("preview_heading")}</h2>
      <p class="outcome" data-outcome={change.outcome}>
        {text}
      </p>
    </section>
  );
}

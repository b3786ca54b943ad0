import { PUBLICATION_LAG_DAYS, STALE_GRACE_DAYS } from "../../domain/freshness";
import { resolveThresholds } from "../../domain/thresholds";
import type { Thresholds } from "../../domain/types";
import type { Locale } from "../locale";
import type { PlanView } from "../model";

/** How the figure in use was judged, for the plan's measure. */
function computationSentences(l: Locale, view: PlanView, phasing: string): string[] {
  const { plan, indicator, actual, evaluation: e } = view;
  const q = (v: number) => l.quantity(v, indicator, 4);
  const period = l.period(plan.periodStart, plan.periodEnd);
  const target = q(plan.target);
  if (!actual || (e.attainment === null && e.gapPp === null)) {
    return [l.t("method_no_data", { target, period })];
  }
  const common = {
    target,
    period,
    value: q(actual.value),
    covered: l.period(actual.periodStart, actual.periodEnd),
    attainment: e.attainment === null ? "—" : l.percent(e.attainment),
    date: l.date(actual.periodEnd),
  };
  if (
    indicator.measure === "flow" &&
    e.expectedFraction !== null &&
    e.expectedToDate !== null &&
    e.pace !== null &&
    e.projection !== null &&
    e.projectedAttainment !== null
  ) {
    return [
      l.t("method_flow", {
        ...common,
        phasing,
        expectedShare: l.percent(e.expectedFraction),
        expected: q(e.expectedToDate),
        pace: l.percent(e.pace),
        projection: q(e.projection),
        projectedAttainment: l.percent(e.projectedAttainment),
      }),
    ];
  }
  if (indicator.measure === "rate") {
    return [l.t("method_rate", { ...common, gap: l.number(e.gapPp ?? 0, 2) })];
  }
  const sentences = [l.t("method_level", common)];
  if (
    plan.baselineValue !== null &&
    plan.baselineDate !== null &&
    e.expectedToDate !== null &&
    e.pace !== null
  ) {
    sentences.push(
      l.t("method_level_baseline", {
        ...common,
        baseline: q(plan.baselineValue),
        baselineDate: l.date(plan.baselineDate),
        expected: q(e.expectedToDate),
        pace: l.percent(e.pace),
      }),
    );
  }
  return sentences;
}

/** Where the statuses change, for this plan's thresholds. */
function thresholdSentence(l: Locale, view: PlanView): string {
  const t: Thresholds = resolveThresholds(view.input.thresholds);
  return view.indicator.measure === "rate"
    ? l.t("method_thresholds_pp", {
        ahead: l.number(t.ahead_pp, 2),
        onTrack: l.number(t.on_track_pp, 2),
        atRisk: l.number(t.at_risk_pp, 2),
      })
    : l.t("method_thresholds_ratio", {
        ahead: l.percent(t.ahead, 0),
        onTrack: l.percent(t.on_track, 0),
        atRisk: l.percent(t.at_risk, 0),
      });
}

/** The computation in words, with this plan's own figures, so anyone can check it by hand. */
export function methodologyText(l: Locale, view: PlanView, phasing: string): string {
  const { plan, indicator, evaluation: e } = view;
  const sentences = [
    ...computationSentences(l, view, phasing),
    thresholdSentence(l, view),
    l.t(plan.comparator === "at_most" ? "method_at_most" : "method_at_least"),
    l.t("method_freshness", {
      cadence: l.t(`cadence_${indicator.cadence}`),
      lag: PUBLICATION_LAG_DAYS[indicator.cadence],
      grace: STALE_GRACE_DAYS,
    }),
  ];
  const progress = e.progress;
  if (progress && progress.observedCagr !== null && progress.requiredCagr !== null) {
    sentences.push(
      l.t("method_progress", {
        observed: l.percent(progress.observedCagr, 1),
        required: l.percent(progress.requiredCagr, 1),
        label: l.t(`progress_${progress.label}`),
      }),
    );
  }
  return sentences.join(" ");
}

export function Methodology(props: { l: Locale; view: PlanView; phasing: string }) {
  return <p class="method">{methodologyText(props.l, props.view, props.phasing)}</p>;
}

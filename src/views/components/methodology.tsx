import { PUBLICATION_LAG_DAYS, STALE_GRACE_DAYS } from "../../domain/freshness";
import { HISTORY_WINDOW_YEARS, MIN_HISTORY_YEARS } from "../../domain/history-phasing";
import { yearsBetween } from "../../domain/progress-label";
import { resolveThresholds } from "../../domain/thresholds";
import type { Thresholds } from "../../domain/types";
import type { Locale } from "../locale";
import type { PlanView } from "../model";

/** How the target is spread over the period, in words, as the evaluation applied it. */
export function phasingText(l: Locale, view: PlanView): string {
  const { phasing } = view.input;
  const history = view.evaluation.history;
  if (phasing.kind === "monthly_weights") return l.t("phasing_seasonal");
  if (phasing.kind === "history" && history?.kind === "history") {
    return l.t("phasing_history", { years: history.yearsUsed.join(", ") });
  }
  if (phasing.kind === "history" && history) return l.t("phasing_history_fallback");
  return l.t("phasing_linear");
}

/** Which years of history set the target path, or why there were too few. */
function historySentence(l: Locale, view: PlanView): string | null {
  const history = view.evaluation.history;
  if (!history) return null;
  if (history.kind === "history") {
    return l.t("method_history", { years: history.yearsUsed.join(", ") });
  }
  const found =
    history.completeYears.length > 0
      ? l.t("method_history_found", { years: history.completeYears.join(", ") })
      : l.t("method_history_none");
  return l.t("method_history_fallback", {
    min: MIN_HISTORY_YEARS,
    window: HISTORY_WINDOW_YEARS,
    found,
  });
}

/** Growth on the same period last year, from the stored figure or implied by the print. */
function yearOnYearSentences(l: Locale, view: PlanView): string[] {
  const yoy = view.evaluation.yearOnYear;
  if (!yoy?.priorPeriod) return [];
  const q = (v: number) => l.quantity(v, view.indicator, 4);
  const priorPeriod = l.period(yoy.priorPeriod.periodStart, yoy.priorPeriod.periodEnd);
  const printed = yoy.reported === null ? null : l.growth(yoy.reported);
  if (yoy.growth !== null && yoy.prior) {
    const sentences = [
      l.t("method_yoy", { priorPeriod, prior: q(yoy.prior.value), growth: l.growth(yoy.growth) }),
    ];
    if (printed) sentences.push(l.t("method_yoy_printed", { printed }));
    return sentences;
  }
  if (yoy.impliedPrior !== null && printed) {
    return [l.t("method_yoy_implied", { priorPeriod, printed, prior: q(yoy.impliedPrior) })];
  }
  return [];
}

/** A period that ended without its final figure: what was last read, and what decides now. */
function periodOverSentence(l: Locale, view: PlanView): string | null {
  const { plan, actual, evaluation: e } = view;
  if (e.status !== "period_over") return null;
  const end = l.date(plan.periodEnd);
  if (!actual || e.lastReading === null) return l.t("method_period_over_no_figure", { end });
  return l.t("method_period_over", {
    end,
    covered: l.period(actual.periodStart, actual.periodEnd),
    status: l.status(e.lastReading).toLocaleLowerCase(l.lang),
  });
}

/** When the verdict is final, which depends on the measure as much as on the comparator. */
function verdictSentence(l: Locale, view: PlanView): string {
  switch (view.indicator.measure) {
    case "level":
      return l.t("method_level_final");
    case "rate":
      return l.t("method_rate_final");
    case "flow":
      return l.t(view.plan.comparator === "at_most" ? "method_at_most" : "method_at_least");
  }
}

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
  const { indicator, evaluation: e } = view;
  const sentences = [
    ...computationSentences(l, view, phasing),
    historySentence(l, view),
    ...yearOnYearSentences(l, view),
    periodOverSentence(l, view),
    thresholdSentence(l, view),
    verdictSentence(l, view),
    indicator.releaseRule
      ? l.t("method_freshness_rule", {
          cadence: l.t(`cadence_${indicator.cadence}`),
          grace: STALE_GRACE_DAYS,
        })
      : l.t("method_freshness", {
          cadence: l.t(`cadence_${indicator.cadence}`),
          lag: PUBLICATION_LAG_DAYS[indicator.cadence],
          grace: STALE_GRACE_DAYS,
        }),
  ];
  const progress = e.progress;
  const baselineDate = view.plan.baselineDate;
  if (progress && progress.observedCagr !== null && progress.requiredCagr !== null) {
    sentences.push(
      l.t("method_progress", {
        observed: l.percent(progress.observedCagr, 1),
        required: l.percent(progress.requiredCagr, 1),
        years:
          baselineDate && view.actual
            ? l.number(yearsBetween(baselineDate, view.actual.periodEnd), 2)
            : "—",
        ratio: progress.ratio === null ? "—" : l.number(progress.ratio, 2),
        label: l.t(`progress_${progress.label}`),
      }),
    );
  }
  return sentences.filter((s): s is string => s !== null).join(" ");
}

export function Methodology(props: { l: Locale; view: PlanView; phasing: string }) {
  return <p class="method">{methodologyText(props.l, props.view, props.phasing)}</p>;
}

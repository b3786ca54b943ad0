import type { Child } from "hono/jsx";
import {
  FIGURES,
  type FigureDefinition,
  type FigureKey,
  type FigureKind,
} from "../../schemas/evaluation";
import { formatSignedPoints } from "../format";
import type { Locale } from "../locale";
import type { PlanView } from "../model";
import { targetText } from "./plan-table";

function Figure({ label, value, note }: { label: string; value: Child; note?: Child }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>
        {value}
        {note ? <small>{note}</small> : null}
      </dd>
    </div>
  );
}

/**
 * Figures this component shows in a line written for them (or as the note of one). Any other
 * figure of the catalogue gets a plain line of its own, so a new figure reaches the page
 * without a change here.
 */
const TAILORED: ReadonlySet<FigureKey> = new Set<FigureKey>([
  "attainment",
  "expected_fraction",
  "expected_to_date",
  "pace",
  "projection",
  "projected_attainment",
  "months_remaining",
  "required_monthly_rate",
  "gap_pp",
  "yoy_growth",
  "prior_year_value",
  "implied_prior_year_value",
]);

function formatFigure(l: Locale, kind: FigureKind, value: number, view: PlanView): string {
  switch (kind) {
    case "ratio":
      return l.percent(value);
    case "amount":
      return l.quantity(value, view.indicator);
    case "points":
      return formatSignedPoints(value, l.lang);
    case "months":
      return l.number(value, 1);
  }
}

/**
 * Growth on the same period last year beside the rate the source printed, or, with no
 * prior-year figure on file, the prior the printed rate implies, labelled as derived.
 */
function yearOnYearFigures(l: Locale, view: PlanView): Child[] {
  const yoy = view.evaluation.yearOnYear;
  if (!yoy) return [];
  const q = (v: number) => l.quantity(v, view.indicator, 4);
  const printed = yoy.reported === null ? null : l.growth(yoy.reported);
  if (yoy.growth !== null && yoy.prior) {
    const against = l.t("fig_yoy_note", {
      prior: q(yoy.prior.value),
      period: l.period(yoy.prior.periodStart, yoy.prior.periodEnd),
    });
    return [
      <Figure
        label={l.t("fig_yoy")}
        value={l.growth(yoy.growth)}
        note={printed ? `${against} · ${l.t("fig_yoy_printed", { printed })}` : against}
      />,
    ];
  }
  if (yoy.impliedPrior !== null && printed && yoy.priorPeriod) {
    return [
      <Figure
        label={l.t("fig_yoy_implied")}
        value={q(yoy.impliedPrior)}
        note={l.t("fig_yoy_implied_note", {
          printed,
          period: l.period(yoy.priorPeriod.periodStart, yoy.priorPeriod.periodEnd),
        })}
      />,
    ];
  }
  return [];
}

/** The evaluation's numbers, each once, with what it is measured against. */
export function KeyFigures({ l, view }: { l: Locale; view: PlanView }) {
  const { plan, indicator, actual, evaluation: e } = view;
  const q = (v: number, significant = 3) => l.quantity(v, indicator, significant);
  const figures: Child[] = [
    <Figure
      label={l.t("fig_target")}
      value={targetText(l, view)}
      note={l.period(plan.periodStart, plan.periodEnd)}
    />,
  ];
  if (actual) {
    figures.push(
      <Figure
        label={l.t("fig_latest")}
        value={q(actual.value, 4)}
        note={`${l.period(actual.periodStart, actual.periodEnd)} · ${l.t(`kind_${actual.status}`)} · ${l.date(actual.reportedAt)}`}
      />,
    );
    if (e.lastReading) {
      figures.push(
        <Figure
          label={l.t("fig_last_reading")}
          value={l.status(e.lastReading)}
          note={l.period(actual.periodStart, actual.periodEnd)}
        />,
      );
    }
    figures.push(...yearOnYearFigures(l, view));
  }
  if (indicator.measure === "rate" && e.gapPp !== null) {
    figures.push(<Figure label={l.t("fig_gap")} value={formatSignedPoints(e.gapPp, l.lang)} />);
  } else if (e.attainment !== null) {
    figures.push(<Figure label={l.t("fig_attainment")} value={l.percent(e.attainment)} />);
  }
  if (e.expectedToDate !== null && actual) {
    figures.push(
      <Figure
        label={l.t("fig_expected")}
        value={q(e.expectedToDate)}
        note={
          e.expectedFraction === null
            ? l.date(actual.periodEnd)
            : `${l.percent(e.expectedFraction)} · ${l.date(actual.periodEnd)}`
        }
      />,
    );
  }
  if (e.pace !== null) figures.push(<Figure label={l.t("fig_pace")} value={l.percent(e.pace)} />);
  if (e.projection !== null) {
    figures.push(
      <Figure
        label={l.t("fig_projection")}
        value={q(e.projection)}
        note={
          e.projectedAttainment === null
            ? undefined
            : l.t("projection_of_target", { share: l.percent(e.projectedAttainment) })
        }
      />,
    );
  }
  if (e.requiredMonthlyRate !== null && e.monthsRemaining !== null) {
    figures.push(
      <Figure
        label={l.t("fig_required")}
        value={q(e.requiredMonthlyRate)}
        note={l.t("fig_months_left", { n: l.number(e.monthsRemaining, 1) })}
      />,
    );
  }
  for (const figure of FIGURES as readonly FigureDefinition[]) {
    const value = figure.read(e);
    if (TAILORED.has(figure.key as FigureKey) || value === null) continue;
    figures.push(
      <Figure label={figure.label[l.lang]} value={formatFigure(l, figure.kind, value, view)} />,
    );
  }
  if (e.progress) {
    figures.push(
      <Figure label={l.t("fig_progress")} value={l.t(`progress_${e.progress.label}`)} />,
    );
  }
  figures.push(
    e.freshness.nextDue === null ? (
      <Figure label={l.t("fig_next_due")} value={l.t("fig_period_complete")} />
    ) : (
      <Figure
        label={l.t("fig_next_due")}
        value={l.date(e.freshness.nextDue)}
        note={
          e.freshness.staleAfter
            ? `${l.t("fig_stale_after")} ${l.date(e.freshness.staleAfter)}`
            : undefined
        }
      />
    ),
  );
  return <dl class="figures">{figures}</dl>;
}

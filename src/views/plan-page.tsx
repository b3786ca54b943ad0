import type { ActualRow } from "../db/schema";
import type { HistoryEntryOut } from "../schemas/history";
import { buildChart } from "./chart-model";
import { AlertHistory } from "./components/alert-history";
import { Chart } from "./components/chart";
import { Fill } from "./components/fill";
import { KeyFigures } from "./components/key-figures";
import { Methodology, phasingText } from "./components/methodology";
import { SourceText } from "./components/source-text";
import { periodOverText, StatusChips } from "./components/status-chip";
import { StatusTimeline } from "./components/status-timeline";
import { VintagesTable } from "./components/vintages-table";
import { Document, Freshness, type PageFrame } from "./layout";
import { buildHref, paths } from "./links";
import type { Locale } from "./locale";
import { indicatorName, type PlanView, scopeName } from "./model";
import { type AlertEvent, vintageRows, warningText } from "./plan-model";

export interface PlanPageProps {
  frame: PageFrame;
  view: PlanView;
  /** The vintage that counts for each period of the plan, as known on the page's date. */
  latest: readonly ActualRow[];
  /** One page of every vintage of the plan's periods, newest first. */
  vintages: readonly ActualRow[];
  /** The cursor of the next (older) page of vintages, or null when this is the last. */
  olderVintages: number | null;
  events: readonly AlertEvent[];
  /** The monitor's recorded judgments of this plan, newest first. */
  history: readonly HistoryEntryOut[];
  asOf: string;
  /** Absolute origin of this site, for the badge URL to copy. */
  origin: string;
}

function Warnings({ l, view }: { l: Locale; view: PlanView }) {
  const warnings = view.evaluation.warnings;
  if (warnings.length === 0) return null;
  return (
    <section aria-labelledby="warnings">
      <h2 id="warnings">{l.t("h_warnings")}</h2>
      {warnings.map((w) => (
        <p class="warning" role="note" data-warning={w.code}>
          {warningText(l, w)}
        </p>
      ))}
    </section>
  );
}

function About({ l, view }: { l: Locale; view: PlanView }) {
  const { plan, indicator } = view;
  const lines = [plan.source, plan.note, indicator.description, indicator.source].filter(
    (text): text is string => Boolean(text),
  );
  if (lines.length === 0) return null;
  return (
    <section aria-labelledby="about">
      <h2 id="about">{l.t("h_about")}</h2>
      {lines.map((text) => (
        <p class="src">
          <SourceText text={text} />
        </p>
      ))}
    </section>
  );
}

function Embed({
  l,
  planId,
  origin,
  name,
}: {
  l: Locale;
  planId: string;
  origin: string;
  name: string;
}) {
  const badge = buildHref(paths.badge(planId), { lang: l.lang });
  return (
    <section aria-labelledby="embed">
      <h2 id="embed">{l.t("h_embed")}</h2>
      <p>
        <img src={badge} alt={name} height="20" />
      </p>
      <p class="muted">
        {l.t("embed_text")} <code>{`${origin}${badge}`}</code>
      </p>
    </section>
  );
}

export function PlanPage({
  frame,
  view,
  latest,
  vintages,
  olderVintages,
  events,
  history,
  asOf,
  origin,
}: PlanPageProps) {
  const { l, links } = frame;
  const { plan, indicator, evaluation } = view;
  const name = indicatorName(indicator, l.lang);
  const period = l.period(plan.periodStart, plan.periodEnd);
  const phasing = phasingText(l, view);
  const over = periodOverText(l, view);
  const chart = buildChart({ view, vintages: latest, asOf });
  const apiLink = (
    <a href={buildHref(paths.actuals(indicator.id), { revisions: "all" })}>
      {paths.actuals(indicator.id)}
    </a>
  );
  return (
    <Document {...frame}>
      <p>
        <a href={links.to(paths.overview)}>← {l.t("back_to_all")}</a>
      </p>
      <h1>{l.t("plan_heading", { name, period })}</h1>
      <Freshness {...frame} />
      <p class="muted">
        {scopeName(indicator, l.lang)} · {l.t(`level_${indicator.scopeLevel}`)}
        {plan.title ? ` · ${plan.title}` : ""}
      </p>
      <p>
        <StatusChips l={l} view={view} />
      </p>
      {over ? <p class="muted">{over}</p> : null}
      <section aria-labelledby="figures">
        <h2 id="figures">{l.t("h_figures")}</h2>
        <KeyFigures l={l} view={view} />
      </section>
      <Warnings l={l} view={view} />
      <section aria-labelledby="chart">
        <h2 id="chart">{l.t("h_chart")}</h2>
        <Chart
          l={l}
          model={chart}
          indicator={indicator}
          evaluation={evaluation}
          name={name}
          phasing={phasing}
        />
      </section>
      <section aria-labelledby="method">
        <h2 id="method">{l.t("h_method")}</h2>
        <Methodology l={l} view={view} phasing={phasing} />
      </section>
      <section aria-labelledby="vintages">
        <h2 id="vintages">{l.t("h_vintages")}</h2>
        <VintagesTable
          l={l}
          rows={vintageRows(vintages, latest, evaluation, asOf)}
          indicator={indicator}
          period={period}
          asOf={asOf}
        />
        {olderVintages === null ? null : (
          <p>
            <a
              href={`${links.to(paths.plan(plan.id), { vintages_before: String(olderVintages) })}#vintages`}
              rel="next"
            >
              {l.t("vintages_older")} →
            </a>
          </p>
        )}
        <p class="muted">
          <Fill text={l.t("other_periods")} slots={{ link: apiLink }} />
        </p>
      </section>
      <section aria-labelledby="timeline">
        <h2 id="timeline">{l.t("h_timeline")}</h2>
        <StatusTimeline l={l} entries={history} indicator={indicator} />
      </section>
      <section aria-labelledby="alerts">
        <h2 id="alerts">{l.t("h_alerts")}</h2>
        <AlertHistory l={l} events={events} />
      </section>
      <About l={l} view={view} />
      <Embed
        l={l}
        planId={plan.id}
        origin={origin}
        name={`${name}, ${period}: ${l.status(evaluation.status)}`}
      />
    </Document>
  );
}

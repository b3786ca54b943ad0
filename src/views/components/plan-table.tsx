import { formatSignedPoints } from "../format";
import type { Links } from "../links";
import { paths } from "../links";
import type { Locale } from "../locale";
import { indicatorName, type PlanView, type ScopeGroup } from "../model";
import { ProgressBar } from "./progress-bar";
import { SourceText } from "./source-text";
import { periodOverText, StatusChips } from "./status-chip";

/** Longest source text in a table cell; the plan page shows it whole. */
const SOURCE_CHARS = 70;

export function targetText(l: Locale, view: Pick<PlanView, "plan" | "indicator">): string {
  const value = l.quantity(view.plan.target, view.indicator);
  return view.plan.comparator === "at_most" ? `≤ ${value}` : value;
}

function Dash() {
  return <span class="muted">—</span>;
}

function AttainmentCell({ l, view }: { l: Locale; view: PlanView }) {
  const { evaluation } = view;
  if (view.indicator.measure === "rate") {
    return evaluation.gapPp === null ? (
      <Dash />
    ) : (
      l.t("gap_points", { gap: formatSignedPoints(evaluation.gapPp, l.lang) })
    );
  }
  if (evaluation.attainment === null) return <Dash />;
  return (
    <>
      {l.percent(evaluation.attainment)}
      <ProgressBar l={l} view={view} />
    </>
  );
}

function ProjectionCell({ l, view }: { l: Locale; view: PlanView }) {
  const { projection, projectedAttainment } = view.evaluation;
  if (projection === null) return <Dash />;
  return (
    <>
      {l.quantity(projection, view.indicator)}
      {projectedAttainment === null ? null : (
        <span class="sub">
          {l.t("projection_of_target", { share: l.percent(projectedAttainment) })}
        </span>
      )}
    </>
  );
}

/** Growth on the same period last year under the latest figure: computed, or else as printed. */
function YearOnYearLine({ l, view }: { l: Locale; view: PlanView }) {
  const yoy = view.evaluation.yearOnYear;
  if (!yoy) return null;
  if (yoy.growth !== null) {
    return <span class="sub">{l.t("yoy_sub", { growth: l.growth(yoy.growth) })}</span>;
  }
  if (yoy.reported === null) return null;
  return <span class="sub">{l.t("yoy_sub_printed", { growth: l.growth(yoy.reported) })}</span>;
}

function PlanRowView({ l, links, view }: { l: Locale; links: Links; view: PlanView }) {
  const { plan, indicator, actual, evaluation } = view;
  const over = periodOverText(l, view);
  return (
    <tr id={`plan-${plan.id}`} data-plan={plan.id} data-status={evaluation.status}>
      <th scope="row">
        <a href={links.to(paths.plan(plan.id))}>{indicatorName(indicator, l.lang)}</a>
        {plan.title ? <span class="sub">{plan.title}</span> : null}
      </th>
      <td data-label={l.t("col_period")}>{l.period(plan.periodStart, plan.periodEnd)}</td>
      <td class="num" data-label={l.t("col_target")}>
        {targetText(l, view)}
      </td>
      <td class="num" data-label={l.t("col_latest")}>
        {actual ? (
          <>
            {l.quantity(actual.value, indicator)}
            <span class="sub">{l.period(actual.periodStart, actual.periodEnd)}</span>
            <YearOnYearLine l={l} view={view} />
          </>
        ) : (
          <span class="muted">{l.t("no_figure")}</span>
        )}
      </td>
      <td class="num" data-label={l.t("col_attainment")}>
        <AttainmentCell l={l} view={view} />
      </td>
      <td class="num" data-label={l.t("col_pace")}>
        {evaluation.pace === null ? <Dash /> : l.percent(evaluation.pace)}
      </td>
      <td class="num" data-label={l.t("col_projection")}>
        <ProjectionCell l={l} view={view} />
      </td>
      <td data-label={l.t("col_status")}>
        <StatusChips l={l} view={view} />
        {over ? <span class="sub">{over}</span> : null}
      </td>
      <td data-label={l.t("col_updated")}>
        {actual ? (
          <time datetime={actual.reportedAt.slice(0, 10)}>{l.date(actual.reportedAt)}</time>
        ) : (
          <Dash />
        )}
      </td>
      <td class="src" data-label={l.t("col_source")}>
        <SourceText text={actual?.source ?? plan.source ?? indicator.source} max={SOURCE_CHARS} />
      </td>
    </tr>
  );
}

/** One table per scope; one <tbody> per indicator, so rows of the same indicator stay grouped. */
export function ScopeTable(props: { l: Locale; links: Links; group: ScopeGroup; asOf: string }) {
  const { l, links, group } = props;
  const headers = [
    "col_period",
    "col_target",
    "col_latest",
    "col_attainment",
    "col_pace",
    "col_projection",
    "col_status",
    "col_updated",
    "col_source",
  ] as const;
  const numeric = new Set<string>([
    "col_target",
    "col_latest",
    "col_attainment",
    "col_pace",
    "col_projection",
  ]);
  return (
    <section aria-labelledby={`scope-${group.scope}`}>
      <h2 id={`scope-${group.scope}`}>
        {group.name} <span class="muted">{l.t(`level_${group.level}`)}</span>
      </h2>
      <div class="scroll">
        <table class="plans stack">
          <caption>{l.t("table_caption", { scope: group.name, date: l.date(props.asOf) })}</caption>
          <thead>
            <tr>
              <th scope="col">{l.t("col_name")}</th>
              {headers.map((key) => (
                <th scope="col" class={numeric.has(key) ? "num" : undefined}>
                  {l.t(key)}
                </th>
              ))}
            </tr>
          </thead>
          {group.indicators.map((g) => (
            <tbody data-indicator={g.indicator.id}>
              {g.plans.map((view) => (
                <PlanRowView l={l} links={links} view={view} />
              ))}
            </tbody>
          ))}
        </table>
      </div>
    </section>
  );
}

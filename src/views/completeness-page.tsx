// Who has reported for a period: every expected figure, on time, late or missing, and the rates.
import type { CompletenessTally } from "../domain/completeness";
import type { CompletenessView } from "../evaluation/completeness";
import { Document, type PageFrame } from "./layout";
import type { Locale } from "./locale";

function rate(l: Locale, value: number | null): string {
  return value === null ? "—" : l.percent(value, 0);
}

function Rates({ l, tally }: { l: Locale; tally: CompletenessTally }) {
  return (
    <p data-overall="">
      {l.t("completeness_rates", {
        reporting: rate(l, tally.reportingRate),
        timely: rate(l, tally.timelinessRate),
        received: tally.received,
        expected: tally.expected,
        on_time: tally.onTime,
      })}
    </p>
  );
}

export function CompletenessPage(props: { frame: PageFrame; view: CompletenessView }) {
  const { frame, view } = props;
  const { l } = frame;
  const { result } = view;
  const areaName = (id: string) => {
    const row = view.areas.get(id);
    if (!row) return id;
    return l.lang === "vi" && row.nameVi ? row.nameVi : row.name;
  };
  const indicatorName = (id: string) => {
    const row = view.indicators.get(id);
    if (!row) return id;
    return l.lang === "vi" && row.nameVi ? row.nameVi : row.name;
  };
  const stateText = (c: (typeof result.cells)[number]) => {
    switch (c.state) {
      case "on_time":
        return l.t("state_on_time");
      case "late":
        return l.t("state_late", { n: c.daysLate ?? 0 });
      case "missing":
        return l.t("state_missing", { n: c.daysOverdue ?? 0 });
      case "not_yet_due":
        return l.t("state_not_yet_due");
    }
  };
  return (
    <Document {...frame}>
      <main id="content" class="wrap">
        <h1>
          {l.t("completeness_title", { period: l.period(view.period.start, view.period.end) })}
        </h1>
        {result.cells.length === 0 ? (
          <p>{l.t("completeness_none")}</p>
        ) : (
          <>
            <Rates l={l} tally={result.overall} />
            <div class="scroll">
              <table class="stack completeness">
                <caption>{l.t("completeness_caption")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{l.t("col_area")}</th>
                    <th scope="col">{l.t("col_indicator")}</th>
                    <th scope="col">{l.t("col_due")}</th>
                    <th scope="col">{l.t("col_updated")}</th>
                    <th scope="col">{l.t("col_status")}</th>
                  </tr>
                </thead>
                <tbody>
                  {result.cells.map((c) => (
                    <tr data-cell={c.indicatorId} data-state={c.state}>
                      <th scope="row">{areaName(c.area)}</th>
                      <td data-label={l.t("col_indicator")}>{indicatorName(c.indicatorId)}</td>
                      <td data-label={l.t("col_due")}>
                        <time datetime={c.due}>{l.date(c.due)}</time>
                      </td>
                      <td data-label={l.t("col_updated")}>
                        {c.reportedOn ? (
                          <time datetime={c.reportedOn}>{l.date(c.reportedOn)}</time>
                        ) : (
                          "—"
                        )}
                      </td>
                      <td data-label={l.t("col_status")}>
                        <span class={`state state-${c.state}`}>{stateText(c)}</span>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <div class="scroll">
              <table class="stack">
                <caption>{l.t("completeness_by_area")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{l.t("col_area")}</th>
                    <th scope="col" class="num">
                      {l.t("col_reporting_rate")}
                    </th>
                    <th scope="col" class="num">
                      {l.t("col_timeliness_rate")}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {result.areas.map((a) => (
                    <tr data-area={a.area}>
                      <th scope="row">{areaName(a.area)}</th>
                      <td class="num" data-label={l.t("col_reporting_rate")}>
                        {rate(l, a.reportingRate)}
                      </td>
                      <td class="num" data-label={l.t("col_timeliness_rate")}>
                        {rate(l, a.timelinessRate)}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </main>
    </Document>
  );
}

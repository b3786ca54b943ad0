import type { IndicatorRow } from "../../db/schema";
import { figureLateness } from "../../domain/release-rules";
import type { Locale } from "../locale";
import type { VintageRow } from "../plan-model";
import { SourceText } from "./source-text";

function useText(l: Locale, row: VintageRow, asOf: string): string {
  switch (row.use) {
    case "counts":
      return l.t("vintage_used");
    case "latest":
      return l.t("vintage_latest");
    case "superseded":
      return l.t("vintage_superseded");
    case "after_as_of":
      return l.t("vintage_after_as_of", { date: l.date(asOf) });
  }
}

/** Every vintage, so a revision never silently replaces what was reported before. */
export function VintagesTable(props: {
  l: Locale;
  rows: readonly VintageRow[];
  indicator: IndicatorRow;
  period: string;
  asOf: string;
}) {
  const { l, rows, indicator } = props;
  if (rows.length === 0) return <p>{l.t("no_vintages")}</p>;
  return (
    <div class="scroll">
      <table class="stack vintages">
        <caption>{l.t("vintages_caption", { period: props.period })}</caption>
        <thead>
          <tr>
            <th scope="col">{l.t("col_covered")}</th>
            <th scope="col" class="num">
              {l.t("col_value")}
            </th>
            <th scope="col">{l.t("col_kind")}</th>
            <th scope="col">{l.t("col_updated")}</th>
            <th scope="col">{l.t("col_use")}</th>
            <th scope="col">{l.t("col_source")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const a = row.actual;
            const lateness = figureLateness(indicator.releaseRule, indicator.cadence, a);
            return (
              <tr
                class={row.use === "superseded" || row.use === "after_as_of" ? "old" : undefined}
                data-actual={String(a.id)}
                data-use={row.use}
              >
                <th scope="row">{l.period(a.periodStart, a.periodEnd)}</th>
                <td class="num" data-label={l.t("col_value")}>
                  {l.quantity(a.value, indicator, 6)}
                </td>
                <td data-label={l.t("col_kind")}>{l.t(`kind_${a.status}`)}</td>
                <td data-label={l.t("col_updated")}>
                  <time datetime={a.reportedAt.slice(0, 10)}>{l.date(a.reportedAt)}</time>
                  {lateness.onTime ? null : (
                    <span class="sub late" data-days-late={String(lateness.daysLate)}>
                      {l.t("vintage_late", {
                        n: l.number(lateness.daysLate),
                        date: l.date(lateness.due),
                      })}
                    </span>
                  )}
                </td>
                <td data-label={l.t("col_use")}>
                  {row.use === "counts" ? (
                    <strong>{useText(l, row, props.asOf)}</strong>
                  ) : (
                    useText(l, row, props.asOf)
                  )}
                </td>
                <td class="src" data-label={l.t("col_source")}>
                  <SourceText text={a.source} />
                  {a.reportedAttainment !== null ? (
                    <span class="sub">
                      {l.t("reported_attainment_note", { share: l.percent(a.reportedAttainment) })}
                    </span>
                  ) : null}
                  {a.note ? <span class="sub">{a.note}</span> : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

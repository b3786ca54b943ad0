// How areas compare on one measure: a bulletin's ranking, sortable by plain links.
import type { AreaRow } from "../db/schema";
import { LEAGUE_KEYS, type LeagueKey } from "../domain/league-table";
import type { ConceptArea, ConceptComparison } from "../evaluation/concept";
import { StatusChip } from "./components/status-chip";
import { Document, type PageFrame } from "./layout";
import type { Locale } from "./locale";

function areaName(l: Locale, entry: Pick<ConceptArea, "area"> & { areaRow?: AreaRow }): string {
  const row = entry.areaRow;
  if (!row) return entry.area;
  return l.lang === "vi" && row.nameVi ? row.nameVi : row.name;
}

function SortLinks(props: { l: Locale; by: LeagueKey; href: (by: LeagueKey) => string }) {
  const { l } = props;
  return (
    <nav class="sort" aria-label={l.t("concept_sort")}>
      {`${l.t("concept_sort")}: `}
      {LEAGUE_KEYS.map((key, i) => (
        <>
          {i > 0 ? " · " : null}
          {key === props.by ? (
            <strong aria-current="true">{l.t(`by_${key}`)}</strong>
          ) : (
            <a href={props.href(key)} data-sort={key}>
              {l.t(`by_${key}`)}
            </a>
          )}
        </>
      ))}
    </nav>
  );
}

export function ConceptPage(props: {
  frame: PageFrame;
  view: ConceptComparison;
  href: (by: LeagueKey) => string;
}) {
  const { frame, view } = props;
  const { l } = frame;
  const { table, region } = view;
  const unit = region?.indicator ?? table.rows[0]?.entry.indicator;
  const quantity = (value: number | null) =>
    value === null || !unit ? "—" : l.quantity(value, unit, 4);
  const pct = (ratio: number | null) => (ratio === null ? "—" : l.percent(ratio, 1));
  const growth = (ratio: number | null) => (ratio === null ? "—" : l.growth(ratio));
  const period = view.period ? l.period(view.period.start, view.period.end) : "—";
  return (
    <Document {...frame}>
      <main id="content" class="wrap">
        <h1>{l.t("concept_title", { concept: view.concept })}</h1>
        <p>{l.t("concept_intro", { period, by: l.t(`by_${table.by}`) })}</p>
        <ul class="counts" data-counts="">
          <li data-grew={String(table.counts.grew)}>
            {l.t("concept_grew", { n: table.counts.grew, m: table.counts.areas })}
          </li>
          {table.counts.aboveRegion !== null && table.region ? (
            <li data-above-region={String(table.counts.aboveRegion)}>
              {l.t("concept_above_region", {
                n: table.counts.aboveRegion,
                m: table.counts.areas,
                growth: growth(table.region.growth),
              })}
            </li>
          ) : null}
        </ul>
        <SortLinks l={l} by={table.by} href={props.href} />
        {table.rows.length === 0 ? (
          <p>{l.t("concept_no_figures")}</p>
        ) : (
          <div class="scroll">
            <table class="stack league">
              <caption>{l.t("concept_caption")}</caption>
              <thead>
                <tr>
                  <th scope="col" class="num">
                    {l.t("col_rank")}
                  </th>
                  <th scope="col">{l.t("col_area")}</th>
                  <th scope="col" class="num">
                    {l.t("col_value")}
                  </th>
                  <th scope="col" class="num">
                    {l.t("col_growth")}
                  </th>
                  <th scope="col" class="num">
                    {l.t("col_share")}
                  </th>
                  <th scope="col" class="num">
                    {l.t("col_attainment")}
                  </th>
                  <th scope="col">{l.t("col_status")}</th>
                </tr>
              </thead>
              <tbody>
                {table.rows.map((row) => (
                  <tr
                    data-area={row.entry.area}
                    data-rank={row.rank === null ? "" : String(row.rank)}
                  >
                    <td class="num" data-label={l.t("col_rank")}>
                      {row.rank === null
                        ? "—"
                        : row.tied
                          ? l.t("rank_tied", { rank: row.rank })
                          : String(row.rank)}
                    </td>
                    <th scope="row">{areaName(l, row.entry)}</th>
                    <td class="num" data-label={l.t("col_value")}>
                      {quantity(row.entry.value)}
                    </td>
                    <td class="num" data-label={l.t("col_growth")}>
                      {growth(row.growth)}
                    </td>
                    <td class="num" data-label={l.t("col_share")}>
                      {pct(row.share)}
                    </td>
                    <td class="num" data-label={l.t("col_attainment")}>
                      {pct(row.entry.attainment)}
                    </td>
                    <td data-label={l.t("col_status")}>
                      {row.entry.status ? <StatusChip l={l} status={row.entry.status} /> : "—"}
                    </td>
                  </tr>
                ))}
              </tbody>
              {region ? (
                <tfoot>
                  <tr data-area={region.area} data-region="">
                    <td class="num" data-label={l.t("col_rank")} />
                    <th scope="row">{l.t("concept_region", { name: areaName(l, region) })}</th>
                    <td class="num" data-label={l.t("col_value")}>
                      {quantity(table.region?.value ?? null)}
                    </td>
                    <td class="num" data-label={l.t("col_growth")}>
                      {growth(table.region?.growth ?? null)}
                    </td>
                    <td class="num" data-label={l.t("col_share")}>
                      {table.region?.value ? pct(1) : "—"}
                    </td>
                    <td class="num" data-label={l.t("col_attainment")}>
                      {pct(region.attainment)}
                    </td>
                    <td data-label={l.t("col_status")}>
                      {region.status ? <StatusChip l={l} status={region.status} /> : "—"}
                    </td>
                  </tr>
                </tfoot>
              ) : null}
            </table>
          </div>
        )}
      </main>
    </Document>
  );
}

// The overview of a deployment too large for one page: its areas, each with the number of its
// targets and a link to the overview of that area alone.
import { Document, Freshness, type PageFrame } from "./layout";
import { paths } from "./links";
import { collator } from "./model";

/** An area and how many targets it holds. */
export interface AreaCount {
  id: string;
  name: string;
  nameVi: string | null;
  plans: number;
}

export function AreaIndexPage({ frame, areas }: { frame: PageFrame; areas: readonly AreaCount[] }) {
  const { l, links } = frame;
  const { compare } = collator(l.lang);
  const total = areas.reduce((n, a) => n + a.plans, 0);
  const named = areas
    .map((area) => ({ ...area, shown: (l.lang === "vi" ? area.nameVi : null) ?? area.name }))
    .sort((a, b) => compare(a.shown, b.shown));
  return (
    <Document {...frame}>
      <h1>{l.t("overview_heading")}</h1>
      <Freshness {...frame} />
      <p>{l.t("overview_by_area", { total, areas: areas.length })}</p>
      <ul class="card area-index">
        {named.map((area) => (
          <li>
            <a href={links.to(paths.overview, { scope: area.id })}>{area.shown}</a>{" "}
            <span class="muted">{l.t("summary_total", { n: area.plans })}</span>
          </li>
        ))}
      </ul>
    </Document>
  );
}

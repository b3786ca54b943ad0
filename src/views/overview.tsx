import { countByStatus } from "../evaluation/evaluate";
import { ScopeTable } from "./components/plan-table";
import { StatusChip } from "./components/status-chip";
import { Document, Freshness, type PageFrame } from "./layout";
import { buildHref, type Links, paths } from "./links";
import type { Locale } from "./locale";
import {
  type AreaOption,
  filterByPlace,
  filterOptions,
  groupByScope,
  matchesStatus,
  type OverviewFilter,
  type PlanView,
  type StatusKey,
  SUMMARY_ORDER,
  scopeOptions,
} from "./model";

/** Where the page's window of plans sits among the plans the filters select. */
export interface OverviewPaging {
  /** The position of the first plan shown (1-based); null when the link did not say. */
  from: number | null;
  to: number | null;
  /** Every plan the area and topic select; null when not counted (a topic). */
  total: number | null;
  /** The last plan id of this window when more follow: the next page starts after it. */
  nextAfter: string | null;
  /** Whether the plans take more than this one page. */
  paged: boolean;
}

export interface OverviewProps {
  frame: PageFrame;
  views: readonly PlanView[];
  filter: OverviewFilter;
  asOf: string;
  paging?: OverviewPaging;
  /** Every area with plans, for the area filter; the page's own plans name theirs otherwise. */
  areas?: readonly AreaOption[];
}

/** A filter link changes one filter and keeps the others (and the language and date). */
function filterHref(links: Links, filter: OverviewFilter, change: OverviewFilter): string {
  const next = { ...filter, ...change };
  return links.to(paths.overview, { scope: next.scope, tag: next.tag, status: next.status });
}

function Summary(props: {
  l: Locale;
  links: Links;
  filter: OverviewFilter;
  counts: Record<StatusKey, number>;
  total: number;
}) {
  const { l, links, filter, counts } = props;
  return (
    <section class="card" aria-labelledby="summary">
      <h2 id="summary" class="vh">
        {l.t("summary_heading")}
      </h2>
      <ul class="summary">
        <li class="total">{l.t("summary_total", { n: props.total })}</li>
        {SUMMARY_ORDER.map((status) => (
          <li data-count={status}>
            <a
              href={filterHref(links, filter, {
                status: filter.status === status ? undefined : status,
              })}
              aria-current={filter.status === status ? "true" : undefined}
            >
              <StatusChip l={l} status={status} />
              <span class="count"> {counts[status]}</span>
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}

function FilterLine(props: {
  label: string;
  allHref: string;
  allCurrent: boolean;
  options: { key: string; text: string; href: string; current: boolean }[];
  allText: string;
}) {
  return (
    <p>
      <b>{props.label}</b>
      <a href={props.allHref} aria-current={props.allCurrent ? "true" : undefined}>
        {props.allText}
      </a>
      {props.options.map((o) => (
        <a href={o.href} aria-current={o.current ? "true" : undefined} data-filter={o.key}>
          {o.text}
        </a>
      ))}
    </p>
  );
}

function Filters(props: {
  l: Locale;
  links: Links;
  filter: OverviewFilter;
  views: readonly PlanView[];
  areas?: readonly AreaOption[];
}) {
  const { l, links, filter } = props;
  const options = filterOptions(props.views, l.lang);
  const { tags } = options;
  const scopes = props.areas ? scopeOptions(props.areas, l.lang, options.scopes) : options.scopes;
  const all = l.t("filter_all");
  return (
    <nav class="card filters" aria-label={l.t("filters_heading")}>
      <FilterLine
        label={l.t("filter_scope")}
        allText={all}
        allHref={filterHref(links, filter, { scope: undefined })}
        allCurrent={!filter.scope}
        options={scopes.map((s) => ({
          key: `scope:${s.scope}`,
          text: s.name,
          href: filterHref(links, filter, { scope: s.scope }),
          current: filter.scope === s.scope,
        }))}
      />
      <FilterLine
        label={l.t("filter_tag")}
        allText={all}
        allHref={filterHref(links, filter, { tag: undefined })}
        allCurrent={!filter.tag}
        options={tags.map((tag) => ({
          key: `tag:${tag}`,
          text: `#${tag}`,
          href: filterHref(links, filter, { tag }),
          current: filter.tag === tag,
        }))}
      />
      <FilterLine
        label={l.t("filter_status")}
        allText={all}
        allHref={filterHref(links, filter, { status: undefined })}
        allCurrent={!filter.status}
        options={SUMMARY_ORDER.map((status) => ({
          key: `status:${status}`,
          text: l.status(status),
          href: filterHref(links, filter, { status }),
          current: filter.status === status,
        }))}
      />
    </nav>
  );
}

/** A plain GET form: works without JavaScript, and carries the language and filters along. */
function AsOfForm(props: { l: Locale; links: Links; filter: OverviewFilter; asOf: string }) {
  const { l, links, filter } = props;
  const hidden: [string, string | undefined][] = [
    ["lang", links.state.lang],
    ["scope", filter.scope],
    ["tag", filter.tag],
    ["status", filter.status],
  ];
  return (
    <form class="asof" method="get" action={paths.overview}>
      {hidden.map(([name, value]) =>
        value ? <input type="hidden" name={name} value={value} /> : null,
      )}
      <label for="as-of">{l.t("as_of_form_label")}</label>
      <input id="as-of" type="date" name="as_of" value={props.asOf} required />
      <button type="submit">{l.t("as_of_submit")}</button>
      {links.state.asOf ? (
        <a
          href={buildHref(paths.overview, {
            lang: links.state.lang,
            scope: filter.scope,
            tag: filter.tag,
            status: filter.status,
          })}
        >
          {l.t("as_of_reset")}
        </a>
      ) : null}
    </form>
  );
}

/** Which plans of how many this page lists: above the tables, and again beside the links. */
function pageRange(l: Locale, paging: OverviewPaging): string | null {
  if (!paging.paged || paging.from === null || paging.to === null) return null;
  return paging.total === null
    ? l.t("overview_page", { from: paging.from, to: paging.to })
    : l.t("overview_page_of", { from: paging.from, to: paging.to, total: paging.total });
}

/** The links to the first plans and to the next ones, once, below the tables. */
function Pager(props: { l: Locale; links: Links; filter: OverviewFilter; paging: OverviewPaging }) {
  const { l, links, filter, paging } = props;
  if (!paging.paged) return null;
  const base = { scope: filter.scope, tag: filter.tag, status: filter.status };
  const range = pageRange(l, paging);
  return (
    <nav class="pager" aria-label={l.t("overview_pages")}>
      {range ? <p class="muted">{range}</p> : null}
      <p>
        {paging.from === 1 ? null : (
          <a href={links.to(paths.overview, base)} rel="first">
            {l.t("overview_first_page")}
          </a>
        )}
        {paging.from === 1 || paging.nextAfter === null ? null : " · "}
        {paging.nextAfter === null ? null : (
          <a
            href={links.to(paths.overview, {
              ...base,
              after: paging.nextAfter,
              from: paging.to === null ? undefined : String(paging.to + 1),
            })}
            rel="next"
          >
            {l.t("overview_next_page")}
          </a>
        )}
      </p>
    </nav>
  );
}

export function OverviewPage({ frame, views, filter, asOf, paging, areas }: OverviewProps) {
  const { l, links } = frame;
  const placed = filterByPlace(views, filter);
  const { status } = filter;
  const shown = status ? placed.filter((v) => matchesStatus(v, status)) : placed;
  const groups = groupByScope(shown, l.lang);
  const filtered = Boolean(filter.scope || filter.tag || filter.status);
  const range = paging ? pageRange(l, paging) : null;
  return (
    <Document {...frame}>
      <h1>{l.t("overview_heading")}</h1>
      <Freshness {...frame} />
      <AsOfForm l={l} links={links} filter={filter} asOf={asOf} />
      <Summary
        l={l}
        links={links}
        filter={filter}
        counts={countByStatus(placed)}
        total={placed.length}
      />
      <Filters l={l} links={links} filter={filter} views={views} areas={areas} />
      {range ? <p class="muted">{range}</p> : null}
      {filtered ? (
        <p class="muted">
          {l.t("filter_active", { shown: shown.length, total: views.length })}{" "}
          <a href={links.to(paths.overview)}>{l.t("filter_clear")}</a>
        </p>
      ) : null}
      {groups.length === 0 ? <p>{l.t("no_plans")}</p> : null}
      {groups.map((group) => (
        <ScopeTable l={l} links={links} group={group} asOf={asOf} />
      ))}
      {paging ? <Pager l={l} links={links} filter={filter} paging={paging} /> : null}
    </Document>
  );
}

// The status page: server-rendered HTML, the Atom feed and the badges. Each handler reads the
// clock and the request, loads what it needs, and hands plain data to src/views.

import { type Context, Hono } from "hono";
import type { SecureHeadersVariables } from "hono/secure-headers";
import type { HtmlEscapedString } from "hono/utils/html";
import { latestVintagesInPlan, vintagesInPlan } from "../db/queries/actuals";
import { areaPlanCounts } from "../db/queries/area-plan-counts";
import { listEvents } from "../db/queries/events";
import { listIndicators } from "../db/queries/indicators";
import { listSnapshots } from "../db/queries/monitor";
import { byAreaIndicatorPeriod, loadPlanRows } from "../db/queries/plan-rows";
import { isValidIsoDate } from "../domain/dates";
import { LEAGUE_KEYS, type LeagueKey } from "../domain/league-table";
import {
  lastEndedPeriod,
  loadCompleteness,
  parseReportingPeriod,
} from "../evaluation/completeness";
import { compareConcept } from "../evaluation/concept";
import { evaluateRow, evaluateRows } from "../evaluation/evaluate";
import { etagFor } from "../http/etag";
import type { AppEnv } from "../http/router";
import { nowIso, todayUtc } from "../lib/clock";
import { historyPage } from "../presenters/history";
import { AreaIndexPage } from "../views/area-index";
import { AtomFeed, feedEntries, XML_DECLARATION } from "../views/atom";
import { Badge, Favicon, PlanBadge } from "../views/badge";
import { CompletenessPage } from "../views/completeness-page";
import { ConceptPage } from "../views/concept-page";
import { ErrorPage } from "../views/error-page";
import { isLang, LANGS, type Lang, pickLang } from "../views/i18n";
import type { PageFrame, PollState } from "../views/layout";
import { buildHref, createLinks, paths } from "../views/links";
import { createLocale, type Locale } from "../views/locale";
import { indicatorName, isStatusKey, lastChange } from "../views/model";
import { OverviewPage, type OverviewPaging } from "../views/overview";
import { isChange } from "../views/plan-model";
import { PlanPage } from "../views/plan-page";

type PagesEnv = {
  Bindings: AppEnv["Bindings"];
  Variables: AppEnv["Variables"] & SecureHeadersVariables;
};
type PageContext = Context<PagesEnv>;
/** What a JSX expression is typed as. */
type Rendered = HtmlEscapedString | Promise<HtmlEscapedString>;

const SLUG = /^[a-z0-9]+(?:[.-][a-z0-9]+)*$/;
/**
 * The most plans the overview lists (OVERVIEW_MAX_PLANS); a larger deployment's overview lists
 * its areas, and each area's overview lists that area's plans.
 */
const OVERVIEW_WHOLE_MAX = 1000;
/**
 * Plans per page of the overview, whole or of one area; the next ones are a link away. A page of
 * 50 took 6-8 ms of isolate CPU within one area and 9.8 ms for the whole overview, whose 50 plans
 * spread over many areas' tables (scripts/bench/reads.mjs): too close to the free plan's 10 ms.
 * A page of 25 leaves room.
 */
export const OVERVIEW_PAGE_PLANS = 25;

function positiveInt(raw: string | undefined): number | undefined {
  const value = Number(raw);
  return raw !== undefined && Number.isSafeInteger(value) && value >= 1 ? value : undefined;
}

function overviewMax(raw: string | undefined): number {
  const value = Number(raw);
  return raw !== undefined && Number.isInteger(value) && value >= 0 ? value : OVERVIEW_WHOLE_MAX;
}
const FEED_ENTRIES = 50;
const PLAN_EVENTS = 50;
const PLAN_HISTORY = 20;
/** Vintages in the plan page's table at a time; older ones are a link away. */
const PLAN_VINTAGES = 100;
/** Periods the plan page's chart draws: more than any plan's months or quarters. */
const CHART_PERIODS = 500;

interface PageRequest {
  l: Locale;
  /** The evaluation date, and whether the reader chose it (?as_of=) or it is today. */
  asOf: string;
  pinned: boolean;
  badAsOf: string | null;
  frame: Omit<PageFrame, "title">;
}

/** Language, date and the page frame from the query and headers; the one place pages read them. */
function readRequest(c: PageContext): PageRequest {
  const langParam = c.req.query("lang");
  const lang = pickLang(langParam, c.req.header("accept-language"));
  const asOfParam = c.req.query("as_of");
  const pinned =
    asOfParam !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(asOfParam) && isValidIsoDate(asOfParam);
  const asOf = pinned ? asOfParam : todayUtc();
  const l = createLocale(lang, Date.now());
  const nonce = c.get("secureHeadersNonce");
  // The app's secureHeaders middleware issues the nonce; a page without it would be blocked.
  if (!nonce) throw new Error("secureHeaders must run with NONCE before the pages");
  const url = new URL(c.req.url);
  const langHref = Object.fromEntries(
    LANGS.map((code) => {
      const search = new URLSearchParams(url.search);
      search.set("lang", code);
      return [code, `${url.pathname}?${search}`];
    }),
  ) as Record<Lang, string>;
  c.header("Vary", "Accept-Language");
  // Every page carries a fresh CSP nonce, so no cache may serve one page to two readers.
  c.header("Cache-Control", "private, no-cache");
  return {
    l,
    asOf,
    pinned,
    badAsOf: asOfParam !== undefined && !pinned ? asOfParam : null,
    frame: {
      l,
      links: createLinks({
        lang: isLang(langParam) ? langParam : undefined,
        asOf: pinned ? asOf : undefined,
      }),
      nonce,
      langHref,
    },
  };
}

/** What the page's script needs to poll for changes to the data it shows. */
function pollState(r: PageRequest, dataVersion: number): PollState {
  return {
    url: buildHref(paths.status, { as_of: r.pinned ? r.asOf : undefined }),
    // GET /api/status's own ETag, so the page's first poll is already a cheap 304.
    etag: etagFor(dataVersion, r.asOf),
    dataVersion,
    asOf: r.asOf,
    pinned: r.pinned,
  };
}

function badDate(c: PageContext, r: PageRequest, value: string) {
  const { l } = r;
  const frame = { ...r.frame, title: l.t("error_bad_request") };
  return render(
    c,
    <ErrorPage
      frame={frame}
      heading={l.t("error_bad_request")}
      text={l.t("error_bad_date", { value })}
    />,
    400,
  );
}

/**
 * JSX renders to a string, or to a promise of one when a component is async; the declared type
 * hides the first case, so await whatever toString() gives.
 */
async function toMarkup(node: Rendered): Promise<string> {
  return String(await node.toString());
}

async function render(c: PageContext, node: Rendered, status: 200 | 400 | 404 = 200) {
  return c.html(`<!DOCTYPE html>${await toMarkup(node)}`, status);
}

export const pages = new Hono<PagesEnv>()
  .get("/", async (c) => {
    const r = readRequest(c);
    if (r.badAsOf !== null) return badDate(c, r, r.badAsOf);
    const { l, asOf } = r;
    const scope = c.req.query("scope");
    const chosenScope = scope && SLUG.test(scope) ? scope : undefined;
    // Counted first, without reading a plan: past OVERVIEW_WHOLE_MAX plans the overview shows
    // one area at a time, so a page never holds a whole country's plans.
    const counted = await areaPlanCounts(c.var.db);
    const total = counted.areas.reduce((n, a) => n + a.plans, 0);
    const wholeMax = overviewMax(c.env.OVERVIEW_MAX_PLANS);
    if (total > wholeMax && !chosenScope) {
      const frame: PageFrame = {
        ...r.frame,
        title: `${l.t("site_title")} · ${l.date(asOf)}`,
        description: l.t("site_tagline"),
        lastChange: null,
        asOf,
        poll: pollState(r, counted.dataVersion),
      };
      return render(c, <AreaIndexPage frame={frame} areas={counted.areas} />);
    }
    // The listing reads one window of plans at a time, by plan id: a page of OVERVIEW_PAGE_PLANS
    // rows renders within the free plan's CPU, where a page of every plan of an area did not.
    // Area and topic narrow the window in SQL; the status narrows only what the window lists.
    const tag = c.req.query("tag");
    const status = c.req.query("status");
    const filter = {
      scope: chosenScope,
      tag: tag && SLUG.test(tag) ? tag : undefined,
      status: isStatusKey(status) ? status : undefined,
    };
    const after = c.req.query("after");
    const window = {
      after: after && SLUG.test(after) ? after : null,
      limit: OVERVIEW_PAGE_PLANS + 1,
    };
    const { dataVersion, rows } = await loadPlanRows(
      c.var.db,
      { asOf, scope: filter.scope, tag: filter.tag },
      window,
    );
    const more = rows.length > OVERVIEW_PAGE_PLANS;
    if (more) rows.length = OVERVIEW_PAGE_PLANS;
    const nextAfter = more ? (rows[rows.length - 1]?.plan.id ?? null) : null;
    rows.sort(byAreaIndicatorPeriod);
    const views = evaluateRows(rows, asOf);
    const first = window.after === null ? 1 : (positiveInt(c.req.query("from")) ?? null);
    const planTotal = filter.tag
      ? null
      : filter.scope
        ? (counted.areas.find((a) => a.id === filter.scope)?.plans ?? null)
        : total;
    const paging: OverviewPaging = {
      from: first,
      to: first === null ? null : first + rows.length - 1,
      total: planTotal,
      nextAfter,
      paged: window.after !== null || more,
    };
    const frame: PageFrame = {
      ...r.frame,
      title: `${l.t("site_title")} · ${l.date(asOf)}`,
      description: l.t("site_tagline"),
      lastChange: lastChange(views),
      asOf,
      poll: pollState(r, dataVersion),
    };
    return render(
      c,
      <OverviewPage
        frame={frame}
        views={views}
        filter={filter}
        asOf={asOf}
        paging={paging}
        areas={counted.areas}
      />,
    );
  })
  .get("/plans/:id", async (c) => {
    const r = readRequest(c);
    if (r.badAsOf !== null) return badDate(c, r, r.badAsOf);
    const { l, asOf } = r;
    const id = c.req.param("id");
    const db = c.var.db;
    const { dataVersion, rows } = SLUG.test(id)
      ? await loadPlanRows(db, { planId: id, asOf })
      : { dataVersion: 0, rows: [] };
    const row = rows[0];
    if (!row) {
      const frame = { ...r.frame, title: l.t("error_not_found") };
      return render(
        c,
        <ErrorPage
          frame={frame}
          heading={l.t("error_not_found")}
          text={l.t("error_no_plan", { id })}
        />,
        404,
      );
    }
    const periods = {
      indicatorId: row.indicator.id,
      from: row.plan.periodStart,
      to: row.plan.periodEnd,
    };
    const before = Number(c.req.query("vintages_before"));
    const [latest, vintages, events, snapshots] = await Promise.all([
      latestVintagesInPlan(db, { ...periods, asOf, limit: CHART_PERIODS }),
      vintagesInPlan(db, {
        ...periods,
        before: Number.isSafeInteger(before) && before > 0 ? before : undefined,
        limit: PLAN_VINTAGES,
      }),
      listEvents(db, { planId: id, limit: PLAN_EVENTS }),
      listSnapshots(db, id, { limit: PLAN_HISTORY }),
    ]);
    // A page pinned to a past date shows the judgments made by then.
    const history = historyPage(snapshots, PLAN_HISTORY).entries.filter((e) => e.as_of <= asOf);
    const view = evaluateRow(row, asOf);
    const name = indicatorName(row.indicator, l.lang);
    const frame: PageFrame = {
      ...r.frame,
      title: `${name}, ${l.period(row.plan.periodStart, row.plan.periodEnd)} · ${l.t("site_title")}`,
      description: l.t("site_tagline"),
      lastChange: lastChange([view]),
      asOf,
      poll: pollState(r, dataVersion),
    };
    return render(
      c,
      <PlanPage
        frame={frame}
        view={view}
        latest={latest}
        vintages={vintages.rows}
        olderVintages={vintages.next}
        events={events.filter(isChange)}
        history={history}
        asOf={asOf}
        origin={new URL(c.req.url).origin}
      />,
    );
  })
  .get("/concepts/:id", async (c) => {
    const r = readRequest(c);
    if (r.badAsOf !== null) return badDate(c, r, r.badAsOf);
    const { l, asOf } = r;
    const id = c.req.param("id");
    const byParam = c.req.query("by");
    const by: LeagueKey = (LEAGUE_KEYS as readonly string[]).includes(byParam ?? "")
      ? (byParam as LeagueKey)
      : "value";
    const view = SLUG.test(id) ? await compareConcept(c.var.db, id, { asOf, by }) : null;
    if (!view) {
      const frame = { ...r.frame, title: l.t("error_not_found") };
      return render(
        c,
        <ErrorPage
          frame={frame}
          heading={l.t("error_not_found")}
          text={l.t("error_no_concept", { id })}
        />,
        404,
      );
    }
    const frame: PageFrame = {
      ...r.frame,
      title: `${l.t("concept_title", { concept: id })} · ${l.t("site_title")}`,
      description: l.t("site_tagline"),
      asOf,
    };
    return render(
      c,
      <ConceptPage
        frame={frame}
        view={view}
        href={(key) => r.frame.links.to(paths.concept(id), { by: key })}
      />,
    );
  })
  .get("/completeness", async (c) => {
    const r = readRequest(c);
    if (r.badAsOf !== null) return badDate(c, r, r.badAsOf);
    const { l, asOf } = r;
    const periodParam = c.req.query("period");
    const period =
      periodParam === undefined
        ? lastEndedPeriod("monthly", asOf)
        : parseReportingPeriod(periodParam);
    if (!period) {
      const frame = { ...r.frame, title: l.t("error_bad_request") };
      return render(
        c,
        <ErrorPage
          frame={frame}
          heading={l.t("error_bad_request")}
          text={l.t("error_bad_period", { value: periodParam ?? "" })}
        />,
        400,
      );
    }
    const scope = c.req.query("scope");
    const concept = c.req.query("concept");
    const view = await loadCompleteness(c.var.db, period, {
      scope: scope && SLUG.test(scope) ? scope : undefined,
      concept: concept && SLUG.test(concept) ? concept : undefined,
      asOf,
    });
    const frame: PageFrame = {
      ...r.frame,
      title: `${l.t("completeness_title", { period: l.period(period.start, period.end) })} · ${l.t("site_title")}`,
      description: l.t("site_tagline"),
      asOf,
    };
    return render(c, <CompletenessPage frame={frame} view={view} />);
  })
  .get("/feed.atom", async (c) => {
    const langParam = c.req.query("lang");
    const explicitLang = isLang(langParam) ? langParam : undefined;
    const lang = pickLang(langParam, c.req.header("accept-language"));
    const l = createLocale(lang, Date.now());
    const db = c.var.db;
    // Muted events stay out: a silence means "do not tell anyone", and a feed tells everyone.
    const [events, indicators] = await Promise.all([
      listEvents(db, { includeMuted: false, limit: FEED_ENTRIES * 2 }),
      listIndicators(db),
    ]);
    const origin = new URL(c.req.url).origin;
    const entries = feedEntries({
      events: events.filter(isChange).slice(0, FEED_ENTRIES),
      indicators,
      lang,
      link: (planId) => origin + buildHref(paths.plan(planId), { lang: explicitLang }),
    });
    const feed = (
      <AtomFeed
        l={l}
        selfUrl={origin + buildHref(paths.feed, { lang: explicitLang })}
        homeUrl={origin + buildHref(paths.overview, { lang: explicitLang })}
        entries={entries}
        updated={entries[0]?.event.occurredAt ?? nowIso()}
      />
    );
    c.header("Vary", "Accept-Language");
    c.header("Cache-Control", "public, max-age=300");
    // Feed readers and aggregators fetch from anywhere.
    c.header("Cross-Origin-Resource-Policy", "cross-origin");
    return c.body(`${XML_DECLARATION}${await toMarkup(feed)}`, 200, {
      "Content-Type": "application/atom+xml; charset=utf-8",
    });
  })
  .get("/badge/:file{.+\\.svg}", async (c) => {
    const lang = pickLang(c.req.query("lang"), c.req.header("accept-language"));
    const l = createLocale(lang, Date.now());
    const id = c.req.param("file").slice(0, -".svg".length);
    const asOfParam = c.req.query("as_of");
    const asOf = asOfParam && isValidIsoDate(asOfParam) ? asOfParam : todayUtc();
    const { rows } = SLUG.test(id)
      ? await loadPlanRows(c.var.db, { planId: id, asOf })
      : { rows: [] };
    const [view] = evaluateRows(rows, asOf);
    const badge = view ? (
      <PlanBadge l={l} view={view} />
    ) : (
      <Badge label={l.t("site_title")} message={l.t("badge_unknown")} tone="none" />
    );
    c.header("Vary", "Accept-Language");
    c.header("Cache-Control", "public, max-age=300");
    // Badges exist to be embedded in other sites' pages.
    c.header("Cross-Origin-Resource-Policy", "cross-origin");
    return c.body(await toMarkup(badge), view ? 200 : 404, {
      "Content-Type": "image/svg+xml; charset=utf-8",
    });
  })
  .get("/favicon.svg", async (c) => {
    c.header("Cache-Control", "public, max-age=86400");
    return c.body(await toMarkup(<Favicon />), 200, { "Content-Type": "image/svg+xml" });
  });

// What the pages show, derived from stored rows and the engine's verdicts. Pure: the routes
// load the rows and pick the date; nothing here reads the clock or the database.

import type { IndicatorRow } from "../db/schema";
import { STATUSES, type Status } from "../domain/vocabulary";
import type { EvaluatedPlan } from "../evaluation/evaluate";
import type { Lang } from "./i18n";

/** A plan as the pages show it: its rows and the engine's verdict on them. */
export type PlanView = EvaluatedPlan;

/** A status, or `stale`, which the page shows beside the status rather than instead of it. */
export type StatusKey = Status | "stale";
export const STATUS_KEYS: readonly StatusKey[] = [...STATUSES, "stale"];

/** The order of the summary line: best first, then the ones that need attention, then gaps. */
export const SUMMARY_ORDER: readonly StatusKey[] = [
  "achieved",
  "ahead",
  "on_track",
  "at_risk",
  "off_track",
  "missed",
  "period_over",
  "stale",
  "no_data",
];

export type Tone = "good" | "warn" | "bad" | "none";

export const TONE: Readonly<Record<StatusKey, Tone>> = {
  achieved: "good",
  ahead: "good",
  on_track: "good",
  at_risk: "warn",
  off_track: "bad",
  missed: "bad",
  // Neither good nor bad until the final figure: grey, told apart by its square "stop" shape.
  period_over: "none",
  no_data: "none",
  stale: "none",
};

export function isStatusKey(value: string | undefined): value is StatusKey {
  return value !== undefined && (STATUS_KEYS as readonly string[]).includes(value);
}

export function matchesStatus(view: PlanView, status: StatusKey): boolean {
  return status === "stale" ? view.evaluation.freshness.stale : view.evaluation.status === status;
}

export interface OverviewFilter {
  scope?: string;
  tag?: string;
  status?: StatusKey;
}

/** Scope and tag narrow what is counted; status only narrows what is listed. */
export function filterByPlace(views: readonly PlanView[], filter: OverviewFilter): PlanView[] {
  return views.filter(
    (v) =>
      (!filter.scope || v.indicator.scope === filter.scope) &&
      (!filter.tag || v.indicator.tags.includes(filter.tag)),
  );
}

export function indicatorName(indicator: IndicatorRow, lang: Lang): string {
  return (lang === "vi" ? indicator.nameVi : null) ?? indicator.name;
}

export function scopeName(indicator: IndicatorRow, lang: Lang): string {
  return (lang === "vi" ? indicator.scopeNameVi : null) ?? indicator.scopeName;
}

export interface ScopeOption {
  scope: string;
  name: string;
  level: IndicatorRow["scopeLevel"];
}

const LEVEL_ORDER: Readonly<Record<IndicatorRow["scopeLevel"], number>> = {
  country: 0,
  region: 1,
  locality: 2,
};

function compareScopes(a: ScopeOption, b: ScopeOption): number {
  return LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level] || a.name.localeCompare(b.name);
}

/** Every scope and tag in use, for the filter links: countries first, then regions, then places. */
export function filterOptions(
  views: readonly PlanView[],
  lang: Lang,
): { scopes: ScopeOption[]; tags: string[] } {
  const scopes = new Map<string, ScopeOption>();
  const tags = new Set<string>();
  for (const { indicator } of views) {
    if (!scopes.has(indicator.scope)) {
      scopes.set(indicator.scope, {
        scope: indicator.scope,
        name: scopeName(indicator, lang),
        level: indicator.scopeLevel,
      });
    }
    for (const tag of indicator.tags) tags.add(tag);
  }
  return { scopes: [...scopes.values()].sort(compareScopes), tags: [...tags].sort() };
}

/** An area with plans, as counted without reading them. */
export interface AreaOption {
  id: string;
  name: string;
  nameVi: string | null;
  level: ScopeOption["level"];
}

/**
 * The areas that hold plans as filter options, with the scopes of the plans shown (an area may
 * lack its own row): a page that lists one window of plans still offers every area.
 */
export function scopeOptions(
  areas: readonly AreaOption[],
  lang: Lang,
  shown: readonly ScopeOption[] = [],
): ScopeOption[] {
  const byScope = new Map<string, ScopeOption>();
  for (const area of areas) {
    byScope.set(area.id, {
      scope: area.id,
      name: (lang === "vi" ? area.nameVi : null) ?? area.name,
      level: area.level,
    });
  }
  for (const option of shown) if (!byScope.has(option.scope)) byScope.set(option.scope, option);
  return [...byScope.values()].sort(compareScopes);
}

export interface IndicatorGroup {
  indicator: IndicatorRow;
  plans: PlanView[];
}

export interface ScopeGroup extends ScopeOption {
  indicators: IndicatorGroup[];
}

/** One collator per language and isolate: localeCompare with a locale builds one per call. */
const COLLATORS = new Map<Lang, Intl.Collator>();

export function collator(lang: Lang): Intl.Collator {
  let made = COLLATORS.get(lang);
  if (!made) {
    made = new Intl.Collator(lang);
    COLLATORS.set(lang, made);
  }
  return made;
}

function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Plans grouped by scope, then by indicator; plans of one indicator in period order. */
export function groupByScope(views: readonly PlanView[], lang: Lang): ScopeGroup[] {
  const groups = new Map<string, ScopeGroup>();
  for (const view of views) {
    const { indicator } = view;
    let group = groups.get(indicator.scope);
    if (!group) {
      group = {
        scope: indicator.scope,
        name: scopeName(indicator, lang),
        level: indicator.scopeLevel,
        indicators: [],
      };
      groups.set(indicator.scope, group);
    }
    let byIndicator = group.indicators.find((g) => g.indicator.id === indicator.id);
    if (!byIndicator) {
      byIndicator = { indicator, plans: [] };
      group.indicators.push(byIndicator);
    }
    byIndicator.plans.push(view);
  }
  const sorted = [...groups.values()].sort(compareScopes);
  for (const group of sorted) {
    // Alphabetical in the reader's language: the order a reader scanning for a name expects.
    const { compare } = collator(lang);
    group.indicators.sort((a, b) =>
      compare(indicatorName(a.indicator, lang), indicatorName(b.indicator, lang)),
    );
    // ISO dates and slugs: code point order is their order, with no collation to pay for.
    for (const g of group.indicators) {
      g.plans.sort(
        (a, b) =>
          byCodePoint(a.plan.periodStart, b.plan.periodStart) || byCodePoint(a.plan.id, b.plan.id),
      );
    }
  }
  return sorted;
}

/**
 * The latest moment any shown row was written: a plan or indicator edited, or the figure in
 * use recorded. A revision of the figure in use is itself the figure in use, so new reports
 * move this forward.
 */
export function lastChange(views: readonly PlanView[]): string | null {
  let latest: string | null = null;
  for (const { plan, indicator, actual } of views) {
    for (const stamp of [plan.updatedAt, indicator.updatedAt, actual?.createdAt]) {
      if (stamp && (latest === null || stamp > latest)) latest = stamp;
    }
  }
  return latest;
}

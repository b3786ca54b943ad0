// Internal links carry the reader's explicit choices (language, as-of date) from page to page,
// so the filters and the language switch work as plain links, without JavaScript or cookies.

import type { Lang } from "./i18n";

export interface LinkState {
  /** Only when the reader chose it with ?lang=; otherwise Accept-Language keeps deciding. */
  lang?: Lang;
  /** Only when the reader pinned a date with ?as_of=. */
  asOf?: string;
}

export type Params = Readonly<Record<string, string | undefined>>;

/** Characters URLSearchParams leaves as they are: a value made only of them needs no encoding. */
const PLAIN = /^[A-Za-z0-9*._-]*$/;

export function buildHref(path: string, params: Params): string {
  // Every row of the overview links to its plan: joining plain values (slugs, dates, language
  // codes) directly spares a URLSearchParams per link, and writes the same text it would.
  const parts: string[] = [];
  for (const [key, value] of Object.entries(params)) {
    if (!value) continue;
    if (!PLAIN.test(key) || !PLAIN.test(value)) return searchHref(path, params);
    parts.push(`${key}=${value}`);
  }
  return parts.length ? `${path}?${parts.join("&")}` : path;
}

function searchHref(path: string, params: Params): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) search.set(key, value);
  const query = search.toString();
  return query ? `${path}?${query}` : path;
}

export interface Links {
  state: LinkState;
  /** `path` with the carried state and `params` (an undefined param is left out). */
  to(path: string, params?: Params): string;
}

export function createLinks(state: LinkState): Links {
  return {
    state,
    to: (path, params = {}) => buildHref(path, { lang: state.lang, as_of: state.asOf, ...params }),
  };
}

/** Paths of the pages, in one place. Plan ids are slugs, so they need no escaping. */
export const paths = {
  overview: "/",
  plan: (id: string) => `/plans/${encodeURIComponent(id)}`,
  badge: (id: string) => `/badge/${encodeURIComponent(id)}.svg`,
  feed: "/feed.atom",
  concept: (id: string) => `/concepts/${encodeURIComponent(id)}`,
  completeness: "/completeness",
  status: "/api/status",
  actuals: (indicatorId: string) => `/api/indicators/${encodeURIComponent(indicatorId)}/actuals`,
  desk: "/desk",
  deskSignIn: "/desk/sign-in",
  deskSignOut: "/desk/sign-out",
  deskFigure: "/desk/figures",
  deskBulletin: "/desk/bulletin",
  deskPlan: "/desk/plans",
  deskIndicator: "/desk/indicators",
  deskImport: "/desk/import",
  deskTokens: "/desk/tokens",
} as const;

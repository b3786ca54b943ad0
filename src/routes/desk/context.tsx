// What every desk route shares: the reader's language and the page frame, who is signed in,
// the indicators they may write, rendering, and turning a refusal into a page in the reader's
// language (an HTML page with the HTTP status and a stable `data-code`).
import type { Context } from "hono";
import type { SecureHeadersVariables } from "hono/secure-headers";
import type { HtmlEscapedString } from "hono/utils/html";
import type { Writer } from "../../commands/record-actuals";
import { listIndicators } from "../../db/queries/indicators";
import { getToken } from "../../db/queries/tokens";
import type { IndicatorRow } from "../../db/schema";
import type { Problem } from "../../desk/fields";
import type { IndicatorAccess } from "../../desk/figure-form";
import type { AuditChannel } from "../../domain/vocabulary";
import type { AppEnv } from "../../http/router";
import { nowIso } from "../../lib/clock";
import { ApiError, type ErrorCode } from "../../lib/errors";
import { ADMIN_PRINCIPAL, allows, type Principal } from "../../lib/principal";
import type { Option } from "../../views/desk/fields";
import type { DeskFrame, DeskSection, DeskWho } from "../../views/desk/frame";
import { RefusedPage } from "../../views/desk/frame";
import { isLang, LANGS, type Lang, type MessageKey, pickLang } from "../../views/i18n";
import { createLinks } from "../../views/links";
import { createLocale, type Locale } from "../../views/locale";
import { indicatorName, scopeName } from "../../views/model";

export type DeskEnv = {
  Bindings: AppEnv["Bindings"];
  Variables: AppEnv["Variables"] & SecureHeadersVariables;
};
export type DeskContext = Context<DeskEnv>;
type Rendered = HtmlEscapedString | Promise<HtmlEscapedString>;

export interface DeskRequest {
  l: Locale;
  frame: DeskFrame;
  principal: Principal | null;
}

/** Language, nonce and the frame of a desk page; `who` is filled in by `withWho`. */
export function deskRequest(c: DeskContext, active: DeskSection): DeskRequest {
  const langParam = c.req.query("lang");
  const lang: Lang = pickLang(langParam, c.req.header("accept-language"));
  const l = createLocale(lang, Date.now());
  const nonce = c.get("secureHeadersNonce");
  if (!nonce) throw new Error("secureHeaders must run with NONCE before the desk");
  const url = new URL(c.req.url);
  const langHref = Object.fromEntries(
    LANGS.map((code) => {
      const search = new URLSearchParams(url.search);
      search.set("lang", code);
      return [code, `${url.pathname}?${search}`];
    }),
  ) as Record<Lang, string>;
  c.header("Vary", "Accept-Language, Cookie");
  // A desk page shows who is signed in and carries their form token: never stored anywhere.
  c.header("Cache-Control", "no-store");
  // Under the site's no-referrer policy a browser sends "Origin: null" with every form post,
  // even to its own origin; same-origin keeps the Origin the desk checks, and still tells
  // other sites nothing.
  c.header("Referrer-Policy", "same-origin");
  return {
    l,
    principal: c.var.principal ?? null,
    frame: {
      l,
      links: createLinks({ lang: isLang(langParam) ? langParam : undefined }),
      nonce,
      langHref,
      title: `${l.t("desk_title")} · ${l.t("site_title")}`,
      who: null,
      formToken: c.var.desk?.formToken ?? null,
      active,
    },
  };
}

/** The signed-in person as the desk names them: their token's name and place. */
export async function withWho(c: DeskContext, r: DeskRequest): Promise<DeskRequest> {
  const principal = r.principal;
  if (!principal) return r;
  const indicators = await listIndicators(c.var.db);
  const limit = principal.indicatorScope;
  const inScope = limit ? indicators.find((i) => i.scope === limit) : undefined;
  const token = principal.id === ADMIN_PRINCIPAL.id ? null : await getToken(c.var.db, principal.id);
  const who: DeskWho = {
    name: token?.name ?? r.l.t("desk_admin_name"),
    admin: allows(principal, "admin"),
    canWrite: allows(principal, "write"),
    scope: limit ? { slug: limit, name: inScope ? scopeName(inScope, r.l.lang) : limit } : null,
  };
  return { ...r, frame: { ...r.frame, who } };
}

async function toMarkup(node: Rendered): Promise<string> {
  return String(await node.toString());
}

export type PageStatus = 200 | 201 | 400 | 401 | 403 | 404 | 409 | 413 | 422 | 429 | 503;

export async function render(c: DeskContext, node: Rendered, status: PageStatus = 200) {
  return c.html(`<!DOCTYPE html>${await toMarkup(node)}`, status);
}

/** A whole request refused, in the reader's language. */
export function refuse(
  c: DeskContext,
  r: DeskRequest,
  code: ErrorCode,
  key: MessageKey,
  status: PageStatus,
  vars?: Readonly<Record<string, string | number>>,
) {
  return render(c, <RefusedPage frame={r.frame} code={code} message={r.l.t(key, vars)} />, status);
}

/** Text fields of a posted form (a field sent twice counts once: its first value). */
export async function formValues(c: DeskContext): Promise<Record<string, string>> {
  const body = await c.req.parseBody();
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(body)) {
    if (typeof value === "string") values[key] = value;
  }
  return values;
}

/** Who writes, and that the change was made with `via`. */
export function writer(c: DeskContext, via: AuditChannel): Writer {
  return {
    principal: c.var.principal ?? null,
    audit: { actor: c.var.principal?.id ?? "anonymous", at: nowIso(), via },
  };
}

/** Every indicator, and the ones the person may write, for pickers and form checks. */
export async function indicatorAccess(
  c: DeskContext,
  principal: Principal,
): Promise<IndicatorAccess & { writable: IndicatorRow[] }> {
  const all = await listIndicators(c.var.db);
  const byId = new Map(all.map((i) => [i.id, i]));
  const limit = principal.indicatorScope;
  return {
    indicatorOf: (id) => byId.get(id),
    scopeLimit: limit,
    writable: all.filter((i) => limit === null || i.scope === limit),
  };
}

export function indicatorOptions(l: Locale, indicators: readonly IndicatorRow[]): Option[] {
  return indicators.map((i) => ({
    value: i.id,
    label: `${indicatorName(i, l.lang)} — ${scopeName(i, l.lang)} (${l.unit(i)})`,
  }));
}

const FIELD_PROBLEMS: Partial<Record<ErrorCode, Problem["code"]>> = {
  forbidden: "scope_outside",
  unknown_indicator: "indicator_unknown",
  validation_failed: "invalid",
  conflict: "invalid",
};

/**
 * A command's refusal, as problems beside the form's fields: the API's path (`/0/value`,
 * `/indicator_id`) names the field through `fieldOf`. Null when the refusal concerns the
 * whole request (a rate limit, the database), which the caller shows as a page.
 */
export function problemsOf(
  err: unknown,
  fieldOf: (path: string) => string,
  scopeLimit: string | null,
): Problem[] | null {
  if (!(err instanceof ApiError)) return null;
  const code = FIELD_PROBLEMS[err.code];
  if (!code) return null;
  const errors = err.errors?.length ? err.errors : [{ path: "/", message: err.message }];
  return errors.map(
    (e): Problem => ({
      field: fieldOf(e.path),
      code,
      vars: code === "scope_outside" ? { scope: scopeLimit ?? "" } : { detail: e.message },
    }),
  );
}

/** The page for a refusal no field can carry. */
export function refuseError(c: DeskContext, r: DeskRequest, err: unknown) {
  if (err instanceof ApiError) {
    if (err.code === "rate_limited") return refuse(c, r, err.code, "refused_rate", 429);
    if (err.code === "database_unavailable")
      return refuse(c, r, err.code, "refused_unavailable", 503);
    if (err.code === "conflict") return refuse(c, r, err.code, "refused_conflict", 409);
    if (err.code === "forbidden") return refuse(c, r, err.code, "refused_read_only", 403);
  }
  throw err;
}

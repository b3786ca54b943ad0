// A browser's part in the desk's tests: cookies, the Origin header a form post carries, and
// the form token a page holds. Requests go to the real Worker (exports.default), or to an app
// built with other settings where a test needs them.
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env, exports } from "cloudflare:workers";
import { buildApp } from "../../src/app";

export const ORIGIN = "https://monitor.test";

export interface Browser {
  /** The Cookie header this browser sends. */
  cookie: string;
  lang?: "en" | "vi";
}

type Fetch = (request: Request) => Promise<Response>;

/** The Worker as deployed (its default export): answers are seen as they are, redirects too. */
export const worker: Fetch = (request) => exports.default.fetch(request);

/** An app with some settings changed (PRIVATE_DEPLOYMENT, ADMIN_TOKEN, Access...). */
export function appWith(
  vars: Record<string, string>,
  options: Parameters<typeof buildApp>[0] = {},
): Fetch {
  const app = buildApp(options);
  return async (request) => {
    const ctx = createExecutionContext();
    const res = await app.fetch(request, { ...env, ...vars }, ctx);
    await waitOnExecutionContext(ctx);
    return res;
  };
}

function headersFor(browser: Browser | null, extra: Record<string, string> = {}): Headers {
  const headers = new Headers(extra);
  if (browser?.cookie) headers.set("cookie", browser.cookie);
  headers.set("accept-language", browser?.lang === "vi" ? "vi-VN,vi;q=0.9" : "en-US,en;q=0.9");
  return headers;
}

export function get(
  browser: Browser | null,
  path: string,
  fetcher: Fetch = worker,
  origin = ORIGIN,
) {
  return fetcher(
    new Request(`${origin}${path}`, { headers: headersFor(browser), redirect: "manual" }),
  );
}

/** A form post as a browser sends it from a page of `from` (the Origin header). */
export function post(
  browser: Browser | null,
  path: string,
  fields: Record<string, string>,
  options: { fetcher?: Fetch; from?: string | null; origin?: string } = {},
) {
  const origin = options.origin ?? ORIGIN;
  const from = options.from === undefined ? origin : options.from;
  const extra: Record<string, string> = {
    "content-type": "application/x-www-form-urlencoded",
  };
  if (from !== null) extra.origin = from;
  return (options.fetcher ?? worker)(
    new Request(`${origin}${path}`, {
      method: "POST",
      headers: headersFor(browser, extra),
      body: new URLSearchParams(fields).toString(),
      redirect: "manual",
    }),
  );
}

/** The `name=value` of each cookie a response sets, and their attributes. */
export function setCookies(res: Response): { name: string; value: string; attributes: string[] }[] {
  return res.headers.getSetCookie().map((line) => {
    const [pair = "", ...attributes] = line.split(";").map((s) => s.trim());
    const at = pair.indexOf("=");
    return { name: pair.slice(0, at), value: pair.slice(at + 1), attributes };
  });
}

/** Signs in with `token`; the browser then holds the session cookie. */
export async function signIn(
  token: string,
  options: { fetcher?: Fetch; origin?: string; lang?: "en" | "vi" } = {},
): Promise<Browser> {
  const res = await post({ cookie: "", lang: options.lang }, "/desk/sign-in", { token }, options);
  if (res.status !== 303) throw new Error(`sign-in: ${res.status} ${await res.text()}`);
  const [cookie] = setCookies(res);
  if (!cookie) throw new Error("sign-in set no cookie");
  return { cookie: `${cookie.name}=${cookie.value}`, lang: options.lang };
}

/** The form token a desk page carries. */
export function formTokenIn(html: string): string {
  const match = /name="form_token" value="([^"]+)"/.exec(html);
  if (!match?.[1]) throw new Error("no form token on the page");
  return match[1];
}

/** Opens `path` and returns its form token, as a person opening the page would have it. */
export async function openForm(browser: Browser, path: string, fetcher: Fetch = worker) {
  const res = await get(browser, path, fetcher);
  const html = await res.text();
  if (res.status !== 200) throw new Error(`${path}: ${res.status} ${html.slice(0, 400)}`);
  return { html, formToken: formTokenIn(html) };
}

/** Opens the form at `path` and posts `fields` with its form token. */
export async function submit(
  browser: Browser,
  path: string,
  fields: Record<string, string>,
  fetcher: Fetch = worker,
) {
  const { formToken } = await openForm(browser, path, fetcher);
  return post(browser, path, { form_token: formToken, ...fields }, { fetcher });
}

/** The text of an HTML page, tags removed, whitespace collapsed: what a reader sees. */
export function textOf(html: string): string {
  return html
    .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/g, " ")
    .replace(/<[^>]+>/g, " ")
    .replace(/&amp;/g, "&")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/\s+/g, " ")
    .trim();
}

/** The value an input named `name` holds on the page. */
export function fieldValue(html: string, name: string): string | undefined {
  const input = new RegExp(`<input[^>]*name="${name.replaceAll(".", "\\.")}"[^>]*>`).exec(
    html,
  )?.[0];
  return input ? /value="([^"]*)"/.exec(input)?.[1] : undefined;
}

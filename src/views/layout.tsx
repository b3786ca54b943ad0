import type { Child } from "hono/jsx";
import { raw } from "hono/utils/html";
import { CLIENT_SCRIPT } from "./client-script";
import { Fill } from "./components/fill";
import { LANGS, type Lang } from "./i18n";
import type { Links } from "./links";
import { paths } from "./links";
import type { Locale } from "./locale";
import { CSS } from "./styles";

/** What the client script needs to poll /api/status; absent on pages that should not reload. */
export interface PollState {
  url: string;
  etag: string;
  dataVersion: number;
  asOf: string;
  pinned: boolean;
}

export interface PageFrame {
  l: Locale;
  links: Links;
  nonce: string;
  title: string;
  description?: string;
  /** The same page in each language. */
  langHref: Readonly<Record<Lang, string>>;
  poll?: PollState;
  /** Latest write among the data shown (ISO timestamp), for "data last changed". */
  lastChange?: string | null;
  /** The date the page is evaluated for. */
  asOf?: string;
  /** Styles and a script of the page's own (the desk's), inlined under the same nonce. */
  extraCss?: string;
  extraScript?: string;
}

const LANG_NAMES: Readonly<Record<Lang, string>> = { en: "English", vi: "Tiếng Việt" };

function LanguageSwitch({ l, langHref }: Pick<PageFrame, "l" | "langHref">) {
  return (
    <nav class="langs" aria-label={l.t("language")}>
      {LANGS.map((lang) => (
        <a
          href={langHref[lang]}
          hreflang={lang}
          lang={lang}
          aria-current={lang === l.lang ? "true" : undefined}
        >
          {LANG_NAMES[lang]}
        </a>
      ))}
    </nav>
  );
}

/** How current the page is: the date it is evaluated for and when the data last changed. */
export function Freshness({
  l,
  lastChange,
  asOf,
  poll,
}: Pick<PageFrame, "l" | "lastChange" | "asOf" | "poll">) {
  const ago = lastChange ? (
    <time datetime={lastChange} data-ago="">
      {l.ago(lastChange)}
    </time>
  ) : null;
  return (
    <p class="muted fresh">
      {asOf ? `${l.t("as_of_note", { date: l.date(asOf) })} ` : null}
      {lastChange ? (
        <Fill text={l.t("data_changed", { time: l.timestamp(lastChange) })} slots={{ ago }} />
      ) : (
        l.t("no_data_yet")
      )}
      {poll ? (
        <span id="live" hidden>
          {` ${l.t("auto_update")}`}
        </span>
      ) : null}
    </p>
  );
}

/**
 * The HTML document around every page. The stylesheet and the script are constants of this
 * module (never user data), inlined under the per-response CSP nonce; raw() is needed only
 * because <style> and <script> contents are not HTML and must not be entity-escaped.
 */
export function Document(props: PageFrame & { children: Child }) {
  const { l, links, nonce, poll } = props;
  return (
    <html lang={l.lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{props.title}</title>
        {props.description ? <meta name="description" content={props.description} /> : null}
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
        <link
          rel="alternate"
          type="application/atom+xml"
          title={l.t("feed_title")}
          href={links.to(paths.feed, { as_of: undefined })}
        />
        <style nonce={nonce}>{raw(CSS + (props.extraCss ?? ""))}</style>
      </head>
      <body
        data-poll={poll?.url}
        data-etag={poll?.etag}
        data-version={poll ? String(poll.dataVersion) : undefined}
        data-as-of={poll?.asOf}
        data-pinned={poll?.pinned ? "1" : undefined}
      >
        <a class="skip" href="#content">
          {l.t("skip_to_content")}
        </a>
        <header class="site">
          <div class="wrap">
            <a class="brand" href={links.to(paths.overview)}>
              {l.t("site_title")}
            </a>
            <p class="tagline">{l.t("site_tagline")}</p>
            <LanguageSwitch l={l} langHref={props.langHref} />
          </div>
        </header>
        <main id="content" class="wrap">
          {props.children}
        </main>
        <footer class="site">
          <div class="wrap">
            <p>
              <a href={links.to(paths.feed, { as_of: undefined })}>{l.t("feed_link")}</a>
              {" · "}
              <a href={paths.status}>{l.t("api_link")}</a>
              {" · "}
              <a href="/openapi.json">OpenAPI</a>
              {" · "}
              <a href={links.to(paths.desk, { as_of: undefined })}>{l.t("desk_link")}</a>
            </p>
            <p>{l.t("footer_note")}</p>
          </div>
        </footer>
        <script nonce={nonce}>{raw(CLIENT_SCRIPT)}</script>
        {props.extraScript ? <script nonce={nonce}>{raw(props.extraScript)}</script> : null}
      </body>
    </html>
  );
}

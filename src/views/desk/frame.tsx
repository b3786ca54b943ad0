// The frame of every desk page: the site's document, the desk's navigation, who is signed in,
// and the sign-out button (a form, so it carries the form token like every other).
import type { Child } from "hono/jsx";
import type { Problem } from "../../desk/fields";
import type { MessageKey } from "../i18n";
import { Document, type PageFrame } from "../layout";
import { paths } from "../links";
import type { Locale } from "../locale";
import { DESK_SCRIPT } from "./script";
import { DESK_CSS } from "./styles";

export type DeskSection =
  | "home"
  | "figure"
  | "bulletin"
  | "plan"
  | "indicator"
  | "import"
  | "tokens"
  | "sign-in";

/** Who is signed in, as the desk describes them. */
export interface DeskWho {
  name: string;
  admin: boolean;
  canWrite: boolean;
  /** The place their token is limited to, or null for every place. */
  scope: { slug: string; name: string } | null;
}

export interface DeskFrame extends PageFrame {
  who: DeskWho | null;
  formToken: string | null;
  active: DeskSection;
}

const SECTIONS: readonly {
  section: DeskSection;
  path: string;
  key: MessageKey;
  admin?: boolean;
}[] = [
  { section: "home", path: paths.desk, key: "desk_nav_home" },
  { section: "figure", path: paths.deskFigure, key: "desk_nav_figure" },
  { section: "bulletin", path: paths.deskBulletin, key: "desk_nav_bulletin" },
  { section: "plan", path: paths.deskPlan, key: "desk_nav_plan" },
  { section: "indicator", path: paths.deskIndicator, key: "desk_nav_indicator" },
  { section: "import", path: paths.deskImport, key: "desk_nav_import" },
  { section: "tokens", path: paths.deskTokens, key: "desk_nav_tokens", admin: true },
];

/** The hidden field every desk form posts back. */
export function FormToken({ token }: { token: string | null }) {
  return token ? <input type="hidden" name="form_token" value={token} /> : null;
}

export function DeskNav({ frame }: { frame: DeskFrame }) {
  const { l, links, who } = frame;
  if (!who) return null;
  return (
    <nav class="desk-nav" aria-label={l.t("desk_nav")}>
      <ul>
        {SECTIONS.filter((s) => (s.admin ? who.admin : true)).map((s) => (
          <li>
            <a
              href={links.to(s.path)}
              aria-current={s.section === frame.active ? "page" : undefined}
            >
              {l.t(s.key)}
            </a>
          </li>
        ))}
      </ul>
      <form method="post" action={links.to(paths.deskSignOut)} class="sign-out">
        <FormToken token={frame.formToken} />
        <span class="muted">{l.t("desk_signed_in_as", { name: who.name })}</span>{" "}
        <button type="submit">{l.t("desk_sign_out")}</button>
      </form>
    </nav>
  );
}

export function DeskPage({ frame, children }: { frame: DeskFrame; children: Child }) {
  return (
    <Document {...frame} extraCss={DESK_CSS} extraScript={DESK_SCRIPT}>
      <DeskNav frame={frame} />
      {children}
    </Document>
  );
}

export function problemText(l: Locale, problem: Problem): string {
  return l.t(`problem_${problem.code}` as MessageKey, problem.vars);
}

/** The list of what to fix, first on the page and announced, each linked to its field. */
export function ProblemSummary({ l, problems }: { l: Locale; problems: readonly Problem[] }) {
  if (problems.length === 0) return null;
  return (
    <div class="problems" role="alert" data-problems={String(problems.length)}>
      <p>
        <strong>{l.t("form_problems", { n: problems.length })}</strong>
      </p>
      <ul>
        {problems.map((p) => (
          <li>
            <a href={`#${fieldId(p.field)}`}>{problemText(l, p)}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** A field's element id: names may hold dots ("d3.value"). */
export function fieldId(name: string): string {
  return `f-${name.replace(/[^A-Za-z0-9_-]/g, "-")}`;
}

/** A refusal of the whole request, with the reason in the reader's language. */
export function RefusedPage({
  frame,
  code,
  message,
}: {
  frame: DeskFrame;
  code: string;
  message: string;
}) {
  const { l, links } = frame;
  return (
    <DeskPage frame={frame}>
      <h1>{l.t("refused_heading")}</h1>
      <p class="refused" role="alert" data-code={code}>
        {message}
      </p>
      <p>
        <a href={links.to(frame.who ? paths.desk : paths.deskSignIn)}>{l.t("desk_title")}</a>
      </p>
    </DeskPage>
  );
}

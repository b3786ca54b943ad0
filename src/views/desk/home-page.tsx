import type { AuditRow } from "../../db/schema";
import type { MessageKey } from "../i18n";
import { paths } from "../links";
import type { Locale } from "../locale";
import { type DeskFrame, DeskPage } from "./frame";

const ACTIONS = new Set(["create", "update", "revise", "delete", "revoke"]);
const ENTITIES = new Set(["indicator", "plan", "actual", "token"]);

function what(l: Locale, row: AuditRow): string {
  const entity = ENTITIES.has(row.entity) ? `entity_${row.entity}` : "entity_other";
  const action = ACTIONS.has(row.action) ? `action_${row.action}` : "action_other";
  const value = row.newValue as {
    indicator_id?: string;
    period_start?: string;
    period_end?: string;
  } | null;
  const detail =
    row.entity === "actual" && value?.indicator_id && value.period_start && value.period_end
      ? `${value.indicator_id}, ${l.period(value.period_start, value.period_end)}`
      : (row.entityId ?? "");
  return `${l.t(entity as MessageKey)} ${l.t(action as MessageKey)}: ${detail}`;
}

export function HomePage({
  frame,
  recent,
  saved,
}: {
  frame: DeskFrame;
  recent: readonly AuditRow[];
  saved: number | null;
}) {
  const { l, links, who } = frame;
  const cards: [string, MessageKey, MessageKey][] = [
    [paths.deskFigure, "desk_nav_figure", "home_figure"],
    [paths.deskBulletin, "desk_nav_bulletin", "home_bulletin"],
    [paths.deskPlan, "desk_nav_plan", "home_plan"],
    [paths.deskIndicator, "desk_nav_indicator", "home_indicator"],
    [paths.deskImport, "desk_nav_import", "home_import"],
    ...(who?.admin
      ? [[paths.deskTokens, "desk_nav_tokens", "home_tokens"] as [string, MessageKey, MessageKey]]
      : []),
  ];
  return (
    <DeskPage frame={frame}>
      <h1>{l.t("desk_title")}</h1>
      {saved !== null ? (
        <p class="notice" role="status" data-saved={String(saved)}>
          {l.t("home_saved", { n: saved })}{" "}
          <a href={links.to(paths.overview)}>{l.t("status_page_link")}</a>
        </p>
      ) : null}
      <p>
        {who?.canWrite === false
          ? l.t("desk_scope_read")
          : who?.scope
            ? l.t("desk_scope_one", { scope: who.scope.name })
            : l.t("desk_scope_all")}{" "}
        {l.t("home_intro")}
      </p>
      <ul class="cards">
        {cards.map(([path, title, text]) => (
          <li>
            <a href={links.to(path)}>{l.t(title)}</a>
            <p class="muted">{l.t(text)}</p>
          </li>
        ))}
      </ul>
      <h2 id="recent">{l.t("home_recent")}</h2>
      {recent.length === 0 ? (
        <p>{l.t("home_no_recent")}</p>
      ) : (
        <div class="scroll">
          <table class="stack recent">
            <caption>{l.t("home_recent_caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{l.t("col_when")}</th>
                <th scope="col">{l.t("col_what")}</th>
                <th scope="col">{l.t("col_how")}</th>
              </tr>
            </thead>
            <tbody>
              {recent.map((row) => (
                <tr data-audit={String(row.id)}>
                  <td data-label={l.t("col_when")}>{l.timestamp(row.at)}</td>
                  <td data-label={l.t("col_what")}>{what(l, row)}</td>
                  <td data-label={l.t("col_how")}>{l.t(`via_${row.via}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </DeskPage>
  );
}

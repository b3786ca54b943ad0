// The body each destination format receives. `json` is the Standard Webhooks payload; `slack`
// is an incoming-webhook message with blocks (Mattermost and Rocket.Chat accept it too);
// `discord` is a webhook message with an embed; `alertmanager` is an array of Alertmanager
// alerts (./alertmanager.ts).
import type { Status } from "../domain/types";
import type { EventData } from "../monitor/types";
import type { Severity, WebhookFormat } from "../monitor/vocabulary";
import { alertmanagerBody } from "./alertmanager";

export interface TestData {
  id: string;
  type: "webhook.test";
  occurred_at: string;
  webhook_id: string;
  message: string;
}

export type MessageData = EventData | TestData;

export const STATUS_WORDS: Record<Status, string> = {
  achieved: "achieved",
  ahead: "ahead",
  on_track: "on track",
  at_risk: "at risk",
  off_track: "off track",
  missed: "missed",
  no_data: "no data",
};

const MARKS: Record<Severity, string> = {
  critical: "🔴",
  warning: "🟠",
  good: "🟢",
  resolved: "✅",
  info: "ℹ️",
};

const DISCORD_COLORS: Record<Severity, number> = {
  critical: 0xd93025,
  warning: 0xf29900,
  good: 0x1e8e3e,
  resolved: 0x1e8e3e,
  info: 0x5f6368,
};

function isTest(data: MessageData): data is TestData {
  return data.type === "webhook.test";
}

function percent(ratio: number | null): string {
  return ratio === null ? "–" : `${(ratio * 100).toFixed(1)}%`;
}

function amount(value: number | null, unit: string): string {
  if (value === null) return "–";
  const n = new Intl.NumberFormat("en", { notation: "compact", maximumFractionDigits: 2 });
  return `${n.format(value)} ${unit}`;
}

export function planLabel(data: Pick<EventData, "plan" | "indicator">): string {
  const period =
    data.plan.period_start.slice(0, 4) === data.plan.period_end.slice(0, 4)
      ? data.plan.period_start.slice(0, 4)
      : `${data.plan.period_start} – ${data.plan.period_end}`;
  return data.plan.title ?? `${data.indicator.name}, ${data.indicator.scope_name} ${period}`;
}

/** One line that says what happened, for notifications and fallbacks. */
export function headline(data: MessageData): string {
  if (isTest(data)) return data.message;
  const label = planLabel(data);
  const status = STATUS_WORDS[data.status];
  switch (data.type) {
    case "plan.status_changed":
      return data.previous_status === null
        ? `${label}: ${status}`
        : `${label}: ${STATUS_WORDS[data.previous_status]} → ${status}`;
    case "plan.stale":
      return `${label}: figures overdue${data.evaluation.freshness.next_due ? ` (due ${data.evaluation.freshness.next_due})` : ""}`;
    case "plan.fresh":
      return `${label}: new figures arrived, ${status}`;
    case "plan.reminder":
      return `${label}: still ${status}${data.stale ? ", figures overdue" : ""}`;
  }
}

export function facts(
  data: Pick<EventData, "plan" | "indicator" | "status" | "evaluation">,
): [string, string][] {
  const e = data.evaluation;
  return [
    ["Status", STATUS_WORDS[data.status]],
    ["Attainment", percent(e.attainment)],
    ["Pace", percent(e.pace)],
    ["Projection", amount(e.projection, data.indicator.unit)],
    ["Target", amount(data.plan.target, data.indicator.unit)],
    [
      "Latest figure",
      e.actual
        ? `${amount(e.actual.value, data.indicator.unit)} to ${e.actual.period_end}`
        : "none",
    ],
  ];
}

function slackEscape(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
}

function slackBody(data: MessageData): unknown {
  const text = headline(data);
  if (isTest(data)) return { text: slackEscape(text) };
  const mark = MARKS[data.severity];
  return {
    text: slackEscape(`${mark} ${text}`),
    blocks: [
      {
        type: "header",
        text: { type: "plain_text", text: `${mark} ${text}`.slice(0, 150), emoji: true },
      },
      {
        type: "section",
        fields: facts(data).map(([k, v]) => ({
          type: "mrkdwn",
          text: `*${k}*\n${slackEscape(v)}`,
        })),
      },
      {
        type: "context",
        elements: [
          {
            type: "mrkdwn",
            // Slack link syntax is <url|label>; the URL must not carry `|` or `>` unescaped.
            text: `<${data.link.replaceAll("|", "%7C").replaceAll(">", "%3E")}|Open on the status page> · ${slackEscape(data.indicator.scope_name)} · ${data.occurred_at.slice(0, 10)}`,
          },
        ],
      },
    ],
  };
}

function discordBody(data: MessageData): unknown {
  const text = headline(data);
  // No pings: a plan title containing "@everyone" must stay text.
  const allowed_mentions = { parse: [] };
  if (isTest(data)) return { content: text.slice(0, 2000), allowed_mentions };
  return {
    content: `${MARKS[data.severity]} ${text}`.slice(0, 2000),
    allowed_mentions,
    embeds: [
      {
        title: planLabel(data).slice(0, 256),
        url: data.link,
        color: DISCORD_COLORS[data.severity],
        fields: facts(data).map(([name, value]) => ({ name, value, inline: true })),
        timestamp: data.occurred_at,
      },
    ],
  };
}

/** The request body for a destination. */
export function renderBody(format: WebhookFormat, data: MessageData): string {
  switch (format) {
    case "json":
      return JSON.stringify({ type: data.type, timestamp: data.occurred_at, data });
    case "slack":
      return JSON.stringify(slackBody(data));
    case "discord":
      return JSON.stringify(discordBody(data));
    case "alertmanager":
      return JSON.stringify(alertmanagerBody(data));
  }
}

// The body each destination format receives. `json` is the Standard Webhooks payload; `slack`
// is an incoming-webhook message with blocks (Mattermost and Rocket.Chat accept it too);
// `discord` is a webhook message with an embed; `alertmanager` is an array of Alertmanager
// alerts (./alertmanager.ts).

import type { Severity, WebhookFormat } from "../domain/vocabulary";
import { alertmanagerBody } from "./alertmanager";
import { facts, headline, isTest, type MessageData, planLabel } from "./text";

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

/**
 * Slack's mrkdwn makes links and mentions only out of `<...>` (`<url|label>`, `<!channel>`,
 * `<@U123>`), so escaping `&`, `<` and `>` leaves a title that spells one as plain text.
 */
function slackEscape(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
}

/**
 * Discord's markdown makes a masked link out of `[label](url)`, which shows the label and hides
 * where it leads, and formatting, quotes, headings, spoilers and mentions (`<@id>`, `<#id>`,
 * `<t:...>`) out of other punctuation. A backslash before each such character shows it as
 * itself. Pings are also switched off per message (`allowed_mentions`).
 */
function discordEscape(text: string): string {
  return text.replace(/[\\*_~`|>#\-[\]()<@:]/g, "\\$&");
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
        // Slack refuses a section with more than ten fields.
        fields: facts(data)
          .slice(0, 10)
          .map(([k, v]) => ({
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
  if (isTest(data)) return { content: discordEscape(text).slice(0, 2000), allowed_mentions };
  return {
    content: `${MARKS[data.severity]} ${discordEscape(text)}`.slice(0, 2000),
    allowed_mentions,
    embeds: [
      {
        title: discordEscape(planLabel(data)).slice(0, 256),
        url: data.link,
        color: DISCORD_COLORS[data.severity],
        fields: facts(data).map(([name, value]) => ({
          name,
          value: discordEscape(value),
          inline: true,
        })),
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

// The words every message uses, whatever its format: what a plan is called, what happened, and
// the figures behind it. Plain text; each format escapes it for its own markup.
import type { Status } from "../domain/vocabulary";
import type { EventData } from "../schemas/event";

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
  period_over: "period over",
  no_data: "no data",
};

export function isTest(data: MessageData): data is TestData {
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

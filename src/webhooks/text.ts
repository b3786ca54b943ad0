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
  period_over: "period over, final figure not yet in",
  no_data: "no data",
};

export function isTest(data: MessageData): data is TestData {
  return data.type === "webhook.test";
}

function percent(ratio: number | null): string {
  return ratio === null ? "–" : `${(ratio * 100).toFixed(1)}%`;
}

/** Growth with its sign: +32.01%, −4.50%. Printed ratios are compared to two decimals. */
function growth(ratio: number): string {
  return `${ratio < 0 ? "−" : "+"}${Math.abs(ratio * 100).toFixed(2)}%`;
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
    case "figure.due":
    case "figure.late":
      return figureHeadline(data, label);
  }
}

/** "Hai Phong exports: the estimate for 2024-09-01 – 2024-09-30 is due on 2024-10-06 (in 3 days)". */
function figureHeadline(data: EventData, label: string): string {
  const f = data.figure;
  if (!f) return `${label}: a figure is ${data.type === "figure.due" ? "due" : "late"}`;
  const what = `the ${f.vintage} for ${f.period_start} – ${f.period_end}`;
  if (data.type === "figure.due") {
    const when =
      f.days_until_due === 0
        ? "today"
        : `in ${f.days_until_due} day${f.days_until_due === 1 ? "" : "s"}`;
    return `${label}: ${what} is due on ${f.due} (${when})`;
  }
  const late = f.days_late ?? 0;
  return `${label}: ${what} was due on ${f.due} and is not in (${late} day${late === 1 ? "" : "s"} late)`;
}

type Figures = EventData["evaluation"];

/** Growth on the same period last year, with the printed rate or the prior it implies. */
function yearOnYearFact(e: Figures, unit: string): string | null {
  if (e.yoy_growth !== null && e.yoy_growth !== undefined) {
    return `${growth(e.yoy_growth)} on ${amount(e.prior_year_value ?? null, unit)}`;
  }
  if (e.implied_prior_year_value !== null && e.implied_prior_year_value !== undefined) {
    return `no figure on file; the printed growth implies ${amount(e.implied_prior_year_value, unit)} (derived)`;
  }
  return null;
}

/** A printed ratio its own figures contradict, in words. */
export function warningText(warning: Figures["warnings"][number]): string {
  return warning.code === "reported_yoy_mismatch"
    ? `the source prints ${growth(warning.reported)} on last year, the figures give ${growth(warning.computed)}`
    : `the source prints ${(warning.reported * 100).toFixed(2)}% of plan, the figures give ${(warning.computed * 100).toFixed(2)}%`;
}

export function facts(
  data: Pick<EventData, "plan" | "indicator" | "status" | "evaluation">,
): [string, string][] {
  const e = data.evaluation;
  const unit = data.indicator.unit;
  const lines: [string, string][] = [["Status", STATUS_WORDS[data.status]]];
  // A period over without its final figure: the pace reading it ended on still matters.
  if (e.last_reading) {
    const to = e.actual ? ` (figures to ${e.actual.period_end})` : "";
    lines.push(["Last reading", `${STATUS_WORDS[e.last_reading]}${to}`]);
  }
  lines.push(
    ["Attainment", percent(e.attainment)],
    ["Pace", percent(e.pace)],
    ["Projection", amount(e.projection, unit)],
    ["Target", amount(data.plan.target, unit)],
    [
      "Latest figure",
      e.actual ? `${amount(e.actual.value, unit)} to ${e.actual.period_end}` : "none",
    ],
  );
  const yoy = yearOnYearFact(e, unit);
  if (yoy) lines.push(["Same period last year", yoy]);
  for (const warning of e.warnings ?? []) lines.push(["Warning", warningText(warning)]);
  return lines;
}

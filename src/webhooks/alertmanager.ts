// Alertmanager as a destination: the monitor's alerts as Prometheus Alertmanager alerts
// (POST /api/v2/alerts, a JSON array of postable alerts), so that an organisation's own
// routing, grouping, inhibition and silences apply to them.
//
// - An alert is its label set. `alertname` says which of a plan's alerts it is: TargetOffTrack
//   (critical) and TargetAtRisk (warning) while the status is one of those, TargetStale
//   (warning) while figures are overdue, TargetMissed (critical) when the period closes short.
//   `plan`, `indicator`, `scope` and `severity` complete it. A move from at risk to off track
//   ends one alert and starts the other, in the same request.
// - Alertmanager ends an alert by itself at its `endsAt` (or resolve_timeout after the last post
//   when there is none). A firing alert is sent with endsAt = now + FIRING_VALIDITY_MS, and every
//   cron tick posts each open alert again (src/monitor/alertmanager-refresh.ts), so it keeps
//   firing exactly as long as the plan stays off track.
// - A resolution posts the same labels with endsAt = when the monitor saw the alert end.
import { isOpenStatus } from "../domain/alert-transitions";
import type { Status } from "../domain/vocabulary";
import type { EventData } from "../schemas/event";
import { facts, headline, type MessageData, planLabel, STATUS_WORDS } from "./text";

/**
 * How long a posted firing alert stays valid without another post: four 15-minute cron ticks.
 * Prometheus itself sends endsAt = 4 × its evaluation interval, for the same reason: a missed
 * tick or two (Alertmanager restarting, one failed post) must not flap the alert. The price is
 * that an alert the monitor stops posting without resolving it (silenced here, plan no longer
 * watched, destination disabled) ends in Alertmanager up to an hour later.
 */
export const FIRING_VALIDITY_MS = 60 * 60 * 1000;
/** A test alert only proves the path, so it ends on its own soon after. */
export const TEST_VALIDITY_MS = 5 * 60 * 1000;

const ALERTS_PATH = "/api/v2/alerts";

/** One element of the request body (Alertmanager's `postableAlert`). */
export interface PostableAlert {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt: string;
  endsAt: string;
  generatorURL?: string;
}

/** What an alert is about: an event's data, or a plan's current figures while an alert is open. */
export type AlertSubject = Pick<
  EventData,
  "plan" | "indicator" | "scope" | "status" | "stale" | "evaluation" | "link"
>;

/** The two alerts a plan can have open at once; `missed` is only ever announced. */
export type OpenAlertKind = "status" | "stale";

interface AlertName {
  alertname: string;
  severity: "critical" | "warning" | "info";
}

const STATUS_ALERTS: Partial<Record<Status, AlertName>> = {
  off_track: { alertname: "TargetOffTrack", severity: "critical" },
  at_risk: { alertname: "TargetAtRisk", severity: "warning" },
  missed: { alertname: "TargetMissed", severity: "critical" },
};
const STALE_ALERT: AlertName = { alertname: "TargetStale", severity: "warning" };
/**
 * A figure falling due or overdue is a note to its data owner, not a state the monitor keeps
 * posting: it fires once and ends on its own after FIRING_VALIDITY_MS. A figure that stays
 * missing becomes TargetStale once the grace period runs out.
 */
const FIGURE_LATE_ALERT: AlertName = { alertname: "TargetFigureLate", severity: "warning" };
const FIGURE_DUE_ALERT = { alertname: "TargetFigureDue", severity: "info" } as const;

function after(iso: string, ms: number): string {
  return new Date(Date.parse(iso) + ms).toISOString();
}

function description(subject: AlertSubject, name: AlertName): string {
  const lines = facts(subject).map(([k, v]) => `${k}: ${v}`);
  lines.push(`As of: ${subject.evaluation.as_of}`);
  const due = subject.evaluation.freshness.next_due;
  if (name === STALE_ALERT && due) lines.push(`Next figure was due: ${due}`);
  return lines.join("\n");
}

function alertOf(
  subject: AlertSubject,
  name: AlertName,
  summary: string,
  startsAt: string,
  endsAt: string,
): PostableAlert {
  return {
    labels: {
      alertname: name.alertname,
      severity: name.severity,
      plan: subject.plan.id,
      indicator: subject.indicator.id,
      scope: subject.scope,
    },
    annotations: { summary, description: description(subject, name), link: subject.link },
    startsAt,
    endsAt,
    generatorURL: subject.link,
  };
}

function firingSummary(subject: AlertSubject, name: AlertName): string {
  const label = planLabel(subject);
  if (name === STALE_ALERT) return `${label}: figures overdue`;
  return `${label}: ${STATUS_WORDS[subject.status]}`;
}

/** A firing alert valid until `validFrom` + FIRING_VALIDITY_MS. */
function firing(subject: AlertSubject, name: AlertName, startsAt: string, validFrom: string) {
  return alertOf(
    subject,
    name,
    firingSummary(subject, name),
    startsAt,
    after(validFrom, FIRING_VALIDITY_MS),
  );
}

/** The same labels, ended at `at`. Alertmanager keeps the start it already has. */
function resolved(subject: AlertSubject, name: AlertName, at: string, summary: string) {
  return alertOf(subject, name, summary, at, at);
}

/**
 * The alerts one event starts or ends. Firing alerts are valid for FIRING_VALIDITY_MS from
 * the event (not from the attempt), so a late retry cannot keep alive for long an alert that
 * has ended since; while the alert stays open, the tick's refresh is what keeps it firing.
 */
export function eventAlerts(data: EventData): PostableAlert[] {
  const at = data.occurred_at;
  const label = planLabel(data);
  switch (data.type) {
    case "plan.status_changed": {
      const before = data.previous_status ? STATUS_ALERTS[data.previous_status] : undefined;
      const now = STATUS_ALERTS[data.status];
      const out: PostableAlert[] = [];
      if (before && before !== now) {
        out.push(resolved(data, before, at, `${label}: now ${STATUS_WORDS[data.status]}`));
      }
      if (now) out.push(firing(data, now, at, at));
      return out;
    }
    case "plan.stale":
      return [firing(data, STALE_ALERT, at, at)];
    case "plan.fresh":
      return [resolved(data, STALE_ALERT, at, `${label}: new figures arrived`)];
    case "plan.reminder": {
      // The refresh already keeps these firing; the reminder says the same thing once more.
      const now = STATUS_ALERTS[data.status];
      const out: PostableAlert[] = [];
      if (now && isOpenStatus(data.status)) out.push(firing(data, now, at, at));
      if (data.stale) out.push(firing(data, STALE_ALERT, at, at));
      return out;
    }
    case "figure.due":
    case "figure.late": {
      const name = data.type === "figure.due" ? FIGURE_DUE_ALERT : FIGURE_LATE_ALERT;
      const alert = alertOf(data, name, headline(data), at, after(at, FIRING_VALIDITY_MS));
      // One alert per figure: Alertmanager groups by labels, and two periods late are two alerts.
      if (data.figure) {
        alert.labels.period = `${data.figure.period_start}/${data.figure.period_end}`;
        alert.labels.vintage = data.figure.vintage;
      }
      return [alert];
    }
  }
}

/** The request body for an alertmanager destination. */
export function alertmanagerBody(data: MessageData): PostableAlert[] {
  if (data.type !== "webhook.test") return eventAlerts(data);
  return [
    {
      labels: { alertname: "TargetMonitorTest", severity: "info", webhook: data.webhook_id },
      annotations: { summary: data.message },
      startsAt: data.occurred_at,
      endsAt: after(data.occurred_at, TEST_VALIDITY_MS),
    },
  ];
}

/**
 * An alert that is still open, as every tick posts it again: started when it opened, valid
 * for FIRING_VALIDITY_MS from `nowIso`. Null when the plan has no such alert open.
 */
export function openAlert(
  subject: AlertSubject,
  kind: OpenAlertKind,
  since: string,
  nowIso: string,
): PostableAlert | null {
  if (kind === "stale") return subject.stale ? firing(subject, STALE_ALERT, since, nowIso) : null;
  const name = STATUS_ALERTS[subject.status];
  return name && isOpenStatus(subject.status) ? firing(subject, name, since, nowIso) : null;
}

/**
 * Where the alerts go: the destination's URL may be the Alertmanager itself
 * (https://alertmanager.example.org, with any route prefix) or its /api/v2/alerts endpoint.
 * The query string is kept, for a proxy in front that wants a token there.
 */
export function alertsEndpoint(url: string): string {
  const parsed = new URL(url);
  const path = parsed.pathname.replace(/\/+$/, "");
  parsed.pathname = path.endsWith(ALERTS_PATH) ? path : `${path}${ALERTS_PATH}`;
  return parsed.toString();
}

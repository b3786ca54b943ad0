// Alert transitions: from what the monitor last knew about a plan and a fresh evaluation,
// decide the plan's next alert state and which events to record. Pure: "now" and every
// setting arrive as parameters, so each decision can be replayed in a test.
import type { EventType, Severity, Status } from "./vocabulary";

/** What the monitor remembers about one plan between runs. */
export interface AlertState {
  /** Goes up by one with every change; writes and events are keyed on it. */
  version: number;
  status: Status;
  stale: boolean;
  statusSince: string;
  staleSince: string | null;
  /** When an open alert was last delivered; null when none is open or it was muted throughout. */
  lastNotifiedAt: string | null;
  /** Canonical JSON of the evaluation figures; a different key means a new snapshot. */
  figuresKey: string;
  changedAt: string;
}

/** The part of an evaluation the alert logic looks at. */
export interface Observation {
  status: Status;
  stale: boolean;
  figuresKey: string;
  /**
   * Whether the plan is still watched: figures for its period can still be due (period end +
   * publication lag + grace). After that, a first sighting is only recorded and open alerts are
   * no longer repeated; a late figure that changes the verdict is still announced.
   */
  watched: boolean;
}

export interface DecisionContext {
  /** The run's scheduled time, ISO-8601. */
  now: string;
  /** How long an open alert stays quiet before it is repeated. */
  repeatIntervalMs: number;
  /** A silence matches the plan: events are recorded as muted and not delivered. */
  muted: boolean;
}

export interface PlannedEvent {
  type: Exclude<EventType, "webhook.test">;
  previousStatus: Status | null;
  status: Status;
  severity: Severity;
  stale: boolean;
  muted: boolean;
  /**
   * For routing: how serious the alert this event is about is. A resolution carries the
   * severity it resolves, so whoever received the alert also receives its end.
   */
  rank: Severity;
}

export interface Decision {
  /** The state to write (version already incremented), or null when nothing changed. */
  next: AlertState | null;
  events: PlannedEvent[];
  /** The figures changed (or this is the first sighting): record an evaluation snapshot. */
  snapshot: boolean;
}

/**
 * off_track and missed are critical; at_risk a warning; ahead and achieved good news.
 * period_over is news, not an alarm: the period has ended without a figure for its end, which
 * says nothing good or bad yet (an overdue figure raises the stale alert on its own).
 */
export function statusSeverity(status: Status): Severity {
  switch (status) {
    case "off_track":
    case "missed":
      return "critical";
    case "at_risk":
      return "warning";
    case "ahead":
    case "achieved":
      return "good";
    case "on_track":
    case "period_over":
    case "no_data":
      return "info";
  }
}

/**
 * Whether the status keeps an alert open (and repeated). `missed` is final: the period is
 * over, so saying it again every week would help no one.
 */
export function isOpenStatus(status: Status): boolean {
  return status === "off_track" || status === "at_risk";
}

function isAlarming(severity: Severity): boolean {
  return severity === "critical" || severity === "warning";
}

function statusEvent(
  previous: Status | null,
  status: Status,
  stale: boolean,
  muted: boolean,
): PlannedEvent {
  const severity = statusSeverity(status);
  const previousSeverity = previous === null ? "info" : statusSeverity(previous);
  // Leaving an alarming status for a calm one closes that alert. Back to on_track (or to no
  // figures) says so as its severity; a jump straight to ahead or achieved stays good news.
  // Either way the event ranks as the alert it closes, so a destination that only takes
  // critical alerts still hears that its alert ended. A period that ends while off track
  // closes the pace alert too, but nothing was resolved: it stays news until the final
  // figure gives the verdict.
  const closes = isAlarming(previousSeverity) && !isAlarming(severity);
  const resolves = closes && severity === "info" && status !== "period_over";
  return {
    type: "plan.status_changed",
    previousStatus: previous,
    status,
    severity: resolves ? "resolved" : severity,
    stale,
    muted,
    rank: closes ? previousSeverity : severity,
  };
}

function staleEvent(becameStale: boolean, status: Status, muted: boolean): PlannedEvent {
  return {
    type: becameStale ? "plan.stale" : "plan.fresh",
    previousStatus: status,
    status,
    severity: becameStale ? "warning" : "resolved",
    stale: becameStale,
    muted,
    rank: "warning",
  };
}

function openSeverity(status: Status, stale: boolean): Severity | null {
  if (isOpenStatus(status)) return statusSeverity(status);
  return stale ? "warning" : null;
}

function firstSighting(obs: Observation, ctx: DecisionContext): Decision {
  const events: PlannedEvent[] = [];
  if (obs.watched) {
    // Only what deserves attention is announced; a plan first seen on track is just recorded.
    if (statusSeverity(obs.status) !== "info") {
      events.push(statusEvent(null, obs.status, obs.stale, ctx.muted));
    }
    if (obs.stale) events.push(staleEvent(true, obs.status, ctx.muted));
  }
  const open = openSeverity(obs.status, obs.stale) !== null;
  const delivered = events.some((e) => !e.muted);
  return {
    next: {
      version: 1,
      status: obs.status,
      stale: obs.stale,
      statusSince: ctx.now,
      staleSince: obs.stale ? ctx.now : null,
      lastNotifiedAt: open && delivered ? ctx.now : null,
      figuresKey: obs.figuresKey,
      changedAt: ctx.now,
    },
    events,
    snapshot: true,
  };
}

function reminderDue(prev: AlertState, obs: Observation, ctx: DecisionContext): boolean {
  if (!obs.watched || ctx.muted || openSeverity(obs.status, obs.stale) === null) return false;
  if (prev.lastNotifiedAt === null) return true;
  return Date.parse(ctx.now) - Date.parse(prev.lastNotifiedAt) >= ctx.repeatIntervalMs;
}

/**
 * The next state of one plan. Transitions are announced once; an alert still open after the
 * repeat interval gets a reminder (never while muted, so one is due as soon as a silence ends).
 */
export function decide(prev: AlertState | null, obs: Observation, ctx: DecisionContext): Decision {
  if (prev === null) return firstSighting(obs, ctx);

  const events: PlannedEvent[] = [];
  // A period is normally seen ending while it is still watched. A plan already past its watch
  // window that moves to period_over (a monitor first deployed, or upgraded, long after its
  // plans ended) learns nothing new from it, so the change is recorded without a backlog of
  // announcements; a late figure that gives the verdict is still announced.
  const quietEnd = !obs.watched && obs.status === "period_over";
  if (obs.status !== prev.status && !quietEnd) {
    events.push(statusEvent(prev.status, obs.status, obs.stale, ctx.muted));
  }
  if (obs.stale !== prev.stale) events.push(staleEvent(obs.stale, obs.status, ctx.muted));
  if (events.length === 0 && reminderDue(prev, obs, ctx)) {
    const severity = openSeverity(obs.status, obs.stale) ?? "warning";
    events.push({
      type: "plan.reminder",
      previousStatus: obs.status,
      status: obs.status,
      severity,
      stale: obs.stale,
      muted: false,
      rank: severity,
    });
  }

  const open = openSeverity(obs.status, obs.stale) !== null;
  const delivered = events.some((e) => !e.muted);
  let lastNotifiedAt: string | null = null;
  if (open) lastNotifiedAt = delivered ? ctx.now : prev.lastNotifiedAt;

  const next: AlertState = {
    version: prev.version + 1,
    status: obs.status,
    stale: obs.stale,
    statusSince: obs.status === prev.status ? prev.statusSince : ctx.now,
    staleSince: obs.stale ? (prev.stale ? prev.staleSince : ctx.now) : null,
    lastNotifiedAt,
    figuresKey: obs.figuresKey,
    changedAt: ctx.now,
  };
  const changed =
    next.status !== prev.status ||
    next.stale !== prev.stale ||
    next.lastNotifiedAt !== prev.lastNotifiedAt ||
    next.figuresKey !== prev.figuresKey;
  if (!changed) return { next: null, events: [], snapshot: false };
  return { next, events, snapshot: next.figuresKey !== prev.figuresKey };
}

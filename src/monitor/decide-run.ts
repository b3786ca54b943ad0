// One run of the monitor, decided in memory: evaluate every plan, apply the transitions, and
// list every row the run must write. Pure apart from the id generator it is given, so the
// whole run is one function of what was read.
import type { RunWrites } from "../db/queries/monitor";
import type { PlanFigureRow } from "../db/queries/plan-rows";
import {
  type DestinationFilter,
  isSilenced,
  type SilenceMatcher,
  type Subject,
  wants,
} from "../domain/alert-routing";
import {
  type AlertState,
  decide,
  isOpenStatus,
  type Observation,
  type PlannedEvent,
} from "../domain/alert-transitions";
import { compareIsoDates } from "../domain/dates";
import { lastAwaitedDay } from "../domain/freshness";
import { nextJudgmentChange } from "../domain/next-change";
import type { IsoDate, ReleaseRule } from "../domain/types";
import type { Cadence } from "../domain/vocabulary";
import { type EvaluatedPlan, evaluateRow } from "../evaluation/evaluate";
import type { IdKind } from "../lib/ids";
import { figuresKey, figuresOut } from "../presenters/evaluation";
import { eventData, type PlanAbout, planAbout } from "../presenters/event";
import type { EvaluationFigures } from "../schemas/event";
import type { AlertSubject, OpenAlertKind } from "../webhooks/alertmanager";

export interface RunInputs {
  rows: readonly PlanFigureRow[];
  states: ReadonlyMap<string, AlertState>;
  silences: readonly SilenceMatcher[];
  destinations: readonly DestinationFilter[];
  /** Per indicator, the earliest report date after the run's date among its stored figures. */
  nextReports?: ReadonlyMap<string, IsoDate>;
}

export interface RunOptions {
  /** The run's scheduled time, epoch ms. */
  now: number;
  repeatIntervalMs: number;
  publicBaseUrl: string;
  newId: (kind: IdKind) => string;
  /** Days before a figure's due date its reminder goes out (FIGURE_DUE_REMIND_DAYS). */
  remindDaysBefore: number;
}

/**
 * An alert that is open after this run: the plan is off track or at risk (`status`), or its
 * figures are overdue (`stale`). Only watched, unmuted plans: what is not announced is not
 * kept alive either.
 */
export interface OpenAlert {
  kind: OpenAlertKind;
  /** When the alert opened. */
  since: string;
  subject: Subject;
  about: AlertSubject;
}

export interface RunDecisions extends RunWrites {
  /** Plans the engine refused (an invalid period); the rest of the run goes on without them. */
  failed: { planId: string; error: string }[];
  /** Alerts still open after the run, for the destinations that must hear them every tick. */
  open: OpenAlert[];
  /**
   * When each plan decided here must be looked at again with no new data (null: never);
   * plans a newer run already judged are left out, as their schedule is that run's.
   */
  schedules: { planId: string; nextCheckAt: string | null }[];
}

/** Figures for the period can still arrive until its last figure is due, plus the grace period. */
export function isWatched(
  plan: { periodEnd: IsoDate; cadence: Cadence; releaseRule?: ReleaseRule | null },
  asOf: IsoDate,
): boolean {
  return compareIsoDates(asOf, lastAwaitedDay(plan, plan.releaseRule ?? null)) <= 0;
}

function observe(evaluated: EvaluatedPlan, key: string): Observation {
  const { evaluation } = evaluated;
  return {
    status: evaluation.status,
    stale: evaluation.freshness.stale,
    figuresKey: key,
    watched: isWatched(
      {
        periodEnd: evaluated.plan.periodEnd,
        cadence: evaluated.indicator.cadence,
        releaseRule: evaluated.indicator.releaseRule,
      },
      evaluation.asOf,
    ),
  };
}

/** The alerts a plan has open after this run, for destinations that re-post them each tick. */
function openAlerts(
  current: AlertState,
  subject: Subject,
  about: AlertSubject,
  nowIso: string,
): OpenAlert[] {
  const open: OpenAlert[] = [];
  if (isOpenStatus(current.status)) {
    open.push({ kind: "status", since: current.statusSince, subject, about });
  }
  if (current.stale) {
    open.push({ kind: "stale", since: current.staleSince ?? nowIso, subject, about });
  }
  return open;
}

/** The stored event for one planned transition, its webhook payload included. */
function eventRow(
  id: string,
  event: PlannedEvent,
  stateVersion: number,
  about: PlanAbout,
  figures: EvaluationFigures,
  nowIso: string,
): RunWrites["events"][number] {
  return {
    id,
    planId: about.plan.id,
    indicatorId: about.indicator.id,
    scope: about.scope,
    stateVersion,
    type: event.type,
    previousStatus: event.previousStatus,
    status: event.status,
    severity: event.severity,
    stale: event.stale,
    muted: event.muted,
    occurredAt: nowIso,
    data: eventData(
      {
        id,
        type: event.type,
        occurred_at: nowIso,
        previous_status: event.previousStatus,
        status: event.status,
        severity: event.severity,
        stale: event.stale,
      },
      about,
      figures,
    ),
  };
}

/**
 * The first moment after `nowIso` the plan needs another look with no new data: the day its
 * judgment can change (src/domain/next-change.ts), the reminder of an alert left open, or the
 * end of the silence that holds that reminder back.
 */
function nextCheck(
  evaluated: EvaluatedPlan,
  nextReportedAt: IsoDate | null,
  current: AlertState | null,
  watched: boolean,
  muting: readonly SilenceMatcher[],
  options: Pick<RunOptions, "repeatIntervalMs" | "remindDaysBefore">,
  nowIso: string,
): string | null {
  const { repeatIntervalMs, remindDaysBefore } = options;
  const day = nextJudgmentChange({
    plan: evaluated.input,
    evaluation: evaluated.evaluation,
    asOf: evaluated.evaluation.asOf,
    nextReportedAt,
    remindDaysBefore,
  });
  const candidates: string[] = day === null ? [] : [`${day}T00:00:00.000Z`];
  if (current && watched && (isOpenStatus(current.status) || current.stale)) {
    if (muting.length > 0) {
      // The first silence to end lets the reminder out.
      candidates.push(...muting.map((s) => s.until));
    } else if (current.lastNotifiedAt !== null) {
      candidates.push(
        new Date(Date.parse(current.lastNotifiedAt) + repeatIntervalMs).toISOString(),
      );
    }
  }
  const later = candidates.filter((c) => c > nowIso).sort();
  return later[0] ?? null;
}

/** Evaluates one plan and appends what it changes to `out`. */
function decidePlan(
  row: PlanFigureRow,
  inputs: RunInputs,
  options: RunOptions,
  out: RunDecisions,
): void {
  const nowIso = new Date(options.now).toISOString();
  const previous = inputs.states.get(row.plan.id) ?? null;
  // A run for an older scheduled time (a delayed retry) must not replace what a newer run
  // already wrote: its evaluation is older than the state, and applying it would move the plan
  // backwards and announce it. The newer run has said all there is to say about this plan.
  if (previous !== null && previous.changedAt > nowIso) return;
  const asOf = nowIso.slice(0, 10);
  const evaluated = evaluateRow(row, asOf);
  const { plan, indicator, evaluation } = evaluated;
  const figures = figuresOut(evaluated);
  const subject: Subject = {
    planId: plan.id,
    indicatorId: indicator.id,
    scope: indicator.scope,
    tags: indicator.tags,
  };
  const observation = observe(evaluated, figuresKey(figures));
  const muting = inputs.silences.filter((s) => isSilenced([s], subject, nowIso));
  const muted = muting.length > 0;
  const decision = decide(previous, observation, {
    now: nowIso,
    repeatIntervalMs: options.repeatIntervalMs,
    muted,
  });
  const about = planAbout(plan, indicator, options.publicBaseUrl);
  const current = decision.next ?? previous;
  if (current && observation.watched && !muted) {
    const alert = { ...about, status: current.status, stale: current.stale, evaluation: figures };
    out.open.push(...openAlerts(current, subject, alert, nowIso));
  }
  out.schedules.push({
    planId: plan.id,
    nextCheckAt: nextCheck(
      evaluated,
      inputs.nextReports?.get(indicator.id) ?? null,
      current,
      observation.watched,
      muting,
      options,
      nowIso,
    ),
  });
  const next = decision.next;
  if (!next) return;
  out.states.push({ planId: plan.id, state: next });
  if (decision.snapshot) {
    out.snapshots.push({
      planId: plan.id,
      version: next.version,
      recordedAt: nowIso,
      asOf,
      status: evaluation.status,
      stale: evaluation.freshness.stale,
      figures,
    });
  }
  for (const event of decision.events) {
    const id = options.newId("evt");
    out.events.push(eventRow(id, event, next.version, about, figures, nowIso));
    if (event.muted) continue;
    for (const destination of inputs.destinations) {
      if (wants(destination, event, subject)) {
        out.deliveries.push({ id: options.newId("dlv"), eventId: id, webhookId: destination.id });
      }
    }
  }
}

export function decideRun(inputs: RunInputs, options: RunOptions): RunDecisions {
  const out: RunDecisions = {
    evaluated: 0,
    failed: [],
    states: [],
    snapshots: [],
    events: [],
    notices: [],
    deliveries: [],
    open: [],
    schedules: [],
  };
  for (const row of inputs.rows) {
    try {
      decidePlan(row, inputs, options, out);
      out.evaluated += 1;
    } catch (err) {
      // The API validates periods, so this is a corrupt row; one must not silence all the others.
      out.failed.push({
        planId: row.plan.id,
        error: err instanceof Error ? err.message : String(err),
      });
      // Nothing but a change of the plan can mend it: no date will.
      out.schedules.push({ planId: row.plan.id, nextCheckAt: null });
    }
  }
  return out;
}

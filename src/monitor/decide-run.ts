// One run of the monitor, decided in memory: evaluate every plan, apply the transitions, and
// list every row the run must write. Pure apart from the id generator it is given, so the
// whole run is one function of what was read.
import { actualForEngine, planForEngine } from "../db/mappers";
import type { StatusRows } from "../db/queries/status";
import type { evaluationSnapshots, events } from "../db/schema";
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
  type PlannedEvent,
} from "../domain/alert-transitions";
import { evaluatePlan } from "../domain/evaluate";
import type { IdKind } from "../lib/ids";
import type { EvaluationFigures, EventData } from "../schemas/event";
import type { AlertSubject, OpenAlertKind } from "../webhooks/alertmanager";
import { figuresOf, observe } from "./figures";

type StatusRow = StatusRows["rows"][number];
export type NewEvent = typeof events.$inferInsert;
export type NewSnapshot = typeof evaluationSnapshots.$inferInsert;

export interface RunInputs {
  rows: readonly StatusRow[];
  states: ReadonlyMap<string, AlertState>;
  silences: readonly SilenceMatcher[];
  destinations: readonly DestinationFilter[];
}

export interface RunOptions {
  /** The run's scheduled time, epoch ms. */
  now: number;
  repeatIntervalMs: number;
  publicBaseUrl: string;
  newId: (kind: IdKind) => string;
}

export interface PlannedRun {
  evaluated: number;
  /** Plans the engine refused (an invalid period); the rest of the run goes on without them. */
  failed: { planId: string; error: string }[];
  states: { planId: string; state: AlertState }[];
  snapshots: NewSnapshot[];
  events: NewEvent[];
  deliveries: { id: string; eventId: string; webhookId: string }[];
  /** Alerts still open after the run, for the destinations that must hear them every tick. */
  open: OpenAlert[];
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

export function planLink(publicBaseUrl: string, planId: string): string {
  return `${publicBaseUrl.replace(/\/+$/, "")}/plans/${encodeURIComponent(planId)}`;
}

function eventData(
  id: string,
  row: StatusRow,
  event: PlannedEvent,
  figures: EvaluationFigures,
  occurredAt: string,
  publicBaseUrl: string,
): EventData {
  const about = aboutPlan(row, publicBaseUrl);
  return {
    id,
    type: event.type,
    occurred_at: occurredAt,
    plan: about.plan,
    indicator: about.indicator,
    scope: about.scope,
    previous_status: event.previousStatus,
    status: event.status,
    severity: event.severity,
    stale: event.stale,
    evaluation: figures,
    link: about.link,
  };
}

function aboutPlan(
  row: StatusRow,
  publicBaseUrl: string,
): Pick<EventData, "plan" | "indicator" | "scope" | "link"> {
  const { plan, indicator } = row;
  return {
    plan: {
      id: plan.id,
      title: plan.title,
      period_start: plan.periodStart,
      period_end: plan.periodEnd,
      target: plan.target,
      comparator: plan.comparator,
      revision: plan.revision,
    },
    indicator: {
      id: indicator.id,
      name: indicator.name,
      unit: indicator.unit,
      scope: indicator.scope,
      scope_name: indicator.scopeName,
      tags: indicator.tags,
    },
    scope: indicator.scope,
    link: planLink(publicBaseUrl, plan.id),
  };
}

/** Evaluates one plan and appends what it changes to `out`. */
function planOne(row: StatusRow, inputs: RunInputs, options: RunOptions, out: PlannedRun): void {
  const nowIso = new Date(options.now).toISOString();
  const asOf = nowIso.slice(0, 10);
  const evaluation = evaluatePlan(
    planForEngine(row.plan, row.indicator),
    row.actual ? [actualForEngine(row.actual)] : [],
    asOf,
  );
  const figures = figuresOf(evaluation, row.plan.revision);
  const subject: Subject = {
    planId: row.plan.id,
    indicatorId: row.indicator.id,
    scope: row.indicator.scope,
    tags: row.indicator.tags,
  };
  const previous = inputs.states.get(row.plan.id) ?? null;
  const observation = observe(evaluation, figures, {
    periodEnd: row.plan.periodEnd,
    cadence: row.indicator.cadence,
  });
  const muted = isSilenced(inputs.silences, subject, nowIso);
  const decision = decide(previous, observation, {
    now: nowIso,
    repeatIntervalMs: options.repeatIntervalMs,
    muted,
  });
  const current = decision.next ?? previous;
  if (current && observation.watched && !muted) {
    const about: AlertSubject = {
      ...aboutPlan(row, options.publicBaseUrl),
      status: current.status,
      stale: current.stale,
      evaluation: figures,
    };
    if (isOpenStatus(current.status)) {
      out.open.push({ kind: "status", since: current.statusSince, subject, about });
    }
    if (current.stale) {
      out.open.push({ kind: "stale", since: current.staleSince ?? nowIso, subject, about });
    }
  }
  const next = decision.next;
  if (!next) return;
  out.states.push({ planId: row.plan.id, state: next });
  if (decision.snapshot) {
    out.snapshots.push({
      planId: row.plan.id,
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
    out.events.push({
      id,
      planId: row.plan.id,
      indicatorId: row.indicator.id,
      scope: row.indicator.scope,
      stateVersion: next.version,
      type: event.type,
      previousStatus: event.previousStatus,
      status: event.status,
      severity: event.severity,
      stale: event.stale,
      muted: event.muted,
      occurredAt: nowIso,
      data: eventData(id, row, event, figures, nowIso, options.publicBaseUrl),
    });
    if (event.muted) continue;
    for (const destination of inputs.destinations) {
      if (wants(destination, event, subject)) {
        out.deliveries.push({ id: options.newId("dlv"), eventId: id, webhookId: destination.id });
      }
    }
  }
}

export function planRun(inputs: RunInputs, options: RunOptions): PlannedRun {
  const out: PlannedRun = {
    evaluated: 0,
    failed: [],
    states: [],
    snapshots: [],
    events: [],
    deliveries: [],
    open: [],
  };
  for (const row of inputs.rows) {
    try {
      planOne(row, inputs, options, out);
      out.evaluated += 1;
    } catch (err) {
      // The API validates periods, so this is a corrupt row; one must not silence all the others.
      out.failed.push({
        planId: row.plan.id,
        error: err instanceof Error ? err.message : String(err),
      });
    }
  }
  return out;
}

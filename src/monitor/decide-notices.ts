// The figure notices of a run, decided in memory: for every watched plan, the figures its
// indicator owes within the reminder window or overdue within the late horizon, not in by the
// run's date, as `figure.due` and `figure.late` events with their deliveries. Each carries its
// notice key, so a repeated or concurrent run inserts nothing new.
import type { RunWrites } from "../db/queries/monitor";
import type { PlanFigureRow } from "../db/queries/plan-rows";
import {
  type DestinationFilter,
  isSilenced,
  type SilenceMatcher,
  wants,
} from "../domain/alert-routing";
import { addDays } from "../domain/dates";
import {
  DEFAULT_LATE_HORIZON_DAYS,
  type ExpectedFigure,
  expectedFigures,
  type FigureNotice,
  figureNotices,
} from "../domain/figure-notices";
import type { ReceivedFigure } from "../domain/release-rules";
import type { IsoDate } from "../domain/types";
import { evaluateRow } from "../evaluation/evaluate";
import type { IdKind } from "../lib/ids";
import { figuresOut } from "../presenters/evaluation";
import { eventData, planAbout } from "../presenters/event";

/** The figures a run asks about, each with the plan it is announced on. */
export interface OwedFigure extends ExpectedFigure {
  row: PlanFigureRow;
}

/**
 * Every figure the run's plans owe whose due date falls between `lateHorizon` days before the
 * run and `remindDaysBefore` days after it: the only ones a notice can be owed for today. A
 * figure owed by an indicator with two plans over its period is announced once, on the first.
 *
 * Only indicators with a release rule owe notices. Without one, the due date is the default
 * lag, a rough guess at when a figure comes: reminding a data owner of a deadline nobody set
 * would be noise, and a monitor upgraded in place would start announcing every figure it has
 * ever watched. Setting the office's calendar is what turns the reminders on.
 */
export function owedFigures(
  rows: readonly PlanFigureRow[],
  asOf: IsoDate,
  remindDaysBefore: number,
): OwedFigure[] {
  const from = addDays(asOf, -DEFAULT_LATE_HORIZON_DAYS);
  const to = addDays(asOf, remindDaysBefore);
  const seen = new Set<string>();
  const owed: OwedFigure[] = [];
  for (const row of rows) {
    const { plan, indicator } = row;
    if (indicator.releaseRule === null) continue;
    let figures: ExpectedFigure[];
    try {
      figures = expectedFigures(
        indicator.id,
        indicator.cadence,
        indicator.releaseRule,
        plan.periodStart,
        plan.periodEnd,
      );
    } catch {
      // A corrupt period is reported by the plan's own evaluation; its notices are skipped.
      continue;
    }
    for (const figure of figures) {
      if (figure.due < from || figure.due > to) continue;
      const key = `${figure.indicatorId}:${figure.periodStart}:${figure.periodEnd}:${figure.vintage}`;
      if (seen.has(key)) continue;
      seen.add(key);
      owed.push({ ...figure, row });
    }
  }
  return owed;
}

export interface NoticeOptions {
  now: number;
  remindDaysBefore: number;
  publicBaseUrl: string;
  newId: (kind: IdKind) => string;
}

/** The events and deliveries of the notices owed on the run's date. */
export function decideNotices(
  owed: readonly OwedFigure[],
  received: readonly ReceivedFigure[],
  inputs: { silences: readonly SilenceMatcher[]; destinations: readonly DestinationFilter[] },
  options: NoticeOptions,
): Pick<RunWrites, "notices" | "deliveries"> {
  const nowIso = new Date(options.now).toISOString();
  const asOf = nowIso.slice(0, 10);
  const rowOf = new Map(owed.map((f) => [`${f.indicatorId}:${f.periodEnd}:${f.vintage}`, f.row]));
  const notices: FigureNotice[] = figureNotices(owed, received, asOf, {
    remindDaysBefore: options.remindDaysBefore,
  });
  const out: Pick<RunWrites, "notices" | "deliveries"> = { notices: [], deliveries: [] };
  const evaluated = new Map<string, ReturnType<typeof evaluateRow>>();
  for (const notice of notices) {
    const row = rowOf.get(`${notice.indicatorId}:${notice.periodEnd}:${notice.vintage}`);
    if (!row) continue;
    const { plan, indicator } = row;
    let view = evaluated.get(plan.id);
    if (!view) {
      view = evaluateRow(row, asOf);
      evaluated.set(plan.id, view);
    }
    const subject = {
      planId: plan.id,
      indicatorId: indicator.id,
      scope: indicator.scope,
      tags: indicator.tags,
    };
    const muted = isSilenced(inputs.silences, subject, nowIso);
    const severity = notice.kind === "figure.due" ? "info" : "warning";
    const id = options.newId("evt");
    const figures = figuresOut(view);
    const data = eventData(
      {
        id,
        type: notice.kind,
        occurred_at: nowIso,
        previous_status: null,
        status: view.evaluation.status,
        severity,
        stale: view.evaluation.freshness.stale,
      },
      planAbout(plan, indicator, options.publicBaseUrl),
      figures,
    );
    data.figure = {
      indicator_id: notice.indicatorId,
      period_start: notice.periodStart,
      period_end: notice.periodEnd,
      vintage: notice.vintage,
      due: notice.due,
      days_until_due: notice.kind === "figure.due" ? notice.daysUntilDue : null,
      days_late: notice.kind === "figure.late" ? notice.daysLate : null,
    };
    out.notices.push({
      id,
      planId: plan.id,
      indicatorId: indicator.id,
      scope: indicator.scope,
      // Not a transition of the plan's alert state: the notice key, not the version, is unique.
      stateVersion: 0,
      type: notice.kind,
      previousStatus: null,
      status: view.evaluation.status,
      severity,
      stale: view.evaluation.freshness.stale,
      muted,
      occurredAt: nowIso,
      data,
      noticeKey: notice.key,
    });
    if (muted) continue;
    for (const destination of inputs.destinations) {
      if (wants(destination, { type: notice.kind, rank: severity }, subject)) {
        out.deliveries.push({ id: options.newId("dlv"), eventId: id, webhookId: destination.id });
      }
    }
  }
  return out;
}

// What the plan page derives from the stored figures and events. Pure.

import type { ActualRow, EventRow } from "../db/schema";
import type { Evaluation, EvaluationWarning } from "../domain/types";
import { isLaterVintage } from "../domain/vintages";
import type { Locale } from "./locale";

/**
 * counts: the figure the evaluation uses. latest: the latest vintage of its period (another
 * period counts). superseded: a later vintage of the same period replaced it. after_as_of:
 * reported after the evaluation date, so not yet known then.
 */
export type VintageUse = "counts" | "latest" | "superseded" | "after_as_of";

export interface VintageRow {
  actual: ActualRow;
  use: VintageUse;
}

/**
 * A page of vintages of the periods ending inside the plan's period (newest period first and,
 * within a period, newest report first), each marked with its role in the evaluation. `latest`
 * is the vintage that counts for each period as known on `asOf`.
 */
export function vintageRows(
  page: readonly ActualRow[],
  latest: readonly ActualRow[],
  evaluation: Pick<Evaluation, "actual">,
  asOf: string,
): VintageRow[] {
  const latestIds = new Set(latest.map((v) => v.id));
  const rows = page.map((actual): VintageRow => {
    let use: VintageUse;
    if (actual.reportedAt.slice(0, 10) > asOf) use = "after_as_of";
    else if (actual.id === evaluation.actual?.id) use = "counts";
    else if (latestIds.has(actual.id)) use = "latest";
    else use = "superseded";
    return { actual, use };
  });
  return rows.sort(
    (a, b) =>
      b.actual.periodEnd.localeCompare(a.actual.periodEnd) ||
      b.actual.periodStart.localeCompare(a.actual.periodStart) ||
      (isLaterVintage(a.actual, b.actual) ? -1 : 1),
  );
}

export type AlertEvent = Pick<
  EventRow,
  "id" | "planId" | "type" | "previousStatus" | "status" | "stale" | "muted" | "occurredAt" | "data"
>;

/**
 * The events a reader of "status changes" wants; reminders only repeat an open alert, and a
 * figure falling due or overdue is a note to its data owner, not a change of the plan.
 */
export function isChange(event: Pick<EventRow, "type">): boolean {
  return (
    event.type !== "plan.reminder" &&
    event.type !== "webhook.test" &&
    event.type !== "figure.due" &&
    event.type !== "figure.late"
  );
}

/** One line for an event: "On track → At risk", "figures overdue", "still at risk". */
export function changeText(l: Locale, event: AlertEvent): string {
  switch (event.type) {
    case "plan.stale":
      return l.t("event_stale");
    case "plan.fresh":
      return l.t("event_fresh");
    case "plan.reminder":
      return l.t("event_reminder", { status: l.status(event.status).toLocaleLowerCase(l.lang) });
    default:
      return event.previousStatus
        ? `${l.status(event.previousStatus)} → ${l.status(event.status)}`
        : l.status(event.status);
  }
}

/** The figures the event was raised on, in a sentence. */
export function eventDetail(l: Locale, event: AlertEvent): string {
  const evaluation = event.data.evaluation;
  const date = l.date(evaluation.as_of);
  return evaluation.attainment === null
    ? l.t("event_detail_no_figure", { date })
    : l.t("event_detail", { attainment: l.percent(evaluation.attainment), date });
}

/** A printed ratio or growth rate that disagrees with the figures, in a sentence. */
export function warningText(l: Locale, w: EvaluationWarning): string {
  return w.code === "reported_yoy_mismatch"
    ? l.t("warning_yoy_mismatch", {
        reported: l.growth(w.reported),
        computed: l.growth(w.computed),
        diff: l.number(w.differencePp, 2),
      })
    : l.t("warning_mismatch", {
        reported: l.percent(w.reported),
        computed: l.percent(w.computed),
        diff: l.number(w.differencePp, 2),
      });
}

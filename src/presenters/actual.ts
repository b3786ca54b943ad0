import type { ActualRow, IndicatorRow } from "../db/schema";
import { figureLateness } from "../domain/release-rules";
import type { ActualOut, ReceivedFigureOut } from "../schemas/actual";
import { type FieldMap, present, unpresent } from "./fields";

/**
 * The API's key for each stored column, in the API's order. actualOut follows it, and so does
 * the audit log's copy of each new figure, which the database writes in the same batch.
 */
export const ACTUAL_FIELDS = {
  id: "id",
  indicator_id: "indicatorId",
  period_start: "periodStart",
  period_end: "periodEnd",
  value: "value",
  status: "status",
  reported_at: "reportedAt",
  source: "source",
  reported_attainment: "reportedAttainment",
  reported_yoy: "reportedYoy",
  note: "note",
  created_at: "createdAt",
} as const satisfies FieldMap<ActualRow, ActualOut>;

export function actualOut(row: ActualRow): ActualOut {
  return present<ActualRow, ActualOut>(row, ACTUAL_FIELDS);
}

/** The stored row of a figure as the API shows it (a restore). */
export function actualRow(out: ActualOut): ActualRow {
  return unpresent<ActualRow, ActualOut>(out, ACTUAL_FIELDS);
}

/**
 * A figure as the API answers it, judged against its indicator's release rule: lateness is read
 * from the figure's report date each time, so a rule set later judges earlier figures too.
 */
export function receivedFigureOut(
  row: ActualRow,
  indicator: Pick<IndicatorRow, "cadence" | "releaseRule">,
): ReceivedFigureOut {
  const lateness = figureLateness(indicator.releaseRule, indicator.cadence, row);
  return { ...actualOut(row), due: lateness.due, days_late: lateness.daysLate };
}

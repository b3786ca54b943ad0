// Who has reported for a period: every indicator the period expects, in the scope or concept
// asked for, judged on time, late, missing or not yet due by its release rule.
import type { Db } from "../db/client";
import { loadCompletenessFigures } from "../db/queries/concepts";
import type { AreaRow, IndicatorRow } from "../db/schema";
import { type Completeness, completeness } from "../domain/completeness";
import { addDays, isValidIsoDate } from "../domain/dates";
import { type CalendarPeriod, calendarPeriodOf } from "../domain/expected-periods";
import type { IsoDate } from "../domain/types";
import type { Cadence } from "../domain/vocabulary";

export interface ReportingPeriod extends CalendarPeriod {
  cadence: Cadence;
  /** As asked: `2024-09`, `2024-Q3` or `2024`. */
  label: string;
}

/**
 * A period as a statistics office names it: a month `2024-09`, a quarter `2024-Q3` or a year
 * `2024`. Its cadence says which indicators owe a figure for it. Null when it is none of these.
 */
export function parseReportingPeriod(text: string): ReportingPeriod | null {
  const month = /^(\d{4})-(\d{2})$/.exec(text);
  if (month) {
    const first = `${text}-01`;
    if (!isValidIsoDate(first)) return null;
    return { cadence: "monthly", label: text, ...calendarPeriodOf("monthly", first) };
  }
  const quarter = /^(\d{4})-Q([1-4])$/i.exec(text);
  if (quarter) {
    const first = `${quarter[1]}-${String((Number(quarter[2]) - 1) * 3 + 1).padStart(2, "0")}-01`;
    return {
      cadence: "quarterly",
      label: `${quarter[1]}-Q${quarter[2]}`,
      ...calendarPeriodOf("quarterly", first),
    };
  }
  if (/^\d{4}$/.test(text) && text !== "0000") {
    return { cadence: "annual", label: text, ...calendarPeriodOf("annual", `${text}-01-01`) };
  }
  return null;
}

/** The period before the one containing `asOf`: the last whose figures can be due by now. */
export function lastEndedPeriod(cadence: Cadence, asOf: IsoDate): ReportingPeriod {
  const current = calendarPeriodOf(cadence, asOf);
  const previous = calendarPeriodOf(cadence, addDays(current.start, -1));
  const year = previous.start.slice(0, 4);
  const label =
    cadence === "monthly"
      ? previous.start.slice(0, 7)
      : cadence === "quarterly"
        ? `${year}-Q${Math.floor((Number(previous.start.slice(5, 7)) - 1) / 3) + 1}`
        : year;
  return { cadence, label, ...previous };
}

export interface CompletenessView {
  period: ReportingPeriod;
  dataVersion: number;
  indicators: Map<string, IndicatorRow>;
  areas: Map<string, AreaRow>;
  result: Completeness;
}

/** The period's completeness as of a date, in ONE D1 round trip whatever the number of areas. */
export async function loadCompleteness(
  db: Db,
  period: ReportingPeriod,
  filter: { scope?: string; concept?: string; asOf: IsoDate },
): Promise<CompletenessView> {
  const read = await loadCompletenessFigures(db, {
    cadence: period.cadence,
    periodEnd: period.end,
    scope: filter.scope,
    concept: filter.concept,
    asOf: filter.asOf,
  });
  const result = completeness({
    period,
    asOf: filter.asOf,
    cells: read.indicators.map((i) => ({
      area: i.scope,
      indicatorId: i.id,
      cadence: i.cadence,
      rule: i.releaseRule,
    })),
    figures: read.figures,
  });
  return {
    period,
    dataVersion: read.dataVersion,
    indicators: new Map(read.indicators.map((i) => [i.id, i])),
    areas: read.areas,
    result,
  };
}

// The periods an indicator owes a figure for: calendar months, quarters or years by cadence.

import {
  addDays,
  compareIsoDates,
  endOfMonth,
  endOfQuarter,
  endOfYear,
  isValidIsoDate,
  parseIsoDate,
} from "./dates";
import type { IsoDate } from "./types";
import type { Cadence } from "./vocabulary";

/** A calendar period, inclusive at both ends. */
export interface CalendarPeriod {
  start: IsoDate;
  end: IsoDate;
}

/** The calendar month, quarter or year containing `date`. */
export function calendarPeriodOf(cadence: Cadence, date: IsoDate): CalendarPeriod {
  const parts = parseIsoDate(date);
  if (!parts) throw new RangeError(`invalid ISO date: ${JSON.stringify(date)}`);
  const year = String(parts.year).padStart(4, "0");
  switch (cadence) {
    case "monthly":
      return { start: `${date.slice(0, 7)}-01`, end: endOfMonth(date) };
    case "quarterly": {
      const firstMonth = Math.floor((parts.month - 1) / 3) * 3 + 1;
      return {
        start: `${year}-${String(firstMonth).padStart(2, "0")}-01`,
        end: endOfQuarter(date),
      };
    }
    case "annual":
      return { start: `${year}-01-01`, end: endOfYear(date) };
  }
}

/**
 * Every calendar period of the cadence that overlaps [from, to], oldest first; empty when to
 * precedes from. Whole calendar periods, not clipped to the range: an office publishes the
 * figure for September, not for "September up to the plan's end", and these periods key the
 * reminders and the completeness table.
 */
export function expectedPeriods(cadence: Cadence, from: IsoDate, to: IsoDate): CalendarPeriod[] {
  if (!isValidIsoDate(from)) throw new RangeError(`invalid ISO date: ${JSON.stringify(from)}`);
  if (!isValidIsoDate(to)) throw new RangeError(`invalid ISO date: ${JSON.stringify(to)}`);
  const periods: CalendarPeriod[] = [];
  if (compareIsoDates(to, from) < 0) return periods;
  let period = calendarPeriodOf(cadence, from);
  for (;;) {
    periods.push(period);
    if (period.end >= to) return periods;
    period = calendarPeriodOf(cadence, addDays(period.end, 1));
  }
}

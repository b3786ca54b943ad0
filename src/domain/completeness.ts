// Who has reported: for one period, every expected area × indicator figure received on time,
// late or missing, with reporting and timeliness rates per area and overall.
//
// The rates are DHIS2's, as the columns of its Reporting rate summary (Reports app) are defined
// in the DHIS2 data quality guide:
//   reporting rate          = actual reports / expected reports
//   reporting rate on time  = actual reports on time / expected reports
// where a report is on time when it is completed within the data set's "days after period to
// qualify for timely submission" — here, by the figure's due date under its release rule. Both
// share the expected count as denominator (timeliness is not on-time ÷ received), so the
// timeliness rate never exceeds the reporting rate. Rates are fractions (0.5, not 50%).
//
// A figure not in yet whose due date has not passed is `not_yet_due`. It still counts as
// expected, as in DHIS2, where the expected reports of a period are every assigned unit
// whatever the date: so before the deadline the rates read "reported so far" and can only rise
// as figures arrive, instead of jumping to 100% with the first early figure and falling as
// deadlines pass. The `notYetDue` count lets a page say why a rate is low before the deadline.

import { daysBetween, isValidIsoDate } from "./dates";
import type { CalendarPeriod } from "./expected-periods";
import {
  answersVintage,
  type DueOptions,
  dueDate,
  type ReceivedFigure,
  type ReleaseRule,
  scheduleFor,
} from "./release-rules";
import type { IsoDate } from "./types";
import type { ActualStatus, Cadence } from "./vocabulary";

export const CELL_STATES = ["on_time", "late", "missing", "not_yet_due"] as const;
export type CellState = (typeof CELL_STATES)[number];

/** One figure expected for the period: an indicator of an area, with its release rule. */
export interface ExpectedCell {
  area: string;
  indicatorId: string;
  cadence: Cadence;
  rule: ReleaseRule | null;
}

export interface CompletenessInput {
  period: CalendarPeriod;
  cells: readonly ExpectedCell[];
  /** Figures of the cells' indicators; others are ignored. */
  figures: readonly ReceivedFigure[];
  asOf: IsoDate;
  /**
   * Count only this vintage or a later one, due on that vintage's date. Without it, any figure
   * for the period counts, due on the first release the rule schedules.
   */
  vintage?: ActualStatus;
  holidays?: DueOptions["holidays"];
}

export interface CellResult {
  area: string;
  indicatorId: string;
  /** The release the cell was judged against. */
  vintage: ActualStatus;
  due: IsoDate;
  state: CellState;
  /** The first figure's report date (known by asOf), or null. */
  reportedOn: IsoDate | null;
  /** on_time: 0; late: days after the due date it came in; otherwise null. */
  daysLate: number | null;
  /** missing: days since the due date as of asOf; otherwise null. */
  daysOverdue: number | null;
  /** not_yet_due: days left until the due date (0 on the day); otherwise null. */
  daysUntilDue: number | null;
}

export interface CompletenessTally {
  expected: number;
  /** on_time + late */
  received: number;
  onTime: number;
  late: number;
  missing: number;
  notYetDue: number;
  /** received ÷ expected (DHIS2 "reporting rate"), null when nothing is expected. */
  reportingRate: number | null;
  /** onTime ÷ expected (DHIS2 "reporting rate on time"), null when nothing is expected. */
  timelinessRate: number | null;
}

export interface Completeness {
  period: CalendarPeriod;
  asOf: IsoDate;
  /** In the order of the input cells. */
  cells: CellResult[];
  /** One tally per area, in order of first appearance among the cells. */
  areas: (CompletenessTally & { area: string })[];
  overall: CompletenessTally;
}

function emptyTally(): CompletenessTally {
  return {
    expected: 0,
    received: 0,
    onTime: 0,
    late: 0,
    missing: 0,
    notYetDue: 0,
    reportingRate: null,
    timelinessRate: null,
  };
}

function count(tally: CompletenessTally, state: CellState): void {
  tally.expected += 1;
  if (state === "on_time") tally.onTime += 1;
  else if (state === "late") tally.late += 1;
  else if (state === "missing") tally.missing += 1;
  else tally.notYetDue += 1;
  tally.received = tally.onTime + tally.late;
}

function withRates(tally: CompletenessTally): CompletenessTally {
  if (tally.expected === 0) return tally;
  return {
    ...tally,
    reportingRate: tally.received / tally.expected,
    timelinessRate: tally.onTime / tally.expected,
  };
}

/**
 * The period's completeness as of a date. Figures reported after asOf are ignored, so a past
 * date shows what was known then. A figure answers a cell when it is of the cell's indicator
 * and ends on the period's last day (the month on its own or the year to date); the first one
 * to arrive decides on time or late, and a later revision does not change it.
 */
export function completeness(input: CompletenessInput): Completeness {
  const { period, asOf } = input;
  for (const [name, date] of [
    ["period.start", period.start],
    ["period.end", period.end],
    ["asOf", asOf],
  ] as const) {
    if (!isValidIsoDate(date)) throw new RangeError(`${name} is not a valid ISO date: ${date}`);
  }
  if (period.end < period.start) {
    throw new RangeError(`period ends before it starts: ${period.start}..${period.end}`);
  }
  const indicators = new Set<string>();
  for (const cell of input.cells) {
    if (indicators.has(cell.indicatorId)) {
      throw new RangeError(`indicator ${cell.indicatorId} is expected twice`);
    }
    indicators.add(cell.indicatorId);
  }

  // Earliest report date per indicator and status, for figures ending on the period's end.
  const firstByIndicator = new Map<string, Map<ActualStatus, IsoDate>>();
  for (const figure of input.figures) {
    if (figure.periodEnd !== period.end || !indicators.has(figure.indicatorId)) continue;
    const reportedOn = figure.reportedAt.slice(0, 10);
    if (!isValidIsoDate(reportedOn) || reportedOn > asOf) continue;
    let byStatus = firstByIndicator.get(figure.indicatorId);
    if (!byStatus) {
      byStatus = new Map();
      firstByIndicator.set(figure.indicatorId, byStatus);
    }
    const current = byStatus.get(figure.status);
    if (current === undefined || reportedOn < current) byStatus.set(figure.status, reportedOn);
  }

  const options: DueOptions = { holidays: input.holidays };
  const cells: CellResult[] = [];
  const areas = new Map<string, CompletenessTally>();
  const overall = emptyTally();
  for (const cell of input.cells) {
    const vintage =
      input.vintage ?? scheduleFor(cell.rule, cell.cadence, period.end).releases[0]!.vintage;
    const due = dueDate(cell.rule, cell.cadence, period.end, input.vintage, options);
    let reportedOn: IsoDate | null = null;
    for (const [status, date] of firstByIndicator.get(cell.indicatorId) ?? []) {
      if (input.vintage !== undefined && !answersVintage(status, input.vintage)) continue;
      if (reportedOn === null || date < reportedOn) reportedOn = date;
    }
    const result: CellResult = {
      area: cell.area,
      indicatorId: cell.indicatorId,
      vintage,
      due,
      state: "not_yet_due",
      reportedOn,
      daysLate: null,
      daysOverdue: null,
      daysUntilDue: null,
    };
    if (reportedOn !== null) {
      const daysLate = Math.max(0, daysBetween(due, reportedOn));
      result.state = daysLate === 0 ? "on_time" : "late";
      result.daysLate = daysLate;
    } else if (asOf > due) {
      result.state = "missing";
      result.daysOverdue = daysBetween(due, asOf);
    } else {
      result.daysUntilDue = daysBetween(asOf, due);
    }
    cells.push(result);
    let tally = areas.get(cell.area);
    if (!tally) {
      tally = emptyTally();
      areas.set(cell.area, tally);
    }
    count(tally, result.state);
    count(overall, result.state);
  }

  return {
    period,
    asOf,
    cells,
    areas: [...areas].map(([area, tally]) => ({ area, ...withRates(tally) })),
    overall: withRates(overall),
  };
}

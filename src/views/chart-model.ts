// The numbers behind the plan page's chart, in data units; the component only scales them.
// Pure: the same figures, plan and date always give the same chart.

import type { ActualRow, IndicatorRow } from "../db/schema";
import { addDays, compareIsoDates, endOfMonth, minIsoDate, toDayNumber } from "../domain/dates";
import { phasingInEffect } from "../domain/history-phasing";
import { expectedFraction } from "../domain/phasing";
import type { ActualInput } from "../domain/types";
import { latestVintages } from "../domain/vintages";
import { actualInput } from "../evaluation/engine-input";
import type { EvaluatedPlan } from "../evaluation/evaluate";

/** A value at the END of `date`: figures are cumulative through the end of the day they name. */
export interface ChartPoint {
  date: string;
  value: number;
  /** The figure's own period, for its tooltip; absent on computed points. */
  periodStart?: string;
}

export interface ChartModel {
  measure: IndicatorRow["measure"];
  /** First day shown; the x axis starts at the beginning of this day. */
  start: string;
  /** Last day shown; the x axis ends at the end of this day. */
  end: string;
  target: number;
  actual: ChartPoint[];
  /** Where the figure should be at each date (flow: phased target; level: baseline → target). */
  path: ChartPoint[];
  /** From the last figure to the period end at the current pace, or empty. */
  projection: ChartPoint[];
  /** The evaluation date, when it falls inside the period. */
  asOf: string | null;
  yTicks: number[];
}

/** Month ends strictly after `from` and before `to`, then `to`: the corners of a phased path. */
function monthEndsBetween(from: string, to: string): string[] {
  const dates: string[] = [];
  let cursor = endOfMonth(from) === from ? endOfMonth(addDays(from, 1)) : endOfMonth(from);
  while (compareIsoDates(cursor, to) < 0) {
    dates.push(cursor);
    cursor = endOfMonth(addDays(cursor, 1));
  }
  dates.push(to);
  return dates;
}

/** 1, 2, 2.5 or 5 × a power of ten: axis steps a reader can add up in their head. */
function niceStep(rough: number): number {
  if (!(rough > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(rough));
  const fraction = rough / power;
  const nice =
    fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 2.5 ? 2.5 : fraction <= 5 ? 5 : 10;
  return nice * power;
}

export function niceTicks(min: number, max: number, count = 5): number[] {
  const low = Math.min(0, min);
  const high = max > low ? max : low + 1;
  const step = niceStep((high - low) / count);
  const ticks: number[] = [];
  for (let v = Math.floor(low / step) * step; v < high + step * 0.999; v += step) {
    // Rebuild each tick from its index so 0.1 + 0.2 never shows up as 0.30000000000000004.
    ticks.push(Number(v.toPrecision(12)));
  }
  return ticks;
}

function known(vintages: readonly ActualRow[], asOf: string): ActualInput[] {
  return vintages.filter((v) => v.reportedAt.slice(0, 10) <= asOf).map(actualInput);
}

/**
 * flow: the cumulative figures from the plan's start (each period's latest vintage reported by
 * the evaluation date), from 0 at the start, against target × expectedFraction, which follows
 * a seasonal profile month by month (for `history` phasing, the profile the evaluation read);
 * the projection continues the current pace along it.
 * level: each period's latest figure against the straight line from the baseline to the
 * target (or the target alone). rate: the reported rates against the target rate.
 */
export function buildChart(input: {
  view: EvaluatedPlan;
  vintages: readonly ActualRow[];
  asOf: string;
}): ChartModel {
  const { view, asOf } = input;
  const { plan, indicator, evaluation, input: engine } = view;
  const measure = indicator.measure;
  const baseline = engine.baseline ?? null;
  const start =
    measure === "level" && baseline && baseline.date < plan.periodStart
      ? baseline.date
      : plan.periodStart;
  const end = plan.periodEnd;
  const inRange = (a: ActualInput) =>
    compareIsoDates(a.periodEnd, start) >= 0 && compareIsoDates(a.periodEnd, end) <= 0;
  const figures = latestVintages(known(input.vintages, asOf))
    .filter(inRange)
    .filter((a) => measure === "level" || a.periodStart === plan.periodStart);
  const points: ChartPoint[] = figures.map((a) => ({
    date: a.periodEnd,
    value: a.value,
    periodStart: a.periodStart,
  }));

  let path: ChartPoint[] = [];
  let projection: ChartPoint[] = [];
  let actual = points;
  if (measure === "flow") {
    const phasing = phasingInEffect(engine, evaluation.history);
    const phased = (date: string) => plan.target * expectedFraction({ ...engine, phasing }, date);
    path = [
      { date: addDays(start, -1), value: 0 },
      ...monthEndsBetween(addDays(start, -1), end).map((date) => ({ date, value: phased(date) })),
    ];
    if (points.length > 0) actual = [{ date: addDays(start, -1), value: 0 }, ...points];
    const last = points.at(-1);
    const pace = evaluation.pace;
    if (last && pace !== null && compareIsoDates(last.date, end) < 0) {
      projection = [
        { date: last.date, value: last.value },
        ...monthEndsBetween(last.date, end).map((date) => ({ date, value: pace * phased(date) })),
      ];
    }
  } else if (measure === "level" && baseline) {
    path = [
      { date: baseline.date, value: baseline.value },
      { date: end, value: plan.target },
    ];
  }

  const values = [plan.target, ...[...actual, ...path, ...projection].map((p) => p.value)];
  const asOfInside =
    compareIsoDates(asOf, start) >= 0 && compareIsoDates(asOf, end) < 0 ? asOf : null;
  return {
    measure,
    start,
    end,
    target: plan.target,
    actual,
    path,
    projection,
    asOf: asOfInside,
    yTicks: niceTicks(Math.min(...values), Math.max(...values)),
  };
}

/** Position of the end of `date` in days from the start of the axis (0 = start of `start`). */
export function dayPosition(start: string, date: string): number {
  return toDayNumber(date) + 1 - toDayNumber(start);
}

export interface XTick {
  /** Boundary position in days (a month or year start). */
  at: number;
  /** Middle of the segment it starts, for the label; null when the segment is cut off. */
  labelAt: number | null;
  month: number;
  year: number;
}

/** Month boundaries for periods up to two years, year boundaries beyond. */
export function xTicks(start: string, end: string): { unit: "month" | "year"; ticks: XTick[] } {
  const total = dayPosition(start, end);
  const unit = total <= 731 ? "month" : "year";
  const ticks: XTick[] = [];
  let cursor = start;
  while (compareIsoDates(cursor, end) <= 0) {
    const segmentEnd = minIsoDate(
      unit === "month" ? endOfMonth(cursor) : `${cursor.slice(0, 4)}-12-31`,
      end,
    );
    const at = dayPosition(start, cursor) - 1;
    const stop = dayPosition(start, segmentEnd);
    ticks.push({
      at,
      labelAt: stop - at >= (unit === "month" ? 20 : 200) ? (at + stop) / 2 : null,
      month: Number(cursor.slice(5, 7)),
      year: Number(cursor.slice(0, 4)),
    });
    cursor = addDays(segmentEnd, 1);
  }
  return { unit, ticks };
}

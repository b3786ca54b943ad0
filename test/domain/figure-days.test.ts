// The engine reads each figure's dates once, as day numbers, and then compares numbers where the
// public functions compare strings. These properties hold the fast path to the public one on
// every kind of figure a caller can send, bad ones included: the engine's answers must not
// depend on which path computed them.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { dayNumberOrNaN, monthsBetweenDays, toDayNumber } from "../../src/domain/dates";
import { evaluatePlan } from "../../src/domain/evaluate";
import { historyPhasingOfKnown, historyPhasingOnDays } from "../../src/domain/history-phasing";
import type { ActualInput, PlanInput } from "../../src/domain/types";
import {
  figureDays,
  knownFigures,
  knownFiguresOnDays,
  selectFromUsable,
  selectOnDays,
} from "../../src/domain/vintages";
import { yearOnYearOfKnown, yearOnYearOnDays } from "../../src/domain/year-on-year";
import { plan as planInput } from "./plan-input";

const AS_OF = "2024-10-15";

// Month starts and ends of three years, the same periods a year apart, and what a caller can
// get wrong: impossible days, the wrong shape, a timestamp where a date belongs.
const GOOD_DATES = [
  "2022-01-01",
  "2022-02-28",
  "2022-06-30",
  "2022-12-31",
  "2023-01-01",
  "2023-02-28",
  "2023-03-31",
  "2023-06-30",
  "2023-12-31",
  "2024-01-01",
  "2024-02-29",
  "2024-03-31",
  "2024-06-30",
  "2024-07-01",
  "2024-12-31",
];
const BAD_DATES = [
  "2024-02-30",
  "2024-13-01",
  "2024-00-10",
  "24-01-01",
  "2024/01/01",
  "",
  "2024-1-01",
];
const REPORTED = [
  "2023-01-05",
  "2024-03-31",
  "2024-10-15",
  "2024-10-16",
  "2024-07-20T09:30:00Z",
  "2024-10-15T23:59:59Z",
  "2024-10-1",
  "2024-99-01",
];

const figure = fc.record({
  // Few ids and report dates, so exact ties between vintages come up.
  id: fc.integer({ min: 1, max: 4 }),
  periodStart: fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...GOOD_DATES) },
    { weight: 1, arbitrary: fc.constantFrom(...BAD_DATES) },
  ),
  periodEnd: fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...GOOD_DATES) },
    { weight: 1, arbitrary: fc.constantFrom(...BAD_DATES) },
  ),
  value: fc.oneof(
    { weight: 8, arbitrary: fc.integer({ min: -10, max: 1000 }) },
    { weight: 1, arbitrary: fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY) },
  ),
  status: fc.constantFrom("estimate" as const, "final" as const),
  reportedAt: fc.constantFrom(...REPORTED),
  reportedYoy: fc.option(fc.double({ min: -0.5, max: 0.5, noNaN: true }), { nil: undefined }),
});

const plan = fc.record({
  measure: fc.constantFrom("flow" as const, "level" as const),
  periodStart: fc.constantFrom("2024-01-01", "2024-07-01", "2023-01-01"),
  periodEnd: fc.constantFrom("2024-12-31", "2024-06-30"),
});

describe("the engine's day-number path", () => {
  it("keeps the figures knownFigures keeps, and reads their periods' day numbers", () => {
    fc.assert(
      fc.property(fc.array(figure, { maxLength: 30 }), (actuals: ActualInput[]) => {
        const days = figureDays(4);
        const known = knownFiguresOnDays(actuals, toDayNumber(AS_OF), days);
        expect(known).toEqual(knownFigures(actuals, AS_OF));
        known.forEach((actual, i) => {
          expect(days.start[i]).toBe(dayNumberOrNaN(actual.periodStart));
          expect(days.end[i]).toBe(dayNumberOrNaN(actual.periodEnd));
        });
      }),
      { numRuns: 400 },
    );
  });

  it("judges a plan on the figure selectFromUsable picks, with the same year on year", () => {
    fc.assert(
      fc.property(plan, fc.array(figure, { maxLength: 30 }), (p, actuals: ActualInput[]) => {
        const days = figureDays();
        const known = knownFiguresOnDays(actuals, toDayNumber(AS_OF), days);
        const index = selectOnDays(
          p.measure,
          toDayNumber(p.periodStart),
          toDayNumber(p.periodEnd),
          known,
          days,
        );
        const expected = selectFromUsable(p, knownFigures(actuals, AS_OF));
        expect(index < 0 ? null : known[index]).toBe(expected);
        if (expected === null) return;
        const yoy = yearOnYearOnDays(
          p.measure,
          expected,
          days.start[index]!,
          days.end[index]!,
          known,
          days,
        );
        expect(yoy).toEqual(yearOnYearOfKnown(p.measure, expected, known, null));
      }),
      { numRuns: 400 },
    );
  });

  it("fails on a figure that is not one exactly as knownFigures does", () => {
    const good: ActualInput = {
      id: 1,
      periodStart: "2024-01-01",
      periodEnd: "2024-03-31",
      value: 5,
      status: "final",
      reportedAt: "2024-04-20",
    };
    for (const odd of [null, undefined, { ...good, periodStart: undefined }]) {
      const actuals = [good, odd] as unknown as ActualInput[];
      const expected = (() => {
        try {
          knownFigures(actuals, AS_OF);
        } catch (error) {
          return error;
        }
        throw new Error("knownFigures accepted the odd figure");
      })();
      expect(() => knownFiguresOnDays(actuals, toDayNumber(AS_OF), figureDays())).toThrow(
        expected as Error,
      );
    }
  });

  it("fails on a plan's bad parts in the order it always has: dates, figures, phasing", () => {
    const plan = planInput({ phasing: null as unknown as PlanInput["phasing"] });
    expect(() => evaluatePlan({ ...plan, periodEnd: "2024-13-01" }, [], AS_OF)).toThrow(RangeError);
    expect(() => evaluatePlan(plan, [null] as unknown as ActualInput[], AS_OF)).toThrow(
      /reading 'value'/,
    );
    expect(() => evaluatePlan(plan, [], AS_OF)).toThrow(/reading 'kind'/);
  });

  it("breaks an exact tie between two figures of a level as selectFromUsable does", () => {
    // Same end, same report, same id: the earlier start counts, whichever is given first.
    const tie = (periodStart: string): ActualInput => ({
      id: 3,
      periodStart,
      periodEnd: "2024-06-30",
      value: periodStart === "2024-04-01" ? 10 : 20,
      status: "estimate",
      reportedAt: "2024-07-20",
    });
    const actuals = [tie("2024-04-01"), tie("2024-01-01")];
    const level = { measure: "level" as const, periodStart: "2024-01-01", periodEnd: "2024-12-31" };
    const days = figureDays();
    const known = knownFiguresOnDays(actuals, toDayNumber(AS_OF), days);
    const index = selectOnDays(
      "level",
      toDayNumber("2024-01-01"),
      toDayNumber("2024-12-31"),
      known,
      days,
    );
    expect(known[index]).toBe(actuals[1]);
    expect(selectFromUsable(level, actuals)).toBe(actuals[1]);
  });

  it("reads the same history profile from day numbers as from the dates", () => {
    // Whole months of 2022 and 2023 (year to date, single months, quarters) and their vintages.
    const month = fc.integer({ min: 1, max: 12 });
    const span = fc.record({
      year: fc.constantFrom(2022, 2023),
      from: month,
      length: fc.integer({ min: 0, max: 11 }),
      value: fc.integer({ min: 0, max: 500 }),
      id: fc.integer({ min: 1, max: 30 }),
      reportedAt: fc.constantFrom("2023-02-01", "2024-01-15", "2024-10-20"),
    });
    fc.assert(
      fc.property(fc.array(span, { maxLength: 40 }), (spans) => {
        const actuals: ActualInput[] = spans.map((s) => {
          const to = Math.min(12, s.from + s.length);
          const last = new Date(Date.UTC(s.year, to, 0)).getUTCDate();
          return {
            id: s.id,
            periodStart: `${s.year}-${String(s.from).padStart(2, "0")}-01`,
            periodEnd: `${s.year}-${String(to).padStart(2, "0")}-${last}`,
            value: s.value,
            status: "final",
            reportedAt: s.reportedAt,
          };
        });
        const days = figureDays();
        const known = knownFiguresOnDays(actuals, toDayNumber(AS_OF), days);
        expect(historyPhasingOnDays(known, days, AS_OF, "2024-01-01")).toEqual(
          historyPhasingOfKnown(known, AS_OF, "2024-01-01"),
        );
      }),
      { numRuns: 300 },
    );
  });
});

describe("dates read as day numbers", () => {
  it("agree with the calendar of the platform for every day from 1899 to 2201", () => {
    const first = Date.UTC(1899, 0, 1) / 86_400_000;
    const last = Date.UTC(2201, 11, 31) / 86_400_000;
    for (let day = first; day <= last; day += 1) {
      const text = new Date(day * 86_400_000).toISOString().slice(0, 10);
      if (dayNumberOrNaN(text) !== day) expect(dayNumberOrNaN(text)).toBe(day);
    }
  });

  it("refuse what is not a calendar date, whatever its digits", () => {
    for (const text of [
      "2023-02-29",
      "2100-02-29",
      "2024-04-31",
      "2024-00-01",
      "2024-13-01",
      "2024-01-00",
      "2024-01-32",
      "2024-01-3:",
      "2024-01-/1",
      "202?-01-01",
      "2024-0>-01",
      "2024+01-01",
      "2024-01_01",
      "2024-01-01 ",
      "2024-1-01",
    ]) {
      expect(dayNumberOrNaN(text)).toBeNaN();
    }
    expect(dayNumberOrNaN("2000-02-29")).toBe(Date.UTC(2000, 1, 29) / 86_400_000);
    // Years outside the engine's table of months still read.
    expect(dayNumberOrNaN("1600-02-29")).toBe(Date.UTC(1600, 1, 29) / 86_400_000);
    expect(dayNumberOrNaN("9999-12-31")).toBe(Date.UTC(9999, 11, 31) / 86_400_000);
  });

  it("count months between day numbers as the calendar does: whole months 1, a part by its days", () => {
    const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();
    // The rule of monthsBetween, on the platform's calendar.
    function months(start: Date, end: Date): number {
      if (end < start) return 0;
      const [sy, sm, sd] = [start.getUTCFullYear(), start.getUTCMonth() + 1, start.getUTCDate()];
      const [ey, em, ed] = [end.getUTCFullYear(), end.getUTCMonth() + 1, end.getUTCDate()];
      const sDays = daysIn(sy, sm);
      if (sy === ey && sm === em) return (ed - sd + 1) / sDays;
      const head = sd === 1 ? 1 : (sDays - sd + 1) / sDays;
      const tail = ed === daysIn(ey, em) ? 1 : ed / daysIn(ey, em);
      return head + (ey * 12 + em - (sy * 12 + sm) - 1) + tail;
    }
    const day = fc.integer({
      min: Date.UTC(1890, 0, 1) / 86_400_000,
      max: Date.UTC(2210, 0, 1) / 86_400_000,
    });
    fc.assert(
      fc.property(day, day, (start, end) => {
        const text = (d: number) => new Date(d * 86_400_000).toISOString().slice(0, 10);
        expect(monthsBetweenDays(toDayNumber(text(start)), toDayNumber(text(end)))).toBe(
          months(new Date(start * 86_400_000), new Date(end * 86_400_000)),
        );
      }),
      { numRuns: 2000 },
    );
  });
});

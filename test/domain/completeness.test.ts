import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type CompletenessTally,
  completeness,
  type ExpectedCell,
} from "../../src/domain/completeness";
import { addDays, fromDayNumber, toDayNumber } from "../../src/domain/dates";
import type { ReceivedFigure, ReleaseRule } from "../../src/domain/release-rules";
import { ACTUAL_STATUSES } from "../../src/domain/vocabulary";

// Decree 62/2024: the 6th of the following month.
const daySix: ReleaseRule = {
  schedules: [
    {
      effective_from: "2024-08-01",
      releases: [{ vintage: "estimate", due: { kind: "day_of_month", months_after: 1, day: 6 } }],
    },
  ],
};
const september = { start: "2024-09-01", end: "2024-09-30" };

// Three of the northern provinces the industry and trade meeting in Hanoi singled out, each with
// goods exports and the industrial production index. Exports follow the decree; the index has
// no rule and keeps the default 30-day lag (due 2024-10-30).
const cells: ExpectedCell[] = [
  { area: "hai-phong", indicatorId: "hai-phong-exports", cadence: "monthly", rule: daySix },
  { area: "hai-phong", indicatorId: "hai-phong-iip", cadence: "monthly", rule: daySix },
  { area: "thai-nguyen", indicatorId: "thai-nguyen-exports", cadence: "monthly", rule: daySix },
  { area: "thai-nguyen", indicatorId: "thai-nguyen-iip", cadence: "monthly", rule: daySix },
  { area: "bac-giang", indicatorId: "bac-giang-exports", cadence: "monthly", rule: daySix },
  { area: "bac-giang", indicatorId: "bac-giang-iip", cadence: "monthly", rule: null },
];
const fig = (
  indicatorId: string,
  reportedAt: string,
  periodEnd = "2024-09-30",
): ReceivedFigure => ({
  indicatorId,
  periodEnd,
  status: "estimate",
  reportedAt,
});
const figures: ReceivedFigure[] = [
  fig("hai-phong-exports", "2024-10-05"),
  fig("hai-phong-iip", "2024-10-06"),
  fig("thai-nguyen-exports", "2024-10-08"),
  // A revision later on does not make an on-time figure late.
  fig("hai-phong-exports", "2024-10-20"),
  // Known only from 11 October.
  fig("bac-giang-exports", "2024-10-11"),
  // August's figure says nothing about September.
  fig("thai-nguyen-iip", "2024-09-05", "2024-08-31"),
  // Not an expected cell.
  fig("quang-ninh-exports", "2024-10-01"),
];

function rates(t: CompletenessTally) {
  return [
    t.expected,
    t.received,
    t.onTime,
    t.late,
    t.missing,
    t.notYetDue,
    t.reportingRate,
    t.timelinessRate,
  ];
}

describe("completeness of September 2024", () => {
  it("as of 10 October: each cell on time, late, missing or not yet due", () => {
    const result = completeness({ period: september, cells, figures, asOf: "2024-10-10" });
    expect(
      result.cells.map((c) => [
        c.indicatorId,
        c.state,
        c.due,
        c.reportedOn,
        c.daysLate,
        c.daysOverdue,
        c.daysUntilDue,
      ]),
    ).toEqual([
      ["hai-phong-exports", "on_time", "2024-10-06", "2024-10-05", 0, null, null],
      ["hai-phong-iip", "on_time", "2024-10-06", "2024-10-06", 0, null, null],
      ["thai-nguyen-exports", "late", "2024-10-06", "2024-10-08", 2, null, null],
      ["thai-nguyen-iip", "missing", "2024-10-06", null, null, 4, null],
      ["bac-giang-exports", "missing", "2024-10-06", null, null, 4, null],
      ["bac-giang-iip", "not_yet_due", "2024-10-30", null, null, null, 20],
    ]);
  });

  it("as of 10 October: the rates, recomputed by hand", () => {
    const result = completeness({ period: september, cells, figures, asOf: "2024-10-10" });
    // Six expected; in: Hai Phong ×2 on time, Thai Nguyen exports late; out: two overdue, one
    // not yet due. Reporting 3/6, timeliness 2/6.
    expect(rates(result.overall)).toEqual([6, 3, 2, 1, 2, 1, 3 / 6, 2 / 6]);
    expect(result.areas.map((a) => [a.area, ...rates(a)])).toEqual([
      ["hai-phong", 2, 2, 2, 0, 0, 0, 1, 1],
      ["thai-nguyen", 2, 1, 0, 1, 1, 0, 1 / 2, 0],
      ["bac-giang", 2, 0, 0, 0, 1, 1, 0, 0],
    ]);
  });

  it("as of 1 November: Bac Giang's exports came in late, its index is now missing", () => {
    const result = completeness({ period: september, cells, figures, asOf: "2024-11-01" });
    const bacGiang = result.cells.filter((c) => c.area === "bac-giang");
    expect(bacGiang.map((c) => [c.state, c.daysLate, c.daysOverdue])).toEqual([
      ["late", 5, null],
      ["missing", null, 2],
    ]);
    expect(rates(result.overall)).toEqual([6, 4, 2, 2, 2, 0, 4 / 6, 2 / 6]);
  });

  it("on the due date a cell without a figure is not yet due, the day after it is missing", () => {
    const one = [cells[3]!];
    expect(
      completeness({ period: september, cells: one, figures: [], asOf: "2024-10-06" }).cells[0]!
        .state,
    ).toBe("not_yet_due");
    expect(
      completeness({ period: september, cells: one, figures: [], asOf: "2024-10-07" }).cells[0]!
        .state,
    ).toBe("missing");
  });

  it("reproduces DHIS2's example: 46 of 60 facilities reported, a reporting rate of 76.67%", () => {
    const facilities: ExpectedCell[] = Array.from({ length: 60 }, (_, i) => ({
      area: "district",
      indicatorId: `facility-${i}`,
      cadence: "monthly",
      rule: null,
    }));
    const november = { start: "2024-11-01", end: "2024-11-30" };
    const reported = facilities
      .slice(0, 46)
      .map((f) => fig(f.indicatorId, "2024-12-05", november.end));
    const result = completeness({
      period: november,
      cells: facilities,
      figures: reported,
      asOf: "2025-01-31",
    });
    expect(result.overall.reportingRate).toBeCloseTo(0.7667, 4);
    expect(result.overall.timelinessRate).toBeCloseTo(0.7667, 4);
  });

  it("with DHIS2's 15 days after the period, January's report is timely on 15 February, late on the 16th", () => {
    const fifteenDays: ReleaseRule = {
      schedules: [
        {
          effective_from: null,
          releases: [{ vintage: "estimate", due: { kind: "days_after", days: 15 } }],
        },
      ],
    };
    const january = { start: "2024-01-01", end: "2024-01-31" };
    const twoUnits: ExpectedCell[] = ["a", "b"].map((id) => ({
      area: id,
      indicatorId: id,
      cadence: "monthly",
      rule: fifteenDays,
    }));
    const result = completeness({
      period: january,
      cells: twoUnits,
      figures: [fig("a", "2024-02-15", january.end), fig("b", "2024-02-16", january.end)],
      asOf: "2024-03-01",
    });
    expect(result.cells.map((c) => c.state)).toEqual(["on_time", "late"]);
    expect(result.overall.reportingRate).toBe(1);
    expect(result.overall.timelinessRate).toBe(0.5);
  });
});

describe("completeness of one vintage", () => {
  const gdp: ReleaseRule = {
    schedules: [
      {
        effective_from: null,
        releases: [
          { vintage: "estimate", due: { kind: "day_of_month", months_after: 1, day: 6 } },
          { vintage: "preliminary", due: { kind: "day_of_month", months_after: 4, day: 6 } },
        ],
      },
    ],
  };
  const q3 = { start: "2024-07-01", end: "2024-09-30" };
  const gdpCells: ExpectedCell[] = [
    { area: "hai-phong", indicatorId: "hai-phong-grdp", cadence: "quarterly", rule: gdp },
    { area: "bac-giang", indicatorId: "bac-giang-grdp", cadence: "quarterly", rule: gdp },
  ];
  const gdpFigures: ReceivedFigure[] = [
    {
      indicatorId: "hai-phong-grdp",
      periodEnd: q3.end,
      status: "estimate",
      reportedAt: "2024-10-06",
    },
    {
      indicatorId: "hai-phong-grdp",
      periodEnd: q3.end,
      status: "preliminary",
      reportedAt: "2025-01-10",
    },
    { indicatorId: "bac-giang-grdp", periodEnd: q3.end, status: "final", reportedAt: "2025-01-03" },
  ];

  it("without a vintage, any figure counts against the first release", () => {
    const result = completeness({
      period: q3,
      cells: gdpCells,
      figures: gdpFigures,
      asOf: "2025-02-01",
    });
    expect(result.cells.map((c) => [c.vintage, c.due, c.state, c.reportedOn])).toEqual([
      ["estimate", "2024-10-06", "on_time", "2024-10-06"],
      ["estimate", "2024-10-06", "late", "2025-01-03"],
    ]);
  });

  it("asked for the preliminary figure, an estimate does not count and a final one does", () => {
    const result = completeness({
      period: q3,
      cells: gdpCells,
      figures: gdpFigures,
      asOf: "2025-02-01",
      vintage: "preliminary",
    });
    expect(result.cells.map((c) => [c.vintage, c.due, c.state, c.daysLate])).toEqual([
      ["preliminary", "2025-01-06", "late", 4],
      ["preliminary", "2025-01-06", "on_time", 0],
    ]);
  });
});

describe("completeness: edges", () => {
  it("no cells: nothing expected, no rate", () => {
    const result = completeness({ period: september, cells: [], figures, asOf: "2024-10-10" });
    expect(result.overall).toEqual({
      expected: 0,
      received: 0,
      onTime: 0,
      late: 0,
      missing: 0,
      notYetDue: 0,
      reportingRate: null,
      timelinessRate: null,
    });
    expect(result.areas).toEqual([]);
  });

  it("rejects an indicator expected twice, a reversed period and an invalid date", () => {
    expect(() =>
      completeness({
        period: september,
        cells: [cells[0]!, cells[0]!],
        figures,
        asOf: "2024-10-10",
      }),
    ).toThrow(RangeError);
    expect(() =>
      completeness({
        period: { start: "2024-09-30", end: "2024-09-01" },
        cells,
        figures,
        asOf: "2024-10-10",
      }),
    ).toThrow(RangeError);
    expect(() => completeness({ period: september, cells, figures, asOf: "2024-13-01" })).toThrow(
      RangeError,
    );
  });

  it("skips a figure with an unreadable date rather than fail the table", () => {
    const result = completeness({
      period: september,
      cells: [cells[0]!],
      figures: [fig("hai-phong-exports", "someday")],
      asOf: "2024-10-10",
    });
    expect(result.cells[0]!.state).toBe("missing");
  });
});

describe("completeness: properties", () => {
  const areaNames = ["hai-phong", "thai-nguyen", "bac-giang", "quang-ninh"];
  const world = fc.record({
    cells: fc.uniqueArray(
      fc.record({
        area: fc.constantFrom(...areaNames),
        n: fc.integer({ min: 0, max: 30 }),
        ruled: fc.boolean(),
      }),
      { selector: (c) => c.n, maxLength: 12 },
    ),
    arrivals: fc.array(
      fc.record({
        n: fc.integer({ min: 0, max: 30 }),
        day: fc.integer({ min: 0, max: 60 }),
        status: fc.constantFrom(...ACTUAL_STATUSES),
      }),
      { maxLength: 20 },
    ),
    asOfDays: fc.array(fc.integer({ min: 0, max: 80 }), { minLength: 2, maxLength: 5 }),
  });

  type World = typeof world extends fc.Arbitrary<infer T> ? T : never;

  function build(w: World) {
    const expected: ExpectedCell[] = w.cells.map((c) => ({
      area: c.area,
      indicatorId: `indicator-${c.n}`,
      cadence: "monthly",
      rule: c.ruled ? daySix : null,
    }));
    const received: ReceivedFigure[] = w.arrivals.map((a) => ({
      indicatorId: `indicator-${a.n}`,
      periodEnd: september.end,
      status: a.status,
      reportedAt: addDays("2024-10-01", a.day),
    }));
    return { expected, received };
  }

  it("counts add up, areas sum to the whole, and on time never exceeds received", () => {
    fc.assert(
      fc.property(world, (w) => {
        const { expected, received } = build(w);
        const asOf = addDays("2024-10-01", w.asOfDays[0]!);
        const result = completeness({
          period: september,
          cells: expected,
          figures: received,
          asOf,
        });
        const all = [result.overall, ...result.areas];
        for (const t of all) {
          expect(t.received).toBe(t.onTime + t.late);
          expect(t.expected).toBe(t.received + t.missing + t.notYetDue);
          if (t.expected > 0) {
            expect(t.reportingRate).toBe(t.received / t.expected);
            expect(t.timelinessRate! <= t.reportingRate!).toBe(true);
          }
        }
        for (const key of [
          "expected",
          "received",
          "onTime",
          "late",
          "missing",
          "notYetDue",
        ] as const) {
          expect(result.areas.reduce((sum, a) => sum + a[key], 0)).toBe(result.overall[key]);
        }
        expect(result.cells).toHaveLength(expected.length);
      }),
    );
  });

  it("rates never fall as the date moves on, and a cell's verdict, once in, never changes", () => {
    fc.assert(
      fc.property(world, (w) => {
        const { expected, received } = build(w);
        const dates = [...w.asOfDays].sort((a, b) => a - b).map((d) => addDays("2024-10-01", d));
        const results = dates.map((asOf) =>
          completeness({ period: september, cells: expected, figures: received, asOf }),
        );
        for (let i = 1; i < results.length; i += 1) {
          const before = results[i - 1]!;
          const after = results[i]!;
          expect(after.overall.received).toBeGreaterThanOrEqual(before.overall.received);
          expect(after.overall.onTime).toBeGreaterThanOrEqual(before.overall.onTime);
          for (const [j, cell] of before.cells.entries()) {
            if (cell.state === "on_time" || cell.state === "late")
              expect(after.cells[j]).toEqual(cell);
          }
        }
      }),
    );
  });

  it("gives the same verdicts whatever order the figures come in", () => {
    fc.assert(
      fc.property(
        world,
        fc.integer({ min: toDayNumber("2024-10-01"), max: toDayNumber("2024-12-31") }),
        (w, day) => {
          const { expected, received } = build(w);
          const asOf = fromDayNumber(day);
          const forward = completeness({
            period: september,
            cells: expected,
            figures: received,
            asOf,
          });
          const backward = completeness({
            period: september,
            cells: expected,
            figures: [...received].reverse(),
            asOf,
          });
          expect(backward).toEqual(forward);
        },
      ),
    );
  });
});

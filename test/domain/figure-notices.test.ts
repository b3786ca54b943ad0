import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays, fromDayNumber, toDayNumber } from "../../src/domain/dates";
import {
  DEFAULT_LATE_HORIZON_DAYS,
  type ExpectedFigure,
  expectedFigures,
  figureNoticeKey,
  figureNotices,
} from "../../src/domain/figure-notices";
import type { ReceivedFigure, ReleaseRule } from "../../src/domain/release-rules";
import { ACTUAL_STATUSES, type ActualStatus } from "../../src/domain/vocabulary";

// Decree 62/2024: the monthly report on the 6th of the following month.
const daySixNextMonth: ReleaseRule = {
  schedules: [
    {
      effective_from: "2024-08-01",
      releases: [{ vintage: "estimate", due: { kind: "day_of_month", months_after: 1, day: 6 } }],
    },
  ],
};
const gdpVintages: ReleaseRule = {
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

const indicatorId = "hai-phong-goods-exports";
const september: ExpectedFigure = {
  indicatorId,
  periodStart: "2024-09-01",
  periodEnd: "2024-09-30",
  vintage: "estimate",
  due: "2024-10-06",
};

function got(
  periodEnd: string,
  reportedAt: string,
  status: ActualStatus = "estimate",
): ReceivedFigure {
  return { indicatorId, periodEnd, status, reportedAt };
}

describe("expectedFigures", () => {
  it("one figure per month, due by the rule in force at the month's end", () => {
    expect(
      expectedFigures(indicatorId, "monthly", daySixNextMonth, "2024-07-01", "2024-09-30"),
    ).toEqual([
      // July ends before the rule takes effect: the default 30-day lag.
      {
        indicatorId,
        periodStart: "2024-07-01",
        periodEnd: "2024-07-31",
        vintage: "estimate",
        due: "2024-08-30",
      },
      {
        indicatorId,
        periodStart: "2024-08-01",
        periodEnd: "2024-08-31",
        vintage: "estimate",
        due: "2024-09-06",
      },
      september,
    ]);
  });

  it("every scheduled vintage of a quarter", () => {
    expect(
      expectedFigures(
        "viet-nam-gdp-growth",
        "quarterly",
        gdpVintages,
        "2024-07-01",
        "2024-09-30",
      ).map((f) => [f.vintage, f.due]),
    ).toEqual([
      ["estimate", "2024-10-06"],
      ["preliminary", "2025-01-06"],
    ]);
  });
});

describe("figureNotices", () => {
  const remind3 = { remindDaysBefore: 3 };

  it.each<[string, string, ReceivedFigure[], string | null, number | null]>([
    ["four days before: too early", "2024-10-02", [], null, null],
    ["three days before: due soon", "2024-10-03", [], "figure.due", 3],
    ["on the due date: still due, not late", "2024-10-06", [], "figure.due", 0],
    ["the day after: late by one day", "2024-10-07", [], "figure.late", 1],
    ["31 days after: still announced", "2024-11-06", [], "figure.late", 31],
    ["32 days after: past the horizon", "2024-11-07", [], null, null],
    ["already in before the reminder", "2024-10-03", [got("2024-09-30", "2024-10-01")], null, null],
    ["in on time: no late notice", "2024-10-07", [got("2024-09-30", "2024-10-05")], null, null],
    ["in late: no more late notices", "2024-10-09", [got("2024-09-30", "2024-10-08")], null, null],
    [
      "reported after the run's date: not yet known",
      "2024-10-06",
      [got("2024-09-30", "2024-10-08")],
      "figure.due",
      0,
    ],
    [
      "a timestamp counts by its date",
      "2024-10-07",
      [got("2024-09-30", "2024-10-07T23:59:59Z")],
      null,
      null,
    ],
    [
      "another month's figure does not count",
      "2024-10-07",
      [got("2024-08-31", "2024-09-05")],
      "figure.late",
      1,
    ],
    [
      "another indicator's figure does not count",
      "2024-10-07",
      [{ ...got("2024-09-30", "2024-10-01"), indicatorId: "thai-nguyen-goods-exports" }],
      "figure.late",
      1,
    ],
  ])("%s", (_label, asOf, received, kind, days) => {
    const notices = figureNotices([september], received, asOf, remind3);
    if (kind === null) {
      expect(notices).toEqual([]);
      return;
    }
    expect(notices).toHaveLength(1);
    const notice = notices[0]!;
    expect(notice.kind).toBe(kind);
    expect(notice.kind === "figure.due" ? notice.daysUntilDue : notice.daysLate).toBe(days);
  });

  it("keys a notice by kind, indicator, period and vintage", () => {
    const [notice] = figureNotices([september], [], "2024-10-07", remind3);
    expect(notice).toEqual({
      ...september,
      kind: "figure.late",
      key: "figure.late:hai-phong-goods-exports:2024-09-01:2024-09-30:estimate",
      daysLate: 1,
    });
    expect(figureNoticeKey("figure.due", september)).toBe(
      "figure.due:hai-phong-goods-exports:2024-09-01:2024-09-30:estimate",
    );
  });

  it("keeps the key when the due date moves, so an edited rule does not remind twice", () => {
    const moved = { ...september, due: "2024-10-09" };
    const before = figureNotices([september], [], "2024-10-04", remind3);
    const after = figureNotices([moved], [], "2024-10-06", remind3);
    expect(before[0]!.key).toBe(after[0]!.key);
  });

  it("reminds on the due date only when remindDaysBefore is 0", () => {
    expect(figureNotices([september], [], "2024-10-05", { remindDaysBefore: 0 })).toEqual([]);
    expect(figureNotices([september], [], "2024-10-06", { remindDaysBefore: 0 })[0]!.kind).toBe(
      "figure.due",
    );
  });

  it("a later vintage answers an earlier one; an earlier one does not answer a later", () => {
    const preliminary: ExpectedFigure = {
      indicatorId: "viet-nam-gdp-growth",
      periodStart: "2024-07-01",
      periodEnd: "2024-09-30",
      vintage: "preliminary",
      due: "2025-01-06",
    };
    const estimate = {
      indicatorId: preliminary.indicatorId,
      periodEnd: "2024-09-30",
      reportedAt: "2024-10-06",
    };
    expect(
      figureNotices([preliminary], [{ ...estimate, status: "estimate" }], "2025-01-07", remind3),
    ).toHaveLength(1);
    expect(
      figureNotices([preliminary], [{ ...estimate, status: "final" }], "2025-01-07", remind3),
    ).toEqual([]);
  });

  it("orders notices by due date, then indicator, period and vintage", () => {
    const expected = [
      ...expectedFigures(
        "thai-nguyen-goods-exports",
        "monthly",
        daySixNextMonth,
        "2024-08-01",
        "2024-09-30",
      ),
      ...expectedFigures(indicatorId, "monthly", daySixNextMonth, "2024-08-01", "2024-09-30"),
    ];
    const notices = figureNotices(expected, [], "2024-10-04", {
      remindDaysBefore: 3,
      lateHorizonDays: 60,
    });
    expect(notices.map((n) => `${n.kind} ${n.indicatorId} ${n.periodEnd}`)).toEqual([
      "figure.late hai-phong-goods-exports 2024-08-31",
      "figure.late thai-nguyen-goods-exports 2024-08-31",
      "figure.due hai-phong-goods-exports 2024-09-30",
      "figure.due thai-nguyen-goods-exports 2024-09-30",
    ]);
  });

  it("rejects settings that are not whole days", () => {
    expect(() => figureNotices([september], [], "2024-10-04", { remindDaysBefore: -1 })).toThrow(
      RangeError,
    );
    expect(() => figureNotices([september], [], "2024-10-04", { remindDaysBefore: 1.5 })).toThrow(
      RangeError,
    );
    expect(() =>
      figureNotices([september], [], "2024-10-04", { remindDaysBefore: 3, lateHorizonDays: -2 }),
    ).toThrow(RangeError);
    expect(() => figureNotices([september], [], "tomorrow", remind3)).toThrow(RangeError);
  });

  it("a daily cron sends each figure's reminder and late notice once, exactly when owed", () => {
    const start = toDayNumber("2024-06-01");
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 7 }),
        fc.integer({ min: 1, max: 40 }),
        fc.array(
          fc.record({
            month: fc.integer({ min: 0, max: 5 }),
            status: fc.constantFrom(...ACTUAL_STATUSES),
            day: fc.integer({ min: 0, max: 200 }),
          }),
          { maxLength: 6 },
        ),
        (remindDaysBefore, lateHorizonDays, arrivals) => {
          const expected = expectedFigures(
            indicatorId,
            "quarterly",
            gdpVintages,
            "2024-07-01",
            "2025-06-30",
          );
          const periodEnds = [...new Set(expected.map((f) => f.periodEnd))];
          const received = arrivals.map((a) => ({
            indicatorId,
            periodEnd: periodEnds[a.month % periodEnds.length]!,
            status: a.status,
            reportedAt: fromDayNumber(start + 120 + a.day),
          }));
          const sent = new Map<string, number>();
          for (let day = start; day <= start + 600; day += 1) {
            const run = figureNotices(expected, received, fromDayNumber(day), {
              remindDaysBefore,
              lateHorizonDays,
            });
            expect(new Set(run.map((n) => n.key)).size).toBe(run.length);
            for (const notice of run) if (!sent.has(notice.key)) sent.set(notice.key, day);
          }
          const inBy = (figure: ExpectedFigure, date: string) =>
            received.some(
              (r) =>
                r.periodEnd === figure.periodEnd &&
                ACTUAL_STATUSES.indexOf(r.status) >= ACTUAL_STATUSES.indexOf(figure.vintage) &&
                r.reportedAt <= date,
            );
          for (const figure of expected) {
            const dueKey = figureNoticeKey("figure.due", figure);
            const lateKey = figureNoticeKey("figure.late", figure);
            // Owed once if the figure was not in when the reminder window opened.
            expect(sent.has(dueKey)).toBe(!inBy(figure, addDays(figure.due, -remindDaysBefore)));
            if (sent.has(dueKey)) {
              expect(sent.get(dueKey)).toBe(toDayNumber(figure.due) - remindDaysBefore);
            }
            // Late once if it was still not in the day after its due date.
            expect(sent.has(lateKey)).toBe(!inBy(figure, addDays(figure.due, 1)));
            if (sent.has(lateKey)) expect(sent.get(lateKey)).toBe(toDayNumber(figure.due) + 1);
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it("defaults to a month's horizon for late notices", () => {
    expect(DEFAULT_LATE_HORIZON_DAYS).toBe(31);
  });
});

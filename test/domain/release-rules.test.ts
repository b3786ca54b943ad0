import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays, daysBetween, fromDayNumber, toDayNumber } from "../../src/domain/dates";
import {
  computeFreshness,
  PUBLICATION_LAG_DAYS,
  STALE_GRACE_DAYS,
} from "../../src/domain/freshness";
import {
  answersVintage,
  DEFAULT_GRACE_DAYS,
  DEFAULT_RELEASE_LAG_DAYS,
  type DueOffset,
  defaultReleaseRule,
  dueDate,
  figureLateness,
  type Release,
  type ReleaseRule,
  type ReleaseSchedule,
  releaseDates,
  releaseFor,
  releaseFreshness,
  releaseRuleProblem,
  scheduleFor,
} from "../../src/domain/release-rules";
import {
  ACTUAL_STATUSES,
  type ActualStatus,
  CADENCES,
  type Cadence,
} from "../../src/domain/vocabulary";

// Decree 94/2016: the monthly socio-economic report is published on the 29th of the month it
// covers (the last day in February).
const decree94: ReleaseSchedule = {
  effective_from: null,
  releases: [{ vintage: "estimate", due: { kind: "day_of_month", months_after: 0, day: 29 } }],
};
// Decree 62/2024, in force from 1 August 2024: on the 6th of the following month.
const decree62: ReleaseSchedule = {
  effective_from: "2024-08-01",
  releases: [{ vintage: "estimate", due: { kind: "day_of_month", months_after: 1, day: 6 } }],
};
const monthlyReport: ReleaseRule = { schedules: [decree94, decree62] };
const only94: ReleaseRule = { schedules: [decree94] };
const only62: ReleaseRule = { schedules: [{ ...decree62, effective_from: null }] };

// Decree 62/2024's GDP calendar: a quarter's estimate on the 6th of the next month, its
// preliminary figure on the 6th of the first month of the second quarter after it, and the
// official figures for every quarter of a year on 6 October of the second year after it.
const gdp62: ReleaseRule = {
  schedules: [
    {
      effective_from: null,
      releases: [
        { vintage: "estimate", due: { kind: "day_of_month", months_after: 1, day: 6 } },
        { vintage: "preliminary", due: { kind: "day_of_month", months_after: 4, day: 6 } },
        {
          vintage: "final",
          due: { kind: "day_of_month", months_after: 22, day: 6, anchor: "year_end" },
        },
      ],
    },
  ],
};

const fortyFiveDays: ReleaseRule = {
  schedules: [
    {
      effective_from: null,
      releases: [{ vintage: "estimate", due: { kind: "days_after", days: 45 } }],
    },
  ],
};

describe("dueDate: the decrees' calendars", () => {
  it.each<[string, ReleaseRule | null, Cadence, string, string]>([
    ["94/2016, July 2024", only94, "monthly", "2024-07-31", "2024-07-29"],
    ["94/2016, February 2023 falls on its last day", only94, "monthly", "2023-02-28", "2023-02-28"],
    ["94/2016, February 2024 has a 29th", only94, "monthly", "2024-02-29", "2024-02-29"],
    ["94/2016, April (30 days)", only94, "monthly", "2024-04-30", "2024-04-29"],
    ["62/2024, September 2024", only62, "monthly", "2024-09-30", "2024-10-06"],
    ["62/2024, December 2024 crosses the year", only62, "monthly", "2024-12-31", "2025-01-06"],
    ["default, September 2024", null, "monthly", "2024-09-30", "2024-10-30"],
    ["default, Q3 2024", null, "quarterly", "2024-09-30", "2024-11-14"],
    ["default, 2024", null, "annual", "2024-12-31", "2025-03-31"],
    ["45 days after Q3 2024", fortyFiveDays, "quarterly", "2024-09-30", "2024-11-14"],
    ["45 days after Q4 2024", fortyFiveDays, "quarterly", "2024-12-31", "2025-02-14"],
    ["45 days after Q1 2024 (leap year)", fortyFiveDays, "quarterly", "2024-03-31", "2024-05-15"],
  ])("%s → %s is due %s", (_label, rule, cadence, periodEnd, due) => {
    expect(dueDate(rule, cadence, periodEnd)).toBe(due);
  });
});

describe("the switch from Decree 94/2016 to 62/2024 on 2024-08-01", () => {
  it.each([
    ["2024-06-30", "2024-06-29"],
    // July ends before the switch: its report came out on 29 July 2024, under 94/2016.
    ["2024-07-31", "2024-07-29"],
    // August is the first month governed by 62/2024: published 6 September.
    ["2024-08-31", "2024-09-06"],
    ["2024-09-30", "2024-10-06"],
  ])("the month ending %s is due %s", (periodEnd, due) => {
    expect(dueDate(monthlyReport, "monthly", periodEnd)).toBe(due);
  });

  it("picks the schedule in force on the period's last day, whatever order they are listed in", () => {
    const reversed: ReleaseRule = { schedules: [decree62, decree94] };
    expect(scheduleFor(reversed, "monthly", "2024-07-31")).toBe(decree94);
    expect(scheduleFor(reversed, "monthly", "2024-08-01")).toBe(decree62);
    expect(scheduleFor(reversed, "monthly", "2024-08-31")).toBe(decree62);
  });

  it("uses the default lag before a rule's first effective_from", () => {
    const from62: ReleaseRule = { schedules: [decree62] };
    expect(dueDate(from62, "monthly", "2024-07-31")).toBe("2024-08-30");
    expect(dueDate(from62, "monthly", "2024-08-31")).toBe("2024-09-06");
  });
});

describe("per-vintage releases (Decree 62/2024's GDP calendar)", () => {
  it.each<[string, ActualStatus, string]>([
    ["2024-03-31", "estimate", "2024-04-06"],
    ["2024-03-31", "preliminary", "2024-07-06"],
    ["2024-03-31", "final", "2026-10-06"],
    ["2024-12-31", "estimate", "2025-01-06"],
    ["2024-12-31", "preliminary", "2025-04-06"],
    ["2024-12-31", "final", "2026-10-06"],
  ])("the quarter ending %s: %s due %s", (periodEnd, vintage, due) => {
    expect(dueDate(gdp62, "quarterly", periodEnd, vintage)).toBe(due);
  });

  it("lists every vintage of a period in order", () => {
    expect(releaseDates(gdp62, "quarterly", "2024-06-30")).toEqual([
      { vintage: "estimate", due: "2024-07-06" },
      { vintage: "preliminary", due: "2024-10-06" },
      { vintage: "final", due: "2026-10-06" },
    ]);
  });

  it("the first release when no vintage is named", () => {
    expect(dueDate(gdp62, "quarterly", "2024-06-30")).toBe("2024-07-06");
  });

  it("judges an unscheduled vintage by the latest release before it, else the first", () => {
    const estimateAndFinal: ReleaseSchedule = {
      effective_from: null,
      releases: [
        { vintage: "estimate", due: { kind: "days_after", days: 10 } },
        { vintage: "final", due: { kind: "days_after", days: 90 } },
      ],
    };
    expect(releaseFor(estimateAndFinal, "preliminary").vintage).toBe("estimate");
    const finalOnly: ReleaseSchedule = {
      effective_from: null,
      releases: [{ vintage: "final", due: { kind: "days_after", days: 90 } }],
    };
    expect(releaseFor(finalOnly, "estimate").vintage).toBe("final");
  });

  it("a later vintage answers for an earlier one, never the reverse", () => {
    expect(answersVintage("final", "preliminary")).toBe(true);
    expect(answersVintage("preliminary", "preliminary")).toBe(true);
    expect(answersVintage("estimate", "preliminary")).toBe(false);
  });
});

describe("rolling to the next working day", () => {
  const rolling: ReleaseRule = {
    schedules: [{ ...only62.schedules[0]!, roll_to_working_day: true }],
  };

  it("6 October 2024 was a Sunday: due Monday the 7th", () => {
    expect(dueDate(only62, "monthly", "2024-09-30")).toBe("2024-10-06");
    expect(dueDate(rolling, "monthly", "2024-09-30")).toBe("2024-10-07");
  });

  it("skips listed holidays too", () => {
    expect(dueDate(rolling, "monthly", "2024-09-30", undefined, { holidays: ["2024-10-07"] })).toBe(
      "2024-10-08",
    );
  });

  it("leaves a working day alone: 6 September 2024 was a Friday", () => {
    expect(dueDate(rolling, "monthly", "2024-08-31")).toBe("2024-09-06");
  });

  it("always lands on a working day within three days when no holidays are listed", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: toDayNumber("2000-01-01"), max: toDayNumber("2040-12-31") }),
        (n) => {
          const periodEnd = fromDayNumber(n);
          const nominal = dueDate(only62, "monthly", periodEnd);
          const rolled = dueDate(rolling, "monthly", periodEnd);
          const shift = daysBetween(nominal, rolled);
          const weekday = new Date(`${rolled}T00:00:00Z`).getUTCDay();
          expect(shift).toBeGreaterThanOrEqual(0);
          expect(shift).toBeLessThanOrEqual(2);
          expect(weekday).not.toBe(0);
          expect(weekday).not.toBe(6);
        },
      ),
    );
  });
});

describe("figureLateness", () => {
  it.each<[string, ReleaseRule | null, Cadence, string, ActualStatus, string, number]>([
    ["on its due date", monthlyReport, "monthly", "2024-09-30", "estimate", "2024-10-06", 0],
    ["before its due date", monthlyReport, "monthly", "2024-09-30", "estimate", "2024-10-01", 0],
    ["three days after", monthlyReport, "monthly", "2024-09-30", "estimate", "2024-10-09", 3],
    [
      "a timestamp counts by its date",
      monthlyReport,
      "monthly",
      "2024-09-30",
      "estimate",
      "2024-10-07T09:30:00Z",
      1,
    ],
    [
      "July 2024 under 94/2016",
      monthlyReport,
      "monthly",
      "2024-07-31",
      "estimate",
      "2024-07-30",
      1,
    ],
    ["default lag, on time", null, "monthly", "2024-09-30", "estimate", "2024-10-30", 0],
    ["default lag, late", null, "monthly", "2024-09-30", "final", "2024-11-01", 2],
    ["GDP preliminary", gdp62, "quarterly", "2024-03-31", "preliminary", "2024-07-08", 2],
    ["GDP estimate, same day", gdp62, "quarterly", "2024-03-31", "estimate", "2024-04-06", 0],
  ])("%s", (_label, rule, cadence, periodEnd, status, reportedAt, daysLate) => {
    const lateness = figureLateness(rule, cadence, { periodEnd, status, reportedAt });
    expect(lateness.daysLate).toBe(daysLate);
    expect(lateness.onTime).toBe(daysLate === 0);
    expect(lateness.reportedOn).toBe(reportedAt.slice(0, 10));
  });

  it("names the release it judged against", () => {
    expect(
      figureLateness(gdp62, "quarterly", {
        periodEnd: "2024-03-31",
        status: "final",
        reportedAt: "2026-10-05",
      }),
    ).toEqual({
      vintage: "final",
      due: "2026-10-06",
      reportedOn: "2026-10-05",
      daysLate: 0,
      onTime: true,
    });
  });

  it("throws on an unreadable reportedAt", () => {
    expect(() =>
      figureLateness(null, "monthly", {
        periodEnd: "2024-09-30",
        status: "estimate",
        reportedAt: "soon",
      }),
    ).toThrow(RangeError);
  });

  it("is max(0, reported − due), and on time exactly when reported by the due date", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(monthlyReport, gdp62, fortyFiveDays, null),
        fc.constantFrom(...CADENCES),
        fc.integer({ min: toDayNumber("2023-01-01"), max: toDayNumber("2026-12-31") }),
        fc.integer({ min: -60, max: 400 }),
        fc.constantFrom(...ACTUAL_STATUSES),
        (rule, cadence, endDay, reportedOffset, status) => {
          const periodEnd = fromDayNumber(endDay);
          const reportedAt = addDays(periodEnd, reportedOffset);
          const lateness = figureLateness(rule, cadence, { periodEnd, status, reportedAt });
          const diff = daysBetween(lateness.due, reportedAt);
          expect(lateness.daysLate).toBe(Math.max(0, diff));
          expect(lateness.onTime).toBe(diff <= 0);
        },
      ),
    );
  });
});

describe("releaseFreshness", () => {
  const year2024 = {
    cadence: "monthly" as const,
    periodStart: "2024-01-01",
    periodEnd: "2024-12-31",
  };

  it("default rule: September 2024 due 2024-10-30, stale after 2024-11-14", () => {
    expect(releaseFreshness(year2024, null, "2024-08-31", "2024-11-14")).toEqual({
      lastPeriodEnd: "2024-08-31",
      nextDue: "2024-10-30",
      staleAfter: "2024-11-14",
      stale: false,
    });
    expect(releaseFreshness(year2024, null, "2024-08-31", "2024-11-15").stale).toBe(true);
  });

  it("day 6 of the next month: due 2024-10-06, stale after the 21st, not five weeks later", () => {
    expect(releaseFreshness(year2024, monthlyReport, "2024-08-31", "2024-10-22")).toEqual({
      lastPeriodEnd: "2024-08-31",
      nextDue: "2024-10-06",
      staleAfter: "2024-10-21",
      stale: true,
    });
  });

  it("29th of the same month: July 2024's estimate is due before July is over", () => {
    const freshness = releaseFreshness(year2024, monthlyReport, "2024-06-30", "2024-08-14");
    expect(freshness.nextDue).toBe("2024-07-29");
    expect(freshness.staleAfter).toBe("2024-08-13");
    expect(freshness.stale).toBe(true);
  });

  it("nothing is due once the plan's last period is in", () => {
    expect(releaseFreshness(year2024, monthlyReport, "2024-12-31", "2030-01-01")).toEqual({
      lastPeriodEnd: "2024-12-31",
      nextDue: null,
      staleAfter: null,
      stale: false,
    });
  });

  it("takes a grace period of its own", () => {
    const freshness = releaseFreshness(year2024, monthlyReport, "2024-08-31", "2024-10-10", {
      graceDays: 3,
    });
    expect(freshness.staleAfter).toBe("2024-10-09");
    expect(freshness.stale).toBe(true);
    expect(() => releaseFreshness(year2024, null, null, "2024-10-10", { graceDays: -1 })).toThrow(
      RangeError,
    );
  });

  it("restates the engine's lag and grace", () => {
    expect(DEFAULT_RELEASE_LAG_DAYS).toEqual(PUBLICATION_LAG_DAYS);
    expect(DEFAULT_GRACE_DAYS).toBe(STALE_GRACE_DAYS);
  });

  it("without a rule, or with the default rule, is computeFreshness exactly", () => {
    const day = fc.integer({ min: toDayNumber("2022-01-01"), max: toDayNumber("2027-12-31") });
    fc.assert(
      fc.property(
        fc.constantFrom(...CADENCES),
        day,
        fc.integer({ min: 0, max: 1500 }),
        fc.option(fc.integer({ min: -40, max: 1600 }), { nil: null }),
        day,
        (cadence, startDay, length, lastOffset, asOfDay) => {
          const plan = {
            cadence,
            periodStart: fromDayNumber(startDay),
            periodEnd: fromDayNumber(startDay + length),
          };
          const last = lastOffset === null ? null : fromDayNumber(startDay + lastOffset);
          const asOf = fromDayNumber(asOfDay);
          const expected = computeFreshness(plan, last, asOf);
          expect(releaseFreshness(plan, null, last, asOf)).toEqual(expected);
          expect(releaseFreshness(plan, defaultReleaseRule(cadence), last, asOf)).toEqual(expected);
        },
      ),
    );
  });
});

describe("releaseRuleProblem", () => {
  const release = (due: DueOffset, vintage: ActualStatus = "estimate"): Release => ({
    vintage,
    due,
  });
  const one = (...releases: Release[]): ReleaseRule => ({
    schedules: [{ effective_from: null, releases }],
  });

  it.each<[string, ReleaseRule]>([
    ["Decree 94/2016 then 62/2024", monthlyReport],
    ["the GDP calendar", gdp62],
    ["45 days after the quarter", fortyFiveDays],
    ["the default for each cadence", defaultReleaseRule("annual")],
    [
      "a day past a short month's end",
      one(release({ kind: "day_of_month", months_after: 1, day: 31 })),
    ],
    ["due on the period's last day", one(release({ kind: "days_after", days: 0 }))],
    ["rolling to a working day", { schedules: [{ ...decree62, roll_to_working_day: true }] }],
  ])("accepts %s", (_label, rule) => {
    expect(releaseRuleProblem(rule)).toBeNull();
  });

  it.each<[string, unknown, RegExp]>([
    [
      "day 0",
      one(release({ kind: "day_of_month", months_after: 1, day: 0 })),
      /day must be a whole number from 1 to 31, got 0/,
    ],
    [
      "day 32",
      one(release({ kind: "day_of_month", months_after: 1, day: 32 })),
      /from 1 to 31, got 32/,
    ],
    ["day 6.5", one(release({ kind: "day_of_month", months_after: 1, day: 6.5 })), /from 1 to 31/],
    [
      "negative months",
      one(release({ kind: "day_of_month", months_after: -1, day: 6 })),
      /months_after cannot be negative/,
    ],
    [
      "too many months",
      one(release({ kind: "day_of_month", months_after: 61, day: 6 })),
      /more than 60/,
    ],
    ["negative days", one(release({ kind: "days_after", days: -3 })), /days cannot be negative/],
    ["fractional days", one(release({ kind: "days_after", days: 1.5 })), /whole number/],
    ["too many days", one(release({ kind: "days_after", days: 1831 })), /more than 1830/],
    [
      "an unknown kind",
      one({ vintage: "estimate", due: { kind: "weeks_after", weeks: 2 } } as unknown as Release),
      /due.kind must be/,
    ],
    [
      "an unknown anchor",
      one(
        release({
          kind: "day_of_month",
          months_after: 1,
          day: 6,
          anchor: "quarter_end",
        } as unknown as DueOffset),
      ),
      /anchor must be/,
    ],
    [
      "an unknown vintage",
      one({ vintage: "flash", due: { kind: "days_after", days: 5 } } as unknown as Release),
      /vintage must be one of/,
    ],
    [
      "a repeated vintage",
      one(release({ kind: "days_after", days: 5 }), release({ kind: "days_after", days: 9 })),
      /listed once each/,
    ],
    [
      "vintages out of order",
      one(
        release({ kind: "days_after", days: 5 }, "final"),
        release({ kind: "days_after", days: 9 }, "preliminary"),
      ),
      /in the order estimate, preliminary, final/,
    ],
    [
      "a preliminary figure due before the estimate",
      one(
        release({ kind: "day_of_month", months_after: 1, day: 6 }),
        release({ kind: "days_after", days: 3 }, "preliminary"),
      ),
      /preliminary figure would be due before the estimate/,
    ],
    ["no schedules", { schedules: [] }, /at least one schedule/],
    ["no schedules list", {}, /needs a schedules list/],
    [
      "no releases",
      { schedules: [{ effective_from: null, releases: [] }] },
      /at least one vintage/,
    ],
    [
      "an impossible effective_from",
      { schedules: [{ ...decree62, effective_from: "2024-02-30" }] },
      /effective_from must be a YYYY-MM-DD date or null/,
    ],
    [
      "two schedules on the same date",
      { schedules: [decree62, { ...decree94, effective_from: "2024-08-01" }] },
      /two schedules take effect on 2024-08-01/,
    ],
    [
      "two schedules since always",
      { schedules: [decree94, { ...decree62, effective_from: null }] },
      /two schedules have no effective_from/,
    ],
    [
      "a roll flag that is not a boolean",
      { schedules: [{ ...decree62, roll_to_working_day: "yes" }] },
      /roll_to_working_day must be true or false/,
    ],
  ])("rejects %s", (_label, rule, message) => {
    expect(releaseRuleProblem(rule as ReleaseRule)).toMatch(message);
  });

  // Offsets generated in non-decreasing order (days, or months then day) are valid by
  // construction: a later day of a later or equal month is never earlier, even when clamped.
  const orderedOffsets = fc.oneof(
    fc
      .uniqueArray(fc.integer({ min: 0, max: 400 }), { minLength: 1, maxLength: 3 })
      .map((days) =>
        [...days].sort((a, b) => a - b).map((d): DueOffset => ({ kind: "days_after", days: d })),
      ),
    fc
      .array(fc.tuple(fc.integer({ min: 0, max: 24 }), fc.integer({ min: 1, max: 31 })), {
        minLength: 1,
        maxLength: 3,
      })
      .map((pairs) =>
        [...pairs]
          .sort((a, b) => a[0] - b[0] || a[1] - b[1])
          .map(([m, d]): DueOffset => ({ kind: "day_of_month", months_after: m, day: d })),
      ),
  );
  const validRule = orderedOffsets.chain((offsets) =>
    fc
      .subarray([...ACTUAL_STATUSES], { minLength: offsets.length, maxLength: offsets.length })
      .map((vintages): ReleaseRule => one(...offsets.map((due, i) => release(due, vintages[i]!)))),
  );

  it("accepts every rule whose releases are in order, and then dates them in order", () => {
    fc.assert(
      fc.property(
        validRule,
        fc.constantFrom(...CADENCES),
        fc.integer({ min: toDayNumber("2020-01-01"), max: toDayNumber("2030-12-31") }),
        (rule, cadence, endDay) => {
          expect(releaseRuleProblem(rule)).toBeNull();
          const dates = releaseDates(rule, cadence, fromDayNumber(endDay)).map((r) => r.due);
          expect([...dates].sort()).toEqual(dates);
        },
      ),
    );
  });
});

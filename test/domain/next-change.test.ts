// The day a plan's judgment can next change with no new data: the cron leaves a plan alone
// until then, so a day missed here is a judgment that comes late.
import { describe, expect, it } from "vitest";
import { evaluatePlan } from "../../src/domain/evaluate";
import { type NextChangeInput, nextJudgmentChange } from "../../src/domain/next-change";
import type { ActualInput, PlanInput, ReleaseRule } from "../../src/domain/types";

const plan: PlanInput = {
  id: "p",
  measure: "flow",
  cadence: "monthly",
  periodStart: "2026-01-01",
  periodEnd: "2026-12-31",
  target: 1200,
  comparator: "at_least",
  phasing: { kind: "linear" },
  thresholds: null,
  baseline: null,
};

const q1: ActualInput = {
  id: 1,
  periodStart: "2026-01-01",
  periodEnd: "2026-03-31",
  value: 270,
  status: "estimate",
  reportedAt: "2026-04-05",
  reportedAttainment: null,
  reportedYoy: null,
};

function input(
  p: PlanInput,
  figures: ActualInput[],
  asOf: string,
  next: string | null = null,
  remindDaysBefore = 3,
) {
  const evaluation = evaluatePlan(p, figures, asOf);
  return {
    plan: p,
    evaluation,
    asOf,
    nextReportedAt: next,
    remindDaysBefore,
  } satisfies NextChangeInput;
}

/** Decree 62/2024: the monthly report on the 6th of the following month. */
const sixthOfNextMonth: ReleaseRule = {
  schedules: [
    {
      effective_from: null,
      releases: [{ vintage: "estimate", due: { kind: "day_of_month", day: 6, months_after: 1 } }],
    },
  ],
};

/** The judgment on each day from `from` up to the day before `until` equals the one on `from`. */
function sameUntil(p: PlanInput, figures: ActualInput[], from: string, until: string) {
  const first = JSON.stringify({ ...evaluatePlan(p, figures, from), asOf: null });
  const day = new Date(`${from}T00:00:00Z`);
  for (;;) {
    day.setUTCDate(day.getUTCDate() + 1);
    const iso = day.toISOString().slice(0, 10);
    if (iso >= until) return;
    expect(JSON.stringify({ ...evaluatePlan(p, figures, iso), asOf: null }), iso).toBe(first);
  }
}

describe("the next day a judgment can change", () => {
  it("is the day the next figure falls due, then the day after its grace runs out", () => {
    // Q1 in: April is due 30 days after April ends, stale 15 days after that.
    expect(nextJudgmentChange(input(plan, [q1], "2026-04-10"))).toBe("2026-05-30");
    expect(nextJudgmentChange(input(plan, [q1], "2026-05-30"))).toBe("2026-06-15");
    const stale = evaluatePlan(plan, [q1], "2026-06-15");
    expect(stale.freshness.stale).toBe(true);
    expect(evaluatePlan(plan, [q1], "2026-06-14").freshness.stale).toBe(false);
  });

  it("names no day in between on which the engine would say something else", () => {
    for (const asOf of ["2026-04-10", "2026-05-30"]) {
      const next = nextJudgmentChange(input(plan, [q1], asOf));
      expect(next).not.toBeNull();
      sameUntil(plan, [q1], asOf, next!);
    }
  });

  it("is the day after the period ends, when a pace reading gives way to period over", () => {
    const december = { ...q1, periodEnd: "2026-11-30", reportedAt: "2026-12-20", value: 1000 };
    const next = nextJudgmentChange(input(plan, [december], "2026-12-21"));
    expect(next).toBe("2027-01-01");
    expect(evaluatePlan(plan, [december], "2027-01-01").status).toBe("period_over");
  });

  it("is the report date of a figure stored ahead of its release", () => {
    expect(nextJudgmentChange(input(plan, [q1], "2026-04-10", "2026-04-20"))).toBe("2026-04-20");
  });

  it("is the year's last day for a flow phased by its own history", () => {
    const seasonal: PlanInput = { ...plan, phasing: { kind: "history" } };
    const late = { ...q1, periodEnd: "2026-11-30", reportedAt: "2026-12-05" };
    // Freshness would wait until January's figures; the history window moves on 31 December.
    expect(nextJudgmentChange(input(seasonal, [late], "2026-12-06"))).toBe("2026-12-31");
    expect(nextJudgmentChange(input(plan, [late], "2026-12-06"))).toBe("2027-01-01");
  });

  it("is never, once the period is over and its last figure's window has passed", () => {
    const full = { ...q1, periodEnd: "2026-12-31", reportedAt: "2027-01-20", value: 1300 };
    expect(nextJudgmentChange(input(plan, [full], "2027-06-01"))).toBeNull();
  });

  it("follows a release rule: the reminder before a figure is due, its due day, then late", () => {
    const ruled: PlanInput = { ...plan, releaseRule: sixthOfNextMonth };
    // April's figure is due on 6 May: the reminder opens three days before.
    expect(evaluatePlan(ruled, [q1], "2026-04-10").freshness.nextDue).toBe("2026-05-06");
    expect(nextJudgmentChange(input(ruled, [q1], "2026-04-10"))).toBe("2026-05-03");
    expect(nextJudgmentChange(input(ruled, [q1], "2026-04-10", null, 0))).toBe("2026-05-06");
    // On the due day itself, the next change is the day the figure turns late.
    expect(nextJudgmentChange(input(ruled, [q1], "2026-05-06"))).toBe("2026-05-07");
    // Without a rule no figure owes a notice: the default lag's due day comes first.
    expect(nextJudgmentChange(input(plan, [q1], "2026-04-10"))).toBe("2026-05-30");
  });

  it("ends the watch by the release rule, not by the default lag", () => {
    const ruled: PlanInput = { ...plan, releaseRule: sixthOfNextMonth };
    const full = { ...q1, periodEnd: "2026-12-31", reportedAt: "2027-01-06", value: 1300 };
    // December's figure was due on 6 January; the watch ends 15 days' grace later.
    expect(nextJudgmentChange(input(ruled, [full], "2027-01-10"))).toBe("2027-01-22");
    expect(nextJudgmentChange(input(plan, [full], "2027-01-10"))).toBe("2027-02-15");
    expect(nextJudgmentChange(input(ruled, [full], "2027-01-22"))).toBeNull();
  });

  it("takes extra rules, and keeps only days after asOf", () => {
    const release = () => "2026-04-15";
    const past = () => "2026-04-01";
    expect(nextJudgmentChange(input(plan, [q1], "2026-04-10"), [release, past])).toBe("2026-04-15");
  });
});

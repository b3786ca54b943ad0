// The engine reuses a few things from one plan to the next (the buffers of figure days, the
// context a measure is judged from, one empty warning list) so that judging a country's plans
// builds as little as it can. None of it may show: a plan's evaluation is the same whatever
// was evaluated before it, and a bad plan fails the same way whatever figures it brings.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { evaluatePlan } from "../../src/domain/evaluate";
import type { ActualInput, PlanInput } from "../../src/domain/types";
import { plan } from "./plan-input";

const AS_OF = "2024-10-15";

let nextId = 1;
function figure(overrides: Partial<ActualInput> = {}): ActualInput {
  return {
    id: nextId++,
    periodStart: "2024-01-01",
    periodEnd: "2024-09-30",
    value: 70,
    status: "estimate",
    reportedAt: "2024-10-05",
    ...overrides,
  };
}

/** Whole months of a year as year-to-date figures, rising by `monthly` a month. */
function yearToDate(year: number, monthly: number): ActualInput[] {
  return Array.from({ length: 12 }, (_, m) => {
    const end = new Date(Date.UTC(year, m + 1, 0)).toISOString().slice(0, 10);
    return figure({
      periodStart: `${year}-01-01`,
      periodEnd: end,
      value: monthly * (m + 1) * (m < 6 ? 1 : 1.5),
      reportedAt: `${year + 1}-01-20`,
    });
  });
}

/** Plans of every kind the engine judges differently, each with its own figures. */
const CASES: { plan: PlanInput; figures: ActualInput[] }[] = [
  {
    plan: plan({ id: "flow-printed-ratios" }),
    figures: [
      figure({ value: 70, reportedAttainment: 0.75, reportedYoy: 0.5 }),
      figure({ periodStart: "2023-01-01", periodEnd: "2023-09-30", value: 60 }),
    ],
  },
  { plan: plan({ id: "flow-no-warning" }), figures: [figure({ value: 71 })] },
  {
    plan: plan({
      id: "flow-seasonal",
      phasing: { kind: "monthly_weights", weights: [1, 1, 2, 2, 3, 3, 3, 3, 2, 2, 1, 1] },
      thresholds: { ahead: 1.3 },
    }),
    figures: [figure({ value: 65 })],
  },
  {
    plan: plan({ id: "flow-history", phasing: { kind: "history" } }),
    figures: [...yearToDate(2022, 10), ...yearToDate(2023, 12), figure({ value: 80 })],
  },
  {
    plan: plan({
      id: "level-baseline",
      measure: "level",
      periodStart: "2022-01-01",
      baseline: { value: 50, date: "2021-12-31" },
      comparator: "at_most",
    }),
    figures: [figure({ periodStart: "2024-07-01", value: 60 })],
  },
  {
    plan: plan({ id: "rate", measure: "rate", target: 6 }),
    figures: [figure({ value: 6.4, reportedYoy: 0.1 })],
  },
  { plan: plan({ id: "no-figures" }), figures: [] },
  {
    plan: plan({ id: "period-over", periodEnd: "2024-06-30" }),
    figures: [figure({ periodEnd: "2024-03-31", reportedAt: "2024-04-20", value: 10 })],
  },
];

describe("one evaluation leaves nothing behind for the next", () => {
  it("gives every plan the same evaluation whatever was evaluated before it", () => {
    const alone = CASES.map(({ plan, figures }) =>
      JSON.stringify(evaluatePlan(plan, figures, AS_OF)),
    );
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: CASES.length - 1 }), { minLength: 1, maxLength: 30 }),
        (order) => {
          for (const i of order) {
            const { plan, figures } = CASES[i]!;
            expect(JSON.stringify(evaluatePlan(plan, figures, AS_OF))).toBe(alone[i]);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it("never shows one plan's warning on another, and keeps each plan's in order", () => {
    const [warned, quiet] = CASES;
    const first = evaluatePlan(warned!.plan, warned!.figures, AS_OF);
    const second = evaluatePlan(quiet!.plan, quiet!.figures, AS_OF);
    const third = evaluatePlan(quiet!.plan, quiet!.figures, AS_OF);
    expect(first.warnings.map((w) => w.code)).toEqual([
      "reported_attainment_mismatch",
      "reported_yoy_mismatch",
    ]);
    expect(second.warnings).toEqual([]);
    expect(third.warnings).toEqual([]);
    // The evaluation a plan got earlier keeps its warnings after others are judged.
    expect(first.warnings).toHaveLength(2);
  });
});

describe("a bad plan fails on its dates first, whatever figures it brings", () => {
  const badStart = plan({ periodStart: "2024-02-30" });

  it.each([
    ["no list of figures", null],
    ["figures that are not objects", [null, 5, "2024-01-01"]],
    ["more figures than the engine has room for yet", Array.from({ length: 500 }, () => figure())],
  ])("with %s", (_, figures) => {
    expect(() => evaluatePlan(badStart, figures as unknown as ActualInput[], AS_OF)).toThrowError(
      /^plan\.periodStart is not a valid ISO date: "2024-02-30"$/,
    );
  });

  it("fails on a missing list of figures only once the plan itself is valid", () => {
    expect(() => evaluatePlan(plan(), null as unknown as ActualInput[], AS_OF)).toThrow(TypeError);
  });

  it("fails on a measure it does not know rather than judging it as another", () => {
    const unknown = plan({ measure: "stock" as PlanInput["measure"] });
    expect(() => evaluatePlan(unknown, [figure()], AS_OF)).toThrow(TypeError);
  });
});

// Property: year on year and history phasing, as the API serves them (a SQL pre-selection of
// the figure, its prior-year figure and the history window, then the engine), equal the engine
// run over every stored vintage of the indicator. Plans for 2025 make the prior year a leap
// year, so Jan–Feb ending on the 28th must find Jan–Feb ending on the 29th.
import fc from "fast-check";
import { expect, it } from "vitest";
import { evaluatePlan } from "../../src/domain/evaluate";
import type { ActualInput, Phasing } from "../../src/domain/types";
import type { Measure } from "../../src/domain/vocabulary";
import { call, createIndicator, createPlan, postActuals } from "../factories";

const monthEnd = (year: number, month: number) =>
  new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
const monthStart = (year: number, month: number) => `${year}-${String(month).padStart(2, "0")}-01`;
const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** A figure of the plan's year, and maybe the same period a year earlier. */
const figure = fc.record({
  cumulative: fc.boolean(),
  endMonth: fc.integer({ min: 1, max: 12 }),
  value: fc.integer({ min: 1, max: 5000 }),
  // Sevenths: values a double cannot hold exactly, to catch a prior figure read back rounded.
  prior: fc.option(
    fc.integer({ min: 0, max: 35_000 }).map((n) => n / 7),
    { freq: 3 },
  ),
  reportedDay: fc.integer({ min: 0, max: 90 }),
  priorRevised: fc.boolean(),
});

/**
 * Years of single-month history, one to five years back, sometimes with a month missing (an
 * incomplete year), so the profile is sometimes read and sometimes falls back.
 */
const history = fc.array(
  fc.record({
    yearsBack: fc.integer({ min: 1, max: 5 }),
    values: fc.array(fc.integer({ min: 0, max: 500 }), { minLength: 12, maxLength: 12 }),
    // A month number drops that month; above 12, the year is whole.
    missing: fc.integer({ min: 1, max: 30 }),
  }),
  { maxLength: 5 },
);

interface StoredActual {
  id: number;
  period_start: string;
  period_end: string;
  value: number;
  status: ActualInput["status"];
  reported_at: string;
  reported_yoy: number | null;
}
interface Served {
  status: string;
  expected_fraction: number | null;
  yoy_growth: number | null;
  implied_prior_year_value: number | null;
  year_on_year: { prior: { id: number } | null } | null;
  history_phasing: { kind: string; years_used: number[] } | null;
  actual: { id: number } | null;
}

it("serves year on year and history phasing exactly as the engine over every stored vintage", async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom<Measure>("flow", "level"),
      fc.constantFrom(2024, 2025),
      fc.boolean(),
      fc.array(figure, { minLength: 1, maxLength: 5 }),
      history,
      fc.integer({ min: 0, max: 500 }),
      async (measure, year, byHistory, figures, months, asOfDay) => {
        const ind = await createIndicator({ measure });
        const phasing: Phasing =
          byHistory && measure === "flow" ? { kind: "history" } : { kind: "linear" };
        const plan = await createPlan(ind, {
          period_start: `${year}-01-01`,
          period_end: `${year}-12-31`,
          target: 10_000,
          scale: undefined,
          phasing: phasing.kind,
        });
        const bodies: Record<string, unknown>[] = [];
        for (const f of figures) {
          const start = (y: number) => (f.cumulative ? `${y}-01-01` : monthStart(y, f.endMonth));
          const end = monthEnd(year, f.endMonth);
          const reportedAt = addDays(end, f.reportedDay);
          bodies.push({
            indicator_id: ind,
            period_start: start(year),
            period_end: end,
            value: f.value,
            status: "estimate",
            reported_at: reportedAt,
            reported_yoy: 0.1,
          });
          if (f.prior !== null) {
            const priorEnd = monthEnd(year - 1, f.endMonth);
            const prior = {
              indicator_id: ind,
              period_start: start(year - 1),
              period_end: priorEnd,
            };
            bodies.push({
              ...prior,
              value: f.prior,
              status: "final",
              reported_at: addDays(priorEnd, 20),
            });
            // A revision of the prior figure published after the current one.
            if (f.priorRevised) {
              bodies.push({
                ...prior,
                value: f.prior + 7,
                status: "final",
                reported_at: addDays(reportedAt, 5),
              });
            }
          }
        }
        for (const h of months) {
          const y = year - h.yearsBack;
          h.values.forEach((value, i) => {
            if (h.missing === i + 1) return;
            const end = monthEnd(y, i + 1);
            bodies.push({
              indicator_id: ind,
              period_start: monthStart(y, i + 1),
              period_end: end,
              value,
              status: "final",
              reported_at: addDays(end, 25),
            });
          });
        }
        const res = await postActuals(bodies);
        expect([200, 201]).toContain(res.status);
        const stored = (
          (await (await call(`/api/indicators/${ind}/actuals?revisions=all`)).json()) as {
            actuals: StoredActual[];
          }
        ).actuals;
        const asOf = addDays(`${year}-01-01`, asOfDay);
        const served = (await (
          await call(`/api/plans/${plan.id}/evaluation?as_of=${asOf}`)
        ).json()) as Served;
        const expected = evaluatePlan(
          {
            id: plan.id,
            measure,
            cadence: "monthly",
            periodStart: `${year}-01-01`,
            periodEnd: `${year}-12-31`,
            target: 10_000,
            comparator: "at_least",
            phasing,
          },
          stored.map((a) => ({
            id: a.id,
            periodStart: a.period_start,
            periodEnd: a.period_end,
            value: a.value,
            status: a.status,
            reportedAt: a.reported_at,
            reportedYoy: a.reported_yoy,
          })),
          asOf,
        );
        expect(served.actual?.id ?? null).toBe(expected.actual?.id ?? null);
        expect(served.status).toBe(expected.status);
        expect(served.year_on_year?.prior?.id ?? null).toBe(
          expected.yearOnYear?.prior?.actualId ?? null,
        );
        expect(served.yoy_growth).toBe(expected.yearOnYear?.growth ?? null);
        expect(served.expected_fraction).toBe(expected.expectedFraction);
        const history = expected.history;
        expect(served.history_phasing?.kind ?? null).toBe(history?.kind ?? null);
        if (history) {
          expect(served.history_phasing?.years_used).toEqual(
            history.kind === "history" ? history.yearsUsed : history.completeYears,
          );
        }
      },
    ),
    { numRuns: 60 },
  );
}, 240_000);

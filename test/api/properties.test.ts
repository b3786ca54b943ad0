// Property: whatever valid figures arrive, in whatever order, the status the API serves (a
// SQL pre-selection of one figure per plan, then the engine) equals the engine run over every
// stored vintage, and no vintage is ever lost.
import fc from "fast-check";
import { expect, it } from "vitest";
import { evaluatePlan } from "../../src/domain/evaluate";
import type { ActualInput, Measure } from "../../src/domain/types";
import { call, createIndicator, createPlan, postActuals } from "../factories";

const month = fc.integer({ min: 1, max: 12 });
const day = (m: number) => fc.integer({ min: 1, max: new Date(Date.UTC(2024, m, 0)).getUTCDate() });
const iso = (m: number, d: number) =>
  `2024-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;

/** A figure for 2024: cumulative from January or for a single month, reported later. */
const figure = month.chain((endMonth) =>
  fc.record({
    cumulative: fc.boolean(),
    endMonth: fc.constant(endMonth),
    value: fc.integer({ min: 0, max: 5000 }),
    status: fc.constantFrom("estimate", "preliminary", "final"),
    reportedDay: fc.integer({ min: 0, max: 120 }),
  }),
);

type Figure = {
  cumulative: boolean;
  endMonth: number;
  value: number;
  status: string;
  reportedDay: number;
};

function toBody(indicatorId: string, f: Figure) {
  const end = new Date(Date.UTC(2024, f.endMonth, 0));
  const start = f.cumulative ? "2024-01-01" : iso(f.endMonth, 1);
  const reported = new Date(end.getTime() + f.reportedDay * 86_400_000).toISOString().slice(0, 10);
  return {
    indicator_id: indicatorId,
    period_start: start,
    period_end: end.toISOString().slice(0, 10),
    value: f.value,
    status: f.status,
    reported_at: reported,
  };
}

interface StoredActual {
  id: number;
  period_start: string;
  period_end: string;
  value: number;
  status: ActualInput["status"];
  reported_at: string;
}

it("serves the same evaluation as the engine over every stored vintage", async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom<Measure>("flow", "level", "rate"),
      fc.array(figure, { minLength: 1, maxLength: 8 }),
      month.chain((m) => day(m).map((d) => iso(m, d))),
      async (measure, figures, asOf) => {
        const ind = await createIndicator({ measure, unit: measure === "rate" ? "%" : "USD" });
        const plan = await createPlan(ind, { target: 10, scale: undefined });
        for (const f of figures) {
          const res = await postActuals(toBody(ind, f));
          expect([200, 201]).toContain(res.status);
        }
        const stored = (
          (await (await call(`/api/indicators/${ind}/actuals?revisions=all`)).json()) as {
            actuals: StoredActual[];
          }
        ).actuals;
        // No vintage lost: every distinct figure sent is on file.
        const distinct = new Set(figures.map((f) => JSON.stringify(toBody(ind, f))));
        expect(stored).toHaveLength(distinct.size);

        const served = (await (
          await call(`/api/plans/${plan.id}/evaluation?as_of=${asOf}`)
        ).json()) as { status: string; attainment: number | null; actual: { id: number } | null };
        const expected = evaluatePlan(
          {
            id: plan.id,
            measure,
            cadence: "monthly",
            periodStart: "2024-01-01",
            periodEnd: "2024-12-31",
            target: 10,
            comparator: "at_least",
            phasing: { kind: "linear" },
          },
          stored.map((a) => ({
            id: a.id,
            periodStart: a.period_start,
            periodEnd: a.period_end,
            value: a.value,
            status: a.status,
            reportedAt: a.reported_at,
          })),
          asOf,
        );
        expect(served.status).toBe(expected.status);
        expect(served.attainment).toBe(expected.attainment);
        expect(served.actual?.id ?? null).toBe(expected.actual?.id ?? null);
      },
    ),
    { numRuns: 40 },
  );
  // Forty sequences of real HTTP writes into workerd: give it room on a busy machine.
}, 60_000);

// Property: whatever valid figures arrive, in whatever order, the status the API serves (a
// SQL pre-selection of one figure per plan, then the engine) equals the engine run over every
// stored vintage, and no vintage is ever lost.
import fc from "fast-check";
import { expect, it } from "vitest";
import { evaluatePlan } from "../../src/domain/evaluate";
import type { ActualInput } from "../../src/domain/types";
import type { Measure } from "../../src/domain/vocabulary";
import {
  auditOf,
  call,
  createIndicator,
  createPlan,
  indicatorBody,
  postActuals,
  send,
  uid,
} from "../factories";

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

// ---- Property: any sequence of valid writes, through the API, with revisions ----
//
// A small model of what was sent (indicators, plans and their revisions, figures) is kept
// beside the database. After each random sequence, every plan /api/status serves must equal
// the engine run over the rows the API stores (the plan's current revision, its indicator and
// every vintage of its figures), and nothing sent may be missing: every distinct target is a
// revision, in order, and every distinct figure a vintage.

type Command =
  | { kind: "indicator"; i: number; name: number; cadence: "monthly" | "quarterly" }
  | {
      kind: "plan";
      p: number;
      i: number;
      target: number;
      comparator: "at_least" | "at_most";
      seasonal: boolean;
    }
  | { kind: "figures"; i: number; figures: Figure[] };

const command: fc.Arbitrary<Command> = fc.oneof(
  fc.record({
    kind: fc.constant("indicator" as const),
    i: fc.integer({ min: 0, max: 1 }),
    name: fc.integer({ min: 0, max: 2 }),
    cadence: fc.constantFrom("monthly" as const, "quarterly" as const),
  }),
  fc.record({
    kind: fc.constant("plan" as const),
    p: fc.integer({ min: 0, max: 2 }),
    i: fc.integer({ min: 0, max: 1 }),
    target: fc.integer({ min: 1, max: 60 }),
    comparator: fc.constantFrom("at_least" as const, "at_most" as const),
    seasonal: fc.boolean(),
  }),
  fc.record({
    kind: fc.constant("figures" as const),
    i: fc.integer({ min: 0, max: 1 }),
    figures: fc.array(figure, { minLength: 1, maxLength: 3 }),
  }),
);

interface ServedPlan {
  plan: {
    id: string;
    indicator_id: string;
    revision: number;
    period_start: string;
    period_end: string;
    target: number;
    comparator: "at_least" | "at_most";
    phasing: "linear" | { monthly_weights: number[] };
    thresholds: Record<string, number> | null;
    baseline: { value: number; date: string } | null;
  };
  evaluation: {
    status: string;
    attainment: number | null;
    pace: number | null;
    projection: number | null;
    expected_fraction: number | null;
    freshness: { stale: boolean; next_due: string | null };
    actual: { id: number } | null;
  };
}

const WEIGHTS = [1, 1, 2, 2, 2, 3, 3, 3, 2, 2, 1, 1];

it("after any sequence of valid writes, /api/status is the engine over the stored rows, and nothing sent is lost", async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom<Measure>("flow", "level", "rate"),
      fc.array(command, { minLength: 1, maxLength: 10 }),
      month.chain((m) => day(m).map((d) => iso(m, d))),
      async (measure, commands, asOf) => {
        const scope = uid("scope");
        const indicatorIds = [uid("ind"), uid("ind")];
        const planIds = [uid("plan"), uid("plan"), uid("plan")];
        const created = new Set<string>();
        /** Per plan: its indicator, and the target of every revision, in order. */
        const plans = new Map<string, { indicator: string; targets: number[]; last: string }>();
        const sent = new Map<string, Set<string>>();
        const ensureIndicator = async (id: string) => {
          if (created.has(id)) return;
          const res = await send(
            "PUT",
            `/api/indicators/${id}`,
            indicatorBody({ scope, measure, unit: measure === "rate" ? "%" : "USD" }),
          );
          expect(res.status).toBe(201);
          created.add(id);
        };
        for (const c of commands) {
          if (c.kind === "indicator") {
            const id = indicatorIds[c.i] as string;
            const res = await send(
              "PUT",
              `/api/indicators/${id}`,
              indicatorBody({
                scope,
                measure,
                unit: measure === "rate" ? "%" : "USD",
                name: `Indicator ${c.name}`,
                cadence: c.cadence,
              }),
            );
            expect([200, 201]).toContain(res.status);
            created.add(id);
          } else if (c.kind === "plan") {
            const id = planIds[c.p] as string;
            // A plan keeps its indicator: later commands for it use the first one.
            const indicator = plans.get(id)?.indicator ?? (indicatorIds[c.i] as string);
            await ensureIndicator(indicator);
            const body = {
              indicator_id: indicator,
              period_start: "2024-01-01",
              period_end: "2024-12-31",
              target: c.target,
              comparator: c.comparator,
              phasing: c.seasonal ? { monthly_weights: WEIGHTS } : "linear",
            };
            const res = await send("PUT", `/api/plans/${id}`, body);
            expect([200, 201]).toContain(res.status);
            const key = JSON.stringify(body);
            const model = plans.get(id);
            if (!model) plans.set(id, { indicator, targets: [c.target], last: key });
            else if (model.last !== key) {
              model.targets.push(c.target);
              model.last = key;
            }
          } else {
            const id = indicatorIds[c.i] as string;
            await ensureIndicator(id);
            const bodies = c.figures.map((f) => toBody(id, f));
            const res = await postActuals(bodies);
            expect([200, 201]).toContain(res.status);
            const set = sent.get(id) ?? new Set<string>();
            for (const b of bodies) set.add(JSON.stringify(b));
            sent.set(id, set);
          }
        }

        // Nothing sent is lost: every distinct figure is a vintage ...
        for (const [id, figures] of sent) {
          const stored = (await (
            await call(`/api/indicators/${id}/actuals?revisions=all`)
          ).json()) as {
            actuals: StoredActual[];
          };
          expect(stored.actuals).toHaveLength(figures.size);
        }
        // ... and every changed plan a revision, in order, each recorded in the audit log.
        for (const [id, model] of plans) {
          const detail = (await (await call(`/api/plans/${id}`)).json()) as {
            plan: { revision: number };
            revisions: { revision: number; plan: { target: number } }[];
          };
          expect(detail.revisions.map((r) => r.revision)).toEqual(
            model.targets.map((_, i) => i + 1),
          );
          expect(detail.revisions.map((r) => r.plan.target)).toEqual(model.targets);
          expect(detail.plan.revision).toBe(model.targets.length);
          expect(await auditOf("plan", id)).toHaveLength(model.targets.length);
        }

        const status = (await (await call(`/api/status?scope=${scope}&as_of=${asOf}`)).json()) as {
          plans: ServedPlan[];
        };
        expect(status.plans.map((p) => p.plan.id).sort()).toEqual([...plans.keys()].sort());
        for (const served of status.plans) {
          const indicator = (await (
            await call(`/api/indicators/${served.plan.indicator_id}`)
          ).json()) as {
            measure: Measure;
            cadence: "monthly" | "quarterly" | "annual";
          };
          const vintages = (
            (await (
              await call(`/api/indicators/${served.plan.indicator_id}/actuals?revisions=all`)
            ).json()) as {
              actuals: StoredActual[];
            }
          ).actuals;
          const p = served.plan;
          const expected = evaluatePlan(
            {
              id: p.id,
              measure: indicator.measure,
              cadence: indicator.cadence,
              periodStart: p.period_start,
              periodEnd: p.period_end,
              target: p.target,
              comparator: p.comparator,
              phasing:
                p.phasing === "linear"
                  ? { kind: "linear" }
                  : { kind: "monthly_weights", weights: p.phasing.monthly_weights },
              thresholds: p.thresholds,
              baseline: p.baseline,
            },
            vintages.map((a) => ({
              id: a.id,
              periodStart: a.period_start,
              periodEnd: a.period_end,
              value: a.value,
              status: a.status,
              reportedAt: a.reported_at,
            })),
            asOf,
          );
          const e = served.evaluation;
          expect(e.status, p.id).toBe(expected.status);
          expect(e.attainment).toBe(expected.attainment);
          expect(e.pace).toBe(expected.pace);
          expect(e.projection).toBe(expected.projection);
          expect(e.expected_fraction).toBe(expected.expectedFraction);
          expect(e.freshness.stale).toBe(expected.freshness.stale);
          expect(e.freshness.next_due).toBe(expected.freshness.nextDue);
          expect(e.actual?.id ?? null).toBe(expected.actual?.id ?? null);
        }
      },
    ),
    { numRuns: 60 },
  );
}, 120_000);

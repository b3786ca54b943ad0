import { toDayNumber } from "../domain/dates";
import { STATUSES } from "../domain/vocabulary";
import {
  FIGURES,
  type FigureDefinition,
  type FigureKey,
  type PlanStatusOut,
} from "../schemas/evaluation";
import type { MetricFamily, Sample } from "./exposition";

/** What the metrics need of one evaluated plan: its entry in GET /api/status. */
export type PlanMetricInput = Pick<PlanStatusOut, "plan" | "indicator" | "evaluation">;

const SECONDS_PER_DAY = 86_400;

/**
 * One family per figure, labelled so that a dashboard can slice by plan, indicator, scope and
 * unit. Figures a plan does not have (no data yet, no projection for a level) are left out
 * rather than exported as NaN, so Prometheus's `absent()` can tell them apart.
 */
export function planMetricFamilies(
  plans: readonly PlanMetricInput[],
  asOf: string,
): MetricFamily[] {
  const labelsOf = (p: PlanMetricInput) => ({
    plan: p.plan.id,
    indicator: p.indicator.id,
    scope: p.indicator.scope,
    unit: p.indicator.unit,
  });
  const family = (
    name: string,
    help: string,
    value: (p: PlanMetricInput) => number | null,
  ): MetricFamily => ({
    name,
    help,
    type: "gauge",
    samples: plans.flatMap((p): Sample[] => {
      const v = value(p);
      return v === null ? [] : [{ labels: labelsOf(p), value: v }];
    }),
  });
  const asOfDay = toDayNumber(asOf);
  return [
    // Every figure the catalogue marks for export, in its order.
    ...FIGURES.flatMap((f: FigureDefinition) =>
      f.metric
        ? [
            family(
              `target_monitor_plan_${f.metric.name}`,
              f.metric.help,
              (p) => p.evaluation[f.key as FigureKey],
            ),
          ]
        : [],
    ),
    family(
      "target_monitor_plan_target",
      "The target, in base units of the unit label.",
      (p) => p.plan.target,
    ),
    family(
      "target_monitor_plan_actual",
      "The latest reported actual the evaluation used, in base units of the unit label.",
      (p) => p.evaluation.actual?.value ?? null,
    ),
    family(
      "target_monitor_plan_actual_age_seconds",
      "Time since the latest actual the evaluation used was reported.",
      (p) =>
        p.evaluation.actual
          ? (asOfDay - toDayNumber(p.evaluation.actual.reported_at.slice(0, 10))) * SECONDS_PER_DAY
          : null,
    ),
    family(
      "target_monitor_plan_stale",
      "1 when the next figure is overdue past its grace period.",
      (p) => (p.evaluation.freshness.stale ? 1 : 0),
    ),
    {
      name: "target_monitor_plan_status",
      help: "The plan's status as a state set: 1 for the current status, 0 for the others.",
      type: "gauge",
      samples: plans.flatMap((p) =>
        STATUSES.map((status) => ({
          labels: { ...labelsOf(p), status },
          value: p.evaluation.status === status ? 1 : 0,
        })),
      ),
    },
  ];
}

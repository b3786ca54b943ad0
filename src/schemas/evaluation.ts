import { z } from "@hono/zod-openapi";
import type { Evaluation } from "../domain/types";
import { PROGRESS_LABELS, STATUSES } from "../domain/vocabulary";
import { ActualSchema } from "./actual";
import { IndicatorSchema } from "./indicator";
import { PlanSchema } from "./plan";

/** How a figure reads: a share (84.58%), an amount in the indicator's unit, points, months. */
export type FigureKind = "ratio" | "amount" | "points" | "months";

/**
 * One number the engine reports about a plan. This catalogue is the single place a figure is
 * declared: the JSON answers, webhook payloads, /metrics and the plan page all list what it
 * lists, in its order.
 */
export interface FigureDefinition {
  /** Its key in every JSON answer and webhook payload. */
  key: string;
  kind: FigureKind;
  description: string;
  /** Its name on the plan page, where the page has no tailored line for it. */
  label: { en: string; vi: string };
  read: (evaluation: Evaluation) => number | null;
  /** Exported at /metrics as `target_monitor_plan_<name>` when set. */
  metric?: { name: string; help: string };
}

export const FIGURES = [
  {
    key: "attainment",
    kind: "ratio",
    description: "actual ÷ target",
    label: { en: "Attainment", vi: "Tỷ lệ hoàn thành" },
    read: (e) => e.attainment,
    metric: { name: "attainment_ratio", help: "Latest actual divided by the target." },
  },
  {
    key: "expected_fraction",
    kind: "ratio",
    description: "Share of the target the phasing expects by the actual's period end.",
    label: { en: "Share expected by then", vi: "Tỷ lệ dự kiến đến thời điểm đó" },
    read: (e) => e.expectedFraction,
  },
  {
    key: "expected_to_date",
    kind: "amount",
    description: "target × expected_fraction",
    label: { en: "Expected by then", vi: "Dự kiến đến thời điểm đó" },
    read: (e) => e.expectedToDate,
  },
  {
    key: "pace",
    kind: "ratio",
    description: "actual ÷ expected_to_date",
    label: { en: "Pace vs expected", vi: "Tiến độ so với dự kiến" },
    read: (e) => e.pace,
    metric: {
      name: "pace_ratio",
      help: "Latest actual divided by what the phasing expected by its period end.",
    },
  },
  {
    key: "projection",
    kind: "amount",
    description: "Where the period ends if the current pace holds.",
    label: { en: "Projection for the period", vi: "Dự báo cả kỳ" },
    read: (e) => e.projection,
  },
  {
    key: "projected_attainment",
    kind: "ratio",
    description: "projection ÷ target",
    label: { en: "Projected attainment", vi: "Tỷ lệ hoàn thành dự báo" },
    read: (e) => e.projectedAttainment,
    metric: {
      name: "projected_attainment_ratio",
      help: "Projection for the whole period, at the current pace, divided by the target.",
    },
  },
  {
    key: "months_remaining",
    kind: "months",
    description: "Calendar months from the actual's period end to the plan's end.",
    label: { en: "Remaining months", vi: "Số tháng còn lại" },
    read: (e) => e.monthsRemaining,
  },
  {
    key: "required_monthly_rate",
    kind: "amount",
    description: "What each remaining month must add to meet the target.",
    label: { en: "Needed per remaining month", vi: "Cần thêm mỗi tháng còn lại" },
    read: (e) => e.requiredMonthlyRate,
  },
  {
    key: "gap_pp",
    kind: "points",
    description: "Rate measures: actual − target in percentage points.",
    label: { en: "Gap to target", vi: "Chênh lệch so với mục tiêu" },
    read: (e) => e.gapPp,
  },
] as const satisfies readonly FigureDefinition[];

export type FigureKey = (typeof FIGURES)[number]["key"];
export type FigureValues = { [K in FigureKey]: number | null };

/** The catalogue's figures as zod fields, in its order. */
function figureFields(): { [K in FigureKey]: z.ZodNullable<z.ZodNumber> } {
  return Object.fromEntries(
    FIGURES.map((f) => [f.key, z.number().nullable().openapi({ description: f.description })]),
  ) as { [K in FigureKey]: z.ZodNullable<z.ZodNumber> };
}

export const FreshnessSchema = z.object({
  last_period_end: z.string().nullable(),
  next_due: z.string().nullable(),
  stale_after: z.string().nullable(),
  stale: z.boolean(),
});

const num = z.number().nullable();

export const EvaluationSchema = z
  .object({
    plan_id: z.string(),
    as_of: z.string(),
    status: z.enum(STATUSES),
    ...figureFields(),
    progress: z
      .object({
        label: z.enum(PROGRESS_LABELS),
        observed_cagr: num,
        required_cagr: num,
        ratio: num,
      })
      .nullable(),
    freshness: FreshnessSchema,
    warnings: z.array(
      z.object({
        code: z.string(),
        reported: z.number(),
        computed: z.number(),
        difference_pp: z.number(),
      }),
    ),
    actual: ActualSchema.nullable(),
  })
  .openapi("Evaluation");

export const PlanStatusSchema = z
  .object({
    plan: PlanSchema,
    indicator: IndicatorSchema,
    evaluation: EvaluationSchema,
  })
  .openapi("PlanStatus");

export const StatusSchema = z
  .object({
    as_of: z.string(),
    data_version: z.number().int(),
    summary: z.record(z.string(), z.number()),
    plans: z.array(PlanStatusSchema),
  })
  .openapi("Status");

export type EvaluationOut = z.infer<typeof EvaluationSchema>;
export type PlanStatusOut = z.infer<typeof PlanStatusSchema>;

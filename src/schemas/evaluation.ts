import { z } from "@hono/zod-openapi";
import type { Evaluation } from "../domain/types";
import { ACTUAL_STATUSES, PROGRESS_LABELS, STATUSES } from "../domain/vocabulary";
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
  {
    key: "yoy_growth",
    kind: "ratio",
    description:
      "Flow and level measures: actual ÷ the figure for the same period one year earlier − 1 (0.3201 = +32.01%), from the stored prior-year figure known at as_of.",
    label: { en: "On the same period last year", vi: "So với cùng kỳ năm trước" },
    read: (e) => e.yearOnYear?.growth ?? null,
    metric: {
      name: "yoy_growth_ratio",
      help: "Growth of the latest actual on the same period one year earlier (0.32 = +32%).",
    },
  },
  {
    key: "prior_year_value",
    kind: "amount",
    description: "The stored figure for the same period one year earlier that yoy_growth uses.",
    label: { en: "Same period last year", vi: "Cùng kỳ năm trước" },
    read: (e) => e.yearOnYear?.prior?.value ?? null,
  },
  {
    key: "implied_prior_year_value",
    kind: "amount",
    description:
      "Only when no prior-year figure is on file: the value the printed growth implies, actual ÷ (1 + reported_yoy). Derived, not reported.",
    label: {
      en: "Same period last year (implied by the printed growth)",
      vi: "Cùng kỳ năm trước (suy ra từ tốc độ tăng đã công bố)",
    },
    read: (e) => e.yearOnYear?.impliedPrior ?? null,
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

export const WarningSchema = z.object({
  code: z.enum(["reported_attainment_mismatch", "reported_yoy_mismatch"]).openapi({
    description:
      "A ratio the source printed that its own figures contradict: its share of plan (`reported_attainment` against attainment) or its growth on the same period last year (`reported_yoy` against yoy_growth).",
  }),
  reported: z.number(),
  computed: z.number(),
  difference_pp: z.number(),
});

export const LastReadingSchema = z.enum(STATUSES).nullable().openapi({
  description:
    "With status `period_over`: the status the last figure gave on pace while the period ran (`ahead` for a Jan–Sep figure ahead of pace). Null otherwise.",
});

const PeriodSchema = z.object({ start: z.string(), end: z.string() });

export const YearOnYearSchema = z
  .object({
    prior_period: PeriodSchema.nullable().openapi({
      description:
        "The same period one year earlier, both ends shifted (month ends stay month ends).",
    }),
    prior: z
      .object({
        id: z.number().int(),
        value: z.number(),
        period_start: z.string(),
        period_end: z.string(),
        status: z.enum(ACTUAL_STATUSES),
        reported_at: z.string(),
      })
      .nullable()
      .openapi({ description: "The stored prior-year figure used: its latest vintage by as_of." }),
    reported: num.openapi({ description: "The growth the source printed (`reported_yoy`)." }),
    implied: z.boolean().openapi({
      description:
        "No prior-year figure is on file, so implied_prior_year_value is derived from the printed growth.",
    }),
  })
  .nullable()
  .openapi({ description: "Flow and level measures with a figure; null for rates." });

export const HistoryPhasingSchema = z
  .object({
    kind: z.enum(["history", "linear"]).openapi({
      description: "`history` when the seasonal profile was used, `linear` when it fell back.",
    }),
    years_used: z.array(z.number().int()).openapi({
      description: "The complete calendar years averaged (or, on a fallback, the too few found).",
    }),
    shares: z.array(z.number()).nullable().openapi({
      description: "Expected cumulative share of a year's total by each month end, January first.",
    }),
    fallback_reason: z.string().nullable(),
    years_skipped: z.array(
      z.object({
        year: z.number().int(),
        code: z.enum(["missing_months", "unusable_total", "falling_total"]),
        months: z.array(z.number().int()),
      }),
    ),
  })
  .nullable()
  .openapi({
    description: "Plans with `phasing: history`: the profile used, or why it fell back.",
  });

export const EvaluationSchema = z
  .object({
    plan_id: z.string(),
    as_of: z.string(),
    status: z.enum(STATUSES),
    last_reading: LastReadingSchema,
    ...figureFields(),
    progress: z
      .object({
        label: z.enum(PROGRESS_LABELS),
        observed_cagr: num,
        required_cagr: num,
        ratio: num,
      })
      .nullable(),
    year_on_year: YearOnYearSchema,
    history_phasing: HistoryPhasingSchema,
    freshness: FreshnessSchema,
    warnings: z.array(WarningSchema),
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
    summary: z
      .record(z.string(), z.number())
      .optional()
      .openapi({ description: "Counts by status of every matching plan; absent from pages" }),
    plans: z
      .array(PlanStatusSchema.partial())
      .optional()
      .openapi({ description: "Each plan with the fields asked for (all by default)" }),
    next_cursor: z.string().nullable().optional().openapi({
      description: "On a page: the cursor to the next page, null on the last",
    }),
  })
  .openapi("Status");

export type EvaluationOut = z.infer<typeof EvaluationSchema>;
export type PlanStatusOut = z.infer<typeof PlanStatusSchema>;

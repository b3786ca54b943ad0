import { z } from "@hono/zod-openapi";
import { PROGRESS_LABELS, STATUSES } from "../../domain/types";
import { ActualSchema } from "./actual";
import { IndicatorSchema } from "./indicator";
import { PlanSchema } from "./plan";

const num = z.number().nullable();

export const EvaluationSchema = z
  .object({
    plan_id: z.string(),
    as_of: z.string(),
    status: z.enum(STATUSES),
    attainment: num.openapi({ description: "actual ÷ target" }),
    expected_fraction: num.openapi({
      description: "Share of the target the phasing expects by the actual's period end.",
    }),
    expected_to_date: num.openapi({ description: "target × expected_fraction" }),
    pace: num.openapi({ description: "actual ÷ expected_to_date" }),
    projection: num.openapi({ description: "Where the period ends if the current pace holds." }),
    projected_attainment: num,
    months_remaining: num,
    required_monthly_rate: num.openapi({
      description: "What each remaining month must add to meet the target.",
    }),
    gap_pp: num.openapi({ description: "Rate measures: actual − target in percentage points." }),
    progress: z
      .object({
        label: z.enum(PROGRESS_LABELS),
        observed_cagr: num,
        required_cagr: num,
        ratio: num,
      })
      .nullable(),
    freshness: z.object({
      last_period_end: z.string().nullable(),
      next_due: z.string().nullable(),
      stale_after: z.string().nullable(),
      stale: z.boolean(),
    }),
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

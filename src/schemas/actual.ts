import { z } from "@hono/zod-openapi";
import { ACTUAL_STATUSES } from "../domain/vocabulary";
import {
  checkScaled,
  IsoDateSchema,
  longTextSchema,
  ScaleSchema,
  SlugSchema,
  SourceSchema,
} from "./common";

/** Ratios the source printed, as fractions: 0.8458 for "84.58% of plan". */
const RatioSchema = z.number().min(-100).max(100);

export const MAX_ACTUALS_PER_REQUEST = 1000;

export const ActualInputSchema = z
  .object({
    indicator_id: SlugSchema,
    period_start: IsoDateSchema.openapi({ example: "2024-01-01" }),
    period_end: IsoDateSchema.openapi({ example: "2024-09-30" }),
    value: z.number().openapi({ example: 2326 }),
    scale: ScaleSchema.optional(),
    status: z.enum(ACTUAL_STATUSES).openapi({ example: "estimate" }),
    reported_at: IsoDateSchema.openapi({ description: "When the source published this figure." }),
    source: SourceSchema.optional(),
    reported_attainment: RatioSchema.optional().openapi({
      description: "Attainment the source itself reported, as a fraction (0.8458).",
    }),
    reported_yoy: RatioSchema.optional().openapi({
      description: "Year-on-year growth the source reported, as a fraction (0.3201).",
    }),
    note: longTextSchema(4000).optional(),
  })
  .strict()
  .superRefine((a, ctx) => {
    checkScaled(ctx, ["value"], a.value, a.scale);
    if (a.period_end < a.period_start) {
      ctx.addIssue({ code: "custom", path: ["period_end"], message: "Ends before it starts." });
    }
    if (a.reported_at < a.period_start) {
      ctx.addIssue({
        code: "custom",
        path: ["reported_at"],
        message: "A figure cannot be reported before its period begins.",
      });
    }
  })
  .openapi("ActualInput");

export const ActualBatchSchema = z
  .union([ActualInputSchema, z.array(ActualInputSchema).min(1).max(MAX_ACTUALS_PER_REQUEST)])
  .openapi({ description: "One actual, or an array of up to 1,000 written all-or-nothing." });

export type ActualBody = z.infer<typeof ActualInputSchema>;

export const ActualSchema = z
  .object({
    id: z.number().int(),
    indicator_id: z.string(),
    period_start: z.string(),
    period_end: z.string(),
    value: z.number(),
    status: z.enum(ACTUAL_STATUSES),
    reported_at: z.string(),
    source: z.string().nullable(),
    reported_attainment: z.number().nullable(),
    reported_yoy: z.number().nullable(),
    note: z.string().nullable(),
    created_at: z.string(),
  })
  .openapi("Actual");

export type ActualOut = z.infer<typeof ActualSchema>;

/** A figure as the API answers it: the stored vintage, and whether it came by its due date. */
export const ReceivedFigureSchema = ActualSchema.extend({
  due: z.string().openapi({
    description:
      "When this vintage was due under the indicator's release rule (its cadence's default lag without one).",
    example: "2024-09-06",
  }),
  days_late: z.number().int().min(0).openapi({
    description: "Days after `due` it was reported (the date of `reported_at`); 0 when on time.",
  }),
}).openapi("ReceivedFigure");

export type ReceivedFigureOut = z.infer<typeof ReceivedFigureSchema>;

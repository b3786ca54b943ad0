import { z } from "@hono/zod-openapi";
import { COMPARATORS } from "../domain/vocabulary";
import {
  checkScaled,
  IsoDateSchema,
  longTextSchema,
  ScaleSchema,
  SlugSchema,
  SourceSchema,
  textSchema,
} from "./common";

const PhasingInputSchema = z
  .union([
    z.literal("linear"),
    z.literal("history"),
    z
      .object({
        monthly_weights: z
          .array(z.number().min(0))
          .length(12, "Give twelve weights, January first.")
          .refine((w) => w.some((x) => x > 0), "At least one weight must be above zero.")
          // Each month's share is its weight over the sum, which must be a number: twelve
          // weights of 1e308 add up to Infinity and every share to zero.
          .refine(
            (w) => Number.isFinite(w.reduce((sum, x) => sum + x, 0)),
            "The weights add up to more than a number can hold; scale them down.",
          ),
      })
      .strict(),
  ])
  .openapi({
    description:
      "How the target is spread over the period: `linear` by calendar days; twelve monthly weights (January first) for seasonal indicators; or `history` (flow indicators only): the average cumulative share of each month in the indicator's last (up to) three complete years before the plan starts, falling back to linear, and saying why, when fewer than two are on file.",
  });

const ThresholdsSchema = z
  .object({
    ahead: z.number().positive().max(10),
    on_track: z.number().positive().max(10),
    at_risk: z.number().positive().max(10),
    ahead_pp: z.number().min(0).max(100),
    on_track_pp: z.number().min(0).max(100),
    at_risk_pp: z.number().min(0).max(100),
  })
  .partial()
  .strict()
  .openapi({
    description:
      "Overrides of the status boundaries. Ratios (pace) for flow and level measures, defaults ahead 1.10, on_track 0.95, at_risk 0.85; percentage points for rate measures, defaults ahead_pp 0.5, on_track_pp 0.5, at_risk_pp 1.5.",
  });

const PlanFieldsSchema = z.object({
  indicator_id: SlugSchema,
  title: textSchema(200).optional(),
  period_start: IsoDateSchema.openapi({ example: "2024-01-01" }),
  period_end: IsoDateSchema.openapi({ example: "2024-12-31" }),
  target: z.number().openapi({ example: 2.75 }),
  scale: ScaleSchema.optional().openapi({ example: "billion" }),
  comparator: z.enum(COMPARATORS).default("at_least"),
  phasing: PhasingInputSchema.default("linear"),
  thresholds: ThresholdsSchema.optional(),
  baseline: z
    .object({ value: z.number(), date: IsoDateSchema })
    .strict()
    .optional()
    .openapi({ description: "For multi-year targets: the starting value and its date." }),
  source: SourceSchema.optional(),
  note: longTextSchema(4000).optional(),
});

type PlanFields = z.infer<typeof PlanFieldsSchema>;

/** Rules that span fields; each problem names the field a person has to fix. */
function checkPlan(plan: PlanFields, ctx: z.RefinementCtx) {
  checkScaled(ctx, ["target"], plan.target, plan.scale);
  if (plan.baseline) checkScaled(ctx, ["baseline", "value"], plan.baseline.value, plan.scale);
  if (plan.period_end < plan.period_start) {
    ctx.addIssue({ code: "custom", path: ["period_end"], message: "Ends before it starts." });
  }
  if (plan.baseline && plan.baseline.date > plan.period_end) {
    ctx.addIssue({
      code: "custom",
      path: ["baseline", "date"],
      message: "The baseline must be dated before the period ends.",
    });
  }
  const t = plan.thresholds;
  if (t) {
    const order = [t.ahead ?? 1.1, t.on_track ?? 0.95, t.at_risk ?? 0.85];
    if (!(order[0]! >= order[1]! && order[1]! >= order[2]!)) {
      ctx.addIssue({
        code: "custom",
        path: ["thresholds"],
        message: "Needs ahead ≥ on_track ≥ at_risk.",
      });
    }
    if ((t.on_track_pp ?? 0.5) > (t.at_risk_pp ?? 1.5)) {
      ctx.addIssue({
        code: "custom",
        path: ["thresholds"],
        message: "Needs on_track_pp ≤ at_risk_pp.",
      });
    }
  }
}

export const PlanCreateSchema = PlanFieldsSchema.extend({
  id: SlugSchema.optional().openapi({
    description: "Defaults to `<indicator_id>.<period>` such as `nghe-an.goods-exports.2024`.",
  }),
})
  .strict()
  .superRefine(checkPlan)
  .openapi("PlanCreate");

export const PlanReviseSchema = PlanFieldsSchema.strict()
  .superRefine(checkPlan)
  .openapi("PlanRevise");

export type PlanBody = z.infer<typeof PlanReviseSchema>;

export const PhasingSchema = z.union([
  z.literal("linear"),
  z.literal("history"),
  z.object({ monthly_weights: z.array(z.number()) }),
]);

export const PlanSchema = z
  .object({
    id: z.string(),
    indicator_id: z.string(),
    revision: z.number().int(),
    title: z.string().nullable(),
    period_start: z.string(),
    period_end: z.string(),
    target: z.number(),
    comparator: z.enum(COMPARATORS),
    phasing: PhasingSchema,
    thresholds: z.record(z.string(), z.number()).nullable(),
    baseline: z.object({ value: z.number(), date: z.string() }).nullable(),
    source: z.string().nullable(),
    note: z.string().nullable(),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .openapi("Plan");

export type PlanOut = z.infer<typeof PlanSchema>;

export const PlanRevisionSchema = z
  .object({ revision: z.number().int(), created_at: z.string(), plan: PlanSchema })
  .openapi("PlanRevision");

export type PlanRevisionOut = z.infer<typeof PlanRevisionSchema>;

import { z } from "@hono/zod-openapi";
import { releaseRuleProblem } from "../domain/release-rules";
import type { ReleaseRule } from "../domain/types";
import { ACTUAL_STATUSES } from "../domain/vocabulary";
import { IsoDateSchema } from "./common";

const DueOffsetSchema = z
  .discriminatedUnion("kind", [
    z.object({ kind: z.literal("days_after"), days: z.number().int() }).strict(),
    z
      .object({
        kind: z.literal("day_of_month"),
        months_after: z.number().int(),
        day: z.number().int(),
        anchor: z.enum(["period_end", "year_end"]).optional(),
      })
      .strict(),
  ])
  .openapi("DueOffset", {
    description:
      'When a release is due after the period\'s last day: `{"kind":"days_after","days":45}`, or a day of a month counted from the month the period ends in (`{"kind":"day_of_month","months_after":1,"day":6}` is "day 6 of the next month"; a day past the month\'s end is its last day).',
  });

/**
 * An indicator's release calendar. The shape is checked by zod and the meaning (days in range,
 * vintages in order, a later vintage never due before an earlier one, one schedule per
 * effective date) by the engine's own `releaseRuleProblem`, so the API and the monitor cannot
 * disagree on what a valid rule is.
 */
export const ReleaseRuleSchema = z
  .object({
    schedules: z
      .array(
        z
          .object({
            effective_from: IsoDateSchema.nullable().openapi({
              description:
                "The first period end this schedule governs (null: since always). The schedule in force on a period's last day sets every due date of that period.",
              example: "2024-08-01",
            }),
            releases: z.array(
              z.object({ vintage: z.enum(ACTUAL_STATUSES), due: DueOffsetSchema }).strict(),
            ),
            roll_to_working_day: z.boolean().optional(),
          })
          .strict(),
      )
      .max(20),
  })
  .strict()
  .superRefine((rule, ctx) => {
    const problem = releaseRuleProblem(rule as ReleaseRule);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  })
  .openapi("ReleaseRule", {
    description:
      "When each period's figure is due. Without one, a figure is due 30, 45 or 90 days after a month, quarter or year ends.",
    example: {
      schedules: [
        {
          effective_from: null,
          releases: [
            { vintage: "estimate", due: { kind: "day_of_month", months_after: 0, day: 29 } },
          ],
        },
        {
          effective_from: "2024-08-01",
          releases: [
            { vintage: "estimate", due: { kind: "day_of_month", months_after: 1, day: 6 } },
          ],
        },
      ],
    },
  });

// The wire contracts of the completeness and comparison views.
import { z } from "@hono/zod-openapi";
import { CELL_STATES } from "../domain/completeness";
import { LEAGUE_KEYS } from "../domain/league-table";
import { ACTUAL_STATUSES, CADENCES, STATUSES } from "../domain/vocabulary";

const rate = z.number().nullable();

const TallySchema = z.object({
  expected: z.number().int(),
  received: z.number().int(),
  on_time: z.number().int(),
  late: z.number().int(),
  missing: z.number().int(),
  not_yet_due: z.number().int(),
  reporting_rate: rate.openapi({
    description: "received ÷ expected (DHIS2's reporting rate); null when nothing is expected.",
  }),
  timeliness_rate: rate.openapi({
    description:
      "on time ÷ expected (DHIS2's reporting rate on time): the same denominator, so it never exceeds the reporting rate.",
  }),
});

export const CompletenessSchema = z
  .object({
    period: z.object({
      label: z.string().openapi({ example: "2024-09" }),
      cadence: z.enum(CADENCES),
      start: z.string(),
      end: z.string(),
    }),
    as_of: z.string(),
    data_version: z.number().int(),
    overall: TallySchema,
    areas: z.array(
      TallySchema.extend({ area: z.string(), name: z.string(), name_vi: z.string().nullable() }),
    ),
    cells: z.array(
      z.object({
        area: z.string(),
        indicator_id: z.string(),
        indicator_name: z.string(),
        vintage: z.enum(ACTUAL_STATUSES),
        due: z.string(),
        state: z.enum(CELL_STATES).openapi({
          description:
            "on_time: in by its due date; late: in after it; missing: not in and overdue; not_yet_due: not in, still counted as expected.",
        }),
        reported_on: z.string().nullable(),
        days_late: z.number().int().nullable(),
        days_overdue: z.number().int().nullable(),
        days_until_due: z.number().int().nullable(),
      }),
    ),
  })
  .openapi("Completeness");

export const ConceptSchema = z
  .object({
    concept: z.string(),
    as_of: z.string(),
    data_version: z.number().int(),
    by: z.enum(LEAGUE_KEYS),
    order: z.enum(["asc", "desc"]),
    period: z.object({ start: z.string(), end: z.string() }).nullable().openapi({
      description: "The period compared: the figures ending on its last day.",
    }),
    region: z
      .object({
        area: z.string(),
        name: z.string(),
        name_vi: z.string().nullable(),
        indicator_id: z.string(),
        value: z.number().nullable(),
        growth: z.number().nullable(),
      })
      .nullable(),
    counts: z.object({
      areas: z.number().int().openapi({ description: "Every area listed: the M of “N of M”." }),
      with_growth: z.number().int(),
      grew: z.number().int(),
      above_region: z.number().int().nullable(),
    }),
    areas: z.array(
      z.object({
        rank: z.number().int().nullable(),
        tied: z.boolean(),
        area: z.string(),
        name: z.string(),
        name_vi: z.string().nullable(),
        indicator_id: z.string(),
        unit: z.string(),
        plan_id: z.string().nullable(),
        status: z.enum(STATUSES).nullable(),
        value: z.number().nullable(),
        growth: z.number().nullable().openapi({
          description:
            "Year-on-year growth (0.21 for +21%): as printed, else from last year's figure.",
        }),
        share: z.number().nullable().openapi({ description: "value ÷ the region's value." }),
        grew: z.boolean().nullable(),
        above_region: z.boolean().nullable(),
        attainment: z.number().nullable(),
        pace: z.number().nullable(),
        period_start: z.string().nullable(),
        period_end: z.string().nullable(),
        reported_at: z.string().nullable(),
        source: z.string().nullable(),
      }),
    ),
  })
  .openapi("ConceptComparison");

export type CompletenessOut = z.infer<typeof CompletenessSchema>;
export type ConceptOut = z.infer<typeof ConceptSchema>;

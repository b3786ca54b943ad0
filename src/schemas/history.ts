import { z } from "@hono/zod-openapi";
import { STATUSES } from "../domain/vocabulary";
import { FiguresSchema } from "./event";

/**
 * Why a plan's judgment moved: its first sighting, a figure for a new period, a revised figure
 * for a period already on file, a revised target, or only the passing of time (the pace a
 * date implies, a figure falling due, a period ending).
 */
export const HISTORY_CAUSES = [
  "first_seen",
  "new_figure",
  "revised_figure",
  "plan_revised",
  "time_passed",
] as const;
export type HistoryCause = (typeof HISTORY_CAUSES)[number];

export const HistoryEntrySchema = z
  .object({
    version: z.number().int(),
    recorded_at: z.string().openapi({ description: "The cron run that saw the change." }),
    as_of: z.string(),
    status: z.enum(STATUSES),
    previous_status: z.enum(STATUSES).nullable(),
    stale: z.boolean(),
    cause: z.enum(HISTORY_CAUSES),
    figures: FiguresSchema,
  })
  .openapi("HistoryEntry");

export const PlanHistorySchema = z
  .object({
    plan_id: z.string(),
    entries: z.array(HistoryEntrySchema),
    next_before: z.number().int().nullable().openapi({
      description: "Pass as `before` for the next (older) page; null on the last page.",
    }),
  })
  .openapi("PlanHistory");

export type HistoryEntryOut = z.infer<typeof HistoryEntrySchema>;

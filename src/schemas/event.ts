import { z } from "@hono/zod-openapi";
import {
  ACTUAL_STATUSES,
  COMPARATORS,
  EVENT_TYPES,
  PLAN_EVENT_TYPES,
  SEVERITIES,
  STATUSES,
} from "../domain/vocabulary";
import { idCursorParam, limitParam, SlugSchema } from "./common";
import {
  EvaluationSchema,
  FIGURES,
  type FigureKey,
  FreshnessSchema,
  LastReadingSchema,
  WarningSchema,
} from "./evaluation";

const FIGURE_KEYS = Object.fromEntries(FIGURES.map((f) => [f.key, true])) as {
  [K in FigureKey]: true;
};

/**
 * The engine's figures at one evaluation, as webhooks carry them and the monitor stores them
 * with each event: what a chart or a notification shows.
 */
export const FiguresSchema = z
  .object({
    as_of: z.string(),
    status: z.enum(STATUSES),
    last_reading: LastReadingSchema,
    plan_revision: z.number().int(),
    ...EvaluationSchema.pick(FIGURE_KEYS).shape,
    actual: z
      .object({
        id: z.number().int(),
        value: z.number(),
        period_start: z.string(),
        period_end: z.string(),
        status: z.enum(ACTUAL_STATUSES),
        reported_at: z.string(),
      })
      .nullable(),
    freshness: FreshnessSchema,
    warnings: z.array(WarningSchema),
  })
  .openapi("EvaluationFigures");

export const PlanSummarySchema = z.object({
  id: z.string(),
  title: z.string().nullable(),
  period_start: z.string(),
  period_end: z.string(),
  target: z.number(),
  comparator: z.enum(COMPARATORS),
  revision: z.number().int(),
});

export const IndicatorSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  unit: z.string(),
  scope: z.string(),
  scope_name: z.string(),
  tags: z.array(z.string()),
});

/** The figure a `figure.due` or `figure.late` event is about. */
export const FigureNoticeSchema = z
  .object({
    indicator_id: z.string(),
    period_start: z.string(),
    period_end: z.string(),
    vintage: z.enum(ACTUAL_STATUSES),
    due: z.string().openapi({ description: "When it is due under the indicator's release rule." }),
    days_until_due: z.number().int().nullable(),
    days_late: z.number().int().nullable(),
  })
  .openapi("FigureNotice");

/** The `data` of a webhook body, stored with the event so every retry sends the same thing. */
export const EventDataSchema = z
  .object({
    id: z.string(),
    type: z.enum(PLAN_EVENT_TYPES),
    occurred_at: z.string(),
    plan: PlanSummarySchema,
    indicator: IndicatorSummarySchema,
    scope: z.string(),
    previous_status: z.enum(STATUSES).nullable(),
    status: z.enum(STATUSES),
    severity: z.enum(SEVERITIES),
    stale: z.boolean(),
    evaluation: FiguresSchema,
    /** The plan's page on the public status page. */
    link: z.string(),
    /** figure.due and figure.late: the figure owed. */
    figure: FigureNoticeSchema.optional(),
  })
  .openapi("EventData");

export type EvaluationFigures = z.infer<typeof FiguresSchema>;
export type PlanSummary = z.infer<typeof PlanSummarySchema>;
export type IndicatorSummary = z.infer<typeof IndicatorSummarySchema>;
export type EventData = z.infer<typeof EventDataSchema>;
export type FigureNoticeOut = z.infer<typeof FigureNoticeSchema>;

export const EventSchema = z
  .object({
    id: z.string().openapi({ description: "Stable; the webhook-id of every delivery of it." }),
    type: z.enum(EVENT_TYPES),
    occurred_at: z.string().openapi({ description: "The scheduled time of the run that saw it." }),
    plan_id: z.string(),
    indicator_id: z.string(),
    scope: z.string(),
    previous_status: z.enum(STATUSES).nullable(),
    status: z.enum(STATUSES),
    severity: z.enum(SEVERITIES),
    stale: z.boolean(),
    muted: z.boolean().openapi({ description: "A silence matched: recorded, not delivered." }),
    plan: PlanSummarySchema,
    indicator: IndicatorSummarySchema,
    evaluation: FiguresSchema,
    link: z.string(),
    figure: FigureNoticeSchema.optional(),
  })
  .openapi("Event");

export const EventPageSchema = z
  .object({
    events: z.array(EventSchema),
    next_before: z.string().nullable().openapi({
      description: "Pass as `before` for the next (older) page; null on the last page.",
    }),
  })
  .openapi("EventPage");

export const PageQuerySchema = z.object({
  before: idCursorParam(
    "An event id (from next_before) or an ISO timestamp: only older events.",
    64,
  ),
  limit: limitParam(),
});

export const EventQuerySchema = PageQuerySchema.extend({
  plan: SlugSchema.optional().openapi({ param: { name: "plan", in: "query" } }),
  scope: SlugSchema.optional().openapi({ param: { name: "scope", in: "query" } }),
  type: z
    .enum(EVENT_TYPES)
    .optional()
    .openapi({ param: { name: "type", in: "query" } }),
  severity: z
    .enum(SEVERITIES)
    .optional()
    .openapi({ param: { name: "severity", in: "query" } }),
  include_muted: z
    .enum(["true", "false"])
    .default("true")
    .openapi({ param: { name: "include_muted", in: "query" } }),
});

export const AlertStateSchema = z
  .object({
    status: z.enum(STATUSES),
    severity: z.enum(SEVERITIES),
    stale: z.boolean(),
    open: z.boolean().openapi({
      description: "An alert is open (at risk, off track or stale) and will be repeated.",
    }),
    status_since: z.string(),
    stale_since: z.string().nullable(),
    last_notified_at: z.string().nullable(),
    changed_at: z.string(),
    version: z.number().int(),
  })
  .openapi("AlertState");

export type EventOut = z.infer<typeof EventSchema>;
export type AlertStateOut = z.infer<typeof AlertStateSchema>;

import { z } from "@hono/zod-openapi";
import { isValidIsoDate } from "../domain/dates";
import { longTextSchema, SlugSchema } from "./common";

/** A date (midnight UTC starting that day) or a full ISO-8601 timestamp with its offset. */
const UntilSchema = z
  .string()
  .refine(
    (s) =>
      (/^\d{4}-\d{2}-\d{2}$/.test(s) && isValidIsoDate(s)) ||
      (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/.test(s) &&
        isValidIsoDate(s.slice(0, 10)) &&
        !Number.isNaN(Date.parse(s))),
    "Use a date (YYYY-MM-DD) or an ISO-8601 timestamp with a time zone.",
  )
  .openapi({
    example: "2026-12-01",
    description:
      "Muted while now is before this instant. A bare date means midnight UTC at its start.",
  });

export const SilenceCreateSchema = z
  .object({
    plan_id: SlugSchema.optional(),
    indicator_id: SlugSchema.optional(),
    scope: SlugSchema.optional(),
    until: UntilSchema,
    reason: longTextSchema(500).openapi({
      example: "Provincial office publishes late this quarter.",
    }),
  })
  .strict()
  .superRefine((s, ctx) => {
    if (!s.plan_id && !s.indicator_id && !s.scope) {
      ctx.addIssue({
        code: "custom",
        path: ["plan_id"],
        message: "Name a plan_id, an indicator_id or a scope (every one given must match).",
      });
    }
  })
  .openapi("SilenceCreate");

export const SilenceSchema = z
  .object({
    id: z.string(),
    plan_id: z.string().nullable(),
    indicator_id: z.string().nullable(),
    scope: z.string().nullable(),
    until: z.string(),
    reason: z.string(),
    created_at: z.string(),
    active: z.boolean(),
  })
  .openapi("Silence");

export type SilenceOut = z.infer<typeof SilenceSchema>;

/** Normalizes `until` to the UTC ISO form stored and compared as text. */
export function untilInstant(until: string): string {
  return new Date(/^\d{4}-\d{2}-\d{2}$/.test(until) ? `${until}T00:00:00Z` : until).toISOString();
}

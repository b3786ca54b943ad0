import { z } from "@hono/zod-openapi";
import { isValidIsoDate } from "../domain/dates";
import { applyScale, isKnownScale, SCALES } from "../domain/units";
import { type TextRule, textProblem } from "../lib/text-rule";

export const IsoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Use a date as YYYY-MM-DD.")
  .refine(isValidIsoDate, "Not a calendar date.")
  .openapi({ example: "2024-09-30", format: "date" });

/**
 * An instant as the monitor writes it (`Date#toISOString`): UTC, to the millisecond or the
 * second. Stored timestamps sort as text, so only this one spelling is accepted back.
 */
export const TimestampSchema = z
  .string()
  .regex(
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{3})?Z$/,
    "Use a UTC timestamp such as 2024-10-05T08:30:00.000Z.",
  )
  .refine(
    (s) => isValidIsoDate(s.slice(0, 10)) && !Number.isNaN(Date.parse(s)),
    "Not a real instant.",
  );

/** Client-chosen ids: lower-case words joined by `-` or `.`, e.g. `nghe-an.goods-exports`. */
export const SlugSchema = z
  .string()
  .min(1)
  .max(120)
  .regex(/^[a-z0-9]+(?:[.-][a-z0-9]+)*$/, "Use lower-case letters, digits, '-' and '.'.")
  .openapi({ example: "nghe-an.goods-exports" });

/**
 * Free text as the API stores it: trimmed, not empty, at most `max` characters, and within the
 * one rule every stored string obeys (src/lib/text-rule.ts). `multiline` text (notes,
 * descriptions, sources) may hold tabs and line breaks; names and titles may not.
 */
export function textSchema(max: number, rule: TextRule = { multiline: false }) {
  return z
    .string()
    .trim()
    .min(1, "Must not be empty.")
    .max(max, `At most ${max} characters.`)
    .superRefine((s, ctx) => {
      const problem = textProblem(s, rule);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    });
}

/** Text that may run over several lines. */
export function longTextSchema(max: number) {
  return textSchema(max, { multiline: true });
}

export const SourceSchema = longTextSchema(2000).openapi({
  description: "Where the figure or target comes from: publisher, document, link.",
});

export const ScaleSchema = z.enum(Object.keys(SCALES) as [string, ...string[]]).openapi({
  description:
    "Multiplies the given value(s) into base units: `million` turns 2326 into 2,326,000,000.",
  example: "million",
});

/**
 * A number and its scale word must still be a number once multiplied out: 1e308 "million" is
 * Infinity, which no figure can be stored, compared or judged as.
 */
export function checkScaled(
  ctx: z.RefinementCtx,
  path: (string | number)[],
  value: number,
  scale: string | undefined,
): void {
  if (isKnownScale(scale) && !Number.isFinite(applyScale(value, scale))) {
    ctx.addIssue({
      code: "custom",
      path,
      message: `Too large once multiplied by its scale (${scale}).`,
    });
  }
}

/** `?as_of=` lets anyone see the status as it stood on a past date, from the figures reported by then. */
export const AsOfQuerySchema = z.object({
  as_of: IsoDateSchema.optional().openapi({
    param: { name: "as_of", in: "query" },
    description: "Evaluate as of this date (default: today, UTC).",
  }),
});

export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    code: z.string(),
    detail: z.string(),
    instance: z.string(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .openapi("Problem");

function problemResponse(description: string) {
  return { description, content: { "application/problem+json": { schema: ProblemSchema } } };
}

export const errorResponses = {
  400: problemResponse("Malformed JSON or an invalid query parameter"),
  404: problemResponse("Not found"),
  422: problemResponse("Validation failed"),
} as const;

export const writeErrorResponses = {
  ...errorResponses,
  400: problemResponse(
    "Malformed JSON (`malformed_json`), nested deeper than 32 levels (`json_too_deep`), a key given twice in one object (`duplicate_key`), a token in the URL (`token_in_query`), or an invalid parameter",
  ),
  401: problemResponse("Missing, wrong, revoked or expired bearer token"),
  403: problemResponse(
    "The token lacks the scope this needs, or writes only indicators of another scope (`forbidden`)",
  ),
  409: problemResponse("Conflicts with the current state"),
  413: problemResponse("Body too large"),
  415: problemResponse("Body is not application/json"),
  429: problemResponse("This token's write budget is spent; see Retry-After (`rate_limited`)"),
} as const;

export const bearerSecurity = [{ bearer: [] }];

/** A JSON response for `createRoute`: `200: jsonContent(PlanSchema, "The plan")`. */
export function jsonContent<T extends z.ZodType>(schema: T, description: string) {
  return { description, content: { "application/json": { schema } } };
}

/** `:id` for resources whose ids the client chooses (indicators, plans). */
export const SlugIdParams = z.object({
  id: SlugSchema.openapi({ param: { name: "id", in: "path" } }),
});

/** `:id` for resources whose ids the monitor generates (webhooks, deliveries, silences, tokens). */
export function generatedIdParams(example?: string) {
  return z.object({
    id: z
      .string()
      .min(1)
      .max(100)
      .openapi({ param: { name: "id", in: "path" }, ...(example ? { example } : {}) }),
  });
}

/** `?limit=`: how many rows a page holds. */
export function limitParam(max = 200, fallback = 50) {
  return z.coerce
    .number()
    .int()
    .min(1)
    .max(max)
    .default(fallback)
    .openapi({ param: { name: "limit", in: "query" } });
}

/** `?before=` for lists keyed by a growing number: the `next_before` of the previous page. */
export const NumberCursorParam = z.coerce
  .number()
  .int()
  .min(1)
  .optional()
  .openapi({ param: { name: "before", in: "query" }, description: "Cursor: `next_before`." });

/** `?before=` for lists keyed by a generated id, whose ids sort by time. */
export function idCursorParam(description: string, max = 100) {
  return z
    .string()
    .min(1)
    .max(max)
    .optional()
    .openapi({ param: { name: "before", in: "query" }, description });
}

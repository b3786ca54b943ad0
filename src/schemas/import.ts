import { z } from "@hono/zod-openapi";
import { IMPORT_KINDS, IMPORT_OUTCOMES, type ImportOutcome } from "../domain/vocabulary";
import { ProblemSchema } from "./common";

export const ImportResultSchema = z
  .object({
    kind: z.enum(IMPORT_KINDS),
    dry_run: z.boolean(),
    summary: z
      .object({ rows: z.number().int() })
      .extend(
        Object.fromEntries(IMPORT_OUTCOMES.map((o) => [o, z.number().int()])) as Record<
          ImportOutcome,
          z.ZodNumber
        >,
      ),
    rows: z.array(
      z.object({
        row: z.number().int().openapi({ description: "The row number a spreadsheet shows." }),
        outcome: z.enum(IMPORT_OUTCOMES),
        id: z.union([z.string(), z.number().int()]).nullable(),
        corrects: z.number().int().nullable().optional().openapi({
          description:
            "For `corrected`: the vintage it supersedes (null when that one is earlier in the same file).",
        }),
        changed: z.array(z.string()).optional().openapi({
          description: "For `corrected`: the fields that differ from the superseded vintage.",
        }),
      }),
    ),
  })
  .openapi("ImportResult");

export const RestoreResultSchema = z
  .object({
    dry_run: z.boolean(),
    restored: z.object({
      areas: z.number().int(),
      indicators: z.number().int(),
      plans: z.number().int(),
      revisions: z.number().int(),
      actuals: z.number().int(),
    }),
  })
  .openapi("RestoreResult");

export const ImportProblemSchema = ProblemSchema.extend({
  errors: z
    .array(
      z.object({
        path: z.string().openapi({ example: "/rows/5/value" }),
        row: z.number().int().optional(),
        column: z.string().optional(),
        message: z.string(),
      }),
    )
    .optional(),
}).openapi("ImportProblem");

export type ImportResult = z.infer<typeof ImportResultSchema>;
export type RestoreResult = z.infer<typeof RestoreResultSchema>;

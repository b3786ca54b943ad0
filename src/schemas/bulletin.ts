// POST /api/bulletins/extract: a pasted bulletin in, draft figures out, nothing written.
import { z } from "@hono/zod-openapi";
import { DRAFT_NOTE_CODES, INFERRED_FIELDS, UNPLACED_REASONS } from "../bulletins/types";
import { ACTUAL_STATUSES } from "../domain/vocabulary";
import { IsoDateSchema, SlugSchema } from "./common";

/**
 * A whole bulletin is 5,000–20,000 characters, and reading 20,000 costs about 80 ms of CPU
 * (docs/benchmarks.md): a Worker's budget for one request, with room to spare. The engine
 * itself reads up to 100,000, which would cost several times that.
 */
export const MAX_PASTE_CHARACTERS = 20_000;

const LanguageSchema = z.enum(["vi", "en"]);

export const BulletinRequestSchema = z
  .object({
    text: z
      .string()
      .min(1, "Paste the bulletin's text.")
      .max(
        MAX_PASTE_CHARACTERS,
        `At most ${MAX_PASTE_CHARACTERS.toLocaleString("en")} characters at a time; paste a long bulletin in parts.`,
      )
      .refine((s) => s.isWellFormed(), "Contains an unpaired surrogate.")
      .openapi({
        example:
          "Trong 9 tháng đầu năm 2024, tổng kim ngạch nhập khẩu hàng hóa của Nghệ An ước đạt 1.690 triệu USD, tăng 73,51% so với cùng kỳ năm 2023, đạt 112,67% kế hoạch.",
      }),
    reported_at: IsoDateSchema.optional().openapi({
      description:
        "When the bulletin was published: copied to every draft, and the date that 'last year' and a month without its year are read against.",
    }),
    default_year: z.number().int().min(1900).max(2200).optional().openapi({
      description: "The year of periods printed without one, when the text names no year.",
    }),
    default_status: z.enum(ACTUAL_STATUSES).optional().openapi({
      description:
        "The vintage of a figure printed without 'ước', 'sơ bộ', 'estimated'...; default `final`.",
    }),
    default_scope: SlugSchema.optional().openapi({
      description:
        "The scope of figures whose text names none; default the token's indicator scope.",
      example: "nghe-an",
    }),
    default_language: LanguageSchema.optional().openapi({
      description: "How to read a statement too short to tell (a bare '1.690 triệu').",
    }),
  })
  .strict()
  .openapi("BulletinRequest");

export type BulletinRequest = z.infer<typeof BulletinRequestSchema>;

const DraftSchema = z
  .object({
    kind: z.enum(["actual", "target"]).openapi({
      description: "A reported figure, or a target ('mục tiêu', 'aims to') that belongs in a plan.",
    }),
    indicator_id: z.string().nullable().openapi({
      description: "The matching indicator; null when several fit equally well.",
    }),
    candidates: z
      .array(z.string())
      .openapi({ description: "Every indicator that fits, best first." }),
    period_start: z.string().openapi({ example: "2024-01-01" }),
    period_end: z.string().openapi({ example: "2024-09-30" }),
    period_text: z.string().nullable().openapi({ example: "9 tháng đầu năm 2024" }),
    value: z.number().openapi({ description: "As printed, before the scale.", example: 1690 }),
    scale: z.string().nullable().openapi({ example: "triệu" }),
    unit: z.string().nullable().openapi({ example: "USD" }),
    base_value: z.number().openapi({ description: "value × scale.", example: 1690000000 }),
    qualifier: z.enum(["about", "over", "under"]).nullable(),
    status: z.enum(ACTUAL_STATUSES).nullable().openapi({ description: "Null for a target." }),
    reported_at: z.string().nullable(),
    reported_yoy: z.number().nullable().openapi({
      description: "Growth on a year earlier as printed, as a fraction.",
      example: 0.7351,
    }),
    reported_attainment: z.number().nullable().openapi({
      description: "Share of plan as printed, as a fraction.",
      example: 1.1267,
    }),
    language: LanguageSchema,
    sentence: z.string().openapi({ description: "The statement the figure came from." }),
    start: z.number().int().openapi({ description: "Offset of the sentence in the NFC text." }),
    end: z.number().int(),
    figure_text: z.string().openapi({ example: "1.690 triệu USD" }),
    inferred: z.array(z.enum(INFERRED_FIELDS)).openapi({
      description: "Fields taken from the surrounding text or the defaults, not the statement.",
    }),
    notes: z.array(z.object({ code: z.enum(DRAFT_NOTE_CODES), message: z.string() })),
  })
  .openapi("BulletinDraft");

const UnplacedSchema = z
  .object({
    reason: z.enum(UNPLACED_REASONS),
    message: z.string(),
    sentence: z.string(),
    start: z.number().int(),
    end: z.number().int(),
    language: LanguageSchema,
    figures: z.array(z.string()).openapi({ description: "The numbers no draft took." }),
    indicator_ids: z.array(z.string()),
  })
  .openapi("UnplacedStatement");

export const BulletinResultSchema = z
  .object({
    drafts: z.array(DraftSchema),
    unplaced: z.array(UnplacedSchema).openapi({
      description: "Statements with numbers that became no draft, each with the reason.",
    }),
    read: z.object({
      characters: z.number().int(),
      total: z.number().int(),
      truncated: z.boolean(),
      statements: z.number().int(),
    }),
  })
  .openapi("BulletinDrafts");

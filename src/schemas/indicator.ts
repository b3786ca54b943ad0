import { z } from "@hono/zod-openapi";
import { CADENCES, MEASURES, SCOPE_LEVELS } from "../domain/vocabulary";
import { longTextSchema, SlugSchema, SourceSchema, textSchema } from "./common";
import { ReleaseRuleSchema } from "./release-rule";

/** Names beyond the two official ones; enough for every spelling a desk meets. */
export const MAX_ALIASES = 30;

export const IndicatorInputSchema = z
  .object({
    name: textSchema(200).openapi({ example: "Goods exports" }),
    name_vi: textSchema(200).optional().openapi({ example: "Xuất khẩu hàng hóa" }),
    aliases: z
      .array(textSchema(120))
      .max(MAX_ALIASES, `At most ${MAX_ALIASES} aliases.`)
      .refine(
        (list) => new Set(list.map((a) => a.normalize("NFC").toLowerCase())).size === list.length,
        "An alias appears twice.",
      )
      .default([])
      .openapi({
        description:
          "Other names bulletins use for it, in either language: a pasted bulletin is matched against the name, the Vietnamese name and these.",
        example: ["kim ngạch xuất khẩu", "export turnover"],
      }),
    scope: SlugSchema.openapi({
      example: "nghe-an",
      description: "The area (GET /api/areas) the indicator belongs to.",
    }),
    scope_name: textSchema(120).optional().openapi({
      example: "Nghe An",
      description:
        "The area's name. Only to define a new area (admin), or repeated as it is: an area is renamed with PUT /api/areas/:id.",
    }),
    scope_name_vi: textSchema(120).optional().openapi({ example: "Nghệ An" }),
    scope_level: z.enum(SCOPE_LEVELS).optional().openapi({
      description: "The area's level; required when the indicator defines a new area.",
    }),
    unit: textSchema(24).openapi({ example: "USD" }),
    measure: z.enum(MEASURES).openapi({
      description:
        "flow: cumulative within a period; level: a stock or ratio; rate: a growth rate in %.",
    }),
    cadence: z.enum(CADENCES),
    tags: z.array(SlugSchema.max(40)).max(20).default([]),
    description: longTextSchema(4000).optional(),
    source: SourceSchema.optional(),
    release_rule: ReleaseRuleSchema.nullable().optional(),
    concept: SlugSchema.max(80).nullable().optional().openapi({
      example: "goods-exports",
      description:
        "The measure this indicator is, shared by the same measure in other areas: GET /api/concepts/:id ranks them.",
    }),
  })
  .strict()
  .openapi("IndicatorInput");

export const IndicatorSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    name_vi: z.string().nullable(),
    aliases: z.array(z.string()),
    scope: z.string(),
    scope_name: z.string().openapi({ description: "The area's name." }),
    scope_name_vi: z.string().nullable(),
    scope_level: z.enum(SCOPE_LEVELS),
    unit: z.string(),
    measure: z.enum(MEASURES),
    cadence: z.enum(CADENCES),
    tags: z.array(z.string()),
    description: z.string().nullable(),
    source: z.string().nullable(),
    release_rule: ReleaseRuleSchema.nullable(),
    concept: z.string().nullable(),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .openapi("Indicator");

export type IndicatorBody = z.infer<typeof IndicatorInputSchema>;
export type IndicatorOut = z.infer<typeof IndicatorSchema>;

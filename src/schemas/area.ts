import { z } from "@hono/zod-openapi";
import { SCOPE_LEVELS } from "../domain/vocabulary";
import { SlugSchema, textSchema } from "./common";

export const AreaInputSchema = z
  .object({
    name: textSchema(120).openapi({ example: "Nghe An" }),
    name_vi: textSchema(120).optional().openapi({ example: "Nghệ An" }),
    level: z.enum(SCOPE_LEVELS).openapi({
      description: "locality (a province or city), region, or country.",
    }),
    parent_id: SlugSchema.nullable().optional().openapi({
      example: "north-central",
      description:
        "The area this one lies in, of a higher level: a province's region, a region's country.",
    }),
  })
  .strict()
  .openapi("AreaInput");

export const AreaSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    name_vi: z.string().nullable(),
    level: z.enum(SCOPE_LEVELS),
    parent_id: z.string().nullable(),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .openapi("Area");

export type AreaBody = z.infer<typeof AreaInputSchema>;
export type AreaOut = z.infer<typeof AreaSchema>;

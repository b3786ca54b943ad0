import { z } from "@hono/zod-openapi";
import { TOKEN_SCOPES } from "../domain/vocabulary";
import { SlugSchema, textSchema } from "./common";

const ScopeSchema = z.enum(TOKEN_SCOPES).openapi({
  description:
    "`read`: every read, on a private deployment. `write`: indicators, plans, figures and CSV imports (and read). `admin`: tokens, webhooks, silences, deliveries, the audit log and restores (and write).",
});

export const TokenCreateSchema = z
  .object({
    name: textSchema(100).openapi({ example: "Nghe An statistics office" }),
    scopes: z
      .array(ScopeSchema)
      .min(1, "Give at least one scope.")
      .max(TOKEN_SCOPES.length)
      .refine((s) => new Set(s).size === s.length, "A scope appears twice."),
    indicator_scope: SlugSchema.optional().openapi({
      description:
        "Limit the token to the indicators of this scope (e.g. `nghe-an`): it writes only their definitions, plans and figures.",
    }),
    expires_at: z
      .string()
      .regex(
        /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/,
        "Use an ISO-8601 timestamp with a time zone.",
      )
      .refine((s) => !Number.isNaN(Date.parse(s)), "Not a valid instant.")
      .optional()
      .openapi({ example: "2027-01-01T00:00:00Z" }),
    access_email: z
      .email("Use an e-mail address.")
      .max(254)
      .transform((s) => s.toLowerCase())
      .optional()
      .openapi({
        description:
          "Behind Cloudflare Access: the person Access identifies by this e-mail signs in to the desk as this token (see ACCESS_TEAM_DOMAIN).",
        example: "editor@congthuong.nghean.gov.vn",
      }),
  })
  .strict()
  .superRefine((t, ctx) => {
    // Admin work (tokens, webhooks, silences) is not per scope: a limited admin token could
    // mint itself an unlimited one.
    if (t.indicator_scope && t.scopes.includes("admin")) {
      ctx.addIssue({
        code: "custom",
        path: ["indicator_scope"],
        message: "An admin token cannot be limited to one scope.",
      });
    }
  })
  .openapi("TokenCreate");

export const TokenSchema = z
  .object({
    id: z.string().openapi({ example: "tok_01JD0000000000000000000000" }),
    name: z.string(),
    scopes: z.array(ScopeSchema),
    indicator_scope: z.string().nullable(),
    created_by: z
      .string()
      .openapi({ description: "`admin`, or the id of the token that made it." }),
    created_at: z.string(),
    expires_at: z.string().nullable(),
    last_used_at: z.string().nullable().openapi({ description: "Recorded to within an hour." }),
    revoked_at: z.string().nullable(),
    access_email: z.string().nullable(),
  })
  .openapi("Token");

export const TokenCreatedSchema = TokenSchema.extend({
  token: z.string().openapi({
    description:
      "Send it as `Authorization: Bearer <token>`. Shown only now: only its SHA-256 is stored.",
  }),
}).openapi("TokenCreated");

export type TokenOut = z.infer<typeof TokenSchema>;

import { createRoute, z } from "@hono/zod-openapi";
import { recordFigures } from "../commands/record-actuals";
import { deleteActual, getActual } from "../db/queries/actuals";
import { auditContext, principalOf } from "../http/auth";
import { createRouter } from "../http/router";
import { ApiError } from "../lib/errors";
import { actualOut, receivedFigureOut } from "../presenters/actual";
import { ActualBatchSchema, ReceivedFigureSchema } from "../schemas/actual";
import { bearerSecurity, writeErrorResponses } from "../schemas/common";

const OutcomeSchema = z
  .object({
    outcome: z.enum(["created", "revised", "corrected", "unchanged", "duplicate"]).openapi({
      description:
        "created: the first figure for its period. revised: a new vintage of a period on file. corrected: repeats a stored vintage's number, status and report date but changes its source, note or printed ratios; stored as a new vintage that supersedes it (and counts from now on). unchanged: already stored exactly as sent. duplicate: repeats an earlier figure of this request.",
    }),
    id: z.number().int().nullable().openapi({ description: "The vintage's id." }),
    corrects: z.number().int().nullable().optional().openapi({
      description:
        "For `corrected`: the vintage it supersedes (null when that one is earlier in this request).",
    }),
    changed: z.array(z.string()).optional().openapi({
      description: "For `corrected`: the fields that differ from the vintage it supersedes.",
    }),
  })
  .openapi("ActualOutcome");

const ResultSchema = z
  .object({
    inserted: z.array(ReceivedFigureSchema),
    duplicates: z.number().int().openapi({
      description: "Figures already stored exactly as sent; they were left as they were.",
    }),
    outcomes: z.array(OutcomeSchema).openapi({
      description: "What each figure did, in the order sent.",
    }),
  })
  .openapi("ActualsWritten");

export const actualRoutes = createRouter()
  .openapi(
    createRoute({
      method: "post",
      path: "/actuals",
      tags: ["actuals"],
      summary:
        "Record reported figures. A figure for a period already on file is a revision: both vintages are kept and the latest reported counts.",
      security: bearerSecurity,
      request: {
        body: { required: true, content: { "application/json": { schema: ActualBatchSchema } } },
      },
      responses: {
        200: {
          description: "Every figure was already stored",
          content: { "application/json": { schema: ResultSchema } },
        },
        201: { description: "Recorded", content: { "application/json": { schema: ResultSchema } } },
        ...writeErrorResponses,
      },
    }),
    async (c) => {
      const body = c.req.valid("json");
      const isArray = Array.isArray(body);
      const items = isArray ? body : [body];
      const path = (i: number, field: string) => `${isArray ? `/${i}` : ""}/${field}`;
      const { outcomes, inserted, duplicates, indicators } = await recordFigures(
        c.var.db,
        items,
        { principal: principalOf(c), audit: auditContext(c) },
        path,
      );
      return c.json(
        {
          // Every inserted figure's indicator was looked up before the write.
          inserted: inserted.map((row) => receivedFigureOut(row, indicators.get(row.indicatorId)!)),
          duplicates,
          outcomes: outcomes.map(({ row: _row, ...o }) => o),
        },
        inserted.length > 0 ? 201 : 200,
      );
    },
  )
  .openapi(
    createRoute({
      method: "delete",
      path: "/actuals/{id}",
      tags: ["actuals"],
      summary:
        "Delete one vintage of a figure (admin): the repair of a figure that should never have been stored. A wrong figure from a source is corrected by posting the right one instead.",
      security: bearerSecurity,
      request: {
        params: z.object({
          id: z.coerce
            .number()
            .int()
            .min(1)
            .openapi({ param: { name: "id", in: "path" }, example: 42 }),
        }),
      },
      responses: { 204: { description: "Deleted" }, ...writeErrorResponses },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const row = await getActual(c.var.db, id);
      if (!row) throw new ApiError("not_found", `No figure ${id}.`);
      const deleted = await deleteActual(c.var.db, id, {
        ctx: auditContext(c),
        entry: { action: "delete", entity: "actual", entityId: String(id), old: actualOut(row) },
      });
      if (!deleted) throw new ApiError("not_found", `No figure ${id}.`);
      return c.body(null, 204);
    },
  );

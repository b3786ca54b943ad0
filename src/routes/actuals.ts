import { createRoute, z } from "@hono/zod-openapi";
import { insertActuals, type NewActual } from "../db/queries/actuals";
import { findIndicators } from "../db/queries/indicators";
import { applyScale } from "../domain/units";
import { assertIndicatorScopes, auditContext } from "../http/auth";
import { createRouter } from "../http/router";
import { nowIso } from "../lib/clock";
import { retryTransient } from "../lib/d1-retry";
import { ApiError, conflictOnConstraint, type FieldError } from "../lib/errors";
import { ACTUAL_FIELDS, actualOut } from "../presenters/actual";
import { ActualBatchSchema, ActualSchema } from "../schemas/actual";
import { bearerSecurity, writeErrorResponses } from "../schemas/common";

const ResultSchema = z
  .object({
    inserted: z.array(ActualSchema),
    duplicates: z.number().int().openapi({
      description: "Figures already stored exactly as sent; they were left as they were.",
    }),
  })
  .openapi("ActualsWritten");

export const actualRoutes = createRouter().openapi(
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
    const db = c.var.db;
    const known = await retryTransient(() =>
      findIndicators(
        db,
        items.map((a) => a.indicator_id),
      ),
    );
    const errors: FieldError[] = [];
    items.forEach((item, i) => {
      if (!known.has(item.indicator_id)) {
        errors.push({
          path: `${isArray ? `/${i}` : ""}/indicator_id`,
          message: `Unknown indicator '${item.indicator_id}'.`,
        });
      }
    });
    if (errors.length > 0) {
      throw new ApiError(
        "unknown_indicator",
        "Create the indicators first; nothing was written.",
        errors,
      );
    }
    assertIndicatorScopes(
      c,
      items.map((item, i) => ({
        scope: known.get(item.indicator_id)?.scope ?? "",
        path: `${isArray ? `/${i}` : ""}/indicator_id`,
      })),
    );
    const createdAt = nowIso();
    const rows: NewActual[] = items.map((a) => ({
      indicatorId: a.indicator_id,
      periodStart: a.period_start,
      periodEnd: a.period_end,
      value: applyScale(a.value, a.scale),
      status: a.status,
      reportedAt: a.reported_at,
      source: a.source ?? null,
      reportedAttainment: a.reported_attainment ?? null,
      reportedYoy: a.reported_yoy ?? null,
      note: a.note ?? null,
      createdAt,
    }));
    // Idempotent, so retried: a vintage already stored is skipped by its unique key (a try
    // that committed before its answer was lost then reports its figures as duplicates). An
    // indicator deleted between the check and the write fails the whole batch.
    const audit = auditContext(c, createdAt);
    const { inserted, duplicates } = await retryTransient(() =>
      insertActuals(db, rows, { ctx: audit, fields: ACTUAL_FIELDS }),
    ).catch(conflictOnConstraint("An indicator changed while writing; nothing was written."));
    return c.json(
      { inserted: inserted.map(actualOut), duplicates },
      inserted.length > 0 ? 201 : 200,
    );
  },
);

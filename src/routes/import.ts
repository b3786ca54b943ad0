import { createRoute, z } from "@hono/zod-openapi";
import { importCsv } from "../commands/import-csv";
import { restoreBackup } from "../commands/restore-backup";
import { IMPORT_KINDS } from "../domain/vocabulary";
import { auditContext, principalOf } from "../http/auth";
import { drainedOnCancel } from "../http/body-stream";
import type { BodyPolicy } from "../http/json-body";
import { createRouter } from "../http/router";
import { DEFAULT_CSV_LIMITS } from "../import/csv-limits";
import { COLUMNS } from "../import/rows";
import { ApiError } from "../lib/errors";
import { mediaType } from "../lib/media-type";
import { BackupDocumentSchema } from "../schemas/backup";
import { bearerSecurity, writeErrorResponses } from "../schemas/common";
import { ImportProblemSchema, ImportResultSchema, RestoreResultSchema } from "../schemas/import";

/**
 * /api/import takes a CSV file or a whole backup, each up to the CSV reader's byte limit (8 MiB:
 * 10,000 rows of figures with long notes, or a backup of ~25,000 figures). A CSV file is read
 * as it arrives, within the reader's limits, so it is passed on unread; a backup is parsed in
 * memory, and 8 MiB of JSON stays far below a Worker's 128 MB.
 */
export const IMPORT_BODY: BodyPolicy = {
  types: ["text/csv", "application/json"],
  maxBytes: DEFAULT_CSV_LIMITS.bytes,
  streamed: ["text/csv"],
};

const QuerySchema = z.object({
  kind: z
    .enum(IMPORT_KINDS)
    .optional()
    .openapi({
      param: { name: "kind", in: "query" },
      description:
        "What the CSV holds. Default: told from the header (`target` → plans, `value` → actuals, `measure` → indicators).",
    }),
  dry_run: z
    .enum(["true", "false"])
    .default("false")
    .openapi({
      param: { name: "dry_run", in: "query" },
      description: "Check everything and answer what each row would do, writing nothing.",
    }),
  decimal: z
    .enum(["point", "comma"])
    .default("point")
    .openapi({
      param: { name: "decimal", in: "query" },
      description:
        "CSV numbers: `point` reads 2,326.5; `comma` (Vietnamese and European bulletins) reads 2.326,5, so `2.326 triệu` is 2,326 million.",
    }),
});

const CSV_DESCRIPTION = `A UTF-8 CSV file (with or without a byte order mark; comma, semicolon or tab delimited), its first row the header. Columns: indicators ${COLUMNS.indicators.all.join(",")}; plans ${COLUMNS.plans.all.join(",")}; actuals ${COLUMNS.actuals.all.join(",")}. At most ${DEFAULT_CSV_LIMITS.rows} rows, ${DEFAULT_CSV_LIMITS.columns} columns and ${DEFAULT_CSV_LIMITS.cellChars} characters per field.`;

function problemResponse(description: string) {
  return { description, content: { "application/problem+json": { schema: ImportProblemSchema } } };
}

export const importRoutes = createRouter().openapi(
  createRoute({
    method: "post",
    path: "/import",
    tags: ["import and backup"],
    summary:
      "Import a CSV file of indicators, plans or actuals (all-or-nothing, or a dry run), or restore a backup into an empty database",
    description:
      "`text/csv`: rows apply in order as if each were sent to the JSON API; any problem refuses the whole file with every problem listed by row and column. `application/json`: a document from GET /api/export, restored exactly; refused with 409 unless the database holds no indicators, plans or figures.",
    security: bearerSecurity,
    request: {
      query: QuerySchema,
      body: {
        // Not `required` only because a required body would make the JSON validator run on CSV.
        description: "A CSV file, or a backup document. One of the two is required.",
        content: {
          "text/csv": { schema: z.string().openapi({ description: CSV_DESCRIPTION }) },
          "application/json": { schema: BackupDocumentSchema },
        },
      },
    },
    responses: {
      200: {
        description: "What each row did (or would do, in a dry run), or what was restored",
        content: {
          "application/json": { schema: z.union([ImportResultSchema, RestoreResultSchema]) },
        },
      },
      ...writeErrorResponses,
      400: problemResponse("Malformed JSON or CSV (with the row), or an invalid query parameter"),
      415: problemResponse("The body is neither text/csv nor application/json"),
      422: problemResponse(
        "Invalid rows or backup: `errors` lists each problem; for CSV with its `row` (as a spreadsheet numbers it) and `column`",
      ),
    },
  }),
  async (c) => {
    const query = c.req.valid("query");
    const dryRun = query.dry_run === "true";
    const audit = auditContext(c);
    if (mediaType(c.req.header("content-type")) !== "application/json") {
      const result = await importCsv(
        c.var.db,
        c.req.raw.body ? drainedOnCancel(c.req.raw.body, IMPORT_BODY.maxBytes) : new Uint8Array(0),
        { kind: query.kind, dryRun, decimal: query.decimal },
        { principal: principalOf(c), audit: { ...audit, via: "csv" } },
      );
      return c.json(result, 200);
    }
    const doc = c.req.valid("json");
    // Only a JSON body reaches the validator, so this is the backup; the check narrows the type
    // the two declared media types give it.
    if (typeof doc === "string")
      throw new ApiError("malformed_json", "Expected a backup document.");
    return c.json(await restoreBackup(c.var.db, doc, { dryRun, audit }), 200);
  },
);

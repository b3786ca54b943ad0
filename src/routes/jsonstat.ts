import { createRoute, z } from "@hono/zod-openapi";
import { importJsonStatTable } from "../commands/import-jsonstat";
import { auditContext, principalOf } from "../http/auth";
import type { BodyPolicy } from "../http/json-body";
import { createRouter } from "../http/router";
import { bearerSecurity, writeErrorResponses } from "../schemas/common";
import {
  FormatImportProblemSchema,
  JsonStatImportResultSchema,
  JsonStatImportSchema,
} from "../schemas/formats";

/**
 * A PxWeb table and its mapping, as one JSON document. The bound is the CSV import's: a table
 * of 10,000 cells with its labels and notes is a few hundred kilobytes.
 */
export const JSONSTAT_IMPORT_BODY: BodyPolicy = {
  types: ["application/json"],
  maxBytes: 8 * 1024 * 1024,
};

function problemResponse(description: string) {
  return {
    description,
    content: { "application/problem+json": { schema: FormatImportProblemSchema } },
  };
}

export const jsonStatRoutes = createRouter().openapi(
  createRoute({
    method: "post",
    path: "/import/jsonstat",
    tags: ["import and backup"],
    summary:
      "Import figures from a PxWeb table in JSON-stat 2.0, through a mapping of its dimensions (all-or-nothing, or a dry run)",
    description:
      "The body is `{dataset, mapping}`: the table as PxWeb answered it (`format=json-stat2`), untouched, and which of its dimensions hold the areas, the indicators and the periods, with our id for each category to import. Every selected cell becomes a figure (`..` cells are skipped and listed); indicator ids are `{area}.{indicator}` unless `id_template` says otherwise, and the indicators must exist. Send it with `?dry_run=true` first to see every figure the mapping makes. Any problem refuses the whole table: a mapping problem under `/mapping/...`, a cell's under `/cells/<position>` with its categories.",
    security: bearerSecurity,
    request: {
      query: z.object({
        dry_run: z
          .enum(["true", "false"])
          .default("false")
          .openapi({
            param: { name: "dry_run", in: "query" },
            description: "Map and check every cell and answer the figures, writing nothing.",
          }),
      }),
      body: { required: true, content: { "application/json": { schema: JsonStatImportSchema } } },
    },
    responses: {
      200: {
        description: "Every figure the mapping made and what it did (or would do, in a dry run)",
        content: { "application/json": { schema: JsonStatImportResultSchema } },
      },
      ...writeErrorResponses,
      403: problemResponse(
        "The token lacks `write`, or writes only indicators of another scope than some cells' (`forbidden`)",
      ),
      422: problemResponse(
        "A mapping the table does not fit, or cells that cannot be imported: `errors` lists each with its `code`",
      ),
    },
  }),
  async (c) => {
    const result = await importJsonStatTable(
      c.var.db,
      c.req.valid("json"),
      { dryRun: c.req.valid("query").dry_run === "true" },
      { principal: principalOf(c), audit: auditContext(c) },
    );
    return c.json(result, 200);
  },
);

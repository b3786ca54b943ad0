import { createRoute, z } from "@hono/zod-openapi";
import { figuresExport, type SdmxExport, targetsExport } from "../commands/export-sdmx";
import { importSdmxCsv } from "../commands/import-sdmx";
import type { SeriesFilter } from "../db/queries/exchange";
import { isValidIsoDate } from "../domain/dates";
import { parseSdmxPeriod } from "../formats/sdmx-period";
import { DATAFLOWS, fromSdmxCode } from "../formats/sdmx-structure";
import { auditContext, principalOf } from "../http/auth";
import type { BodyPolicy } from "../http/json-body";
import { createRouter } from "../http/router";
import { ApiError } from "../lib/errors";
import {
  bearerSecurity,
  errorResponses,
  IsoDateSchema,
  writeErrorResponses,
} from "../schemas/common";
import { FormatImportProblemSchema, SdmxImportResultSchema } from "../schemas/formats";

/**
 * The media type SDMX's REST API gives SDMX-CSV 2.0; a client that asks for it by Accept gets
 * the same answer as one that only knows the URL.
 */
export const SDMX_CSV_MEDIA_TYPE = "application/vnd.sdmx.data+csv";

/** SDMX-CSV arrives as SDMX's media type or as plain CSV; the size is the CSV import's. */
export const SDMX_IMPORT_BODY: BodyPolicy = {
  types: [SDMX_CSV_MEDIA_TYPE, "text/csv"],
  maxBytes: 8 * 1024 * 1024,
};

const SLUG = /^[a-z0-9]+(?:[.-][a-z0-9]+)*$/;

/** An id as we write it (`nghe-an.goods-exports`) or as the SDMX code (`nghe-an_goods-exports`). */
const codeParam = (name: string, description: string) =>
  z
    .string()
    .max(120)
    .refine((s) => SLUG.test(fromSdmxCode(s)), "Use an id such as nghe-an.goods-exports.")
    .optional()
    .openapi({ param: { name, in: "query" }, description });

const periodParam = (name: string, description: string) =>
  z
    .string()
    .max(40)
    .refine((s) => parseSdmxPeriod(s).ok, "Use an SDMX period such as 2024, 2024-Q3 or 2024-M09.")
    .optional()
    .openapi({ param: { name, in: "query" }, description });

const boolParam = (name: string, description: string) =>
  z
    .enum(["true", "false"])
    .optional()
    .openapi({ param: { name, in: "query" }, description });

// SDMX's REST API dates asOf with a dateTime; the monitor dates vintages by day.
const SdmxDateTime = z
  .string()
  .regex(
    /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})?)?$/,
    "Use a date (2024-10-15) or a dateTime (2024-10-15T00:00:00Z).",
  )
  .refine((s) => isValidIsoDate(s.slice(0, 10)), "Not a calendar date.");

const FilterQuery = z.object({
  area: codeParam("area", "REF_AREA: only indicators of this scope (`nghe-an`)."),
  indicator: codeParam(
    "indicator",
    "INDICATOR: one indicator, by its id or its SDMX code (`nghe-an_goods-exports`).",
  ),
  tag: z
    .string()
    .max(120)
    .regex(SLUG)
    .optional()
    .openapi({
      param: { name: "tag", in: "query" },
      description:
        "Only indicators with this topic tag (`exports`). The monitor keeps no separate concept code list; a tag is what groups an indicator's series across areas.",
    }),
  start_period: periodParam(
    "start_period",
    "Only periods that start on or after the first day of this SDMX period (`2024`, `2024-Q3`). Alias: SDMX's `startPeriod`.",
  ),
  startPeriod: periodParam("startPeriod", "SDMX's name for `start_period`."),
  end_period: periodParam(
    "end_period",
    "Only periods that end on or before the last day of this SDMX period. Alias: SDMX's `endPeriod`.",
  ),
  endPeriod: periodParam("endPeriod", "SDMX's name for `end_period`."),
  as_of: IsoDateSchema.optional().openapi({
    param: { name: "as_of", in: "query" },
    description:
      "Time travel: only what had been reported (targets: revised) by the end of this day, with the vintage that stood then. Alias: SDMX's `asOf`, which may be a dateTime (its day counts).",
  }),
  asOf: SdmxDateTime.optional().openapi({
    param: { name: "asOf", in: "query" },
    description: "SDMX's name for `as_of`.",
  }),
  revisions: z
    .enum(["latest", "all"])
    .optional()
    .openapi({
      param: { name: "revisions", in: "query" },
      description:
        "`all`: every vintage of every figure (every revision of every target), with VALID_FROM and VALID_TO; default the latest. Alias: SDMX's `includeHistory=true`.",
    }),
  includeHistory: boolParam("includeHistory", "SDMX's name for `revisions=all`."),
  separator: z
    .enum(["comma", "semicolon"])
    .default("comma")
    .openapi({
      param: { name: "separator", in: "query" },
      description:
        "`semicolon` for decimal-comma locales (Vietnamese, most of Europe): fields separated by `;` and numbers written with a decimal comma, as a spreadsheet there expects.",
    }),
  unit_mult: z.coerce
    .number()
    .int()
    .min(0)
    .max(12)
    .default(0)
    .openapi({
      param: { name: "unit_mult", in: "query" },
      description:
        "Write values divided by 10^unit_mult, with UNIT_MULT saying so: 6 writes 2,326,000,000 USD as 2326 (millions). Default 0, base units.",
    }),
  time_range: z
    .enum(["duration", "end"])
    .default("duration")
    .openapi({
      param: { name: "time_range", in: "query" },
      description:
        "How a span that is no single reporting period is written: `duration` as SDMX's time range, start and ISO 8601 duration (`2024-01-01/P9M`); `end` as a start/end interval (`2024-01-01/2024-09-30`), easier to read but outside SDMX's TIME_PERIOD type.",
    }),
  bom: boolParam(
    "bom",
    "`true` starts the file with a UTF-8 byte order mark, which Excel needs to show Vietnamese text right.",
  ),
});

type FilterInput = z.infer<typeof FilterQuery>;

/** One value from a parameter and its SDMX alias; both given must agree. */
function either<T>(
  query: FilterInput,
  ours: keyof FilterInput,
  sdmx: keyof FilterInput,
  a: T,
  b: T,
) {
  if (a !== undefined && b !== undefined && a !== b) {
    throw new ApiError("invalid_query", `Give ${ours} or ${sdmx}, or both alike.`, [
      { path: `/${sdmx}`, message: `Disagrees with ${ours}=${String(query[ours])}.` },
    ]);
  }
  return a ?? b;
}

function readExportQuery(q: FilterInput): SdmxExport {
  const start = either(q, "start_period", "startPeriod", q.start_period, q.startPeriod);
  const end = either(q, "end_period", "endPeriod", q.end_period, q.endPeriod);
  const asOf = either(q, "as_of", "asOf", q.as_of, q.asOf?.slice(0, 10));
  const history = either(
    q,
    "revisions",
    "includeHistory",
    q.revisions === undefined ? undefined : q.revisions === "all",
    q.includeHistory === undefined ? undefined : q.includeHistory === "true",
  );
  const from = start === undefined ? undefined : parseSdmxPeriod(start);
  const to = end === undefined ? undefined : parseSdmxPeriod(end);
  const filter: SeriesFilter = {
    area: q.area === undefined ? undefined : fromSdmxCode(q.area),
    indicator: q.indicator === undefined ? undefined : fromSdmxCode(q.indicator),
    tag: q.tag,
    startsFrom: from?.ok ? from.start : undefined,
    endsBy: to?.ok ? to.end : undefined,
    asOf,
  };
  return {
    filter,
    includeHistory: history ?? false,
    options: {
      separator: q.separator === "semicolon" ? ";" : ",",
      unitMult: q.unit_mult,
      timeRange: q.time_range,
      byteOrderMark: q.bom === "true",
    },
  };
}

function csvResponse(description: string) {
  return {
    description,
    content: {
      [`${SDMX_CSV_MEDIA_TYPE}; version=2.0.0`]: {
        schema: z.string().openapi({ description: "An SDMX-CSV 2.0 message, CRLF line ends." }),
      },
    },
  };
}

function sdmxHeaders(name: string, asOf: string | undefined) {
  return {
    "content-type": `${SDMX_CSV_MEDIA_TYPE}; version=2.0.0; charset=utf-8`,
    "content-disposition": `attachment; filename="target-monitor-${name}${asOf ? `-as-of-${asOf}` : ""}.csv"`,
    "cache-control": "no-store",
  };
}

const ImportQuery = z.object({
  dry_run: z
    .enum(["true", "false"])
    .default("false")
    .openapi({
      param: { name: "dry_run", in: "query" },
      description: "Check everything and answer what each row would do, writing nothing.",
    }),
  decimal: z
    .enum(["point", "comma"])
    .optional()
    .openapi({
      param: { name: "decimal", in: "query" },
      description:
        "The decimal mark of the file's numbers. Default: a comma when fields are separated by `;`, else a point.",
    }),
  reported_at: IsoDateSchema.optional().openapi({
    param: { name: "reported_at", in: "query" },
    description:
      "The publication day of figures whose row has no VALID_FROM, for SDMX data from a system that does not keep vintages.",
  }),
});

function problemResponse(description: string) {
  return {
    description,
    content: { "application/problem+json": { schema: FormatImportProblemSchema } },
  };
}

export const sdmxRoutes = createRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/export/sdmx/figures",
      tags: ["import and backup"],
      summary: `Reported figures as SDMX-CSV 2.0, dataflow ${DATAFLOWS.figures.ref}: the latest vintage of each, or every vintage`,
      description:
        "One row per figure: REF_AREA, INDICATOR and TIME_PERIOD (SDMX period syntax: `2024`, `2024-Q3`, `2024-M09`, `2024-01-01/P9M` for January to September), OBS_VALUE, OBS_STATUS (E estimate, P preliminary, A final), UNIT_MEASURE, UNIT_MULT, the source, note and printed ratios, and VALID_FROM/VALID_TO: the day the vintage was published and the day a later one replaced it. POST the file to /api/import/sdmx to load it elsewhere.",
      request: { query: FilterQuery },
      responses: { 200: csvResponse("The figures"), ...errorResponses },
    }),
    async (c) => {
      const request = readExportQuery(c.req.valid("query"));
      const body = await figuresExport(c.var.db, request);
      return c.body(body, 200, sdmxHeaders("figures", request.filter.asOf));
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/export/sdmx/targets",
      tags: ["import and backup"],
      summary: `Targets as SDMX-CSV 2.0, dataflow ${DATAFLOWS.targets.ref}: each plan's current target, or every revision`,
      description:
        "One row per plan: REF_AREA, INDICATOR, TIME_PERIOD, OBS_VALUE (the target), UNIT_MEASURE, UNIT_MULT, PLAN_ID, TITLE, COMPARATOR, PHASING, THRESHOLD_* overrides, BASELINE_VALUE and BASELINE_DATE, the source and note, and REVISION. POST the file to /api/import/sdmx to load it elsewhere.",
      request: { query: FilterQuery },
      responses: { 200: csvResponse("The targets"), ...errorResponses },
    }),
    async (c) => {
      const request = readExportQuery(c.req.valid("query"));
      const body = await targetsExport(c.var.db, request);
      return c.body(body, 200, sdmxHeaders("targets", request.filter.asOf));
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/import/sdmx",
      tags: ["import and backup"],
      summary:
        "Import an SDMX-CSV 2.0 message of targets and figures (all-or-nothing, or a dry run)",
      description: `Rows of ${DATAFLOWS.targets.ref} and ${DATAFLOWS.figures.ref}, as GET /api/export/sdmx/* writes them, in any column order; the separator is the character after STRUCTURE. Each row obeys the JSON API's rules and applies in order: a figure for a period already on file is a new vintage, a changed target a new revision. OBS_STATUS E, P and A map back to estimate, preliminary and final; any other code refuses its row. The indicators must exist, with the REF_AREA and UNIT_MEASURE the file gives. Any problem refuses the whole file, every problem listed with its row, column and code.`,
      security: bearerSecurity,
      request: {
        query: ImportQuery,
        body: {
          required: true,
          content: {
            [SDMX_CSV_MEDIA_TYPE]: { schema: z.string() },
            "text/csv": { schema: z.string() },
          },
        },
      },
      responses: {
        200: {
          description: "What each row did (or would do, in a dry run)",
          content: { "application/json": { schema: SdmxImportResultSchema } },
        },
        ...writeErrorResponses,
        400: problemResponse(
          "Not UTF-8, not valid CSV (with the row), or an invalid query parameter",
        ),
        403: problemResponse(
          "The token lacks `write`, or writes only indicators of another scope than some rows' (`forbidden`)",
        ),
        409: problemResponse("A row conflicts with what is stored"),
        415: problemResponse("The body is neither SDMX-CSV nor text/csv"),
        422: problemResponse(
          "Rows that cannot be imported: `errors` lists each with its `row` (as a spreadsheet numbers it), `column` and `code`",
        ),
      },
    }),
    async (c) => {
      const query = c.req.valid("query");
      const result = await importSdmxCsv(
        c.var.db,
        await c.req.arrayBuffer(),
        { dryRun: query.dry_run === "true", decimal: query.decimal, reportedAt: query.reported_at },
        { principal: principalOf(c), audit: auditContext(c) },
      );
      return c.json(result, 200);
    },
  );

// The wire contracts of the statistics offices' formats: what an SDMX-CSV or JSON-stat import
// answers, how a JSON-stat table travels with its dimension mapping, and the closed set of
// codes a refused row or cell carries. The codecs themselves live in src/formats.
import { z } from "@hono/zod-openapi";
import { ACTUAL_STATUSES, IMPORT_OUTCOMES, type ImportOutcome } from "../domain/vocabulary";
import { IsoDateSchema, ProblemSchema, SourceSchema } from "./common";

/** Why a file, a header or a row of an SDMX-CSV message cannot be read. */
export const SDMX_CSV_ERROR_CODES = [
  "csv_syntax",
  "not_sdmx_csv",
  "duplicate_column",
  "missing_column",
  "field_count",
  "unknown_structure",
  "unsupported_action",
  "missing_value",
  "bad_code",
  "bad_time_period",
  "unsupported_time_period",
  "bad_number",
  "bad_unit_mult",
  "unknown_obs_status",
  "bad_date",
  "reported_before_period",
  "bad_comparator",
  "bad_phasing",
] as const;
export type SdmxCsvErrorCode = (typeof SDMX_CSV_ERROR_CODES)[number];

/** Why a JSON-stat table, its mapping or one of its cells cannot be read. */
export const JSONSTAT_ERROR_CODES = [
  "not_jsonstat_dataset",
  "unknown_dimension",
  "unknown_category",
  "dimension_mapped_twice",
  "unmapped_dimension",
  "bad_mapping",
  "bad_time_code",
  "unsupported_time_code",
  "bad_value",
  "unknown_status_symbol",
  "reported_before_period",
  "too_many_cells",
] as const;
export type JsonStatErrorCode = (typeof JSONSTAT_ERROR_CODES)[number];

/**
 * Why a row that was read cannot be applied, the same for both formats:
 * - `invalid_value`: it breaks a rule of the JSON API (a note too long, a baseline after the
 *   period, a target the measure cannot have);
 * - `unknown_indicator`: no indicator has its id (create the indicators first);
 * - `area_mismatch`, `unit_mismatch`: its REF_AREA or UNIT_MEASURE is not the indicator's
 *   scope or unit, so it belongs to another series than the id says;
 * - `conflict`: it contradicts what is stored.
 */
export const FORMAT_CHECK_CODES = [
  "invalid_value",
  "unknown_indicator",
  "area_mismatch",
  "unit_mismatch",
  "conflict",
] as const;
export type FormatCheckCode = (typeof FORMAT_CHECK_CODES)[number];

export const FORMAT_ROW_CODES = [
  ...new Set([...SDMX_CSV_ERROR_CODES, ...JSONSTAT_ERROR_CODES, ...FORMAT_CHECK_CODES]),
] as [string, ...string[]];

const SummarySchema = z
  .object({ rows: z.number().int() })
  .extend(
    Object.fromEntries(IMPORT_OUTCOMES.map((o) => [o, z.number().int()])) as Record<
      ImportOutcome,
      z.ZodNumber
    >,
  );

export const SdmxImportResultSchema = z
  .object({
    format: z.literal("sdmx-csv"),
    dry_run: z.boolean(),
    summary: SummarySchema,
    rows: z.array(
      z.object({
        row: z.number().int().openapi({ description: "The row number a spreadsheet shows." }),
        dataflow: z.enum(["figures", "targets"]),
        outcome: z.enum(IMPORT_OUTCOMES),
        id: z.union([z.string(), z.number().int()]).nullable().openapi({
          description: "The plan's id, or the figure's numeric id once stored (null in a dry run).",
        }),
      }),
    ),
    ignored_columns: z.array(z.string()).openapi({
      description:
        "Columns neither dataflow defines (labels, series keys, a publisher's own), left unread.",
    }),
  })
  .openapi("SdmxImportResult");

export type SdmxImportResult = z.infer<typeof SdmxImportResultSchema>;

const CategoriesSchema = z.record(z.string(), z.string()).openapi({
  description: "The cell's category in each mapped or fixed dimension, as the table names them.",
  example: { Tinh: "40", ChiTieu: "XK", ContentsCode: "CongDon", Thang: "2024M09" },
});

export const JsonStatImportResultSchema = z
  .object({
    format: z.literal("json-stat"),
    dry_run: z.boolean(),
    summary: SummarySchema,
    rows: z.array(
      z.object({
        cell: z.number().int().openapi({ description: "Position in the table's value array." }),
        categories: CategoriesSchema,
        outcome: z.enum(IMPORT_OUTCOMES),
        id: z.number().int().nullable(),
        figure: z.object({
          indicator_id: z.string(),
          period_start: z.string(),
          period_end: z.string(),
          value: z.number().openapi({ description: "In base units." }),
          status: z.enum(ACTUAL_STATUSES),
          reported_at: z.string(),
        }),
      }),
    ),
    skipped: z
      .array(
        z.object({
          cell: z.number().int(),
          categories: CategoriesSchema,
          status: z.string().nullable(),
        }),
      )
      .openapi({
        description:
          "Selected cells with no value, such as those PxWeb marks `..` (not available).",
      }),
  })
  .openapi("JsonStatImportResult");

export type JsonStatImportResult = z.infer<typeof JsonStatImportResultSchema>;

const DimensionIdSchema = z.string().min(1).max(200);
const CodeMapSchema = z.record(z.string().max(200), z.string().max(200));

const AxisMappingSchema = z
  .union([
    z
      .object({
        dimension: DimensionIdSchema,
        categories: CodeMapSchema.openapi({
          description:
            "Category id → our slug. Categories left out are not imported. Area slugs are indicator scopes (`nghe-an`); indicator slugs are the rest of the id (`goods-exports`).",
        }),
      })
      .strict(),
    z
      .object({ value: z.string().max(120) })
      .strict()
      .openapi({ description: "The one area or indicator the whole table covers." }),
  ])
  .openapi({ description: "A dimension of the table, or one value for all of it." });

const StatusMapSchema = z.record(z.string().max(200), z.enum(ACTUAL_STATUSES));

export const JsonStatMappingSchema = z
  .object({
    area: AxisMappingSchema,
    indicator: AxisMappingSchema,
    id_template: z.string().max(200).optional().openapi({
      description: "How an indicator id is made; default `{area}.{indicator}`.",
      example: "{area}.{indicator}",
    }),
    period: z
      .object({
        dimension: DimensionIdSchema,
        cumulative: z.boolean().optional().openapi({
          description:
            "Year-to-date totals (cộng dồn): each period starts on 1 January, so 2024M09 is January to September.",
        }),
        codes: CodeMapSchema.optional().openapi({
          description:
            'Time codes PxWeb does not spell its usual way, renamed: `{"Sơ bộ 2024": "2024"}`.',
        }),
      })
      .strict(),
    fixed: CodeMapSchema.optional().openapi({
      description:
        'Every other dimension with more than one category, fixed to the category to import: `{"ContentsCode": "CongDon"}`.',
    }),
    scale: z.string().max(40).optional().openapi({
      description:
        "The scale the table's values are in (`million`, `triệu`); none means base units.",
      example: "triệu",
    }),
    status: z.enum(ACTUAL_STATUSES).openapi({ description: "The status of every figure..." }),
    status_by_symbol: StatusMapSchema.optional().openapi({
      description:
        '...unless its cell\'s status symbol says otherwise (`{"e": "estimate"}`); a symbol not listed refuses the cell.',
    }),
    status_by_period: StatusMapSchema.optional().openapi({
      description: "...or its time code does (a year PxWeb labels preliminary).",
    }),
    reported_at: IsoDateSchema.optional().openapi({
      description: "The day the table was published; default the day of its `updated`.",
    }),
    source: SourceSchema.optional().openapi({
      description: "Default: the table's source, PxWeb table id and label.",
    }),
  })
  .strict()
  .openapi("JsonStatMapping");

export const JsonStatImportSchema = z
  .object({
    dataset: z.record(z.string(), z.unknown()).openapi({
      description:
        "The PxWeb answer as saved, untouched: a JSON-stat 2.0 dataset (`format=json-stat2`), or a collection whose first item is one.",
    }),
    mapping: JsonStatMappingSchema,
  })
  .strict()
  .openapi("JsonStatImport");

export const FormatImportProblemSchema = ProblemSchema.extend({
  errors: z
    .array(
      z.object({
        path: z.string().openapi({ example: "/rows/5/OBS_STATUS" }),
        row: z.number().int().optional().openapi({
          description:
            "SDMX-CSV: the row a spreadsheet shows (the header is row 1). JSON-stat: the cell's position in the value array.",
        }),
        column: z.string().optional(),
        code: z.enum(FORMAT_ROW_CODES).optional(),
        categories: z.record(z.string(), z.string()).optional(),
        message: z.string(),
      }),
    )
    .optional(),
}).openapi("FormatImportProblem");

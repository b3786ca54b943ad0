import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { planOut, planRow } from "../db/mappers";
import { insertActuals, listVintageKeys } from "../db/queries/actuals";
import { holdsData, restoreDataset } from "../db/queries/backup";
import { findIndicators, findIndicatorsInUse, upsertIndicators } from "../db/queries/indicators";
import { findPlans, writePlans } from "../db/queries/plans";
import { assertIndicatorScopes, auditContext } from "../http/auth";
import type { BodyPolicy } from "../http/json-body";
import { type AppEnv, createRouter } from "../http/router";
import { BackupDocumentSchema, datasetOf, datasetSize } from "../import/backup";
import type { DecimalMark } from "../import/cells";
import { type CsvRecord, CsvSyntaxError, isBlank, parseCsv } from "../import/csv";
import {
  type Outcome,
  planIdOf,
  type Refusal,
  type RowOutcome,
  resolveActuals,
  resolveIndicators,
  resolvePlans,
  vintageKey,
} from "../import/resolve";
import {
  COLUMNS,
  IMPORT_KINDS,
  type ImportKind,
  mapActuals,
  mapIndicators,
  mapPlans,
  type RowError,
  readHeader,
  rowError,
} from "../import/rows";
import { nowIso } from "../lib/clock";
import { ApiError, isConstraintError } from "../lib/errors";
import type { AuditContext } from "../lib/principal";
import { bearerSecurity, ProblemSchema, writeErrorResponses } from "../schemas/common";

/**
 * /api/import takes a CSV file or a whole backup. 8 MiB holds 10,000 rows of figures with long
 * notes (a typical row is ~150 bytes, so ~1.5 MB) and a backup of ~25,000 figures; the body is
 * parsed in memory, and 8 MiB of text stays far below a Worker's 128 MB.
 */
export const IMPORT_BODY: BodyPolicy = {
  types: ["text/csv", "application/json"],
  maxBytes: 8 * 1024 * 1024,
};

/**
 * One file is written in ONE D1 batch (one transaction), which is what makes it all-or-nothing.
 * 10,000 figures are ~2,200 statements of at most 99 parameters each; the cap keeps that batch
 * well inside D1's 30-second limit for a whole batch. Larger files are split by the client.
 */
export const MAX_IMPORT_ROWS = 10_000;

/** Problems listed in one response; the detail says how many there were in all. */
const MAX_LISTED_ERRORS = 100;

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

const OUTCOMES = ["created", "updated", "revised", "unchanged", "duplicate"] as const;

const ImportResultSchema = z
  .object({
    kind: z.enum(IMPORT_KINDS),
    dry_run: z.boolean(),
    summary: z
      .object({ rows: z.number().int() })
      .extend(
        Object.fromEntries(OUTCOMES.map((o) => [o, z.number().int()])) as Record<
          Outcome,
          z.ZodNumber
        >,
      ),
    rows: z.array(
      z.object({
        row: z.number().int().openapi({ description: "The row number a spreadsheet shows." }),
        outcome: z.enum(OUTCOMES),
        id: z.union([z.string(), z.number().int()]).nullable(),
      }),
    ),
  })
  .openapi("ImportResult");

const RestoreResultSchema = z
  .object({
    dry_run: z.boolean(),
    restored: z.object({
      indicators: z.number().int(),
      plans: z.number().int(),
      revisions: z.number().int(),
      actuals: z.number().int(),
    }),
  })
  .openapi("RestoreResult");

const CSV_DESCRIPTION = `A UTF-8 CSV file (with or without a byte order mark; comma, semicolon or tab delimited), its first row the header. Columns: indicators ${COLUMNS.indicators.all.join(",")}; plans ${COLUMNS.plans.all.join(",")}; actuals ${COLUMNS.actuals.all.join(",")}. At most ${MAX_IMPORT_ROWS} rows.`;

type Ctx = Context<AppEnv>;

const RowProblemSchema = ProblemSchema.extend({
  errors: z
    .array(
      z.object({
        path: z.string().openapi({ example: "/rows/5/value" }),
        row: z.number().int().optional(),
        column: z.string().optional(),
        message: z.string(),
      }),
    )
    .optional(),
}).openapi("ImportProblem");

function problemResponse(description: string) {
  return { description, content: { "application/problem+json": { schema: RowProblemSchema } } };
}

interface KindResult {
  outcomes: RowOutcome[];
}

/**
 * Refuses the whole file, listing every problem by row. The code is the most basic reason among
 * them: a bad cell before an unknown indicator before a conflict with what is stored.
 */
function refuse(problems: readonly Refusal[]): never {
  const code = problems.some((p) => p.reason === "invalid")
    ? "validation_failed"
    : problems.some((p) => p.reason === "unknown_indicator")
      ? "unknown_indicator"
      : "conflict";
  const sorted = [...problems].sort((a, b) => a.row - b.row);
  const listed = sorted.slice(0, MAX_LISTED_ERRORS).map(({ reason, ...error }): RowError => error);
  const more = sorted.length > listed.length ? ` The first ${listed.length} are listed.` : "";
  throw new ApiError(
    code,
    `${sorted.length} problem${sorted.length === 1 ? "" : "s"} in the file; nothing was written.${more}`,
    listed,
  );
}

/** The scope of the indicator each row names (rows naming an unknown one are refused later). */
function scopesOf(
  rows: readonly { row: number; input: { indicator_id: string } }[],
  indicators: ReadonlyMap<string, { scope: string }>,
) {
  return rows.flatMap((r) => {
    const scope = indicators.get(r.input.indicator_id)?.scope;
    return scope === undefined ? [] : [{ scope, path: `/rows/${r.row}/indicator_id` }];
  });
}

const invalid = (errors: readonly RowError[]): Refusal[] =>
  errors.map((e) => ({ ...e, reason: "invalid" }));

function conflictOnRace(err: unknown): never {
  if (isConstraintError(err)) {
    throw new ApiError("conflict", "The data changed while importing; nothing was written. Retry.");
  }
  throw err;
}

async function importIndicators(
  c: Ctx,
  columns: string[],
  records: CsvRecord[],
  dryRun: boolean,
  audit: AuditContext,
): Promise<KindResult> {
  const db = c.var.db;
  const now = audit.at;
  const mapped = mapIndicators(columns, records);
  const stored = await findIndicators(
    db,
    mapped.rows.map((r) => r.input.id),
  );
  // A token limited to one scope may neither define an indicator elsewhere nor take over one.
  assertIndicatorScopes(
    c,
    mapped.rows.flatMap((r) => {
      const before = stored.get(r.input.id)?.scope;
      return [
        { scope: r.input.scope, path: `/rows/${r.row}/scope` },
        ...(before === undefined ? [] : [{ scope: before, path: `/rows/${r.row}/id` }]),
      ];
    }),
  );
  const measureChanges = mapped.rows
    .filter((r) => {
      const s = stored.get(r.input.id);
      return s && s.measure !== r.input.measure;
    })
    .map((r) => r.input.id);
  const inUse = await findIndicatorsInUse(db, measureChanges);
  const result = resolveIndicators(mapped.rows, stored, inUse, now);
  const problems = [...invalid(mapped.errors), ...result.refusals];
  if (problems.length) refuse(problems);
  if (!dryRun) {
    await upsertIndicators(db, result.writes, { ctx: audit, old: stored }).catch(conflictOnRace);
  }
  return result;
}

async function importPlans(
  c: Ctx,
  columns: string[],
  records: CsvRecord[],
  mark: DecimalMark,
  dryRun: boolean,
  audit: AuditContext,
): Promise<KindResult> {
  const db = c.var.db;
  const now = audit.at;
  const mapped = mapPlans(columns, records, mark);
  const [indicators, stored] = await Promise.all([
    findIndicators(
      db,
      mapped.rows.map((r) => r.input.indicator_id),
    ),
    findPlans(
      db,
      mapped.rows.map((r) => planIdOf(r.input)),
    ),
  ]);
  assertIndicatorScopes(c, scopesOf(mapped.rows, indicators));
  const storedOut = new Map([...stored].map(([id, row]) => [id, planOut(row)]));
  const result = resolvePlans(mapped.rows, storedOut, indicators, now);
  const problems = [...invalid(mapped.errors), ...result.refusals];
  if (problems.length) refuse(problems);
  if (!dryRun) {
    await writePlans(
      db,
      result.writes.current.map(planRow),
      result.writes.revisions.map(planRow),
      audit,
    ).catch(conflictOnRace);
  }
  return result;
}

async function importActuals(
  c: Ctx,
  columns: string[],
  records: CsvRecord[],
  mark: DecimalMark,
  dryRun: boolean,
  audit: AuditContext,
): Promise<KindResult> {
  const db = c.var.db;
  const now = audit.at;
  const mapped = mapActuals(columns, records, mark);
  const known = await findIndicators(
    db,
    mapped.rows.map((r) => r.input.indicator_id),
  );
  assertIndicatorScopes(c, scopesOf(mapped.rows, known));
  const stored = await listVintageKeys(db, [...known.keys()]);
  const result = resolveActuals(mapped.rows, stored, new Set(known.keys()), now);
  const problems = [...invalid(mapped.errors), ...result.refusals];
  if (problems.length) refuse(problems);
  if (dryRun || result.writes.length === 0) return result;
  const { inserted } = await insertActuals(db, result.writes, audit).catch(conflictOnRace);
  // Give every written row (and every repeat of it in the file) the id it was stored under.
  const ids = new Map(inserted.map((a) => [vintageKey(a), a.id]));
  const outcomes = result.outcomes.map((o, i) => {
    const key = result.keys[i];
    return o.id === null && key !== undefined ? { ...o, id: ids.get(key) ?? null } : o;
  });
  return { outcomes };
}

async function importCsv(c: Ctx, query: z.infer<typeof QuerySchema>) {
  const dryRun = query.dry_run === "true";
  let text: string;
  try {
    // fatal: a file saved in a legacy code page is refused, not read as mojibake. The decoder
    // drops a UTF-8 byte order mark.
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(
      await c.req.arrayBuffer(),
    );
  } catch {
    throw new ApiError("malformed_csv", "The file is not UTF-8 text; save it as 'CSV UTF-8'.");
  }
  let records: CsvRecord[];
  try {
    records = parseCsv(text);
  } catch (err) {
    if (!(err instanceof CsvSyntaxError)) throw err;
    throw new ApiError("malformed_csv", "The file is not valid CSV; nothing was written.", [
      rowError(err.row, "", err.message),
    ]);
  }
  const [headerRecord, ...rest] = records;
  if (!headerRecord || isBlank(headerRecord)) {
    throw new ApiError(
      "validation_failed",
      "The file is empty; its first row must be the header.",
      [rowError(1, "", "Expected the header row.")],
    );
  }
  const header = readHeader(headerRecord.fields, query.kind);
  if ("errors" in header) refuse(invalid(header.errors));
  const rows = rest.filter((r) => !isBlank(r));
  if (rows.length === 0) {
    throw new ApiError("validation_failed", "The file has a header but no rows.", [
      rowError(2, "", "Expected at least one row under the header."),
    ]);
  }
  if (rows.length > MAX_IMPORT_ROWS) {
    throw new ApiError(
      "validation_failed",
      `At most ${MAX_IMPORT_ROWS} rows per file; this one has ${rows.length}. Split it: each file is written all-or-nothing.`,
      [{ path: "/rows", message: `At most ${MAX_IMPORT_ROWS} rows.` }],
    );
  }
  const audit = auditContext(c, nowIso());
  const mark: DecimalMark = query.decimal;
  const kind: ImportKind = header.kind;
  const { outcomes } =
    kind === "indicators"
      ? await importIndicators(c, header.columns, rows, dryRun, audit)
      : kind === "plans"
        ? await importPlans(c, header.columns, rows, mark, dryRun, audit)
        : await importActuals(c, header.columns, rows, mark, dryRun, audit);
  const summary = {
    rows: outcomes.length,
    created: 0,
    updated: 0,
    revised: 0,
    unchanged: 0,
    duplicate: 0,
  };
  for (const o of outcomes) summary[o.outcome] += 1;
  return c.json({ kind, dry_run: dryRun, summary, rows: outcomes }, 200);
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
    const type = (c.req.header("content-type") ?? "").split(";")[0]?.trim().toLowerCase();
    if (type !== "application/json") return importCsv(c, query);
    const dryRun = query.dry_run === "true";
    const doc = c.req.valid("json");
    // Only a JSON body reaches the validator, so this is the backup; the check narrows the type
    // the two declared media types give it.
    if (typeof doc === "string")
      throw new ApiError("malformed_json", "Expected a backup document.");
    const data = datasetOf(doc);
    const db = c.var.db;
    if (await holdsData(db)) {
      throw new ApiError(
        "conflict",
        "A backup restores only into an empty database, and this one holds data; nothing was written.",
      );
    }
    if (!dryRun && datasetSize(data) > 0) {
      await restoreDataset(db, data, doc.data_version, {
        ctx: auditContext(c),
        entry: {
          action: "restore",
          entity: "dataset",
          entityId: null,
          new: {
            data_version: doc.data_version,
            indicators: data.indicators.length,
            plans: data.plans.length,
            revisions: data.revisions.length,
            actuals: data.actuals.length,
          },
        },
      }).catch(conflictOnRace);
    }
    return c.json(
      {
        dry_run: dryRun,
        restored: {
          indicators: data.indicators.length,
          plans: data.plans.length,
          revisions: data.revisions.length,
          actuals: data.actuals.length,
        },
      },
      200,
    );
  },
);

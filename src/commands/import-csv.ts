// The CSV import as a command: read the file, map and check every row, then write all of it in
// one D1 batch (one transaction) or nothing. The route only validates the query, authorises
// and presents what this returns.
import type { Db } from "../db/client";
import { insertActuals, listVintageKeys } from "../db/queries/actuals";
import { findIndicators, findIndicatorsInUse, upsertIndicators } from "../db/queries/indicators";
import { findPlans, writePlans } from "../db/queries/plans";
import type { ImportKind } from "../domain/vocabulary";
import type { DecimalMark } from "../import/cells";
import { type CsvRecord, CsvSyntaxError, isBlank, parseCsv } from "../import/csv";
import {
  planIdOf,
  type Refusal,
  type RowOutcome,
  resolveActuals,
  resolveIndicators,
  resolvePlans,
  vintageKey,
} from "../import/resolve";
import {
  mapActuals,
  mapIndicators,
  mapPlans,
  type RowError,
  readHeader,
  rowError,
} from "../import/rows";
import { ApiError, conflictOnConstraint } from "../lib/errors";
import { type AuditContext, assertWithinScope, type Principal } from "../lib/principal";
import { ACTUAL_FIELDS } from "../presenters/actual";
import { indicatorAudit } from "../presenters/indicator";
import { planOut, planRow, planWrite } from "../presenters/plan";
import type { ImportResult } from "../schemas/import";

/**
 * One file is written in ONE D1 batch (one transaction), which is what makes it all-or-nothing.
 * 10,000 figures are ~2,200 statements of at most 99 parameters each; the cap keeps that batch
 * well inside D1's 30-second limit for a whole batch. Larger files are split by the client.
 */
export const MAX_IMPORT_ROWS = 10_000;

/** Problems listed in one response; the detail says how many there were in all. */
const MAX_LISTED_ERRORS = 100;

export interface CsvImportOptions {
  /** What the file holds; told from the header when absent. */
  kind?: ImportKind;
  dryRun: boolean;
  decimal: DecimalMark;
}

interface ImportRun {
  db: Db;
  dryRun: boolean;
  mark: DecimalMark;
  principal: Principal | null;
  audit: AuditContext;
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

const conflictOnRace = conflictOnConstraint(
  "The data changed while importing; nothing was written. Retry.",
);

async function importIndicators(
  run: ImportRun,
  columns: string[],
  records: CsvRecord[],
): Promise<KindResult> {
  const { db, audit, dryRun } = run;
  const now = audit.at;
  const mapped = mapIndicators(columns, records);
  const stored = await findIndicators(
    db,
    mapped.rows.map((r) => r.input.id),
  );
  // A token limited to one scope may neither define an indicator elsewhere nor take over one.
  assertWithinScope(
    run.principal,
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
    const entries = result.writes.map((row) => indicatorAudit(row.id, stored.get(row.id), row));
    await upsertIndicators(db, result.writes, { ctx: audit, entries }).catch(conflictOnRace);
  }
  return result;
}

async function importPlans(
  run: ImportRun,
  columns: string[],
  records: CsvRecord[],
): Promise<KindResult> {
  const { db, audit, dryRun, mark } = run;
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
  assertWithinScope(run.principal, scopesOf(mapped.rows, indicators));
  const storedOut = new Map([...stored].map(([id, row]) => [id, planOut(row)]));
  const result = resolvePlans(mapped.rows, storedOut, indicators, now);
  const problems = [...invalid(mapped.errors), ...result.refusals];
  if (problems.length) refuse(problems);
  if (!dryRun) {
    await writePlans(
      db,
      result.writes.current.map(planRow),
      result.writes.revisions.map(planWrite),
      audit,
    ).catch(conflictOnRace);
  }
  return result;
}

async function importActuals(
  run: ImportRun,
  columns: string[],
  records: CsvRecord[],
): Promise<KindResult> {
  const { db, audit, dryRun, mark } = run;
  const now = audit.at;
  const mapped = mapActuals(columns, records, mark);
  const known = await findIndicators(
    db,
    mapped.rows.map((r) => r.input.indicator_id),
  );
  assertWithinScope(run.principal, scopesOf(mapped.rows, known));
  const stored = await listVintageKeys(db, [...known.keys()]);
  const result = resolveActuals(mapped.rows, stored, new Set(known.keys()), now);
  const problems = [...invalid(mapped.errors), ...result.refusals];
  if (problems.length) refuse(problems);
  if (dryRun || result.writes.length === 0) return result;
  const { inserted } = await insertActuals(db, result.writes, {
    ctx: audit,
    fields: ACTUAL_FIELDS,
  }).catch(conflictOnRace);
  // Give every written row (and every repeat of it in the file) the id it was stored under.
  const ids = new Map(inserted.map((a) => [vintageKey(a), a.id]));
  const outcomes = result.outcomes.map((o, i) => {
    const key = result.keys[i];
    return o.id === null && key !== undefined ? { ...o, id: ids.get(key) ?? null } : o;
  });
  return { outcomes };
}

/**
 * Imports one CSV file of indicators, plans or figures: every row checked as the JSON API
 * would check it, then all written in one batch, or none (or nothing, in a dry run).
 */
export async function importCsv(
  db: Db,
  body: ArrayBuffer,
  options: CsvImportOptions,
  who: { principal: Principal | null; audit: AuditContext },
): Promise<ImportResult> {
  const { dryRun } = options;
  let text: string;
  try {
    // fatal: a file saved in a legacy code page is refused, not read as mojibake. The decoder
    // drops a UTF-8 byte order mark.
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(body);
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
  const header = readHeader(headerRecord.fields, options.kind);
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
  const run: ImportRun = { db, dryRun, mark: options.decimal, ...who };
  const kind: ImportKind = header.kind;
  const importer =
    kind === "indicators" ? importIndicators : kind === "plans" ? importPlans : importActuals;
  const { outcomes } = await importer(run, header.columns, rows);
  const summary = {
    rows: outcomes.length,
    created: 0,
    updated: 0,
    revised: 0,
    unchanged: 0,
    duplicate: 0,
  };
  for (const o of outcomes) summary[o.outcome] += 1;
  return { kind, dry_run: dryRun, summary, rows: outcomes };
}

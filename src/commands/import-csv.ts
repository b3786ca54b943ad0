// The CSV import as a command: read the file, map and check every row, then write all of it in
// one D1 batch (one transaction) or nothing. The route only validates the query, authorises
// and presents what this returns.
import type { Db } from "../db/client";
import { findAreas } from "../db/queries/areas";
import { findIndicators, findIndicatorsInUse, writeIndicators } from "../db/queries/indicators";
import { findPlans, writePlans } from "../db/queries/plans";
import { tableRow } from "../db/records";
import type { IndicatorRow } from "../db/schema";
import type { ImportKind } from "../domain/vocabulary";
import type { DecimalMark } from "../import/cells";
import {
  CsvError,
  type CsvRecord,
  type CsvSource,
  DEFAULT_CSV_LIMITS,
  readCsv,
} from "../import/csv";
import { ImportProblems } from "../import/refusals";
import { planIdOf, type RowOutcome, resolveIndicators, resolvePlans } from "../import/resolve";
import {
  actualMapper,
  type IndicatorRowInput,
  indicatorMapper,
  type MappedRow,
  type PlanCreateInput,
  planMapper,
  type RecordMapper,
  readHeader,
  rowError,
} from "../import/rows";
import { ApiError, conflictOnConstraint } from "../lib/errors";
import {
  type AuditContext,
  assertCreatesInNamespace,
  assertWithinScope,
  namespaceOf,
  type Principal,
  tagsOutsideNamespace,
} from "../lib/principal";
import { areaAudit } from "../presenters/area";
import { indicatorAudit } from "../presenters/indicator";
import { planOut, planRow, planWrite } from "../presenters/plan";
import type { ActualBody } from "../schemas/actual";
import type { ImportResult } from "../schemas/import";
import { recordActuals } from "./record-actuals";

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
  problems: ImportProblems;
}

interface KindResult {
  outcomes: RowOutcome[];
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

const conflictOnRace = conflictOnConstraint(
  "The data changed while importing; nothing was written. Retry.",
);

/** 403 for every row that would change tags outside a limited token's namespace. */
function assertRowTagsKept(
  principal: Principal | null,
  rows: readonly MappedRow<IndicatorRowInput>[],
  stored: ReadonlyMap<string, IndicatorRow>,
) {
  const seen = new Map<string, readonly string[]>();
  const errors = rows.flatMap((r) => {
    const before = seen.get(r.input.id) ?? stored.get(r.input.id)?.tags ?? [];
    seen.set(r.input.id, r.input.tags);
    const changed = tagsOutsideNamespace(principal, before, r.input.tags);
    return changed.length === 0
      ? []
      : [
          {
            path: `/rows/${r.row}/tags`,
            message: `Tags ${changed.map((t) => `'${t}'`).join(", ")} route alerts and stay as an admin set them.`,
          },
        ];
  });
  if (errors.length > 0) {
    throw new ApiError(
      "forbidden",
      `This token sets only tags in its area's namespace ('${namespaceOf(principal)}'); nothing was written.`,
      errors.slice(0, DEFAULT_CSV_LIMITS.problems),
    );
  }
}

async function importIndicators(
  run: ImportRun,
  rows: readonly MappedRow<IndicatorRowInput>[],
): Promise<KindResult> {
  const { db, audit, dryRun, problems, principal } = run;
  const now = audit.at;
  const [stored, areas] = await Promise.all([
    findIndicators(
      db,
      rows.map((r) => r.input.id),
    ),
    findAreas(
      db,
      rows.map((r) => r.input.scope),
    ),
  ]);
  // A token limited to one scope may neither define an indicator elsewhere nor take over one,
  // create ids outside its namespace, or change the tags destinations route on.
  assertWithinScope(
    principal,
    rows.flatMap((r) => {
      const before = stored.get(r.input.id)?.scope;
      return [
        { scope: r.input.scope, path: `/rows/${r.row}/scope` },
        ...(before === undefined ? [] : [{ scope: before, path: `/rows/${r.row}/id` }]),
      ];
    }),
  );
  assertCreatesInNamespace(
    principal,
    rows
      .filter((r) => !stored.has(r.input.id))
      .map((r) => ({ id: r.input.id, path: `/rows/${r.row}/id` })),
  );
  assertRowTagsKept(principal, rows, stored);
  const measureChanges = rows
    .filter((r) => {
      const s = stored.get(r.input.id);
      return s && s.measure !== r.input.measure;
    })
    .map((r) => r.input.id);
  const inUse = await findIndicatorsInUse(db, measureChanges);
  const result = resolveIndicators(
    rows,
    stored,
    areas,
    inUse,
    now,
    problems,
    !principal?.indicatorScope,
  );
  problems.throwIfAny();
  if (!dryRun) {
    const writes = result.writes.indicators.map((row) => {
      const before = stored.get(row.id);
      return { row: tableRow(row), before, entry: indicatorAudit(row.id, before, row) };
    });
    const newAreas = result.writes.areas.map((area) => ({
      row: area,
      entry: areaAudit(area.id, null, area),
    }));
    await writeIndicators(db, writes, audit, newAreas).catch(conflictOnRace);
  }
  return result;
}

async function importPlans(
  run: ImportRun,
  rows: readonly MappedRow<PlanCreateInput>[],
): Promise<KindResult> {
  const { db, audit, dryRun, problems } = run;
  const now = audit.at;
  const [indicators, stored] = await Promise.all([
    findIndicators(
      db,
      rows.map((r) => r.input.indicator_id),
    ),
    findPlans(
      db,
      rows.map((r) => planIdOf(r.input)),
    ),
  ]);
  assertWithinScope(run.principal, scopesOf(rows, indicators));
  assertCreatesInNamespace(
    run.principal,
    rows
      .filter((r) => !stored.has(planIdOf(r.input)))
      .map((r) => ({ id: planIdOf(r.input), path: `/rows/${r.row}/id` })),
  );
  const storedOut = new Map([...stored].map(([id, row]) => [id, planOut(row)]));
  const result = resolvePlans(rows, storedOut, indicators, now, problems);
  problems.throwIfAny();
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
  rows: readonly MappedRow<ActualBody>[],
): Promise<KindResult> {
  const { db, audit, dryRun, problems } = run;
  const known = await findIndicators(
    db,
    rows.map((r) => r.input.indicator_id),
  );
  assertWithinScope(run.principal, scopesOf(rows, known));
  const { outcomes } = await recordActuals(db, rows, new Set(known.keys()), {
    audit,
    dryRun,
    problems,
    checked: () => problems.throwIfAny(),
    conflict: "The data changed while importing; nothing was written. Retry.",
  });
  return { outcomes };
}

/** A limit the file passed, or a file that cannot be read, as the answer a person gets. */
function csvProblem(err: CsvError): ApiError {
  const at = [rowError(err.row, "", err.message)];
  switch (err.reason) {
    case "too_many_bytes":
      return new ApiError("payload_too_large", err.message);
    case "too_many_rows":
      return new ApiError(
        "validation_failed",
        `At most ${err.limit} rows per file. Split it: each file is written all-or-nothing.`,
        [{ path: "/rows", message: `At most ${err.limit} rows.` }, ...at],
      );
    case "too_many_blank_lines":
    case "too_many_columns":
    case "cell_too_long":
      return new ApiError("validation_failed", `${err.message} Nothing was written.`, at);
    case "unreadable":
      return new ApiError("unreadable_body", err.message);
    case "not_utf8":
      return new ApiError("malformed_csv", err.message, at);
    case "syntax":
      return new ApiError("malformed_csv", "The file is not valid CSV; nothing was written.", at);
  }
}

/** The rows of a file, each mapped as it arrives; the problems of the rest go to `problems`. */
async function mapRows<T>(
  records: AsyncGenerator<CsvRecord>,
  map: RecordMapper<T>,
  problems: ImportProblems,
): Promise<MappedRow<T>[]> {
  const rows: MappedRow<T>[] = [];
  let seen = 0;
  for await (const record of records) {
    seen += 1;
    const mapped = map(record);
    if ("errors" in mapped) problems.invalid(mapped.errors);
    else rows.push({ row: record.row, input: mapped.input });
  }
  if (seen === 0) {
    throw new ApiError("validation_failed", "The file has a header but no rows.", [
      rowError(2, "", "Expected at least one row under the header."),
    ]);
  }
  return rows;
}

/**
 * Imports one CSV file of indicators, plans or figures: every row checked as the JSON API
 * would check it, then all written in one batch, or none (or nothing, in a dry run). The file
 * is read as it arrives, within DEFAULT_CSV_LIMITS, and each record is mapped and dropped at
 * once: what is held is the checked rows, never the text or the records of the file.
 */
export async function importCsv(
  db: Db,
  source: CsvSource,
  options: CsvImportOptions,
  who: { principal: Principal | null; audit: AuditContext },
): Promise<ImportResult> {
  const { dryRun } = options;
  const mark = options.decimal;
  const problems = new ImportProblems(DEFAULT_CSV_LIMITS.problems);
  const run: ImportRun = { db, dryRun, mark, problems, ...who };
  const records = readCsv(source);
  let kind: ImportKind;
  let outcomes: RowOutcome[];
  try {
    const first = await records.next();
    // Blank rows are not handed out, so a first record past row 1 means blank rows came first.
    if (first.done || first.value.row !== 1) {
      throw new ApiError(
        "validation_failed",
        "The file is empty; its first row must be the header.",
        [rowError(1, "", "Expected the header row.")],
      );
    }
    const header = readHeader(first.value.fields, options.kind, DEFAULT_CSV_LIMITS.problems);
    if ("errors" in header) {
      // A file that is not CSV, or not UTF-8, is told so first, whatever its header says:
      // the rest is read (and dropped) for that before the header is refused.
      for await (const _ of records);
      problems.invalid(header.errors, header.total);
      throw problems.refusal();
    }
    kind = header.kind;
    const { columns } = header;
    if (kind === "indicators") {
      ({ outcomes } = await importIndicators(
        run,
        await mapRows(records, indicatorMapper(columns), problems),
      ));
    } else if (kind === "plans") {
      ({ outcomes } = await importPlans(
        run,
        await mapRows(records, planMapper(columns, mark), problems),
      ));
    } else {
      ({ outcomes } = await importActuals(
        run,
        await mapRows(records, actualMapper(columns, mark), problems),
      ));
    }
  } catch (err) {
    if (err instanceof CsvError) throw csvProblem(err);
    throw err;
  } finally {
    // Stops reading (and cancels the body) when the import ends before the file does.
    await records.return(undefined);
  }
  const summary = {
    rows: outcomes.length,
    created: 0,
    updated: 0,
    revised: 0,
    corrected: 0,
    unchanged: 0,
    duplicate: 0,
  };
  for (const o of outcomes) summary[o.outcome] += 1;
  return { kind, dry_run: dryRun, summary, rows: outcomes };
}

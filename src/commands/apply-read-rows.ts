// What the SDMX-CSV and JSON-stat imports do once a file is read. Every row goes through the
// very schema its JSON counterpart does (POST /api/plans, POST /api/actuals), is checked against
// the stored indicator it names, and a scoped token is held to its scope; then the CSV import's
// own rules decide what each row does, and one D1 batch writes all of it, or nothing.
import type { Db } from "../db/client";
import { listVintagesOfPeriods } from "../db/queries/actuals";
import { writePlansAndActuals } from "../db/queries/exchange";
import { findIndicators } from "../db/queries/indicators";
import { findPlans } from "../db/queries/plans";
import type { IndicatorRow } from "../db/schema";
import { IMPORT_OUTCOMES, type ImportOutcome } from "../domain/vocabulary";
import type { ActualRow as FigureInput, PlanRow as TargetInput } from "../formats/rows";
import type { Refusal, RefusalSink } from "../import/refusals";
import {
  planIdOf,
  type RowOutcome,
  resolveActuals,
  resolvePlans,
  vintageKey,
} from "../import/resolve";
import { type PlanCreateInput, rowError } from "../import/rows";
import { ApiError, conflictOnConstraint } from "../lib/errors";
import { type AuditContext, assertWithinScope, type Principal } from "../lib/principal";
import { ACTUAL_FIELDS } from "../presenters/actual";
import { planOut, planRow, planWrite } from "../presenters/plan";
import { type ActualBody, ActualInputSchema } from "../schemas/actual";
import type { FormatCheckCode } from "../schemas/formats";
import { PlanCreateSchema } from "../schemas/plan";

/** Where something is in the file a person sent. */
export interface Location {
  path: string;
  /**
   * SDMX-CSV: the row a spreadsheet shows. JSON-stat: the cell's position in the table; none
   * for a problem with the mapping or the table as a whole.
   */
  row?: number;
  column?: string;
  categories?: Record<string, string>;
}

/** One problem with a row or cell, with its stable code. */
export interface RowProblem extends Location {
  code: string;
  message: string;
}

/** A row read from a file, ready for the JSON API's rules. */
export interface ReadRow<T> {
  /** Unique within the file: a row number, or a cell's position. */
  row: number;
  input: T;
  /** The area the file files the row under (REF_AREA), when it says. */
  area?: string;
  /** The unit the file gives the value in (UNIT_MEASURE), when it says. */
  unit?: string;
  /** Where a field of `input` (a schema issue's path), or `area` or `unit`, is in the file. */
  at(path: readonly PropertyKey[]): Location;
}

export interface ReadFile {
  targets: ReadRow<TargetInput>[];
  figures: ReadRow<FigureInput>[];
  /** What reading the file already refused. */
  problems: RowProblem[];
}

export interface ApplyRun {
  /** What the person sent, as the refusal names it: `file` or `table`. */
  what?: string;
  dryRun: boolean;
  principal: Principal | null;
  audit: AuditContext;
}

export interface Applied {
  /** In file order, each with the row's `row`. */
  targets: RowOutcome[];
  figures: RowOutcome[];
}

/** Problems listed in one response; the detail says how many there were in all. */
const MAX_LISTED_PROBLEMS = 100;

const problemAt = (location: Location, code: FormatCheckCode, message: string): RowProblem => ({
  ...location,
  code,
  message,
});

/**
 * Refuses the whole file, listing every problem by row. The code is the most basic reason among
 * them: a bad cell before an unknown indicator before a conflict with what is stored.
 */
export function refuseFile(problems: readonly RowProblem[], what = "file"): never {
  const code = problems.some((p) => p.code !== "unknown_indicator" && p.code !== "conflict")
    ? "validation_failed"
    : problems.some((p) => p.code === "unknown_indicator")
      ? "unknown_indicator"
      : "conflict";
  const sorted = [...problems].sort(
    (a, b) => (a.row ?? 0) - (b.row ?? 0) || a.path.localeCompare(b.path),
  );
  const listed = sorted.slice(0, MAX_LISTED_PROBLEMS);
  const more = sorted.length > listed.length ? ` The first ${listed.length} are listed.` : "";
  throw new ApiError(
    code,
    `${sorted.length} problem${sorted.length === 1 ? "" : "s"} in the ${what}; nothing was written.${more}`,
    listed,
  );
}

interface IssueLike {
  path: PropertyKey[];
  message: string;
}

/** Runs a schema over each row; a row that fails adds one problem per place to fix. */
function validate<In, Out>(
  rows: readonly ReadRow<In>[],
  parse: (
    input: In,
  ) => { success: true; data: Out } | { success: false; error: { issues: IssueLike[] } },
  problems: RowProblem[],
): ReadRow<Out>[] {
  const valid: ReadRow<Out>[] = [];
  for (const row of rows) {
    const parsed = parse(row.input);
    if (parsed.success) {
      valid.push({ ...row, input: parsed.data });
      continue;
    }
    const seen = new Set<string>();
    for (const issue of parsed.error.issues) {
      const location = row.at(issue.path);
      if (seen.has(location.path)) continue;
      seen.add(location.path);
      problems.push(problemAt(location, "invalid_value", issue.message));
    }
  }
  return valid;
}

/**
 * Keeps the rows whose indicator exists and matches what the file says of it. A REF_AREA or
 * UNIT_MEASURE that is not the indicator's own means the row belongs to another series than
 * its id says: storing it would judge a target against the wrong figures.
 */
function checkIndicators<T extends { indicator_id: string }>(
  rows: readonly ReadRow<T>[],
  indicators: ReadonlyMap<string, IndicatorRow>,
  problems: RowProblem[],
): ReadRow<T>[] {
  return rows.filter((r) => {
    const indicator = indicators.get(r.input.indicator_id);
    if (!indicator) {
      problems.push(
        problemAt(
          r.at(["indicator_id"]),
          "unknown_indicator",
          `Unknown indicator '${r.input.indicator_id}'; create it first.`,
        ),
      );
      return false;
    }
    let ok = true;
    if (r.area !== undefined && r.area !== indicator.scope) {
      problems.push(
        problemAt(
          r.at(["area"]),
          "area_mismatch",
          `'${r.input.indicator_id}' belongs to the area '${indicator.scope}', not '${r.area}'.`,
        ),
      );
      ok = false;
    }
    if (r.unit !== undefined && r.unit !== indicator.unit) {
      problems.push(
        problemAt(
          r.at(["unit"]),
          "unit_mismatch",
          `'${r.input.indicator_id}' is measured in '${indicator.unit}', not '${r.unit}'.`,
        ),
      );
      ok = false;
    }
    return ok;
  });
}

const REFUSAL_CODE: Record<Refusal["reason"], FormatCheckCode> = {
  invalid: "invalid_value",
  unknown_indicator: "unknown_indicator",
  conflict: "conflict",
};

/** The resolver's refusals, placed where the file holds the field each names. */
function placeRefusals<T>(refusals: readonly Refusal[], rows: readonly ReadRow<T>[]) {
  const byRow = new Map(rows.map((r) => [r.row, r]));
  return refusals.map((refusal): RowProblem => {
    const column = refusal.column ?? "";
    const path = column === "baseline_value" ? ["baseline", "value"] : [column];
    const location = byRow.get(refusal.row)?.at(path) ?? {
      path: refusal.path,
      row: refusal.row,
    };
    return problemAt(location, REFUSAL_CODE[refusal.reason], refusal.message);
  });
}

/** Gathers the resolver's refusals, to be placed where the file holds each field. */
function collector(): RefusalSink & { refusals: Refusal[] } {
  const refusals: Refusal[] = [];
  return {
    refusals,
    refuse(row, column, reason, message) {
      refusals.push({ ...rowError(row, column, message), reason });
    },
  };
}

const conflictOnRace = conflictOnConstraint(
  "The data changed while importing; nothing was written. Retry.",
);

/**
 * Checks every row of a read file as the JSON API would, then writes the new and revised
 * targets and the new figures in one batch (nothing in a dry run). Throws with every problem
 * when there is any, the reader's included, so the file is refused whole.
 */
export async function applyReadRows(db: Db, file: ReadFile, run: ApplyRun): Promise<Applied> {
  const problems = [...file.problems];
  const targets = validate<TargetInput, PlanCreateInput>(
    file.targets,
    (input) => PlanCreateSchema.safeParse(input),
    problems,
  );
  const figures = validate<FigureInput, ActualBody>(
    file.figures,
    (input) => ActualInputSchema.safeParse(input),
    problems,
  );
  const named = [...targets, ...figures].map((r) => r.input.indicator_id);
  const [indicators, storedPlans] = await Promise.all([
    findIndicators(db, named),
    findPlans(
      db,
      targets.map((r) => planIdOf(r.input)),
    ),
  ]);
  // A token limited to one scope learns nothing else about a file that reaches outside it.
  assertWithinScope(
    run.principal,
    [...targets, ...figures].flatMap((r) => {
      const scope = indicators.get(r.input.indicator_id)?.scope;
      return scope === undefined ? [] : [{ scope, path: r.at(["indicator_id"]).path }];
    }),
  );
  const knownTargets = checkIndicators(targets, indicators, problems);
  const knownFigures = checkIndicators(figures, indicators, problems);
  const now = run.audit.at;
  const storedOut = new Map([...storedPlans].map(([id, row]) => [id, planOut(row)]));
  const targetRefusals = collector();
  const plans = resolvePlans(knownTargets, storedOut, indicators, now, targetRefusals);
  const vintages = await listVintagesOfPeriods(
    db,
    knownFigures.map(({ input }) => ({
      indicatorId: input.indicator_id,
      periodStart: input.period_start,
      periodEnd: input.period_end,
    })),
  );
  const figureRefusals = collector();
  const actuals = resolveActuals(
    knownFigures,
    vintages,
    new Set(indicators.keys()),
    now,
    figureRefusals,
  );
  problems.push(
    ...placeRefusals(targetRefusals.refusals, knownTargets),
    ...placeRefusals(figureRefusals.refusals, knownFigures),
  );
  if (problems.length) refuseFile(problems, run.what);
  if (run.dryRun) return { targets: plans.outcomes, figures: actuals.outcomes };

  const inserted = await writePlansAndActuals(
    db,
    {
      current: plans.writes.current.map(planRow),
      revisions: plans.writes.revisions.map(planWrite),
    },
    actuals.writes,
    { ctx: run.audit, fields: ACTUAL_FIELDS },
  ).catch(conflictOnRace);
  // Give every written figure (and every repeat of it in the file) the id it was stored under.
  const ids = new Map(inserted.map((a) => [vintageKey(a), a.id]));
  const figureOutcomes = actuals.outcomes.map((o, i) => {
    const key = actuals.keys[i];
    return o.id === null && key !== undefined ? { ...o, id: ids.get(key) ?? null } : o;
  });
  return { targets: plans.outcomes, figures: figureOutcomes };
}

/** Counts of each outcome, as the CSV import's summary has them. */
export function summarise(outcomes: readonly RowOutcome[]) {
  const summary = {
    rows: outcomes.length,
    ...(Object.fromEntries(IMPORT_OUTCOMES.map((o) => [o, 0])) as Record<ImportOutcome, number>),
  };
  for (const o of outcomes) summary[o.outcome] += 1;
  return summary;
}

// What each imported row would do to what is stored, decided without I/O: the route reads the
// rows it needs, these functions decide, and one D1 batch writes. A dry run stops before the
// write, so it answers exactly what a real run would do.
//
// Rows apply in file order, as if each were sent to the JSON API in turn: a later row for the
// same indicator or plan sees the earlier one. `duplicate` is a row that repeats an earlier row
// of the same file; `unchanged` is one that repeats what was already stored.

import type { NewActual } from "../db/queries/actuals";
import {
  areaDisagreements,
  areaFromIndicator,
  defaultPlanId,
  indicatorRecord,
  planRecord,
  tableRow,
  withArea,
} from "../db/records";
import type { AreaRow, IndicatorRow } from "../db/schema";
import type { ImportOutcome } from "../domain/vocabulary";
import { sameContent } from "../lib/same-content";
import type { ActualBody } from "../schemas/actual";
import type { PlanOut } from "../schemas/plan";
import type { RefusalSink } from "./refusals";
import type { IndicatorRowInput, MappedRow, PlanCreateInput } from "./rows";

export type Outcome = ImportOutcome;

export interface RowOutcome {
  row: number;
  outcome: Outcome;
  /** The indicator or plan id; for an actual, its numeric id once stored (null in a dry run). */
  id: string | number | null;
}

/** What the rows would do; the rows that cannot apply went to the caller's RefusalSink. */
export interface Resolution<W> {
  outcomes: RowOutcome[];
  writes: W;
}

// ---- indicators ----

export interface IndicatorWrites {
  /** The newest state of every indicator the file creates or replaces, with its area. */
  indicators: IndicatorRow[];
  /** Areas the file defines: scopes no stored area has, named by the first row naming them. */
  areas: AreaRow[];
}

/**
 * The area a row names: a stored one (whose names the row may repeat but not change), one an
 * earlier row of the file defined, or a new one when the caller may define areas and the row
 * gives its level. Null (and a refusal) otherwise.
 */
function areaOfRow(
  row: number,
  input: IndicatorRowInput,
  known: Map<string, AreaRow>,
  defined: Map<string, AreaRow>,
  mayDefine: boolean,
  now: string,
  problems: RefusalSink,
): AreaRow | null {
  const area = known.get(input.scope) ?? defined.get(input.scope);
  if (area) {
    const disagreements = areaDisagreements(input, area);
    for (const d of disagreements) problems.refuse(row, d.path.slice(1), "invalid", d.message);
    return disagreements.length > 0 ? null : area;
  }
  const made = mayDefine ? areaFromIndicator(input, now) : null;
  if (!made) {
    problems.refuse(
      row,
      "scope",
      "invalid",
      `No area '${input.scope}'. An admin creates it with PUT /api/areas/${input.scope} (or names it here with scope_name and scope_level).`,
    );
    return null;
  }
  defined.set(made.id, made);
  return made;
}

export function resolveIndicators(
  rows: readonly MappedRow<IndicatorRowInput>[],
  stored: ReadonlyMap<string, IndicatorRow>,
  storedAreas: ReadonlyMap<string, AreaRow>,
  /** Stored indicators that plans or figures refer to. */
  inUse: ReadonlySet<string>,
  now: string,
  problems: RefusalSink,
  /** Whether rows may define missing areas (an unlimited caller). */
  mayDefineAreas: boolean,
): Resolution<IndicatorWrites> {
  const outcomes: RowOutcome[] = [];
  const current = new Map<string, { row: IndicatorRow; fromFile: boolean }>();
  const known = new Map(storedAreas);
  const defined = new Map<string, AreaRow>();
  for (const { row, input } of rows) {
    const id = input.id;
    const dbRow = stored.get(id);
    const before = current.get(id) ?? (dbRow ? { row: dbRow, fromFile: false } : undefined);
    if (dbRow && dbRow.measure !== input.measure && inUse.has(id)) {
      // Plans and figures were evaluated under the stored measure; see PUT /api/indicators/:id.
      problems.refuse(
        row,
        "measure",
        "conflict",
        `Stays '${dbRow.measure}' while plans or figures use this indicator.`,
      );
      continue;
    }
    const area = areaOfRow(row, input, known, defined, mayDefineAreas, now, problems);
    if (!area) continue;
    const next = indicatorRecord(id, input, before?.row.createdAt ?? now, now);
    if (before && sameContent(tableRow(before.row), next, ["createdAt", "updatedAt"])) {
      outcomes.push({ row, outcome: before.fromFile ? "duplicate" : "unchanged", id });
      continue;
    }
    current.set(id, { row: withArea(next, area), fromFile: true });
    outcomes.push({ row, outcome: before ? "updated" : "created", id });
  }
  return {
    outcomes,
    writes: { indicators: [...current.values()].map((v) => v.row), areas: [...defined.values()] },
  };
}

// ---- plans ----

export interface PlanWrites {
  /** The newest state of every plan the import creates or revises. */
  current: PlanOut[];
  /** Every new revision, in order (a plan revised twice in one file gets two). */
  revisions: PlanOut[];
}

/** The id a plan row names, or the default the JSON API would give it. */
export function planIdOf(input: PlanCreateInput): string {
  return input.id ?? defaultPlanId(input);
}

export function resolvePlans(
  rows: readonly MappedRow<PlanCreateInput>[],
  stored: ReadonlyMap<string, PlanOut>,
  indicators: ReadonlyMap<string, IndicatorRow>,
  now: string,
  problems: RefusalSink,
): Resolution<PlanWrites> {
  const outcomes: RowOutcome[] = [];
  const revisions: PlanOut[] = [];
  const current = new Map<string, { plan: PlanOut; fromFile: boolean }>();
  for (const { row, input } of rows) {
    const indicator = indicators.get(input.indicator_id);
    if (!indicator) {
      problems.refuse(
        row,
        "indicator_id",
        "unknown_indicator",
        `Unknown indicator '${input.indicator_id}'.`,
      );
      continue;
    }
    const id = planIdOf(input);
    const dbPlan = stored.get(id);
    const before = current.get(id) ?? (dbPlan ? { plan: dbPlan, fromFile: false } : undefined);
    if (before && before.plan.indicator_id !== input.indicator_id) {
      problems.refuse(
        row,
        "indicator_id",
        "invalid",
        `Plan '${id}' keeps its indicator ('${before.plan.indicator_id}').`,
      );
      continue;
    }
    const revision = before ? before.plan.revision + 1 : 1;
    const record = planRecord(id, input, indicator, revision, before?.plan.created_at ?? now, now);
    if (!record.ok) {
      const column = record.field === "baseline.value" ? "baseline_value" : record.field;
      problems.refuse(row, column, "invalid", record.message);
      continue;
    }
    const next = record.plan;
    if (before && sameContent(before.plan, next, ["revision", "created_at", "updated_at"])) {
      outcomes.push({ row, outcome: before.fromFile ? "duplicate" : "unchanged", id });
      continue;
    }
    current.set(id, { plan: next, fromFile: true });
    revisions.push(next);
    outcomes.push({ row, outcome: before ? "revised" : "created", id });
  }
  return {
    outcomes,
    writes: { current: [...current.values()].map((v) => v.plan), revisions },
  };
}

// ---- actuals ----

/** A stored vintage, as much of it as deciding needs. */
export interface StoredVintage {
  id: number;
  indicatorId: string;
  periodStart: string;
  periodEnd: string;
  reportedAt: string;
  status: string;
  value: number;
  source: string | null;
  reportedAttainment: number | null;
  reportedYoy: number | null;
  note: string | null;
}

type VintageFields = Omit<StoredVintage, "id">;

/** What a figure says besides its number: a change in any of these corrects a vintage. */
export const ANNOTATIONS = ["source", "reportedAttainment", "reportedYoy", "note"] as const;
const ANNOTATION_NAMES: Record<(typeof ANNOTATIONS)[number], string> = {
  source: "source",
  reportedAttainment: "reported_attainment",
  reportedYoy: "reported_yoy",
  note: "note",
};

/**
 * The columns of the `actuals_vintage_uq` unique index, everything a figure says: equal keys
 * are one stored figure, sent twice.
 */
export function vintageKey(a: VintageFields): string {
  return JSON.stringify([figureKey(a), ...ANNOTATIONS.map((k) => a[k])]);
}

/** The figure itself: its period, report date, status and number. */
function figureKey(a: VintageFields): string {
  return JSON.stringify([
    a.indicatorId,
    a.periodStart,
    a.periodEnd,
    a.reportedAt,
    a.status,
    a.value,
  ]);
}

function periodKey(a: Pick<VintageFields, "indicatorId" | "periodStart" | "periodEnd">): string {
  return JSON.stringify([a.indicatorId, a.periodStart, a.periodEnd]);
}

/** The annotations (API names) in which `next` differs from `before`. */
function changedAnnotations(before: VintageFields, next: VintageFields): string[] {
  return ANNOTATIONS.filter((k) => before[k] !== next[k]).map((k) => ANNOTATION_NAMES[k]);
}

/** What a figure does to what is stored, with the vintage it corrects when it corrects one. */
export interface ActualOutcome extends RowOutcome {
  outcome: Exclude<Outcome, "updated">;
  id: number | null;
  /**
   * For `corrected`: the vintage it supersedes (the same number, status and report date with a
   * different source, note or printed ratio), or null when that one is earlier in the request.
   */
  corrects?: number | null;
  /** For `corrected`: the fields that differ, as the API names them. */
  changed?: string[];
}

/**
 * Decides each figure in order: `created` (the first for its period), `revised` (a new vintage
 * of a period on file), `corrected` (a vintage that repeats a stored one's number, status and
 * report date but changes what it says about it: stored as a vintage of its own, which then
 * counts, so no correction is ever dropped), `unchanged` (already stored exactly as sent) or
 * `duplicate` (repeats an earlier figure of the same request).
 */
export function resolveActuals(
  rows: readonly MappedRow<ActualBody>[],
  stored: readonly StoredVintage[],
  knownIndicators: ReadonlySet<string>,
  now: string,
  problems: RefusalSink,
): { outcomes: ActualOutcome[]; writes: NewActual[]; keys: string[] } {
  const outcomes: ActualOutcome[] = [];
  /** The vintage key of each outcome, so ids can be filled in once the rows are stored. */
  const keys: string[] = [];
  const writes: NewActual[] = [];
  const storedIds = new Map(stored.map((v) => [vintageKey(v), v.id]));
  const periods = new Set(stored.map(periodKey));
  /** The latest vintage of each figure, stored or sent, which a correction supersedes. */
  const latestOfFigure = new Map<string, { fields: VintageFields; id: number | null }>();
  for (const v of [...stored].sort((a, b) => a.id - b.id)) {
    latestOfFigure.set(figureKey(v), { fields: v, id: v.id });
  }
  const inFile = new Set<string>();
  for (const { row, input } of rows) {
    if (!knownIndicators.has(input.indicator_id)) {
      problems.refuse(
        row,
        "indicator_id",
        "unknown_indicator",
        `Unknown indicator '${input.indicator_id}'.`,
      );
      continue;
    }
    const actual: NewActual = {
      indicatorId: input.indicator_id,
      periodStart: input.period_start,
      periodEnd: input.period_end,
      // Already in base units: the CSV reader and the JSON command apply the scale first.
      value: input.value,
      status: input.status,
      reportedAt: input.reported_at,
      source: input.source ?? null,
      reportedAttainment: input.reported_attainment ?? null,
      reportedYoy: input.reported_yoy ?? null,
      note: input.note ?? null,
      createdAt: now,
    };
    const key = vintageKey(actual);
    keys.push(key);
    const existing = storedIds.get(key);
    if (existing !== undefined) {
      outcomes.push({ row, outcome: "unchanged", id: existing });
      continue;
    }
    if (inFile.has(key)) {
      outcomes.push({ row, outcome: "duplicate", id: null });
      continue;
    }
    inFile.add(key);
    const figure = figureKey(actual);
    const superseded = latestOfFigure.get(figure);
    const period = periodKey(actual);
    if (superseded) {
      outcomes.push({
        row,
        outcome: "corrected",
        id: null,
        corrects: superseded.id,
        changed: changedAnnotations(superseded.fields, actual),
      });
    } else {
      outcomes.push({ row, outcome: periods.has(period) ? "revised" : "created", id: null });
    }
    latestOfFigure.set(figure, { fields: actual, id: null });
    periods.add(period);
    writes.push(actual);
  }
  return { outcomes, writes, keys };
}

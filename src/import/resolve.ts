// What each imported row would do to what is stored, decided without I/O: the route reads the
// rows it needs, these functions decide, and one D1 batch writes. A dry run stops before the
// write, so it answers exactly what a real run would do.
//
// Rows apply in file order, as if each were sent to the JSON API in turn: a later row for the
// same indicator or plan sees the earlier one. `duplicate` is a row that repeats an earlier row
// of the same file; `unchanged` is one that repeats what was already stored.

import type { NewActual } from "../db/queries/actuals";
import { defaultPlanId, indicatorRecord, planRecord } from "../db/records";
import type { IndicatorRow } from "../db/schema";
import type { ImportOutcome } from "../domain/vocabulary";
import { sameContent } from "../lib/same-content";
import type { ActualBody } from "../schemas/actual";
import type { PlanOut } from "../schemas/plan";
import type { MappedRow } from "./rows";
import { type IndicatorRowInput, type PlanCreateInput, type RowError, rowError } from "./rows";

export type Outcome = ImportOutcome;

export interface RowOutcome {
  row: number;
  outcome: Outcome;
  /** The indicator or plan id; for an actual, its numeric id once stored (null in a dry run). */
  id: string | number | null;
}

/** Why a row cannot be applied; the route picks the response code from the worst reason. */
export type Refusal = RowError & { reason: "unknown_indicator" | "conflict" | "invalid" };

export interface Resolution<W> {
  outcomes: RowOutcome[];
  refusals: Refusal[];
  writes: W;
}

function refuse(row: number, column: string, reason: Refusal["reason"], message: string): Refusal {
  return { ...rowError(row, column, message), reason };
}

// ---- indicators ----

export function resolveIndicators(
  rows: readonly MappedRow<IndicatorRowInput>[],
  stored: ReadonlyMap<string, IndicatorRow>,
  /** Stored indicators that plans or figures refer to. */
  inUse: ReadonlySet<string>,
  now: string,
): Resolution<IndicatorRow[]> {
  const outcomes: RowOutcome[] = [];
  const refusals: Refusal[] = [];
  const current = new Map<string, { row: IndicatorRow; fromFile: boolean }>();
  for (const { row, input } of rows) {
    const id = input.id;
    const dbRow = stored.get(id);
    const before = current.get(id) ?? (dbRow ? { row: dbRow, fromFile: false } : undefined);
    if (dbRow && dbRow.measure !== input.measure && inUse.has(id)) {
      // Plans and figures were evaluated under the stored measure; see PUT /api/indicators/:id.
      refusals.push(
        refuse(
          row,
          "measure",
          "conflict",
          `Stays '${dbRow.measure}' while plans or figures use this indicator.`,
        ),
      );
      continue;
    }
    const next = indicatorRecord(id, input, before?.row.createdAt ?? now, now);
    if (before && sameContent(before.row, next, ["createdAt", "updatedAt"])) {
      outcomes.push({ row, outcome: before.fromFile ? "duplicate" : "unchanged", id });
      continue;
    }
    current.set(id, { row: next, fromFile: true });
    outcomes.push({ row, outcome: before ? "updated" : "created", id });
  }
  return { outcomes, refusals, writes: [...current.values()].map((v) => v.row) };
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
): Resolution<PlanWrites> {
  const outcomes: RowOutcome[] = [];
  const refusals: Refusal[] = [];
  const revisions: PlanOut[] = [];
  const current = new Map<string, { plan: PlanOut; fromFile: boolean }>();
  for (const { row, input } of rows) {
    const indicator = indicators.get(input.indicator_id);
    if (!indicator) {
      refusals.push(
        refuse(
          row,
          "indicator_id",
          "unknown_indicator",
          `Unknown indicator '${input.indicator_id}'.`,
        ),
      );
      continue;
    }
    const id = planIdOf(input);
    const dbPlan = stored.get(id);
    const before = current.get(id) ?? (dbPlan ? { plan: dbPlan, fromFile: false } : undefined);
    if (before && before.plan.indicator_id !== input.indicator_id) {
      refusals.push(
        refuse(
          row,
          "indicator_id",
          "invalid",
          `Plan '${id}' keeps its indicator ('${before.plan.indicator_id}').`,
        ),
      );
      continue;
    }
    const revision = before ? before.plan.revision + 1 : 1;
    const record = planRecord(id, input, indicator, revision, before?.plan.created_at ?? now, now);
    if (!record.ok) {
      const column = record.field === "baseline.value" ? "baseline_value" : record.field;
      refusals.push(refuse(row, column, "invalid", record.message));
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
    refusals,
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
}

type VintageFields = Omit<StoredVintage, "id">;

/** The columns of the `actuals_vintage_uq` unique index: equal keys are one stored figure. */
export function vintageKey(a: VintageFields): string {
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

export function resolveActuals(
  rows: readonly MappedRow<ActualBody>[],
  stored: readonly StoredVintage[],
  knownIndicators: ReadonlySet<string>,
  now: string,
): Resolution<NewActual[]> & { keys: string[] } {
  const outcomes: RowOutcome[] = [];
  /** The vintage key of each outcome, so ids can be filled in once the rows are stored. */
  const keys: string[] = [];
  const refusals: Refusal[] = [];
  const writes: NewActual[] = [];
  const storedIds = new Map(stored.map((v) => [vintageKey(v), v.id]));
  const periods = new Set(stored.map(periodKey));
  const inFile = new Set<string>();
  for (const { row, input } of rows) {
    if (!knownIndicators.has(input.indicator_id)) {
      refusals.push(
        refuse(
          row,
          "indicator_id",
          "unknown_indicator",
          `Unknown indicator '${input.indicator_id}'.`,
        ),
      );
      continue;
    }
    const actual: NewActual = {
      indicatorId: input.indicator_id,
      periodStart: input.period_start,
      periodEnd: input.period_end,
      // The CSV reader already applied the scale; `scale` never reaches the schema from a file.
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
    const period = periodKey(actual);
    outcomes.push({ row, outcome: periods.has(period) ? "revised" : "created", id: null });
    periods.add(period);
    writes.push(actual);
  }
  return { outcomes, refusals, writes, keys };
}

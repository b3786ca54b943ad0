// Figures and targets for exchange with other systems: every stored vintage of a figure and
// every revision of a target, each with its indicator's area (scope) and unit. An export first
// counts what each selected indicator holds, then reads the rows a page of indicators at a
// time, so it never holds a whole large dataset. Which vintage or revision an answer keeps is
// decided by the caller, in pure code.
import { and, asc, eq, gte, inArray, lte, type SQL, sql } from "drizzle-orm";
import type { IsoDate } from "../../domain/types";
import type { Db } from "../client";
import { type ActualRow, actuals, indicators, type PlanRow, planRevisions, plans } from "../schema";
import { actualInserts, type NewActual } from "./actuals";
import type { AuditedInsert } from "./audit";
import { type PlanWrite, planWrites } from "./plans";

export interface SeriesFilter {
  /** The indicator's scope. */
  area?: string;
  indicator?: string;
  tag?: string;
  /** Periods that start on or after this day. */
  startsFrom?: IsoDate;
  /** Periods that end on or before this day. */
  endsBy?: IsoDate;
  /** Figures reported (targets revised) by the end of this day. */
  asOf?: IsoDate;
}

function indicatorConditions(filter: SeriesFilter): SQL[] {
  const conditions: SQL[] = [];
  if (filter.area !== undefined) conditions.push(eq(indicators.scope, filter.area));
  if (filter.indicator !== undefined) conditions.push(eq(indicators.id, filter.indicator));
  if (filter.tag !== undefined) {
    conditions.push(
      sql`exists (select 1 from json_each(${indicators.tags}) where value = ${filter.tag})`,
    );
  }
  return conditions;
}

function figureConditions(filter: SeriesFilter): SQL[] {
  const conditions: SQL[] = [];
  if (filter.startsFrom !== undefined) {
    conditions.push(gte(actuals.periodStart, filter.startsFrom));
  }
  if (filter.endsBy !== undefined) conditions.push(lte(actuals.periodEnd, filter.endsBy));
  if (filter.asOf !== undefined) conditions.push(lte(actuals.reportedAt, filter.asOf));
  return conditions;
}

function revisionConditions(filter: SeriesFilter): SQL[] {
  const conditions: SQL[] = [];
  const periodStart = sql<string>`json_extract(${planRevisions.snapshot}, '$.period_start')`;
  const periodEnd = sql<string>`json_extract(${planRevisions.snapshot}, '$.period_end')`;
  if (filter.startsFrom !== undefined) conditions.push(gte(periodStart, filter.startsFrom));
  if (filter.endsBy !== undefined) conditions.push(lte(periodEnd, filter.endsBy));
  if (filter.asOf !== undefined) {
    conditions.push(lte(sql`substr(${planRevisions.createdAt}, 1, 10)`, filter.asOf));
  }
  return conditions;
}

/** An indicator the filter selects, and how many of its rows an export of it will read. */
export interface SeriesCount {
  id: string;
  rows: number;
}

/**
 * The indicators the filter selects that have figures to export, in the order an export
 * lists them (by area, then id), each with the number of its stored vintages the filter
 * keeps: what an export needs to cut its reading into pages of bounded size.
 */
export function countFigureVintages(db: Db, filter: SeriesFilter): Promise<SeriesCount[]> {
  const rows = sql<number>`count(${actuals.id})`;
  return db
    .select({ id: indicators.id, rows })
    .from(indicators)
    .innerJoin(actuals, and(eq(actuals.indicatorId, indicators.id), ...figureConditions(filter)))
    .where(and(...indicatorConditions(filter)))
    .groupBy(indicators.id)
    .orderBy(asc(indicators.scope), asc(indicators.id));
}

/** The same for plan revisions: the indicators with targets to export, and how many. */
export function countPlanRevisions(db: Db, filter: SeriesFilter): Promise<SeriesCount[]> {
  const rows = sql<number>`count(${planRevisions.planId})`;
  return db
    .select({ id: indicators.id, rows })
    .from(indicators)
    .innerJoin(plans, eq(plans.indicatorId, indicators.id))
    .innerJoin(
      planRevisions,
      and(eq(planRevisions.planId, plans.id), ...revisionConditions(filter)),
    )
    .where(and(...indicatorConditions(filter)))
    .groupBy(indicators.id)
    .orderBy(asc(indicators.scope), asc(indicators.id));
}

/**
 * Every vintage of the figures of `indicatorIds` (at most IDS_PER_QUERY) that the filter's
 * periods and as-of day keep, with area and unit, in storage order.
 */
export function listFigureVintages(db: Db, indicatorIds: readonly string[], filter: SeriesFilter) {
  return db
    .select({
      id: actuals.id,
      indicator_id: actuals.indicatorId,
      area: indicators.scope,
      unit: indicators.unit,
      period_start: actuals.periodStart,
      period_end: actuals.periodEnd,
      value: actuals.value,
      status: actuals.status,
      reported_at: actuals.reportedAt,
      source: actuals.source,
      note: actuals.note,
      reported_attainment: actuals.reportedAttainment,
      reported_yoy: actuals.reportedYoy,
    })
    .from(actuals)
    .innerJoin(indicators, eq(indicators.id, actuals.indicatorId))
    .where(and(inArray(actuals.indicatorId, [...indicatorIds]), ...figureConditions(filter)))
    .orderBy(asc(actuals.id));
}

/**
 * Every revision of the plans of `indicatorIds` (at most IDS_PER_QUERY) that the filter keeps,
 * as the API showed it then, with area and unit; a revision counts from the day it was
 * recorded, and its periods are its own.
 */
export function listPlanRevisions(db: Db, indicatorIds: readonly string[], filter: SeriesFilter) {
  return db
    .select({
      snapshot: planRevisions.snapshot,
      area: indicators.scope,
      unit: indicators.unit,
    })
    .from(planRevisions)
    .innerJoin(plans, eq(plans.id, planRevisions.planId))
    .innerJoin(indicators, eq(indicators.id, plans.indicatorId))
    .where(and(inArray(plans.indicatorId, [...indicatorIds]), ...revisionConditions(filter)))
    .orderBy(asc(planRevisions.planId), asc(planRevisions.revision));
}

/**
 * New and revised plans and new figures in ONE batch (one transaction), both with their audit
 * entries: a file that holds targets and figures is written whole or not at all. Returns the
 * figures actually stored (a figure already on file is skipped, as insertActuals does).
 */
export async function writePlansAndActuals(
  db: Db,
  targets: { current: readonly PlanRow[]; revisions: readonly PlanWrite[] },
  figures: readonly NewActual[],
  audit: AuditedInsert<ActualRow>,
): Promise<ActualRow[]> {
  const planStatements = planWrites(db, targets.current, targets.revisions, audit.ctx);
  const figureWrite = actualInserts(db, figures, audit);
  const [first, ...rest] = [...planStatements, ...figureWrite.statements];
  if (!first) return [];
  const results = await db.batch([first, ...rest]);
  return figureWrite.inserted(results.slice(planStatements.length));
}

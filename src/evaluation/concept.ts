// One concept (the same measure in many areas) ranked across its areas, beside their region's
// own figure: the comparison a regional bulletin prints. Figures come from every indicator of
// the concept; attainment, pace and the status chip from the plan, where an area has one,
// evaluated here like every other plan.
import type { Db } from "../db/client";
import { loadConceptFigures } from "../db/queries/concepts";
import type { ActualRow, AreaRow, IndicatorRow } from "../db/schema";
import { type LeagueKey, type LeagueTable, leagueTable } from "../domain/league-table";
import type { IsoDate } from "../domain/types";
import type { Status } from "../domain/vocabulary";
import { samePeriodLastYear } from "../domain/year-on-year";
import { type EvaluatedPlan, loadEvaluatedPlans } from "./evaluate";

export interface ConceptArea {
  area: string;
  areaRow: AreaRow | undefined;
  indicator: IndicatorRow;
  /** The figure for the period compared (its longest, latest vintage), or null. */
  figure: ActualRow | null;
  /** The same period a year earlier, its latest vintage. */
  prior: ActualRow | null;
  value: number | null;
  yoy: number | null;
  previousValue: number | null;
  /** The plan covering the period's end, evaluated as of asOf. */
  plan: EvaluatedPlan | null;
  attainment: number | null;
  pace: number | null;
  status: Status | null;
}

export interface ConceptComparison {
  concept: string;
  asOf: IsoDate;
  dataVersion: number;
  /** The period compared: the latest period end any area has a figure for, or the one asked for. */
  period: { start: IsoDate; end: IsoDate } | null;
  region: ConceptArea | null;
  table: LeagueTable<ConceptArea>;
}

/** The latest vintage of the longest period ending on `end` (the year to date over the month). */
function figureFor(figures: readonly ActualRow[], end: IsoDate, start?: IsoDate): ActualRow | null {
  let best: ActualRow | null = null;
  for (const f of figures) {
    if (f.periodEnd !== end || (start !== undefined && f.periodStart !== start)) continue;
    if (
      best === null ||
      f.periodStart < best.periodStart ||
      (f.periodStart === best.periodStart &&
        (f.reportedAt > best.reportedAt || (f.reportedAt === best.reportedAt && f.id > best.id)))
    ) {
      best = f;
    }
  }
  return best;
}

function entryOf(
  indicator: IndicatorRow,
  areasById: ReadonlyMap<string, AreaRow>,
  figures: readonly ActualRow[],
  periodEnd: IsoDate | null,
  plans: readonly EvaluatedPlan[],
): ConceptArea {
  const figure = periodEnd === null ? null : figureFor(figures, periodEnd);
  const priorPeriod = figure ? samePeriodLastYear(figure) : null;
  const prior =
    figure && priorPeriod
      ? figureFor(figures, priorPeriod.periodEnd, priorPeriod.periodStart)
      : null;
  const plan =
    periodEnd === null
      ? null
      : (plans.find((p) => p.plan.periodStart <= periodEnd && periodEnd <= p.plan.periodEnd) ??
        null);
  const evaluation = plan?.evaluation;
  return {
    area: indicator.scope,
    areaRow: areasById.get(indicator.scope),
    indicator,
    figure,
    prior,
    value: figure?.value ?? null,
    yoy: figure?.reportedYoy ?? null,
    previousValue: prior?.value ?? null,
    plan,
    attainment: evaluation?.attainment ?? null,
    pace: evaluation?.pace ?? null,
    status: evaluation?.status ?? null,
  };
}

export interface ConceptQuery {
  asOf: IsoDate;
  by: LeagueKey;
  order?: "asc" | "desc";
  /** Compare the figures ending on this day; the latest any area has by default. */
  periodEnd?: IsoDate;
  /** The region to compare with; by default the concept's area that the others lie in. */
  region?: string;
}

/**
 * The concept's areas ranked, in two D1 round trips whatever their number: the concept's
 * indicators with their areas and figures, then its plans evaluated. Null for an unknown
 * concept. Tied areas are listed by name, as a yearbook prints them.
 */
export async function compareConcept(
  db: Db,
  concept: string,
  query: ConceptQuery,
): Promise<ConceptComparison | null> {
  const [read, evaluated] = await Promise.all([
    loadConceptFigures(db, concept, query.asOf),
    loadEvaluatedPlans(db, { concept, asOf: query.asOf }),
  ]);
  if (read.indicators.length === 0) return null;
  const figuresOf = new Map<string, ActualRow[]>();
  for (const f of read.figures) {
    const list = figuresOf.get(f.indicatorId) ?? [];
    list.push(f);
    figuresOf.set(f.indicatorId, list);
  }
  const plansOf = new Map<string, EvaluatedPlan[]>();
  for (const p of evaluated.plans) {
    const list = plansOf.get(p.indicator.id) ?? [];
    list.push(p);
    plansOf.set(p.indicator.id, list);
  }
  const periodEnd =
    query.periodEnd ??
    read.figures.reduce<IsoDate | null>(
      (latest, f) => (latest === null || f.periodEnd > latest ? f.periodEnd : latest),
      null,
    );
  const entries = read.indicators.map((indicator) =>
    entryOf(
      indicator,
      read.areas,
      figuresOf.get(indicator.id) ?? [],
      periodEnd,
      plansOf.get(indicator.id) ?? [],
    ),
  );
  const regionId =
    query.region ??
    entries.find((e) => entries.some((other) => other.areaRow?.parentId === e.area))?.area;
  const region = entries.find((e) => e.area === regionId) ?? null;
  const ranked = entries
    .filter((e) => e !== region && (regionId === undefined || e.areaRow?.parentId === regionId))
    .sort((a, b) => (a.areaRow?.name ?? a.area).localeCompare(b.areaRow?.name ?? b.area));
  const period = region?.figure ?? ranked.find((e) => e.figure)?.figure ?? null;
  return {
    concept,
    asOf: query.asOf,
    dataVersion: read.dataVersion,
    period: period ? { start: period.periodStart, end: period.periodEnd } : null,
    region,
    table: leagueTable(ranked, {
      by: query.by,
      order: query.order,
      region: region
        ? { value: region.value, yoy: region.yoy, previousValue: region.previousValue }
        : null,
    }),
  };
}

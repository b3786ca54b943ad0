// What the comparison and completeness views read: the indicators of a concept or a period's
// cadence with their areas, and their figures, in ONE D1 round trip whatever their number.
import { and, eq, lte, or, type SQL, sql } from "drizzle-orm";
import type { Cadence } from "../../domain/vocabulary";
import type { Db } from "../client";
import {
  type ActualRow,
  type AreaRow,
  actuals,
  areas,
  type IndicatorRow,
  indicators,
} from "../schema";
import { selectIndicators } from "./indicators";
import { selectDataVersion } from "./meta";

export interface IndicatorFigures {
  dataVersion: number;
  indicators: IndicatorRow[];
  /** Every area the indicators are in, and the regions those lie in. */
  areas: Map<string, AreaRow>;
  /** The indicators' figures reported by asOf, every vintage. */
  figures: ActualRow[];
}

async function readIndicatorFigures(
  db: Db,
  where: SQL,
  figuresWhere: SQL | undefined,
  asOf: string,
): Promise<IndicatorFigures> {
  const chosen = sql`select ${indicators.id} from ${indicators} inner join ${areas} on ${areas.id} = ${indicators.scope} where ${where}`;
  const [indicatorRows, areaRows, figureRows, version] = await db.batch([
    selectIndicators(db, where).orderBy(indicators.scope, indicators.id),
    // The indicators' areas and their parents, so a region's name comes with its provinces.
    db
      .select()
      .from(areas)
      .where(
        sql`${areas.id} in (select ${indicators.scope} from ${indicators} inner join ${areas} on ${areas.id} = ${indicators.scope} where ${where})
          or ${areas.id} in (select ${areas.parentId} from ${areas} where ${areas.id} in (select ${indicators.scope} from ${indicators} inner join ${areas} on ${areas.id} = ${indicators.scope} where ${where}))`,
      ),
    db
      .select()
      .from(actuals)
      .where(
        and(
          sql`${actuals.indicatorId} in (${chosen})`,
          lte(actuals.reportedAt, asOf),
          figuresWhere,
        ),
      )
      .orderBy(actuals.indicatorId, actuals.periodEnd, actuals.reportedAt, actuals.id),
    selectDataVersion(db),
  ]);
  return {
    dataVersion: version[0]?.value ?? 0,
    indicators: indicatorRows,
    areas: new Map(areaRows.map((a) => [a.id, a])),
    figures: figureRows,
  };
}

/** The indicators of a concept, their areas and every figure of theirs known by asOf. */
export function loadConceptFigures(db: Db, concept: string, asOf: string) {
  return readIndicatorFigures(db, eq(indicators.concept, concept), undefined, asOf);
}

export interface CompletenessFilter {
  cadence: Cadence;
  periodEnd: string;
  /** An area: its own indicators and those of the areas that lie in it. */
  scope?: string;
  concept?: string;
  asOf: string;
}

/**
 * Every indicator the period expects a figure of (its cadence, in the scope or concept asked
 * for), and their figures that end on the period's last day, reported by asOf.
 */
export function loadCompletenessFigures(db: Db, filter: CompletenessFilter) {
  const conditions: SQL[] = [eq(indicators.cadence, filter.cadence)];
  if (filter.scope) {
    conditions.push(
      or(eq(indicators.scope, filter.scope), eq(areas.parentId, filter.scope)) as SQL,
    );
  }
  if (filter.concept) conditions.push(eq(indicators.concept, filter.concept));
  return readIndicatorFigures(
    db,
    and(...conditions) as SQL,
    eq(actuals.periodEnd, filter.periodEnd),
    filter.asOf,
  );
}

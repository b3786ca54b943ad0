// What a write would do, decided without writing: the desk shows it before anything is saved.
// Figures are classified exactly as the CSV import classifies its rows (a new figure, a new
// vintage of a period already on file, or one already stored), and every target of the
// indicator is judged through src/evaluation with and without them.

/**
 * How far back a preview reads an indicator's figures: enough for the year on year and the
 * seasonal history (four years before the earliest target), and a ceiling on rows.
 */
const PREVIEW_YEARS_BACK = 5;
const PREVIEW_VINTAGES = 5_000;

function vintagesFor(db: Db, indicatorId: string, plans: readonly PlanRow[], asOf: string) {
  let earliest = asOf;
  for (const p of plans) if (p.periodStart < earliest) earliest = p.periodStart;
  const from = `${String(Number(earliest.slice(0, 4)) - PREVIEW_YEARS_BACK).padStart(4, "0")}-01-01`;
  return listVintagesSince(db, indicatorId, from, PREVIEW_VINTAGES);
}

import type { Db } from "../db/client";
import { listVintagesSince, type NewActual } from "../db/queries/actuals";
import { findIndicators } from "../db/queries/indicators";
import { listPlans } from "../db/queries/plans";
import type { ActualRow, IndicatorRow, PlanRow } from "../db/schema";
import type { ImportOutcome } from "../domain/vocabulary";
import { type EvaluatedPlan, evaluateWithVintages } from "../evaluation/evaluate";
import { resolveActuals } from "../import/resolve";
import type { Principal } from "../lib/principal";
import { indicatorOut } from "../presenters/indicator";
import { planRow } from "../presenters/plan";
import type { ActualBody } from "../schemas/actual";
import type { IndicatorBody } from "../schemas/indicator";
import type { PlanBody } from "../schemas/plan";
import { newActual } from "./record-actuals";
import { type IndicatorChange, indicatorChange } from "./save-indicator";
import { type PlanChange, planChange } from "./save-plan";

/** A target the figure would be the one judged on, before and after saving. */
export interface FigureEffect {
  before: EvaluatedPlan;
  after: EvaluatedPlan;
}

export interface FigurePreview {
  outcome: ImportOutcome;
  indicator: IndicatorRow;
  /** The figure as it would be stored, in base units. */
  actual: NewActual;
  /** The vintage that counts for the same period today, if any. */
  previous: ActualRow | null;
  effects: FigureEffect[];
}

function latestOf(vintages: readonly ActualRow[], a: NewActual): ActualRow | null {
  let latest: ActualRow | null = null;
  for (const v of vintages) {
    if (v.periodStart !== a.periodStart || v.periodEnd !== a.periodEnd) continue;
    if (
      !latest ||
      v.reportedAt > latest.reportedAt ||
      (v.reportedAt === latest.reportedAt && v.id > latest.id)
    ) {
      latest = v;
    }
  }
  return latest;
}

/**
 * What saving `items` together would do, item by item. The indicators must exist (the caller
 * has checked them). `asOf` is the date the targets are judged at.
 */
export async function previewFigures(
  db: Db,
  items: readonly ActualBody[],
  now: string,
  asOf: string,
): Promise<FigurePreview[]> {
  const ids = [...new Set(items.map((i) => i.indicator_id))];
  const indicators = await findIndicators(db, ids);
  const stored = new Map<string, { vintages: ActualRow[]; plans: PlanRow[] }>();
  await Promise.all(
    ids.map(async (id) => {
      const plans = await listPlans(db, { indicatorId: id });
      const vintages = await vintagesFor(db, id, plans, asOf);
      stored.set(id, { vintages, plans });
    }),
  );
  const actuals = items.map((item) => newActual(item, now));
  const allVintages = [...stored.values()].flatMap((s) => s.vintages);
  const resolution = resolveActuals(
    actuals.map((a, i) => ({
      row: i,
      input: { ...(items[i] as ActualBody), value: a.value, scale: undefined },
    })),
    allVintages,
    new Set(indicators.keys()),
    now,
    // The caller has checked the indicators; nothing else refuses a figure here.
    { refuse: () => undefined },
  );
  // Figures not yet stored get ids above every stored one, in order: the engine reads a
  // higher id as recorded later, as the database will number them.
  let nextId = Math.max(0, ...allVintages.map((v) => v.id));
  const hypothetical = actuals.map((a, i): ActualRow | null =>
    ["created", "revised", "corrected"].includes(resolution.outcomes[i]?.outcome ?? "")
      ? { ...a, id: ++nextId }
      : null,
  );
  const judged = new Map<string, FigureEffect[]>();
  for (const [id, { vintages, plans }] of stored) {
    const indicator = indicators.get(id);
    if (!indicator) continue;
    const added = hypothetical.filter((h): h is ActualRow => h !== null && h.indicatorId === id);
    judged.set(
      id,
      plans.map((plan) => ({
        before: evaluateWithVintages(plan, indicator, vintages, asOf),
        after: evaluateWithVintages(plan, indicator, [...vintages, ...added], asOf),
      })),
    );
  }
  return actuals.map((actual, i) => {
    const indicator = indicators.get(actual.indicatorId) as IndicatorRow;
    const mine = hypothetical[i];
    return {
      outcome: resolution.outcomes[i]?.outcome ?? "created",
      indicator,
      actual,
      previous: latestOf(stored.get(actual.indicatorId)?.vintages ?? [], actual),
      effects: (judged.get(actual.indicatorId) ?? []).filter(
        (e) => mine && e.after.evaluation.actual?.id === mine.id,
      ),
    };
  });
}

export interface PlanPreview {
  change: PlanChange;
  /** The target as judged now, when it exists. */
  before: EvaluatedPlan | null;
  /** As it would be judged, on the figures on file. */
  after: EvaluatedPlan;
}

export async function previewPlan(
  db: Db,
  id: string,
  body: PlanBody,
  principal: Principal | null,
  now: string,
  asOf: string,
): Promise<PlanPreview> {
  const change = await planChange(db, id, body, principal, now);
  const vintages = await vintagesFor(
    db,
    change.indicator.id,
    [change.current, planRow(change.next)].flatMap((p) => (p ? [p] : [])),
    asOf,
  );
  return {
    change,
    before: change.current
      ? evaluateWithVintages(change.current, change.indicator, vintages, asOf)
      : null,
    after: evaluateWithVintages(planRow(change.next), change.indicator, vintages, asOf),
  };
}

export interface IndicatorPreview {
  change: IndicatorChange;
  /** The API fields an update changes. */
  changed: string[];
}

export async function previewIndicator(
  db: Db,
  id: string,
  body: IndicatorBody,
  principal: Principal | null,
  now: string,
): Promise<IndicatorPreview> {
  const change = await indicatorChange(db, id, body, principal, now);
  const changed: string[] = [];
  if (change.existing && change.outcome === "updated") {
    const before = indicatorOut(change.existing) as Record<string, unknown>;
    const after = indicatorOut(change.next) as Record<string, unknown>;
    for (const key of Object.keys(after)) {
      if (key === "created_at" || key === "updated_at") continue;
      if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) changed.push(key);
    }
  }
  return { change, changed };
}

import type { EventRow, IndicatorRow, PlanRow } from "../db/schema";
import { pageCursor } from "../lib/pagination";
import type { EvaluationFigures, EventData, EventOut } from "../schemas/event";
import { storedFigures } from "./evaluation";
import { indicatorSummary } from "./indicator";
import { planSummary } from "./plan";

export function eventOut(row: EventRow): EventOut {
  return {
    id: row.id,
    type: row.type,
    occurred_at: row.occurredAt,
    plan_id: row.planId,
    indicator_id: row.indicatorId,
    scope: row.scope,
    previous_status: row.previousStatus,
    status: row.status,
    severity: row.severity,
    stale: row.stale,
    muted: row.muted,
    plan: row.data.plan,
    indicator: row.data.indicator,
    evaluation: storedFigures(row.data.evaluation),
    link: row.data.link,
    ...(row.data.figure ? { figure: row.data.figure } : {}),
  };
}

/** A page of events, newest first, with the cursor to the next one. */
export function eventPage(rows: EventRow[], limit: number) {
  return { events: rows.map(eventOut), next_before: pageCursor(rows, limit, (r) => r.id) };
}

/** The plan's page on the public status page, for links in notifications. */
export function planLink(publicBaseUrl: string, planId: string): string {
  return `${publicBaseUrl.replace(/\/+$/, "")}/plans/${encodeURIComponent(planId)}`;
}

/** What every message about a plan says about it. */
export type PlanAbout = Pick<EventData, "plan" | "indicator" | "scope" | "link">;

export function planAbout(
  plan: PlanRow,
  indicator: IndicatorRow,
  publicBaseUrl: string,
): PlanAbout {
  return {
    plan: planSummary(plan),
    indicator: indicatorSummary(indicator),
    scope: indicator.scope,
    link: planLink(publicBaseUrl, plan.id),
  };
}

/** The `data` of an event: stored with it, and sent unchanged on every delivery. */
export function eventData(
  event: Pick<
    EventData,
    "id" | "type" | "occurred_at" | "previous_status" | "status" | "severity" | "stale"
  >,
  about: PlanAbout,
  figures: EvaluationFigures,
): EventData {
  return {
    id: event.id,
    type: event.type,
    occurred_at: event.occurred_at,
    plan: about.plan,
    indicator: about.indicator,
    scope: about.scope,
    previous_status: event.previous_status,
    status: event.status,
    severity: event.severity,
    stale: event.stale,
    evaluation: figures,
    link: about.link,
  };
}

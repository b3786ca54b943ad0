// Shapes the monitor stores and sends. Snake_case because they leave the Worker as they are:
// in webhook bodies, in GET /api/events and in the status page's feed.
import type { ActualStatus, Comparator, IsoDate, Status } from "../domain/types";
import type { EventType, Severity } from "./vocabulary";

/** The engine's figures at one evaluation: what a chart or a notification shows. */
export interface EvaluationFigures {
  as_of: IsoDate;
  status: Status;
  plan_revision: number;
  attainment: number | null;
  expected_fraction: number | null;
  expected_to_date: number | null;
  pace: number | null;
  projection: number | null;
  projected_attainment: number | null;
  months_remaining: number | null;
  required_monthly_rate: number | null;
  gap_pp: number | null;
  actual: {
    id: number;
    value: number;
    period_start: IsoDate;
    period_end: IsoDate;
    status: ActualStatus;
    reported_at: string;
  } | null;
  freshness: {
    last_period_end: IsoDate | null;
    next_due: IsoDate | null;
    stale_after: IsoDate | null;
    stale: boolean;
  };
}

export interface PlanSummary {
  id: string;
  title: string | null;
  period_start: IsoDate;
  period_end: IsoDate;
  target: number;
  comparator: Comparator;
  revision: number;
}

export interface IndicatorSummary {
  id: string;
  name: string;
  unit: string;
  scope: string;
  scope_name: string;
  tags: string[];
}

/** The `data` of a webhook body, stored with the event so every retry sends the same thing. */
export interface EventData {
  id: string;
  type: Exclude<EventType, "webhook.test">;
  occurred_at: string;
  plan: PlanSummary;
  indicator: IndicatorSummary;
  scope: string;
  previous_status: Status | null;
  status: Status;
  severity: Severity;
  stale: boolean;
  evaluation: EvaluationFigures;
  /** The plan's page on the public status page. */
  link: string;
}

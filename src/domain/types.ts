// The vocabulary of the engine. Everything in src/domain is pure: no I/O, no clock.
// "Now" always arrives as a parameter (an ISO date), so every result can be reproduced.
import type {
  ActualStatus,
  Cadence,
  Comparator,
  Measure,
  ProgressLabel,
  Status,
} from "./vocabulary";

/** A calendar date, `YYYY-MM-DD`, in UTC. Periods are inclusive at both ends. */
export type IsoDate = string;

/**
 * How the target is spread over the period: `linear` by calendar days, or twelve monthly
 * weights (January first) for seasonal indicators. Weights need not sum to 1.
 */
export type Phasing = { kind: "linear" } | { kind: "monthly_weights"; weights: number[] };

/**
 * Status boundaries. Ratios apply to flow and level measures (pace, or value / target);
 * the `_pp` ones are percentage-point gaps for rate measures.
 */
export interface Thresholds {
  ahead: number;
  on_track: number;
  at_risk: number;
  ahead_pp: number;
  on_track_pp: number;
  at_risk_pp: number;
}

/** What the engine needs to know about a plan and its indicator. */
export interface PlanInput {
  id: string;
  measure: Measure;
  cadence: Cadence;
  periodStart: IsoDate;
  periodEnd: IsoDate;
  /** In base units (USD, not million USD); percent for rate measures. Never 0 for flow/level. */
  target: number;
  comparator: Comparator;
  phasing: Phasing;
  /** Per-plan overrides; missing keys fall back to DEFAULT_THRESHOLDS. */
  thresholds?: Partial<Thresholds> | null;
  baseline?: { value: number; date: IsoDate } | null;
}

/** One reported figure (one vintage). */
export interface ActualInput {
  /** Database id; a higher id was recorded later. Breaks ties between equal reportedAt. */
  id: number;
  periodStart: IsoDate;
  periodEnd: IsoDate;
  value: number;
  status: ActualStatus;
  reportedAt: IsoDate;
  /** The ratio the source itself printed, e.g. 0.8458 for "84.58% of plan". */
  reportedAttainment?: number | null;
  /** The year-on-year growth the source printed, e.g. 0.3201 for "+32.01%". */
  reportedYoy?: number | null;
}

export interface EvaluationWarning {
  code: "reported_attainment_mismatch";
  reported: number;
  computed: number;
  /** |reported - computed| in percentage points. */
  differencePp: number;
}

export interface ProgressMeasure {
  label: ProgressLabel;
  observedCagr: number | null;
  requiredCagr: number | null;
  ratio: number | null;
}

export interface Freshness {
  /** End of the latest period covered by a figure, or null when there is none. */
  lastPeriodEnd: IsoDate | null;
  /** When the next figure is due (its period end + the cadence's publication lag), or null when none is expected. */
  nextDue: IsoDate | null;
  /** nextDue + grace: after this date the plan is stale. */
  staleAfter: IsoDate | null;
  stale: boolean;
}

export interface Evaluation {
  planId: string;
  asOf: IsoDate;
  status: Status;
  /** The actual the figures come from (latest vintage of the chosen period), or null. */
  actual: ActualInput | null;
  attainment: number | null;
  expectedFraction: number | null;
  expectedToDate: number | null;
  pace: number | null;
  projection: number | null;
  projectedAttainment: number | null;
  monthsRemaining: number | null;
  requiredMonthlyRate: number | null;
  /** Rate measures: actual - target in percentage points (sign flipped for at_most). */
  gapPp: number | null;
  progress: ProgressMeasure | null;
  freshness: Freshness;
  warnings: EvaluationWarning[];
}

// The vocabulary of the engine. Everything in src/domain is pure: no I/O, no clock.
// "Now" always arrives as a parameter (an ISO date), so every result can be reproduced.

/** A calendar date, `YYYY-MM-DD`, in UTC. Periods are inclusive at both ends. */
export type IsoDate = string;

/** flow: cumulative within a period (exports); level: a stock or ratio; rate: a growth rate in %. */
export const MEASURES = ["flow", "level", "rate"] as const;
export type Measure = (typeof MEASURES)[number];

/** How often new figures are expected. */
export const CADENCES = ["monthly", "quarterly", "annual"] as const;
export type Cadence = (typeof CADENCES)[number];

export const COMPARATORS = ["at_least", "at_most"] as const;
export type Comparator = (typeof COMPARATORS)[number];

export const ACTUAL_STATUSES = ["estimate", "preliminary", "final"] as const;
export type ActualStatus = (typeof ACTUAL_STATUSES)[number];

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

export const STATUSES = [
  "achieved",
  "ahead",
  "on_track",
  "at_risk",
  "off_track",
  "missed",
  "no_data",
] as const;
export type Status = (typeof STATUSES)[number];

/** Open SDG progress labels (sdg-build's ProgressMeasure), for multi-year plans with a baseline. */
export const PROGRESS_LABELS = [
  "target_achieved",
  "substantial",
  "moderate",
  "limited",
  "deterioration",
] as const;
export type ProgressLabel = (typeof PROGRESS_LABELS)[number];

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

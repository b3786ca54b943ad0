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
 * How far after the period's end a release is due.
 * - `days_after`: a number of days after the last day of the period ("45 days after the
 *   quarter"). 0 is the period's last day.
 * - `day_of_month`: a day of a month counted from the month in which the period ends ("day 6
 *   of the next month" is `months_after: 1, day: 6`; "the 29th of the same month" is
 *   `months_after: 0, day: 29`). A day past the month's end falls on its last day, as Decree
 *   94/2016 put February's release on the last day of the month. With `anchor: "year_end"` the
 *   months count from December of the period's year, for releases fixed in the calendar year
 *   whatever the quarter (Decree 62/2024: official quarterly GDP on 6 October of the second
 *   year after the reporting year is `anchor: "year_end", months_after: 22, day: 6`).
 */
export type DueOffset =
  | { kind: "days_after"; days: number }
  | { kind: "day_of_month"; months_after: number; day: number; anchor?: "period_end" | "year_end" };

/** One vintage of a period's figure and when it is due. */
export interface Release {
  vintage: ActualStatus;
  due: DueOffset;
}

/** The releases of every period, in force from a date. */
export interface ReleaseSchedule {
  /**
   * The first period end this schedule governs; null for "since always". A period is governed
   * by the schedule in force on its last day (see `scheduleFor`).
   */
  effective_from: IsoDate | null;
  /** One release per vintage, in vintage order (estimate, preliminary, final); at least one. */
  releases: Release[];
  /**
   * A due day that falls on a Saturday, Sunday or listed holiday moves to the next working day,
   * as Decree 62/2024 provides. Holidays are not computed (Tet follows the lunar calendar):
   * the caller passes them in `DueOptions.holidays`.
   */
  roll_to_working_day?: boolean;
}

/** What an indicator may carry: its release schedules over time. */
export interface ReleaseRule {
  schedules: ReleaseSchedule[];
}

/**
 * How the target is spread over the period: `linear` by calendar days, twelve monthly weights
 * (January first) for seasonal indicators (weights need not sum to 1), or `history`: the
 * indicator's own seasonal profile, read from its figures for earlier years (history-phasing.ts).
 */
export type Phasing =
  | { kind: "linear" }
  | { kind: "monthly_weights"; weights: number[] }
  | { kind: "history" };

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
  /** The indicator's release rule; null or missing for the cadence's default lag. */
  releaseRule?: ReleaseRule | null;
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

/**
 * A ratio a bulletin printed that its own figures contradict: its "% of plan"
 * (reported_attainment_mismatch) or its growth on the same period last year
 * (reported_yoy_mismatch).
 */
export interface EvaluationWarning {
  code: "reported_attainment_mismatch" | "reported_yoy_mismatch";
  reported: number;
  computed: number;
  /** |reported - computed| in percentage points. */
  differencePp: number;
}

export interface PeriodRange {
  periodStart: IsoDate;
  periodEnd: IsoDate;
}

/** The prior-year figure as it was known at asOf (its latest vintage reported by then). */
export interface PriorYearFigure extends PeriodRange {
  actualId: number;
  value: number;
  status: ActualStatus;
  reportedAt: IsoDate;
}

export type YearOnYearWarning = EvaluationWarning & { code: "reported_yoy_mismatch" };

export interface YearOnYear {
  /**
   * The period one year earlier, whether or not a figure for it is on file (null only for a
   * figure dated in year 0000).
   */
  priorPeriod: PeriodRange | null;
  prior: PriorYearFigure | null;
  /** current ÷ prior − 1 (0.3201 = +32.01%), or null when there is no usable prior figure. */
  growth: number | null;
  /** The growth printed with the current figure, or null when none was printed. */
  reported: number | null;
  /**
   * Only when no prior figure is on file: the prior-year value the printed growth implies,
   * current ÷ (1 + reported). Derived, never a reported figure, and to be labelled as such.
   */
  impliedPrior: number | null;
  warning: YearOnYearWarning | null;
}

/** Why a calendar year of history was not used. Months are 1–12. */
export type HistoryYearProblem =
  | {
      year: number;
      /** Some month-end totals cannot be derived (a year of quarters or a year-end total alone). */
      code: "missing_months";
      months: number[];
    }
  | {
      year: number;
      /** The year's total is zero, negative or too large for a double: no shares exist. */
      code: "unusable_total";
      total: number | null;
    }
  | {
      year: number;
      /**
       * The year-to-date total falls in this month: a negative month, or figures from different
       * releases that disagree. Cumulative shares must never fall, so the year is left out.
       */
      code: "falling_total";
      month: number;
    };

/** A seasonal profile read from an indicator's history, or the linear fallback and why. */
export type HistoryPhasing =
  | {
      kind: "history";
      /** Expected cumulative share of the year's total by the end of each month, January first. */
      shares: number[];
      /** The calendar years averaged, oldest first. */
      yearsUsed: number[];
      /** Years newer than the oldest one used that were passed over, newest first. */
      yearsSkipped: HistoryYearProblem[];
    }
  | {
      kind: "linear";
      /** Why the history could not be used, for the evaluation to say. */
      reason: string;
      /** The complete years found, fewer than MIN_HISTORY_YEARS, oldest first. */
      completeYears: number[];
      /** Every year with figures that was passed over, newest first. */
      yearsSkipped: HistoryYearProblem[];
    };

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
  /**
   * With status `period_over` (the period has ended and no figure reaches its end): the
   * status the last figure gave while the period ran, on pace. Null with any other status.
   */
  lastReading: Status | null;
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
  /**
   * Flow and level measures with a figure: growth on the same period one year earlier, or
   * the prior value the printed growth implies. Null for rates and without a figure.
   */
  yearOnYear: YearOnYear | null;
  /** Plans phased by `history`: the profile used, or why it fell back to linear. */
  history: HistoryPhasing | null;
  freshness: Freshness;
  /** Shared between evaluations when empty: read only. */
  warnings: readonly EvaluationWarning[];
}

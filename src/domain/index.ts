// Public API of the pure evaluation engine.

export {
  addDays,
  addMonths,
  compareIsoDates,
  type DateParts,
  daysBetween,
  daysInclusive,
  daysInMonth,
  daysInYear,
  endOfMonth,
  endOfQuarter,
  endOfYear,
  formatIsoDate,
  fromDayNumber,
  isLeapYear,
  isValidIsoDate,
  maxIsoDate,
  minIsoDate,
  monthsBetween,
  parseIsoDate,
  startOfMonth,
  toDayNumber,
} from "./dates";
export {
  ATTAINMENT_MISMATCH_TOLERANCE,
  computeFreshness,
  DEFAULT_THRESHOLDS,
  type EvaluationSummary,
  evaluatePlan,
  latestVintages,
  PROGRESS_THRESHOLDS,
  type ProgressInput,
  PUBLICATION_LAG_DAYS,
  progressMeasure,
  resolveThresholds,
  STALE_GRACE_DAYS,
  selectActual,
  summarize,
} from "./evaluate";
export { expectedFraction, type PhasedPeriod, phasingProblem } from "./phasing";
export * from "./types";
export {
  applyScale,
  isKnownScale,
  type ParseDecimalOptions,
  parseDecimal,
  SCALES,
  scaleExponent,
  shiftDecimal,
} from "./units";

// Open SDG's progress label for multi-year targets with a baseline.
import { addDays, compareIsoDates, monthsBetween } from "./dates";
import { finiteOrNull } from "./numbers";
import type { IsoDate, ProgressMeasure } from "./types";
import type { Comparator, ProgressLabel } from "./vocabulary";

/** Open SDG's default thresholds for the growth ratio (sdg-build, get_progress_thresholds, method 2). */
export const PROGRESS_THRESHOLDS = Object.freeze({ substantial: 0.95, moderate: 0.6, limited: 0 });

/**
 * Years between two dates, counted in calendar months ÷ 12 (fractions included): 2020-12-31 →
 * 2023-12-31 is 3, and 2021-12-31 → 2024-06-30 is 2.5.
 */
export function yearsBetween(from: IsoDate, to: IsoDate): number {
  if (compareIsoDates(to, from) <= 0) return 0;
  return monthsBetween(addDays(from, 1), to) / 12;
}

/** sdg-build's growth_calculation: compound annual growth rate. */
function cagr(current: number, base: number, years: number): number | null {
  if (years <= 0) return null;
  return finiteOrNull((current / base) ** (1 / years) - 1);
}

export interface ProgressInput {
  comparator: Comparator;
  baseline: { value: number; date: IsoDate };
  target: number;
  targetDate: IsoDate;
  current: { value: number; date: IsoDate };
}

/**
 * Open SDG progress measure for a target with a numeric value ("methodology 2"), ported from
 * open-sdg/sdg-build sdg/ProgressMeasure.py (SeriesProgress.methodology_2, growth_calculation,
 * is_target_achieved, get_progress_status):
 *   CAGR_o = (current / base)^(1 / (current_year − base_year)) − 1
 *   CAGR_r = (target / base)^(1 / (target_year − base_year)) − 1
 *   ratio  = sign × direction × CAGR_o / |CAGR_r|, sign = −1 if base < 0 else 1,
 *            direction = +1 for an increasing target, −1 for a decreasing one (at_most)
 *   target_achieved when current ≥ target (increasing) or ≤ target (decreasing), else
 *   substantial ≥ 0.95, moderate ≥ 0.6, limited ≥ 0, deterioration < 0.
 * As there, a zero base or target is replaced by 0.001, a base and current of opposite signs
 * or less than one year of observation give no ratio. Years are calendar months / 12 instead
 * of integer years, so a baseline dated 2020-12-31 and a 2023 figure are 3 years apart.
 * Returns null when no label can be given (not achieved and no ratio).
 */
export function progressMeasure(input: ProgressInput): ProgressMeasure | null {
  const direction = input.comparator === "at_least" ? 1 : -1;
  const current = input.current.value;
  const achieved = direction === 1 ? current >= input.target : current <= input.target;

  const base = input.baseline.value === 0 ? 0.001 : input.baseline.value;
  const target = input.target === 0 ? 0.001 : input.target;
  const sign = base < 0 ? -1 : 1;
  const mixedSigns = (base > 0 && current < 0) || (base < 0 && current > 0);
  const observedYears = yearsBetween(input.baseline.date, input.current.date);
  const requiredYears = yearsBetween(input.baseline.date, input.targetDate);

  const observedCagr = mixedSigns || observedYears < 1 ? null : cagr(current, base, observedYears);
  const requiredCagr = cagr(target, base, requiredYears);
  const growthRatio =
    observedCagr === null || requiredCagr === null || requiredCagr === 0
      ? null
      : finiteOrNull((sign * direction * observedCagr) / Math.abs(requiredCagr));

  let label: ProgressLabel;
  if (achieved) label = "target_achieved";
  else if (growthRatio === null) return null;
  else if (growthRatio >= PROGRESS_THRESHOLDS.substantial) label = "substantial";
  else if (growthRatio >= PROGRESS_THRESHOLDS.moderate) label = "moderate";
  else if (growthRatio >= PROGRESS_THRESHOLDS.limited) label = "limited";
  else label = "deterioration";
  return { label, observedCagr, requiredCagr, ratio: growthRatio };
}

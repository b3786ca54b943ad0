// Where a status changes: the boundaries of pace (flow and level measures) and of the gap in
// percentage points (rate measures), and the statuses they give.
import { EPSILON } from "./numbers";
import type { Thresholds } from "./types";
import type { Comparator, Status } from "./vocabulary";

export const DEFAULT_THRESHOLDS: Readonly<Thresholds> = Object.freeze({
  ahead: 1.1,
  on_track: 0.95,
  at_risk: 0.85,
  ahead_pp: 0.5,
  on_track_pp: 0.5,
  at_risk_pp: 1.5,
});

/**
 * The thresholds a plan is judged with, read only: the shared defaults themselves when the plan
 * overrides none, so most plans cost no copy.
 */
export function thresholdsOf(overrides?: Partial<Thresholds> | null): Readonly<Thresholds> {
  return overrides ? resolveThresholds(overrides) : DEFAULT_THRESHOLDS;
}

/** Defaults overridden key by key; non-finite overrides are ignored. */
export function resolveThresholds(overrides?: Partial<Thresholds> | null): Thresholds {
  if (!overrides) return { ...DEFAULT_THRESHOLDS };
  // Key by key in DEFAULT_THRESHOLDS' order, written out rather than looped over its keys:
  // every plan with overrides of its own is resolved on every evaluation.
  return {
    ahead: finiteOr(overrides.ahead, DEFAULT_THRESHOLDS.ahead),
    on_track: finiteOr(overrides.on_track, DEFAULT_THRESHOLDS.on_track),
    at_risk: finiteOr(overrides.at_risk, DEFAULT_THRESHOLDS.at_risk),
    ahead_pp: finiteOr(overrides.ahead_pp, DEFAULT_THRESHOLDS.ahead_pp),
    on_track_pp: finiteOr(overrides.on_track_pp, DEFAULT_THRESHOLDS.on_track_pp),
    at_risk_pp: finiteOr(overrides.at_risk_pp, DEFAULT_THRESHOLDS.at_risk_pp),
  };
}

function finiteOr(value: unknown, fallback: number): number {
  return typeof value === "number" && Number.isFinite(value) ? value : fallback;
}

export function ratioStatus(score: number, t: Thresholds): Status {
  if (score >= t.ahead - EPSILON) return "ahead";
  if (score >= t.on_track - EPSILON) return "on_track";
  if (score >= t.at_risk - EPSILON) return "at_risk";
  return "off_track";
}

/**
 * Status from pace. For at_most the scale is mirrored around 1 (score = 2 − pace): running 5%
 * under the expected spend scores like running 5% over an at_least target. When nothing is
 * expected yet, an empty result is on track and anything else is the limit of pace → ±∞.
 */
export function paceStatus(
  value: number,
  expected: number,
  comparator: Comparator,
  t: Thresholds,
): Status {
  let pace: number;
  if (expected === 0) {
    if (value === 0) return "on_track";
    pace = value > 0 ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
  } else {
    pace = value / expected;
  }
  if (Number.isNaN(pace)) return "on_track";
  return ratioStatus(comparator === "at_least" ? pace : 2 - pace, t);
}

export function gapStatus(gapPp: number, t: Thresholds): Status {
  if (gapPp >= t.ahead_pp - EPSILON) return "ahead";
  if (gapPp >= -t.on_track_pp - EPSILON) return "on_track";
  if (gapPp >= -t.at_risk_pp - EPSILON) return "at_risk";
  return "off_track";
}

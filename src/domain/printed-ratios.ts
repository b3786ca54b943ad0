// A bulletin prints ratios beside its figures ("đạt 84,58% kế hoạch", "tăng 32,01% so với cùng
// kỳ"). Each is recomputed from the stored figures and held against the print: a typo in a
// ratio is as likely as one in a figure, and a disagreement is how either shows up.
import { EPSILON } from "./numbers";
import type { EvaluationWarning } from "./types";

/**
 * 0.05 percentage points: sources print these ratios to two decimals of a percent, so a
 * correct print differs from the exact ratio by at most half a unit of its last digit.
 */
export const PRINTED_RATIO_TOLERANCE = 0.0005;

/**
 * A warning when the printed ratio and the computed one differ by more than the tolerance,
 * else null (also when either is not a finite number). The difference in points is capped at
 * the largest double, so two huge opposite ratios cannot turn it into Infinity.
 */
export function printedRatioMismatch<C extends EvaluationWarning["code"]>(
  code: C,
  reported: number | null | undefined,
  computed: number | null,
): (EvaluationWarning & { code: C }) | null {
  if (typeof reported !== "number" || !Number.isFinite(reported)) return null;
  if (computed === null || !Number.isFinite(computed)) return null;
  const difference = Math.abs(reported - computed);
  if (!(difference > PRINTED_RATIO_TOLERANCE + EPSILON)) return null;
  return { code, reported, computed, differencePp: Math.min(difference * 100, Number.MAX_VALUE) };
}

// Small numeric rules every figure follows: never NaN or Infinity, and boundaries that a
// rounding error cannot cross.

// Ratios and pp gaps come out of float division and subtraction (10.16 − 10 =
// 0.16000000000000014), so a figure sitting exactly on a boundary must not fall below it by a
// rounding error. Far below any precision a source prints.
export const EPSILON = 1e-9;

/** The value, or null when it is not a finite number. */
export function finiteOrNull(value: number | null): number | null {
  return value !== null && Number.isFinite(value) ? value : null;
}

/** numerator ÷ denominator, or null when that is not a finite number. */
export function ratio(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : finiteOrNull(numerator / denominator);
}

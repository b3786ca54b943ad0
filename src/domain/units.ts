// Scale words and decimal parsing for reported figures ("2.326 triệu USD", "2,75 tỷ USD").
// Sources quote the same number at different scales (2,326 million = 2.326 billion), so scaling
// must be exact: multiplying by 1e9 in binary floating point gives 2326000000.0000005, which
// would make "achieved" checks and vintage comparisons disagree between scales. Shifting the
// decimal exponent of the number's shortest decimal form and parsing once rounds only once.

const SCALE_EXPONENTS: Readonly<Record<string, number>> = {
  thousand: 3,
  million: 6,
  billion: 9,
  trillion: 12,
  // Vietnamese: "ngàn" is the southern form of "nghìn"; "tỉ" is an accepted spelling of "tỷ".
  // "nghìn tỷ" (a thousand billion) is how Vietnamese says trillion.
  nghìn: 3,
  ngàn: 3,
  triệu: 6,
  tỷ: 9,
  tỉ: 9,
  "nghìn tỷ": 12,
  "ngàn tỷ": 12,
  "nghìn tỉ": 12,
  "ngàn tỉ": 12,
};

/** Multiplier of every known scale word (keys are lower-case, NFC-normalised). */
export const SCALES: Readonly<Record<string, number>> = Object.freeze(
  Object.fromEntries(Object.entries(SCALE_EXPONENTS).map(([word, exp]) => [word, 10 ** exp])),
);

// Vietnamese text arrives both precomposed and decomposed (combining tone marks), and with
// irregular spacing; compare scale words in one canonical form.
function normalizeScale(scale: string): string {
  return scale.normalize("NFC").trim().toLowerCase().replace(/\s+/g, " ");
}

/** Decimal exponent of a scale word; 0 for an empty/absent scale; null when unknown. */
export function scaleExponent(scale?: string | null): number | null {
  if (scale === undefined || scale === null) return 0;
  const key = normalizeScale(scale);
  if (key === "") return 0;
  return Object.hasOwn(SCALE_EXPONENTS, key) ? (SCALE_EXPONENTS[key] ?? null) : null;
}

export function isKnownScale(scale?: string | null): boolean {
  return scaleExponent(scale) !== null;
}

/**
 * value × 10^exponent, computed in decimal: the shortest decimal form of `value` gets its
 * exponent shifted and is parsed once, so shiftDecimal(2.326, 9) === 2326000000.
 */
export function shiftDecimal(value: number, exponent: number): number {
  if (!Number.isFinite(value)) throw new RangeError(`value must be finite: ${value}`);
  if (!Number.isInteger(exponent)) throw new RangeError(`exponent must be an integer: ${exponent}`);
  if (exponent === 0 || value === 0) return value;
  const [mantissa = "0", exp = "0"] = String(value).split("e");
  return Number(`${mantissa}e${Number(exp) + exponent}`);
}

/**
 * Converts a figure quoted at a scale into base units: applyScale(2.326, "billion") ===
 * applyScale(2326, "million") === 2326000000. No scale means base units already.
 * Throws RangeError on an unknown scale word or a non-finite value.
 */
export function applyScale(value: number, scale?: string | null): number {
  const exponent = scaleExponent(scale);
  if (exponent === null) throw new RangeError(`unknown scale: ${JSON.stringify(scale)}`);
  return shiftDecimal(value, exponent);
}

export interface ParseDecimalOptions {
  /**
   * Vietnamese (and most of continental Europe) writes the decimal separator as a comma and
   * groups thousands with dots: "2.326,5" is 2326.5 and "2,33" is 2.33. Default false.
   */
  decimalComma?: boolean;
}

/**
 * Strictly parses a plain decimal number as printed in reports: optional sign, digits with
 * optional thousands grouping (groups of exactly three), optional fraction. Returns null for
 * anything else (scientific notation, "1.2.3", "2,33" without decimalComma, empty text), so a
 * misread figure is rejected rather than silently scaled by 1000.
 */
export function parseDecimal(text: string, options: ParseDecimalOptions = {}): number | null {
  const decimalSeparator = options.decimalComma ? "," : ".";
  const groupSeparator = options.decimalComma ? "\\." : ",";
  const decimal = decimalSeparator === "." ? "\\." : ",";
  const pattern = new RegExp(
    `^([+\\-\u2212]?)(\\d{1,3}(?:${groupSeparator}\\d{3})+|\\d+)(?:${decimal}(\\d+))?$`,
  );
  const match = pattern.exec(text.trim());
  if (!match) return null;
  const sign = match[1] === "" || match[1] === "+" ? "" : "-";
  const integer = (match[2] ?? "").replace(/[.,]/g, "");
  const fraction = match[3];
  const result = Number(`${sign}${integer}${fraction === undefined ? "" : `.${fraction}`}`);
  if (!Number.isFinite(result)) return null;
  // Normalise -0 so "-0" and "0" compare and serialise the same way.
  return result === 0 ? 0 : result;
}

// Numbers, dates and periods as each language writes them. Written by hand rather than with
// Intl's compact notation: Vietnamese compacts by nghìn / triệu / tỷ / nghìn tỷ (the same
// words the sources print, see domain/units.ts), which no runtime's ICU data does reliably,
// and the page must read the same in workerd, Node and every browser.

import { endOfMonth, endOfYear, parseIsoDate } from "../domain/dates";
import type { Lang } from "./i18n";

interface Separators {
  group: string;
  decimal: string;
}

const SEPARATORS: Readonly<Record<Lang, Separators>> = {
  en: { group: ",", decimal: "." },
  vi: { group: ".", decimal: "," },
};

/** Largest first. English uses the short forms of economic reporting ("2.33 bn USD"). */
const SCALE_WORDS: Readonly<Record<Lang, readonly (readonly [number, string])[]>> = {
  en: [
    [1e12, "trillion"],
    [1e9, "bn"],
    [1e6, "million"],
    [1e3, "thousand"],
  ],
  vi: [
    [1e12, "nghìn tỷ"],
    [1e9, "tỷ"],
    [1e6, "triệu"],
    [1e3, "nghìn"],
  ],
};

/** Below this a figure is written out in full: "7,200 units" reads better than "7.2 thousand". */
const COMPACT_FROM = 10_000;

const MINUS = "\u2212";

/**
 * A number with a fixed count of decimals, trailing zeros dropped unless `keepZeros`, grouped
 * and separated for the language. Values too large for toFixed's plain form fall back to
 * String(); no figure the monitor handles comes near 1e21.
 */
export function formatNumber(value: number, lang: Lang, decimals = 0, keepZeros = false): string {
  if (!Number.isFinite(value)) return "—";
  const { group, decimal } = SEPARATORS[lang];
  let fixed = Math.abs(value).toFixed(decimals);
  if (!keepZeros && fixed.includes(".")) fixed = fixed.replace(/\.?0+$/, "");
  const [integer = "0", fraction] = fixed.split(".");
  const grouped = integer.replace(/\B(?=(\d{3})+(?!\d))/g, group);
  const negative = value < 0 && /[1-9]/.test(fixed);
  return `${negative ? MINUS : ""}${grouped}${fraction ? `${decimal}${fraction}` : ""}`;
}

/** Decimals that leave `significant` significant digits for a number of this size. */
function decimalsFor(value: number, significant: number): number {
  if (value === 0) return 0;
  const integerDigits = Math.floor(Math.log10(Math.abs(value))) + 1;
  return Math.max(0, significant - integerDigits);
}

/**
 * A value compacted by the language's scale words: 2_326_000_000 → "2.33 bn" / "2,33 tỷ" with
 * 3 significant digits (the overview), or "2.326 bn" / "2,326 tỷ" with more (the detail page).
 * The value is rounded before the scale is chosen, so 999_600_000 becomes "1 bn", not
 * "1,000 million".
 */
export function formatCompact(value: number, lang: Lang, significant = 3): string {
  if (!Number.isFinite(value)) return "—";
  const rounded = Number(value.toPrecision(significant));
  const magnitude = Math.abs(rounded);
  if (magnitude >= COMPACT_FROM) {
    for (const [scale, word] of SCALE_WORDS[lang]) {
      if (magnitude >= scale) {
        const mantissa = rounded / scale;
        return `${formatNumber(mantissa, lang, decimalsFor(mantissa, significant))} ${word}`;
      }
    }
  }
  return formatNumber(rounded, lang, Math.min(2, decimalsFor(rounded, significant)));
}

/**
 * One scale for a whole chart axis, chosen by its largest value: the ticks then read 0, 0.5,
 * 1, 1.5 under a single "bn USD" rather than repeating the scale word on every line.
 */
export function axisScale(maxAbs: number, lang: Lang): { divisor: number; word: string } {
  if (maxAbs >= COMPACT_FROM) {
    for (const [scale, word] of SCALE_WORDS[lang])
      if (maxAbs >= scale) return { divisor: scale, word };
  }
  return { divisor: 1, word: "" };
}

/** "84.58%" / "84,58%" from the ratio 0.8458. */
export function formatPercent(ratio: number, lang: Lang, decimals = 2): string {
  if (!Number.isFinite(ratio)) return "—";
  return `${formatNumber(ratio * 100, lang, decimals, true)}%`;
}

/** A signed difference in percentage points: "+0.3" / "−1,2". */
export function formatSignedPoints(points: number, lang: Lang): string {
  const text = formatNumber(points, lang, 2);
  return points > 0 && text !== "0" ? `+${text}` : text;
}

/** Growth with its sign, as bulletins print it: "+32.01%" / "+32,01%", "−4.5%". */
export function formatGrowth(ratio: number, lang: Lang, decimals = 2): string {
  if (!Number.isFinite(ratio)) return "—";
  const text = formatPercent(Math.abs(ratio), lang, decimals);
  return `${ratio < 0 ? "−" : "+"}${text}`;
}

const EN_MONTHS = [
  "Jan",
  "Feb",
  "Mar",
  "Apr",
  "May",
  "Jun",
  "Jul",
  "Aug",
  "Sep",
  "Oct",
  "Nov",
  "Dec",
] as const;

function enMonth(month: number): string {
  return EN_MONTHS[month - 1] ?? String(month);
}

/** "30 Sep 2024" / "30/9/2024"; unparseable text is returned as it is. */
export function formatDate(iso: string, lang: Lang): string {
  const d = parseIsoDate(iso.slice(0, 10));
  if (!d) return iso;
  return lang === "vi" ? `${d.day}/${d.month}/${d.year}` : `${d.day} ${enMonth(d.month)} ${d.year}`;
}

/** A timestamp in UTC: "20 Nov 2026, 10:31 UTC" / "10:31 UTC, 20/11/2026". */
export function formatTimestamp(iso: string, lang: Lang): string {
  const time = /T(\d{2}:\d{2})/.exec(iso)?.[1];
  const date = formatDate(iso, lang);
  if (!time) return date;
  return lang === "vi" ? `${time} UTC, ${date}` : `${date}, ${time} UTC`;
}

/** Short month label for chart axes: "Sep" / "T9". */
export function formatMonthShort(month: number, lang: Lang): string {
  return lang === "vi" ? `T${month}` : enMonth(month);
}

/**
 * The period a figure or plan covers, as a report would name it:
 *   2024-01-01..2024-12-31 → "2024" / "năm 2024"
 *   2021-01-01..2025-12-31 → "2021–2025" / "2021–2025"
 *   2024-01-01..2024-09-30 → "Jan–Sep 2024" / "tháng 1–9/2024"
 *   2024-09-01..2024-09-30 → "Sep 2024" / "tháng 9/2024"
 *   2023-11-01..2024-02-29 → "Nov 2023 – Feb 2024" / "tháng 11/2023 – tháng 2/2024"
 *   anything else          → "1 Jan – 15 Mar 2024" / "1/1/2024 – 15/3/2024"
 */
export function formatPeriod(start: string, end: string, lang: Lang): string {
  const s = parseIsoDate(start);
  const e = parseIsoDate(end);
  if (!s || !e) return `${start} – ${end}`;
  const wholeMonths = s.day === 1 && end === endOfMonth(end);
  const wholeYears = wholeMonths && s.month === 1 && end === endOfYear(end);
  if (wholeYears) {
    if (s.year === e.year) return lang === "vi" ? `năm ${s.year}` : String(s.year);
    return `${s.year}–${e.year}`;
  }
  if (wholeMonths) {
    if (s.year === e.year) {
      if (s.month === e.month) {
        return lang === "vi" ? `tháng ${s.month}/${s.year}` : `${enMonth(s.month)} ${s.year}`;
      }
      return lang === "vi"
        ? `tháng ${s.month}–${e.month}/${s.year}`
        : `${enMonth(s.month)}–${enMonth(e.month)} ${s.year}`;
    }
    return lang === "vi"
      ? `tháng ${s.month}/${s.year} – tháng ${e.month}/${e.year}`
      : `${enMonth(s.month)} ${s.year} – ${enMonth(e.month)} ${e.year}`;
  }
  if (lang === "en" && s.year === e.year) {
    return `${s.day} ${enMonth(s.month)} – ${formatDate(end, lang)}`;
  }
  return `${formatDate(start, lang)} – ${formatDate(end, lang)}`;
}

const RELATIVE_UNITS: readonly (readonly [Intl.RelativeTimeFormatUnit, number])[] = [
  ["year", 365 * 24 * 3600],
  ["month", 30 * 24 * 3600],
  ["day", 24 * 3600],
  ["hour", 3600],
  ["minute", 60],
];

/** Built once per language and isolate: constructing one loads ICU data, every time. */
const RELATIVE_FORMATS = new Map<Lang, Intl.RelativeTimeFormat>();

function relativeFormat(lang: Lang): Intl.RelativeTimeFormat {
  let format = RELATIVE_FORMATS.get(lang);
  if (!format) {
    format = new Intl.RelativeTimeFormat(lang, { numeric: "auto" });
    RELATIVE_FORMATS.set(lang, format);
  }
  return format;
}

/**
 * "5 minutes ago" / "5 phút trước". Intl.RelativeTimeFormat is enough here (it only words the
 * unit); the client script uses the same units so the text it refreshes matches.
 */
export function formatAgo(fromIso: string, nowMs: number, lang: Lang): string | null {
  const seconds = Math.max(0, (nowMs - Date.parse(fromIso)) / 1000);
  const format = relativeFormat(lang);
  for (const [unit, size] of RELATIVE_UNITS) {
    if (seconds >= size) return format.format(-Math.floor(seconds / size), unit);
  }
  // Under a minute: Intl says "now" / "bây giờ", which reads oddly after "last changed".
  return null;
}

// Everything a component needs to speak one language: the strings and the formatters, bound
// once per request so components stay free of `lang === "vi"` branches.

import type { IndicatorRow } from "../db/schema";
import {
  formatAgo,
  formatCompact,
  formatDate,
  formatGrowth,
  formatNumber,
  formatPercent,
  formatPeriod,
  formatTimestamp,
} from "./format";
import { type Lang, type Translate, translator } from "./i18n";
import type { StatusKey } from "./model";

export interface Locale {
  lang: Lang;
  t: Translate;
  /** A figure with its unit, compacted: "2.33 bn USD", "6.5%". */
  quantity(
    value: number,
    indicator: Pick<IndicatorRow, "unit" | "measure">,
    significant?: number,
  ): string;
  percent(ratio: number, decimals?: number): string;
  /** Signed growth: "+32.01%". */
  growth(ratio: number): string;
  number(value: number, decimals?: number): string;
  date(iso: string): string;
  period(start: string, end: string): string;
  timestamp(iso: string): string;
  ago(iso: string): string;
  status(status: StatusKey): string;
  /** The unit as shown: translated when it is the generic "units", "%" for rates. */
  unit(indicator: Pick<IndicatorRow, "unit" | "measure">): string;
}

const PERCENT_UNITS = new Set(["%", "percent", "pct"]);

export function createLocale(lang: Lang, nowMs: number): Locale {
  const t = translator(lang);
  // Unit names are user data; only the generic word "units" is ours to translate.
  const unitLabel = (unit: string) => (unit === "units" ? t("unit_units") : unit);
  return {
    lang,
    t,
    quantity(value, indicator, significant = 3) {
      if (indicator.measure === "rate" || PERCENT_UNITS.has(indicator.unit.toLowerCase())) {
        return `${formatNumber(value, lang, 2)}%`;
      }
      return `${formatCompact(value, lang, significant)} ${unitLabel(indicator.unit)}`;
    },
    percent: (ratio, decimals = 2) => formatPercent(ratio, lang, decimals),
    growth: (ratio) => formatGrowth(ratio, lang),
    number: (value, decimals = 2) => formatNumber(value, lang, decimals),
    date: (iso) => formatDate(iso, lang),
    period: (start, end) => formatPeriod(start, end, lang),
    timestamp: (iso) => formatTimestamp(iso, lang),
    ago: (iso) => formatAgo(iso, nowMs, lang) ?? t("just_now"),
    unit: (indicator) =>
      indicator.measure === "rate" || PERCENT_UNITS.has(indicator.unit.toLowerCase())
        ? "%"
        : unitLabel(indicator.unit),
    status: (status) => t(`status_${status}`),
  };
}

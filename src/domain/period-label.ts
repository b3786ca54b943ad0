import { endOfMonth, endOfQuarter, endOfYear } from "./dates";
import type { IsoDate } from "./types";

/**
 * A short, URL-safe name for a period, used to derive default plan ids:
 * a calendar year → `2024`, whole years → `2021-2025`, a quarter → `2024-q3`,
 * a month → `2024-09`, anything else → `2024-01-01-2024-03-15`.
 */
export function periodSlug(start: IsoDate, end: IsoDate): string {
  const startYear = start.slice(0, 4);
  const endYear = end.slice(0, 4);
  const startsJan1 = start.slice(5) === "01-01";
  if (startsJan1 && end === endOfYear(end)) {
    return startYear === endYear ? startYear : `${startYear}-${endYear}`;
  }
  const month = Number(start.slice(5, 7));
  if (start.slice(8) === "01" && startYear === endYear) {
    if ((month - 1) % 3 === 0 && end === endOfQuarter(start)) {
      return `${startYear}-q${(month - 1) / 3 + 1}`;
    }
    if (end === endOfMonth(start)) return start.slice(0, 7);
  }
  return `${start}-${end}`;
}

// PxWeb's time codes (the category ids of a table's time dimension) as inclusive dates. The
// letters vary by office: M for months everywhere, Q or K (kvartal) for quarters, H or S for
// half-years, T for tertials (four months); a bare year is the year.
import { endOfMonth, formatIsoDate } from "../domain/dates";
import type { Period } from "./sdmx-period";

export type PxTimeResult =
  | ({ ok: true } & Period)
  | { ok: false; code: "bad_time_code" | "unsupported_time_code"; message: string };

function months(year: number, first: number, count: number): PxTimeResult {
  const start = formatIsoDate({ year, month: first, day: 1 });
  const end = endOfMonth(formatIsoDate({ year, month: first + count - 1, day: 1 }));
  return { ok: true, start, end };
}

/**
 * Reads `2024`, `2024M09`, `2024Q3`, `2024K3`, `2024H1`, `2024S1` or `2024T2`. With
 * `cumulative`, the period runs from 1 January of that year, for tables of year-to-date totals
 * ("cộng dồn"), whose September column covers January to September.
 */
export function parsePxTime(code: string, cumulative = false): PxTimeResult {
  const match = /^(\d{4})(?:([MQKHST])(\d{1,2}))?$/.exec(code.trim().toUpperCase());
  const fail = (message: string): PxTimeResult => ({ ok: false, code: "bad_time_code", message });
  if (!match) {
    if (/^\d{4}[WV]\d{1,2}$/i.test(code.trim())) {
      return {
        ok: false,
        code: "unsupported_time_code",
        message: `Weekly time codes such as '${code}' are not supported.`,
      };
    }
    return fail(
      `'${code}' is not a PxWeb time code such as 2024, 2024M09, 2024Q3 or 2024K3; map it to one in the period's codes.`,
    );
  }
  const year = Number(match[1]);
  const letter = match[2];
  const n = Number(match[3]);
  let period: PxTimeResult;
  if (letter === undefined) period = months(year, 1, 12);
  else if (letter === "M" && match[3]?.length === 2 && n >= 1 && n <= 12) {
    period = months(year, n, 1);
  } else if ((letter === "Q" || letter === "K") && n >= 1 && n <= 4) {
    period = months(year, (n - 1) * 3 + 1, 3);
  } else if ((letter === "H" || letter === "S") && n >= 1 && n <= 2) {
    period = months(year, (n - 1) * 6 + 1, 6);
  } else if (letter === "T" && n >= 1 && n <= 3) period = months(year, (n - 1) * 4 + 1, 4);
  else return fail(`'${code}' names no month, quarter, half-year or tertial of ${year}.`);
  if (!period.ok || !cumulative) return period;
  return { ...period, start: formatIsoDate({ year, month: 1, day: 1 }) };
}

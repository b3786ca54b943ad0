// SDMX's TIME_PERIOD syntax (SDMX 3.0 technical notes, "Time and time format") and our
// inclusive (period_start, period_end) dates, both ways. Reporting periods are read against a
// reporting year that starts on 1 January: the monitor tracks calendar-year plans, and a
// fiscal year would need the reportingYearStartDay that SDMX-CSV cannot carry per row.
import {
  addDays,
  addMonths,
  daysInMonth,
  daysInYear,
  endOfMonth,
  formatIsoDate,
  fromDayNumber,
  parseIsoDate,
  toDayNumber,
} from "../domain/dates";
import type { IsoDate } from "../domain/types";

export interface Period {
  start: IsoDate;
  end: IsoDate;
}

/** Why a period was refused: not a period at all, or one we read but do not support. */
export type PeriodProblem = "bad_time_period" | "unsupported_time_period";

export type PeriodResult =
  | ({ ok: true } & Period)
  | { ok: false; code: PeriodProblem; message: string };

/**
 * How a span that is no single reporting period is written. `duration` is SDMX's own time
 * range, a start and an ISO 8601 duration (`2024-01-01/P9M`), which SDMX validators accept;
 * `end` is the ISO 8601 start/end interval (`2024-01-01/2024-09-30`), easier on the eye but
 * outside SDMX's TIME_PERIOD type. Both read back.
 */
export type TimeRangeStyle = "duration" | "end";

const pad2 = (n: number) => String(n).padStart(2, "0");

/**
 * The shortest SDMX TIME_PERIOD for an inclusive span: `2024` for a calendar year, `2024-S1`,
 * `2024-Q3`, `2024-M09`, `2024-09-30` for one day, and a time range for anything else, such as
 * the year-to-date totals bulletins print (`2024-01-01/P9M` for January to September).
 * Throws RangeError on an invalid date or an end before the start.
 */
export function formatSdmxPeriod(
  start: IsoDate,
  end: IsoDate,
  style: TimeRangeStyle = "duration",
): string {
  const s = parseIsoDate(start);
  const e = parseIsoDate(end);
  if (!s || !e) throw new RangeError(`invalid period: ${start}..${end}`);
  if (end < start) throw new RangeError(`period ends before it starts: ${start}..${end}`);
  if (start === end) return start;
  const monthAligned = s.day === 1 && e.day === daysInMonth(e.year, e.month);
  if (monthAligned && s.year === e.year) {
    const months = e.month - s.month + 1;
    if (months === 12) return String(s.year);
    if (months === 6 && (s.month - 1) % 6 === 0) return `${s.year}-S${(s.month + 5) / 6}`;
    if (months === 3 && (s.month - 1) % 3 === 0) return `${s.year}-Q${(s.month + 2) / 3}`;
    if (months === 1) return `${s.year}-M${pad2(s.month)}`;
  }
  if (style === "end") return `${start}/${end}`;
  if (monthAligned) {
    const months = (e.year - s.year) * 12 + (e.month - s.month) + 1;
    return months % 12 === 0 ? `${start}/P${months / 12}Y` : `${start}/P${months}M`;
  }
  return `${start}/P${toDayNumber(end) - toDayNumber(start) + 1}D`;
}

const ok = (start: IsoDate, end: IsoDate): PeriodResult => ({ ok: true, start, end });
const fail = (message: string, code: PeriodProblem = "bad_time_period"): PeriodResult => ({
  ok: false,
  code,
  message,
});

const HINT =
  "Use an SDMX period such as 2024, 2024-S1, 2024-Q3, 2024-M09, 2024-09-30 or 2024-01-01/P9M.";

function months(year: number, first: number, count: number): PeriodResult {
  const start = formatIsoDate({ year, month: first, day: 1 });
  return ok(start, endOfMonth(formatIsoDate({ year, month: first + count - 1, day: 1 })));
}

type Day = { date: IsoDate } | { message: string; code?: PeriodProblem };

/** A day, read strictly; a time of day gets its own message, since SDMX allows one. */
function readDay(text: string): Day {
  if (/^\d{4}-\d{2}-\d{2}T/.test(text)) {
    return {
      code: "unsupported_time_period",
      message: `'${text}' has a time of day; figures cover whole days, so give the date alone.`,
    };
  }
  return parseIsoDate(text)
    ? { date: text }
    : { message: `'${text}' is not a calendar date (YYYY-MM-DD).` };
}

/** The last day of a range given as start and ISO 8601 duration (P9M, P1Y6M, P90D). */
function endAfter(start: IsoDate, duration: string): Day {
  const match = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$/.exec(duration);
  if (!match || duration === "P") {
    return duration.includes("T")
      ? {
          code: "unsupported_time_period",
          message: `The duration '${duration}' has hours or minutes; figures cover whole days.`,
        }
      : { message: `'${duration}' is not a duration such as P9M, P1Y or P90D.` };
  }
  const [, y = "0", m = "0", w = "0", d = "0"] = match;
  const totalMonths = Number(y) * 12 + Number(m);
  const totalDays = Number(w) * 7 + Number(d);
  if (totalMonths === 0 && totalDays === 0)
    return { message: `The duration '${duration}' is empty.` };
  // The range covers [start, start + duration): its last day is the day before.
  try {
    return { date: addDays(addDays(addMonths(start, totalMonths), totalDays), -1) };
  } catch {
    return { message: `The duration '${duration}' runs past the year 9999.` };
  }
}

/**
 * Reads an SDMX TIME_PERIOD into inclusive dates: years (`2024`, `2024-A1`), semesters
 * (`2024-S1`), trimesters (`2024-T1`, four months), quarters (`2024-Q3`), months (`2024-M09`,
 * `2024-09`), days (`2024-09-30`, `2024-D274`), and time ranges, either SDMX's start/duration
 * (`2024-01-01/P9M`) or an ISO 8601 start/end interval (`2024-01-01/2024-09-30`). Weeks are
 * refused: which days a reporting week covers depends on a reporting-year convention the file
 * does not state, and no statistics office we serve reports weekly.
 */
export function parseSdmxPeriod(input: string): PeriodResult {
  const text = input.trim().toUpperCase();
  if (text === "") return fail(`The period is empty. ${HINT}`);
  const slash = text.indexOf("/");
  if (slash !== -1) {
    const start = readDay(text.slice(0, slash));
    if ("message" in start) {
      return fail(`A time range starts with a date; ${start.message}`, start.code);
    }
    const rest = text.slice(slash + 1);
    const end = rest.startsWith("P") ? endAfter(start.date, rest) : readDay(rest);
    if ("message" in end) return fail(end.message, end.code);
    if (end.date < start.date) return fail(`The range '${input.trim()}' ends before it starts.`);
    return ok(start.date, end.date);
  }
  const year = /^(\d{4})(?:-(.*))?$/.exec(text);
  if (!year) return fail(`'${input.trim()}' is not an SDMX period. ${HINT}`);
  const y = Number(year[1]);
  const tail = year[2];
  if (tail === undefined) return months(y, 1, 12);
  if (tail === "A1") return months(y, 1, 12);
  const semester = /^S([12])$/.exec(tail);
  if (semester) return months(y, (Number(semester[1]) - 1) * 6 + 1, 6);
  const trimester = /^T([1-3])$/.exec(tail);
  if (trimester) return months(y, (Number(trimester[1]) - 1) * 4 + 1, 4);
  const quarter = /^Q([1-4])$/.exec(tail);
  if (quarter) return months(y, (Number(quarter[1]) - 1) * 3 + 1, 3);
  const month = /^M?(0[1-9]|1[0-2])$/.exec(tail);
  if (month) return months(y, Number(month[1]), 1);
  const dayOfYear = /^D(\d{3})$/.exec(tail);
  if (dayOfYear) {
    const day = Number(dayOfYear[1]);
    if (day < 1 || day > daysInYear(y)) return fail(`${y} has no day ${day}.`);
    const first = toDayNumber(formatIsoDate({ year: y, month: 1, day: 1 }));
    const date = fromDayNumber(first + day - 1);
    return ok(date, date);
  }
  if (/^W\d{2}$/.test(tail)) {
    return fail(
      `Weekly periods such as '${input.trim()}' are not supported; give the week's dates as a range such as 2024-01-29/P7D.`,
      "unsupported_time_period",
    );
  }
  if (/^\d{2}-\d{2}/.test(tail)) {
    const day = readDay(text);
    return "message" in day ? fail(day.message, day.code) : ok(day.date, day.date);
  }
  return fail(`'${input.trim()}' is not an SDMX period. ${HINT}`);
}

// Calendar arithmetic on ISO dates (`YYYY-MM-DD`, UTC, proleptic Gregorian).
// Dates are converted to day numbers (days since 1970-01-01) with pure integer arithmetic
// rather than the Date object, so results never depend on the host's time zone and years
// 0000–0099 are not silently shifted into the 1900s the way Date.UTC does.

import type { IsoDate } from "./types";

export interface DateParts {
  year: number;
  /** 1–12 */
  month: number;
  /** 1–31 */
  day: number;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInYear(year: number): number {
  return isLeapYear(year) ? 366 : 365;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

/** `month` is 1–12. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2 && isLeapYear(year)) return 29;
  const days = MONTH_DAYS[month - 1];
  if (days === undefined) throw new RangeError(`month out of range: ${month}`);
  return days;
}

const ZERO = 48;

/** The ASCII digit at `index`, or a number so negative that any sum it enters stays negative. */
function digit(text: string, index: number): number {
  const d = text.charCodeAt(index) - ZERO;
  return d >= 0 && d <= 9 ? d : -1e6;
}

// Unrolled, without a loop or a regex: the engine reads dates in its inner loops.
/** The four-digit year at the start of `text`, or a negative number. */
function year4(text: string): number {
  return digit(text, 0) * 1000 + digit(text, 1) * 100 + digit(text, 2) * 10 + digit(text, 3);
}

/** The two digits at `start`, or a negative number. */
function two(text: string, start: number): number {
  return digit(text, start) * 10 + digit(text, start + 1);
}

/** Parses a strict `YYYY-MM-DD` calendar date; null for anything else (including 2026-02-30). */
export function parseIsoDate(text: string): DateParts | null {
  // Character codes rather than a regex: the engine parses dates in its inner loops.
  if (text.length !== 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return null;
  const year = year4(text);
  const month = two(text, 5);
  const day = two(text, 8);
  if (year < 0 || month < 1 || month > 12) return null;
  if (day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

/**
 * True when the first ten characters of `text` are a valid `YYYY-MM-DD` date. Allocates
 * nothing: the engine checks every figure's three dates on every evaluation.
 */
export function startsWithIsoDate(text: string): boolean {
  if (text.length < 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return false;
  const year = year4(text);
  const month = two(text, 5);
  const day = two(text, 8);
  if (year < 0 || month < 1 || month > 12) return false;
  return day >= 1 && day <= daysInMonth(year, month);
}

export function isValidIsoDate(text: string): boolean {
  return text.length === 10 && startsWithIsoDate(text);
}

function requireParts(date: IsoDate): DateParts {
  const parts = parseIsoDate(date);
  if (!parts) throw new RangeError(`invalid ISO date: ${JSON.stringify(date)}`);
  return parts;
}

export function formatIsoDate(parts: DateParts): IsoDate {
  if (parts.year < 0 || parts.year > 9999) throw new RangeError(`year out of range: ${parts.year}`);
  const y = String(parts.year).padStart(4, "0");
  const m = String(parts.month).padStart(2, "0");
  const d = String(parts.day).padStart(2, "0");
  return `${y}-${m}-${d}`;
}

// Howard Hinnant's days_from_civil / civil_from_days: eras of 400 years (146097 days),
// years counted from March so the leap day falls at the end of the year.
function civilDayNumberArithmetic(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

// The day number of the first of every month from 1900 to 2199, where every date the monitor
// sees falls: one table lookup instead of the divisions above, which the engine would run
// several times per plan. Built from the arithmetic itself, so both agree by construction, and
// dates outside the table still take the arithmetic.
const TABLE_FIRST_YEAR = 1900;
const TABLE_YEARS = 300;
const MONTH_STARTS = new Int32Array(TABLE_YEARS * 12 + 1);
for (let i = 0; i <= TABLE_YEARS * 12; i += 1) {
  MONTH_STARTS[i] = civilDayNumberArithmetic(
    TABLE_FIRST_YEAR + Math.floor(i / 12),
    (i % 12) + 1,
    1,
  );
}
const TABLE_FIRST_DAY = MONTH_STARTS[0]!;
const TABLE_END_DAY = MONTH_STARTS[TABLE_YEARS * 12]!;
/** Months per day, to guess a day's month in the table before checking the guess. */
const MONTHS_PER_DAY = (TABLE_YEARS * 12) / (TABLE_END_DAY - TABLE_FIRST_DAY);

function civilDayNumber(year: number, month: number, day: number): number {
  const index = (year - TABLE_FIRST_YEAR) * 12 + month - 1;
  if (index >= 0 && index < TABLE_YEARS * 12) return MONTH_STARTS[index]! + day - 1;
  return civilDayNumberArithmetic(year, month, day);
}

function civilFromDays(dayNumber: number): DateParts {
  if (!(dayNumber >= TABLE_FIRST_DAY && dayNumber < TABLE_END_DAY)) {
    return civilFromDaysArithmetic(dayNumber);
  }
  // Months run 28 to 31 days, so the guess is at most one month off either way.
  let index = Math.floor((dayNumber - TABLE_FIRST_DAY) * MONTHS_PER_DAY);
  while (MONTH_STARTS[index]! > dayNumber) index -= 1;
  while (MONTH_STARTS[index + 1]! <= dayNumber) index += 1;
  const yearIndex = Math.floor(index / 12);
  return {
    year: TABLE_FIRST_YEAR + yearIndex,
    month: index - yearIndex * 12 + 1,
    day: dayNumber - MONTH_STARTS[index]! + 1,
  };
}

/**
 * The month a day number falls in, counted as year × 12 + month − 1: calendar questions on day
 * numbers (which month, its first day, its length) answered without building a DateParts,
 * since the engine asks them for every plan.
 */
export function monthOfDay(dayNumber: number): number {
  if (!(dayNumber >= TABLE_FIRST_DAY && dayNumber < TABLE_END_DAY)) {
    const { year, month } = civilFromDaysArithmetic(dayNumber);
    return year * 12 + month - 1;
  }
  let index = Math.floor((dayNumber - TABLE_FIRST_DAY) * MONTHS_PER_DAY);
  while (MONTH_STARTS[index]! > dayNumber) index -= 1;
  while (MONTH_STARTS[index + 1]! <= dayNumber) index += 1;
  return TABLE_FIRST_YEAR * 12 + index;
}

/** The day number of the first day of a month counted as monthOfDay counts it. */
export function firstDayOfMonth(month: number): number {
  const index = month - TABLE_FIRST_YEAR * 12;
  if (index >= 0 && index <= TABLE_YEARS * 12) return MONTH_STARTS[index]!;
  const year = Math.floor(month / 12);
  return civilDayNumberArithmetic(year, month - year * 12 + 1, 1);
}

/**
 * The day number of a strict `YYYY-MM-DD` date, or NaN. Reads the digits in place, with no
 * object in between: comparisons and day arithmetic run many times per plan evaluated.
 */
export function dayNumberOrNaN(text: string): number {
  return text.length === 10 ? leadingDay(text) : NaN;
}

/**
 * The day number of the valid `YYYY-MM-DD` date `text` starts with, or NaN: startsWithIsoDate
 * and the day in one read, for a reportedAt that may be a full timestamp.
 */
export function leadingDayNumberOrNaN(text: string): number {
  return text.length >= 10 ? leadingDay(text) : NaN;
}

/**
 * leadingDayNumberOrNaN for a text the caller has already seen to have at least ten characters.
 */
export function leadingDayOfLongText(text: string): number {
  return leadingDay(text);
}

/**
 * The day of the date in the first ten characters of a text known to have at least ten.
 *
 * The engine reads three dates of every figure of every plan, so this is its hottest code: the
 * eight digits are checked together without a branch each, and a date of the table's years
 * takes its month's length from the table. Anything else, valid or not, takes the general
 * path below, which gives the same answer for those dates.
 */
function leadingDay(text: string): number {
  const y0 = text.charCodeAt(0) - ZERO;
  const y1 = text.charCodeAt(1) - ZERO;
  const y2 = text.charCodeAt(2) - ZERO;
  const y3 = text.charCodeAt(3) - ZERO;
  const m0 = text.charCodeAt(5) - ZERO;
  const m1 = text.charCodeAt(6) - ZERO;
  const d0 = text.charCodeAt(8) - ZERO;
  const d1 = text.charCodeAt(9) - ZERO;
  // Every value 0–15 (a negative one sets every high bit), then none of them 10–15 (adding 6
  // carries those, and only those, into bit 4).
  const any = y0 | y1 | y2 | y3 | m0 | m1 | d0 | d1;
  const carried =
    (y0 + 6) | (y1 + 6) | (y2 + 6) | (y3 + 6) | (m0 + 6) | (m1 + 6) | (d0 + 6) | (d1 + 6);
  const digits = (any & ~15) === 0 && (carried & 16) === 0;
  if (digits && text.charCodeAt(4) === 45 && text.charCodeAt(7) === 45) {
    const month = m0 * 10 + m1;
    const year = ((y0 * 10 + y1) * 10 + y2) * 10 + y3;
    const index = (year - TABLE_FIRST_YEAR) * 12 + month - 1;
    if (month >= 1 && month <= 12 && index >= 0 && index < TABLE_YEARS * 12) {
      const day = d0 * 10 + d1;
      const first = MONTH_STARTS[index]!;
      return day >= 1 && day <= MONTH_STARTS[index + 1]! - first ? first + day - 1 : NaN;
    }
  }
  return generalDay(text);
}

/** leadingDay for every other text: dates outside the table, and anything invalid. */
function generalDay(text: string): number {
  if (text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return NaN;
  const year = year4(text);
  const month = two(text, 5);
  const day = two(text, 8);
  if (year < 0 || month < 1 || month > 12) return NaN;
  if (day < 1 || day > daysInMonth(year, month)) return NaN;
  return civilDayNumber(year, month, day);
}

function civilFromDaysArithmetic(dayNumber: number): DateParts {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return { year, month, day };
}

/**
 * The calendar date of a day number as parts: for code that already holds day numbers and needs
 * the month or year, without formatting a string to parse it again.
 */
export function dayParts(dayNumber: number): DateParts {
  return civilFromDays(dayNumber);
}

/** Days since 1970-01-01 (UTC). Throws RangeError on an invalid date. */
export function toDayNumber(date: IsoDate): number {
  const dayNumber = dayNumberOrNaN(date);
  if (Number.isNaN(dayNumber)) throw new RangeError(`invalid ISO date: ${JSON.stringify(date)}`);
  return dayNumber;
}

/** "00".."99": months and days formatted without padStart's intermediate strings. */
const TWO_DIGITS = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, "0"));

// The last dates formatted, one slot per day number modulo the size. Evaluations of many plans
// format the same few days over and over (month ends, due dates, the same period a year
// earlier) and every evaluation keeps its dates: sharing one string per day spares both the
// formatting and the garbage collector copying thousands of equal strings. Strings cannot be
// changed, so sharing one is never visible.
const FORMATTED_SLOTS = 1024;
const formattedDay = new Float64Array(FORMATTED_SLOTS).fill(Number.NaN);
const formattedText: IsoDate[] = new Array(FORMATTED_SLOTS).fill("");

export function fromDayNumber(dayNumber: number): IsoDate {
  if (!Number.isInteger(dayNumber))
    throw new RangeError(`day number must be an integer: ${dayNumber}`);
  const slot = dayNumber & (FORMATTED_SLOTS - 1);
  if (formattedDay[slot] === dayNumber) return formattedText[slot]!;
  const text = formatDayNumber(dayNumber);
  formattedDay[slot] = dayNumber;
  formattedText[slot] = text;
  return text;
}

function formatDayNumber(dayNumber: number): IsoDate {
  const { year, month, day } = civilFromDays(dayNumber);
  if (year < 1000 || year > 9999) return formatIsoDate({ year, month, day });
  return `${year}-${TWO_DIGITS[month]}-${TWO_DIGITS[day]}`;
}

/**
 * The same day one year earlier, as a day number, with a month's last day kept as that month's
 * last day (2024-02-29 → 2023-02-28, 2025-02-28 → 2024-02-29); NaN when that year would be
 * before year 0. Works on the day number so that no date object is built per figure.
 */
export function oneYearEarlierDay(dayNumber: number): number {
  // On month numbers, without a DateParts: the engine shifts two dates per plan.
  const month = monthOfDay(dayNumber);
  const year = Math.floor(month / 12);
  if (year < 1) return Number.NaN;
  const day = dayNumber - firstDayOfMonth(month) + 1;
  // Only February's last day moves between years; every other date keeps its month and day.
  const isFebruary = month - year * 12 === 1;
  const earlierDay = isFebruary && day === daysInMonth(year, 2) ? daysInMonth(year - 1, 2) : day;
  return firstDayOfMonth(month - 12) + earlierDay - 1;
}

/** end − start in days (0 for the same day, negative when end precedes start). */
export function daysBetween(start: IsoDate, end: IsoDate): number {
  return toDayNumber(end) - toDayNumber(start);
}

/** Days in the inclusive range [start, end]: a whole 2024 is 366. 0 or less when end < start. */
export function daysInclusive(start: IsoDate, end: IsoDate): number {
  return daysBetween(start, end) + 1;
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(toDayNumber(date) + days);
}

/**
 * Shifts by whole calendar months, clamping the day to the target month's length
 * (2024-01-31 + 1 month = 2024-02-29), the usual convention for "same day next month".
 */
export function addMonths(date: IsoDate, months: number): IsoDate {
  if (!Number.isInteger(months)) throw new RangeError(`months must be an integer: ${months}`);
  const { year, month, day } = requireParts(date);
  const index = year * 12 + (month - 1) + months;
  const newYear = Math.floor(index / 12);
  const newMonth = index - newYear * 12 + 1;
  return formatIsoDate({
    year: newYear,
    month: newMonth,
    day: Math.min(day, daysInMonth(newYear, newMonth)),
  });
}

export function startOfMonth(date: IsoDate): IsoDate {
  const { year, month } = requireParts(date);
  return formatIsoDate({ year, month, day: 1 });
}

export function endOfMonth(date: IsoDate): IsoDate {
  const { year, month } = requireParts(date);
  return formatIsoDate({ year, month, day: daysInMonth(year, month) });
}

/**
 * The last day of the calendar month, quarter (3) or year (12) containing a day number, as a
 * day number: cadence periods without formatting and re-reading strings.
 */
export function endOfSpanDay(dayNumber: number, months: 1 | 3 | 12): number {
  // On month numbers, without a DateParts: the engine asks this for every plan's next figure.
  const month = monthOfDay(dayNumber);
  const year = Math.floor(month / 12);
  const lastMonth = Math.ceil((month - year * 12 + 1) / months) * months;
  // The day before the first of the month after the span's last one.
  return firstDayOfMonth(year * 12 + lastMonth) - 1;
}

/** Last day of the calendar quarter (Mar 31, Jun 30, Sep 30, Dec 31) containing date. */
export function endOfQuarter(date: IsoDate): IsoDate {
  const { year, month } = requireParts(date);
  const quarterEndMonth = Math.ceil(month / 3) * 3;
  return formatIsoDate({ year, month: quarterEndMonth, day: daysInMonth(year, quarterEndMonth) });
}

export function endOfYear(date: IsoDate): IsoDate {
  const { year } = requireParts(date);
  return formatIsoDate({ year, month: 12, day: 31 });
}

/** -1, 0 or 1. Valid ISO dates order lexicographically, but this also validates both. */
export function compareIsoDates(a: IsoDate, b: IsoDate): -1 | 0 | 1 {
  const diff = toDayNumber(a) - toDayNumber(b);
  return diff < 0 ? -1 : diff > 0 ? 1 : 0;
}

export function minIsoDate(a: IsoDate, b: IsoDate): IsoDate {
  return compareIsoDates(a, b) <= 0 ? a : b;
}

export function maxIsoDate(a: IsoDate, b: IsoDate): IsoDate {
  return compareIsoDates(a, b) >= 0 ? a : b;
}

/**
 * Calendar months covered by the inclusive range [start, end]. Whole months count 1 whatever
 * their length; a partial month counts its covered days over that month's length, so
 * 2024-10-01..2024-12-31 is exactly 3 and 2024-02-01..2024-02-15 is 15/29. This is the unit
 * official plans use ("remaining months of the year"), unlike days/30.44. 0 when end < start.
 */
export function monthsBetween(start: IsoDate, end: IsoDate): number {
  // The end is read first, so of two invalid dates the error names the end.
  const endDay = toDayNumber(end);
  return monthsBetweenDays(toDayNumber(start), endDay);
}

/** monthsBetween on day numbers, for the engine, which reads each date once. */
export function monthsBetweenDays(start: number, end: number): number {
  if (end < start) return 0;
  // On month numbers and first days rather than DateParts: the engine asks this for every plan.
  const sMonth = monthOfDay(start);
  const eMonth = monthOfDay(end);
  const sFirst = firstDayOfMonth(sMonth);
  const sDays = firstDayOfMonth(sMonth + 1) - sFirst;
  const sDay = start - sFirst + 1;
  if (sMonth === eMonth) return (end - start + 1) / sDays;
  const eFirst = firstDayOfMonth(eMonth);
  const eDays = firstDayOfMonth(eMonth + 1) - eFirst;
  const eDay = end - eFirst + 1;
  const head = sDay === 1 ? 1 : (sDays - sDay + 1) / sDays;
  const tail = eDay === eDays ? 1 : eDay / eDays;
  return head + (eMonth - sMonth - 1) + tail;
}

// A period typed into a form, in either language: the bulletins' own phrases ("9 tháng đầu năm
// 2024", "first 9 months of 2024", "Q3 2024", "quý III/2024", "nhiệm kỳ 2021-2025"), a bare
// year or term ("2024", "2021–2025"), and the labels the status page prints ("Jan–Sep 2024",
// "tháng 1–9/2024"), so an editor can copy a period from the page into a form.

import { daysInMonth, formatIsoDate } from "../domain/dates";
import { findPeriods, resolvePeriod } from "./periods";
import { fold, tokenize } from "./text";
import type { IsoDate } from "./types";

export interface TypedPeriod {
  start: IsoDate;
  end: IsoDate;
}

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

function months(year: number, first: number, last: number): TypedPeriod | null {
  if (year < 1900 || year > 2200 || first < 1 || last > 12 || first > last) return null;
  return {
    start: formatIsoDate({ year, month: first, day: 1 }),
    end: formatIsoDate({ year, month: last, day: daysInMonth(year, last) }),
  };
}

function years(first: number, last: number): TypedPeriod | null {
  if (first < 1900 || last > 2200 || first > last) return null;
  return { start: `${first}-01-01`, end: `${last}-12-31` };
}

const DASH = "[-–—]";

/** The forms the page prints and bare numbers, which the bulletins' reader leaves alone. */
function printedForms(text: string): TypedPeriod | null {
  const folded = fold(text).replace(/\s+/g, " ").trim();
  let m = /^(\d{4})$/.exec(folded);
  if (m) return years(Number(m[1]), Number(m[1]));
  m = new RegExp(`^(\\d{4}) ?${DASH} ?(\\d{4})$`).exec(folded);
  if (m) return years(Number(m[1]), Number(m[2]));
  m = /^(\d{4})-(\d{2})$/.exec(folded);
  if (m) return months(Number(m[1]), Number(m[2]), Number(m[2]));
  m = new RegExp(`^thang (\\d{1,2}) ?${DASH} ?(\\d{1,2}) ?/ ?(\\d{4})$`).exec(folded);
  if (m) return months(Number(m[3]), Number(m[1]), Number(m[2]));
  m = new RegExp(`^([a-z]{3})[a-z]* ?${DASH} ?([a-z]{3})[a-z]* (\\d{4})$`).exec(folded);
  if (m) {
    const first = MONTHS.indexOf(m[1] ?? "") + 1;
    const last = MONTHS.indexOf(m[2] ?? "") + 1;
    if (first > 0 && last > 0) return months(Number(m[3]), first, last);
  }
  return null;
}

/**
 * The dates of a period typed by an editor, or null when the text is not one period read as
 * a whole (a phrase read only in part, such as a day, is refused rather than guessed).
 * `defaultYear` dates a month or quarter typed without its year.
 */
export function readPeriodText(
  text: string,
  defaultYear: number | null = null,
): TypedPeriod | null {
  const trimmed = text.normalize("NFC").trim();
  if (trimmed === "" || trimmed.length > 80) return null;
  const printed = printedForms(trimmed);
  if (printed) return printed;
  const tokens = tokenize(trimmed);
  const mentions = findPeriods(tokens);
  const [mention] = mentions;
  if (mentions.length !== 1 || !mention || mention.base) return null;
  const outside = tokens.some(
    (token, i) => (i < mention.start || i >= mention.end) && token.kind !== "punct",
  );
  if (outside) return null;
  const period = resolvePeriod(mention.spec, {
    statementYear: null,
    textYear: null,
    defaultYear,
    reportedAt: null,
  });
  return period ? { start: period.start, end: period.end } : null;
}

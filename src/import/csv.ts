// An RFC 4180 reader, written here rather than taken from a package: the rules are short, and
// owning them lets every syntax error name the row a person sees in their spreadsheet.

/** One record. `row` counts records from 1 (the header), as a spreadsheet numbers its rows. */
export interface CsvRecord {
  row: number;
  fields: string[];
}

export class CsvSyntaxError extends Error {
  constructor(
    readonly row: number,
    message: string,
  ) {
    super(message);
  }
}

export const DELIMITERS = [",", ";", "\t"] as const;
export type Delimiter = (typeof DELIMITERS)[number];

/**
 * The delimiter the header line uses. Spreadsheets in decimal-comma locales (Vietnamese,
 * most of Europe) save "CSV" with semicolons, so a header that has more of them than commas
 * is read that way. Column names never contain a delimiter, so counting them is unambiguous.
 */
export function detectDelimiter(text: string): Delimiter {
  const end = text.search(/\r|\n/);
  const header = end === -1 ? text : text.slice(0, end);
  let best: Delimiter = ",";
  let bestCount = 0;
  for (const d of DELIMITERS) {
    const count = header.split(d).length - 1;
    if (count > bestCount) {
      best = d;
      bestCount = count;
    }
  }
  return best;
}

/**
 * Splits CSV text into records. Fields may be quoted with `"`; inside quotes a doubled `""` is
 * one quote, and delimiters and line breaks are literal (a CRLF inside quotes becomes `\n`,
 * since notes keep line breaks but no carriage returns). Records end at CRLF, LF or a lone
 * CR. A leading byte order mark is dropped. A stray quote is an error rather than a guess.
 */
export function parseCsv(
  input: string,
  delimiter: Delimiter = detectDelimiter(input),
): CsvRecord[] {
  const text = input.startsWith("\uFEFF") ? input.slice(1) : input;
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let row = 1;
  let i = 0;
  const n = text.length;
  if (n === 0) return records;
  for (;;) {
    // At the start of a field.
    let value: string;
    if (text[i] === '"') {
      let j = i + 1;
      let out = "";
      for (;;) {
        const q = text.indexOf('"', j);
        if (q === -1) throw new CsvSyntaxError(row, "A quoted field is never closed.");
        out += text.slice(j, q);
        if (text[q + 1] === '"') {
          out += '"';
          j = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      value = out.replaceAll("\r\n", "\n");
      const next = text[i];
      if (i < n && next !== delimiter && next !== "\n" && next !== "\r") {
        throw new CsvSyntaxError(row, "Text follows a closing quote; quote the whole field.");
      }
    } else {
      let j = i;
      while (j < n) {
        const ch = text[j];
        if (ch === delimiter || ch === "\n" || ch === "\r") break;
        if (ch === '"') {
          throw new CsvSyntaxError(
            row,
            'A quote inside an unquoted field; quote the field and double the quote ("").',
          );
        }
        j += 1;
      }
      value = text.slice(i, j);
      i = j;
    }
    fields.push(value);
    if (i >= n) {
      records.push({ row, fields });
      return records;
    }
    const sep = text[i];
    if (sep === delimiter) {
      i += 1;
      continue;
    }
    // A line break ends the record; CRLF counts once.
    i += sep === "\r" && text[i + 1] === "\n" ? 2 : 1;
    records.push({ row, fields });
    fields = [];
    row += 1;
    if (i >= n) return records;
  }
}

/** A record with nothing in it (an empty line): spreadsheets show it as an empty row. */
export function isBlank(record: CsvRecord): boolean {
  return record.fields.every((f) => f.trim() === "");
}

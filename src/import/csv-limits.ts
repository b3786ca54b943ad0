// The bounds a CSV file is read within. A file is read as it arrives and the first bound it
// meets ends the read, so what the reader holds at once depends on these numbers and never on
// the size of the file: a Worker isolate has 128 MB, and one upload must not be able to take it.

export interface CsvLimits {
  /** Bytes of the body as sent: UTF-8, a byte order mark included. */
  bytes: number;
  /** Rows under the header that hold something (blank rows are counted apart). */
  rows: number;
  /** Rows with nothing in them (an empty line, or only delimiters and spaces), anywhere. */
  blankLines: number;
  /** Fields in one row, the header included. */
  columns: number;
  /** Length of one field once unquoted, in UTF-16 code units (what `String#length` counts). */
  cellChars: number;
  /** Problems listed in one answer; those past it are counted, not built. */
  problems: number;
}

export const DEFAULT_CSV_LIMITS: Readonly<CsvLimits> = Object.freeze({
  // 10,000 rows of figures with long notes (a typical row is ~150 bytes, so ~1.5 MB) with room
  // to spare; the import route accepts no larger body.
  bytes: 8 * 1024 * 1024,
  // One file is written in one D1 batch; 10,000 figures keep that batch well inside D1's limit
  // for a whole batch. Larger files are split by the client.
  rows: 10_000,
  // Spreadsheets leave blank rows between blocks and after the data. As many blank rows as data
  // rows is generous, and a file of nothing but line breaks is refused long before its end.
  blankLines: 10_000,
  // The widest kind (plans) has 19 columns. Up to 64, a header with extra columns is still read
  // and each unknown one named, which tells a person more than "too many"; past that nothing
  // could be imported anyway, and a row in flight stays small (64 × cellChars).
  columns: 64,
  // The longest text a row carries is a note of 4,000 characters (as the schemas count them,
  // after trimming). 10,000 leaves room for the spaces they trim, and refuses a runaway quoted
  // field after 10,000 characters instead of after the whole file.
  cellChars: 10_000,
  // What a person can act on in one answer; the detail says how many there were in all.
  problems: 100,
});

/** Defaults with the given overrides. */
export function csvLimits(overrides: Partial<CsvLimits> = {}): CsvLimits {
  return { ...DEFAULT_CSV_LIMITS, ...overrides };
}

/**
 * Why a read stopped. Stable: callers map these to their own answers, and tests assert them.
 * `syntax` is a malformed file (a stray or unclosed quote); `not_utf8` a file saved in a legacy
 * code page; `unreadable` a body the runtime could not deliver (a connection cut mid-upload).
 */
export type CsvErrorReason =
  | "too_many_bytes"
  | "too_many_rows"
  | "too_many_blank_lines"
  | "too_many_columns"
  | "cell_too_long"
  | "not_utf8"
  | "syntax"
  | "unreadable";

/** The first problem met while reading; nothing past it was read. */
export class CsvError extends Error {
  override readonly name = "CsvError";

  constructor(
    readonly reason: CsvErrorReason,
    /** The row a spreadsheet shows for the record being read (the header is row 1). */
    readonly row: number,
    message: string,
    /** The bound that was passed, for the limit reasons. */
    readonly limit?: number,
  ) {
    super(message);
  }
}

/** Characters decoded from the body at a time: the largest piece of text the reader holds. */
export const TEXT_CHUNK = 64 * 1024;

/**
 * The longest first line worth reading to choose the delimiter. No header within the limits is
 * longer (a field quoted is at most twice its length plus two quotes, then one delimiter), so a
 * line past this is refused whichever delimiter is chosen, and stopping here changes nothing.
 */
export function headerLineBound(limits: CsvLimits): number {
  return limits.columns * (2 * limits.cellChars + 3);
}

/**
 * The most characters the reader holds at once: the text of the header line while the
 * delimiter is chosen (or one decoded chunk after that), plus the record being built. With the
 * defaults, about 2 million characters (2-4 MB), whatever the size or shape of the file.
 */
export function heldCharsBound(limits: CsvLimits): number {
  return headerLineBound(limits) + TEXT_CHUNK + 4 + limits.columns * limits.cellChars;
}

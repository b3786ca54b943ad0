// An RFC 4180 reader, written here rather than taken from a package: the rules are short, and
// owning them lets every error name the row a person sees in their spreadsheet, and lets the
// reader stop at the first limit a file passes instead of after building all of it.
//
// The reader takes the text a piece at a time and hands out one record at a time. It holds the
// piece of text being read (or, until the delimiter is known, the header line) and the record
// being built, nothing else: at most `heldCharsBound(limits)` characters, whatever the size or
// shape of the file. Blank rows are counted, not kept.
import { CsvError, type CsvLimits, csvLimits, headerLineBound, TEXT_CHUNK } from "./csv-limits";
import { firstInvalidUtf8, incompleteTail, utf8Fit } from "./utf8";

/** One record. `row` counts records from 1 (the header), as a spreadsheet numbers its rows. */
export interface CsvRecord {
  row: number;
  fields: string[];
}

export { CsvError, type CsvErrorReason, type CsvLimits, DEFAULT_CSV_LIMITS } from "./csv-limits";
/**
 * Every error the reader raises, under the name callers used when only a malformed file could
 * stop it; `reason` tells a syntax error from a passed limit.
 */
export { CsvError as CsvSyntaxError };

export const DELIMITERS = [",", ";", "\t"] as const;
export type Delimiter = (typeof DELIMITERS)[number];

/**
 * The delimiter of a header line: the one it uses most, a comma on a tie. Spreadsheets in
 * decimal-comma locales (Vietnamese, most of Europe) save "CSV" with semicolons. Column names
 * never contain a delimiter, so counting them is unambiguous. Reads up to the first line break,
 * and at most `max` characters.
 */
function delimiterOfLine(text: string, max = text.length): Delimiter {
  let commas = 0;
  let semicolons = 0;
  let tabs = 0;
  const end = Math.min(text.length, max);
  for (let i = 0; i < end; i += 1) {
    const c = text.charCodeAt(i);
    if (c === LF || c === CR) break;
    if (c === COMMA) commas += 1;
    else if (c === SEMICOLON) semicolons += 1;
    else if (c === TAB) tabs += 1;
  }
  if (semicolons > commas) return tabs > semicolons ? "\t" : ";";
  return tabs > commas ? "\t" : ",";
}

/** The delimiter the header line (the text up to the first line break) uses. */
export function detectDelimiter(text: string): Delimiter {
  return delimiterOfLine(text);
}

/** A record with nothing in it (an empty line): spreadsheets show it as an empty row. */
export function isBlank(record: CsvRecord): boolean {
  return blankFields(record.fields);
}

/** Whether every field is empty or white space (as `trim` sees it), without copying any. */
function blankFields(fields: readonly string[]): boolean {
  for (const f of fields) if (hasText(f)) return false;
  return true;
}

function hasText(field: string): boolean {
  if (field.length === 0) return false;
  // Most fields start with a printable ASCII character; only the rest need the regex.
  const first = field.charCodeAt(0);
  return (first > 0x20 && first < 0x7f) || NOT_SPACE.test(field);
}

// `\s` is exactly the white space and line terminators `String#trim` removes.
const NOT_SPACE = /\S/;

/** What a read has seen so far; a caller may pass one in to watch it, as the tests do. */
export interface CsvReadStats {
  /** Bytes of the body decoded (or of a string, as UTF-8) so far. */
  bytes: number;
  /** Records that hold something, the header included. */
  rows: number;
  /** Records with nothing in them. */
  blankLines: number;
  /** The delimiter read from the header line, once it is known. */
  delimiter: Delimiter | null;
  /** The most characters held at once: text not read yet plus the record being built. */
  peakHeldChars: number;
}

export function emptyStats(): CsvReadStats {
  return { bytes: 0, rows: 0, blankLines: 0, delimiter: null, peakHeldChars: 0 };
}

const TAB = 9;
const LF = 10;
const CR = 13;
const QUOTE = 34;
const COMMA = 44;
const SEMICOLON = 59;
const BOM = 0xfeff;

// Where the tokenizer is within a record.
const FIELD_START = 0;
const UNQUOTED = 1;
const QUOTED = 2;
/** Just after a quote inside a quoted field: a doubled quote, or the field's end. */
const AFTER_QUOTE = 3;
/** Just after a CR inside a quoted field: a CRLF is kept as LF, as notes keep no CR. */
const QUOTED_CR = 4;

const syntax = (row: number, message: string) => new CsvError("syntax", row, message);

interface TokenizerOptions {
  limits: CsvLimits;
  /** Default: read from the header line. */
  delimiter?: Delimiter | undefined;
  /** Hand out blank records too (counted all the same), as `parseCsv` always has. */
  keepBlank?: boolean;
  stats?: CsvReadStats | undefined;
}

/**
 * The RFC 4180 state machine, fed text with `write` and drained with `next` one record at a
 * time. Fields may be quoted with `"`; inside quotes a doubled `""` is one quote, and delimiters
 * and line breaks are literal (a CRLF inside quotes becomes `\n`). Records end at CRLF, LF or a
 * lone CR. A leading byte order mark is dropped. A stray quote is an error rather than a guess.
 */
export class CsvTokenizer {
  readonly stats: CsvReadStats;
  private readonly limits: CsvLimits;
  private readonly keepBlank: boolean;
  private delimiter = COMMA;
  /** The header line while the delimiter is still unknown; null once it is known. */
  private sniffed: string | null;
  private text = "";
  private pos = 0;
  private started = false;
  private ended = false;
  private done = false;
  private state = FIELD_START;
  /** Whether the record being read has begun (a field after a trailing delimiter is one). */
  private open = false;
  /** A record ended at a CR: an LF right after it belongs to the same line break. */
  private skipLF = false;
  private fields: string[] = [];
  private fieldsChars = 0;
  private cell = "";
  private row = 1;
  private headerSeen = false;
  private dataRows = 0;

  constructor(options: TokenizerOptions) {
    this.limits = options.limits;
    this.keepBlank = options.keepBlank ?? false;
    this.stats = options.stats ?? emptyStats();
    if (options.delimiter === undefined) this.sniffed = "";
    else {
      this.sniffed = null;
      this.useDelimiter(options.delimiter);
    }
  }

  /** The row a spreadsheet shows for the record being read. */
  get currentRow(): number {
    return this.row;
  }

  /** Gives the next piece of text; only once `next()` has answered null. */
  write(piece: string): void {
    if (this.ended || this.pos < this.text.length) {
      throw new Error("CsvTokenizer: read every record before writing more text");
    }
    let text = piece;
    if (!this.started && text.length > 0) {
      this.started = true;
      if (text.charCodeAt(0) === BOM) text = text.slice(1);
    }
    if (this.sniffed === null) {
      this.text = text;
      this.pos = 0;
    } else {
      // The delimiter needs the whole header line, so the text waits until a line break, the
      // end, or a length no header within the limits reaches.
      this.sniffed += text;
      if (/[\r\n]/.test(text) || this.sniffed.length >= headerLineBound(this.limits)) {
        this.startReading();
      }
    }
    this.noteHeld();
  }

  /** Says no more text follows. */
  end(): void {
    this.ended = true;
    if (this.sniffed !== null) this.startReading();
  }

  /**
   * The next record, or null when the text given so far holds no complete one (or, after
   * `end()`, when there are no more). Throws a CsvError at the first problem or passed limit.
   */
  next(): CsvRecord | null {
    if (this.sniffed !== null || this.done) return null;
    for (;;) {
      if (!this.scan()) {
        if (!this.ended) return null;
        this.done = true;
        if (!this.last()) return null;
      }
      const record = this.take();
      if (record !== null) return record;
    }
  }

  private useDelimiter(delimiter: Delimiter) {
    this.delimiter = delimiter.charCodeAt(0);
    this.stats.delimiter = delimiter;
  }

  private startReading() {
    const text = this.sniffed ?? "";
    this.sniffed = null;
    this.useDelimiter(delimiterOfLine(text, headerLineBound(this.limits)));
    this.text = text;
    this.pos = 0;
  }

  private noteHeld() {
    const held =
      this.text.length + (this.sniffed?.length ?? 0) + this.fieldsChars + this.cell.length;
    if (held > this.stats.peakHeldChars) this.stats.peakHeldChars = held;
  }

  /**
   * Takes the record just ended and counts it against the limits; null for a blank one that is
   * skipped, which is counted without building anything, so blank lines cost no memory.
   */
  private take(): CsvRecord | null {
    const { limits, stats } = this;
    const fields = this.fields;
    const cell = this.cell;
    const row = this.row;
    this.row += 1;
    this.cell = "";
    this.fieldsChars = 0;
    this.state = FIELD_START;
    this.open = false;
    if (blankFields(fields) && !hasText(cell)) {
      stats.blankLines += 1;
      if (stats.blankLines > limits.blankLines) {
        throw new CsvError(
          "too_many_blank_lines",
          row,
          `More than ${limits.blankLines} empty rows; delete them.`,
          limits.blankLines,
        );
      }
      if (!this.keepBlank) {
        if (fields.length > 0) this.fields = [];
        return null;
      }
    } else {
      if (this.headerSeen) {
        this.dataRows += 1;
        if (this.dataRows > limits.rows) {
          throw new CsvError(
            "too_many_rows",
            row,
            `More than ${limits.rows} rows under the header; split the file.`,
            limits.rows,
          );
        }
      }
      this.headerSeen = true;
      stats.rows += 1;
    }
    fields.push(cell);
    this.fields = [];
    return { row, fields };
  }

  /** Room left in the field being read before it passes the limit. */
  private room(): number {
    return this.limits.cellChars - this.cell.length;
  }

  private append(text: string, from: number, to: number) {
    if (to === from) return;
    if (to - from > this.room()) {
      throw new CsvError(
        "cell_too_long",
        this.row,
        `A field longer than ${this.limits.cellChars} characters.`,
        this.limits.cellChars,
      );
    }
    this.cell += to - from === text.length ? text : text.slice(from, to);
    this.noteHeld();
  }

  /** Ends a field at a delimiter: another one follows in this record. */
  private nextField() {
    this.fields.push(this.cell);
    this.fieldsChars += this.cell.length;
    this.cell = "";
    this.state = FIELD_START;
    if (this.fields.length >= this.limits.columns) {
      throw new CsvError(
        "too_many_columns",
        this.row,
        `More than ${this.limits.columns} fields in this row.`,
        this.limits.columns,
      );
    }
  }

  /** Whether the end of the text finishes a record (to take), or none was begun. */
  private last(): boolean {
    if (this.state === QUOTED || this.state === QUOTED_CR) {
      throw syntax(this.row, "A quoted field is never closed.");
    }
    return this.state !== FIELD_START || this.open;
  }

  /** Reads on until a record ends (true: `take` it) or the text runs out (false). */
  private scan(): boolean {
    const t = this.text;
    const n = t.length;
    const d = this.delimiter;
    let i = this.pos;
    if (this.skipLF && i < n) {
      this.skipLF = false;
      if (t.charCodeAt(i) === LF) i += 1;
    }
    while (i < n) {
      const state = this.state;
      if (state === FIELD_START) {
        this.open = true;
        if (t.charCodeAt(i) === QUOTE) {
          this.state = QUOTED;
          i += 1;
        } else this.state = UNQUOTED;
      } else if (state === UNQUOTED) {
        // Scan no further than one character past the limit, so a field that never ends costs
        // the limit, not the rest of the text.
        const stop = Math.min(n, i + this.room() + 1);
        let j = i;
        for (; j < stop; j += 1) {
          const c = t.charCodeAt(j);
          if (c === d || c === LF || c === CR || c === QUOTE) break;
        }
        this.append(t, i, j);
        i = j;
        if (i === n) break;
        const c = t.charCodeAt(i);
        if (c === QUOTE) {
          throw syntax(
            this.row,
            'A quote inside an unquoted field; quote the field and double the quote ("").',
          );
        }
        i += 1;
        if (c === d) this.nextField();
        else {
          this.skipLF = c === CR;
          this.pos = i;
          return true;
        }
      } else if (state === QUOTED) {
        const stop = Math.min(n, i + this.room() + 1);
        let j = i;
        for (; j < stop; j += 1) {
          const c = t.charCodeAt(j);
          if (c === QUOTE || c === CR) break;
        }
        this.append(t, i, j);
        i = j;
        if (i === n) break;
        this.state = t.charCodeAt(i) === QUOTE ? AFTER_QUOTE : QUOTED_CR;
        i += 1;
      } else if (state === AFTER_QUOTE) {
        const c = t.charCodeAt(i);
        if (c === QUOTE) {
          this.append('"', 0, 1);
          this.state = QUOTED;
          i += 1;
        } else if (c === d) {
          i += 1;
          this.nextField();
        } else if (c === LF || c === CR) {
          this.skipLF = c === CR;
          this.pos = i + 1;
          return true;
        } else {
          throw syntax(this.row, "Text follows a closing quote; quote the whole field.");
        }
      } else {
        // QUOTED_CR: the CR is kept unless an LF follows, which the pair becomes.
        if (t.charCodeAt(i) === LF) {
          this.append("\n", 0, 1);
          i += 1;
        } else this.append("\r", 0, 1);
        this.state = QUOTED;
      }
    }
    this.pos = n;
    return false;
  }
}

function* drain(tokenizer: CsvTokenizer): Generator<CsvRecord, void, undefined> {
  for (let record = tokenizer.next(); record !== null; record = tokenizer.next()) yield record;
}

const tooManyBytes = (row: number, limits: CsvLimits) =>
  new CsvError(
    "too_many_bytes",
    row,
    `The file is larger than ${limits.bytes} bytes; split it into smaller files.`,
    limits.bytes,
  );

const notUtf8 = (row: number) =>
  new CsvError("not_utf8", row, "The file is not UTF-8 text; save it as 'CSV UTF-8'.");

/** Reads a string in pieces, holding it to the byte limit as if it were the body. */
function* stringRecords(
  tokenizer: CsvTokenizer,
  text: string,
  limits: CsvLimits,
): Generator<CsvRecord, void, undefined> {
  const stats = tokenizer.stats;
  for (let start = 0; start < text.length; ) {
    let end = Math.min(text.length, start + TEXT_CHUNK);
    // A surrogate pair stays in one piece, so that it counts as the 4 bytes it is.
    const lastUnit = text.charCodeAt(end - 1);
    if (end < text.length && lastUnit >= 0xd800 && lastUnit <= 0xdbff) end -= 1;
    const piece = start === 0 && end === text.length ? text : text.slice(start, end);
    const fit = utf8Fit(piece, limits.bytes - stats.bytes);
    stats.bytes += fit.bytes;
    tokenizer.write(fit.chars === piece.length ? piece : piece.slice(0, fit.chars));
    yield* drain(tokenizer);
    if (fit.chars < piece.length) throw tooManyBytes(tokenizer.currentRow, limits);
    start = end;
  }
  tokenizer.end();
  yield* drain(tokenizer);
}

/**
 * Decodes bytes as they come with a fatal UTF-8 decoder in stream mode, so a file saved in a
 * legacy code page is refused rather than read as mojibake. Holds the body to the byte limit,
 * and decodes at most TEXT_CHUNK bytes at a time, so one huge chunk is read in small pieces.
 */
class Utf8Feed {
  private readonly decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });
  /** The bytes of a sequence the decoder holds back until the next chunk completes it. */
  private carry = new Uint8Array(0);
  /** Bytes given to the decoder so far. */
  private decoded = 0;
  /** Bytes of the body taken so far, decoded or not. */
  private received = 0;

  constructor(
    private readonly tokenizer: CsvTokenizer,
    private readonly limits: CsvLimits,
  ) {}

  *push(chunk: Uint8Array): Generator<CsvRecord, void, undefined> {
    const room = this.limits.bytes - this.received;
    // Whatever fits is read first, so a problem before the byte limit is the one reported,
    // however the body was cut into chunks.
    const allowed = chunk.byteLength > room ? chunk.subarray(0, room) : chunk;
    this.received += allowed.byteLength;
    for (let at = 0; at < allowed.byteLength; at += TEXT_CHUNK) {
      const bytes = allowed.subarray(at, Math.min(allowed.byteLength, at + TEXT_CHUNK));
      this.tokenizer.stats.bytes += bytes.byteLength;
      const { text, malformed } = this.decode(bytes);
      this.tokenizer.write(text);
      yield* drain(this.tokenizer);
      if (malformed) throw notUtf8(this.tokenizer.currentRow);
    }
    if (allowed !== chunk) throw tooManyBytes(this.tokenizer.currentRow, this.limits);
  }

  *end(): Generator<CsvRecord, void, undefined> {
    let rest: string;
    try {
      rest = this.decoder.decode();
    } catch {
      // The body ends inside a sequence; everything before it has been read.
      throw notUtf8(this.tokenizer.currentRow);
    }
    this.tokenizer.write(rest);
    yield* drain(this.tokenizer);
    this.tokenizer.end();
    yield* drain(this.tokenizer);
  }

  /**
   * The text of `bytes`. On a malformed sequence, the text before it, so that the rows it
   * holds are read and the error names the row the sequence is on.
   */
  private decode(bytes: Uint8Array): { text: string; malformed: boolean } {
    const startsFile = this.decoded === this.carry.length;
    const held = this.carry;
    this.decoded += bytes.byteLength;
    try {
      const text = this.decoder.decode(bytes, { stream: true });
      const tail = bytes.byteLength >= 3 ? bytes : concat(held, bytes);
      this.carry = tail.slice(tail.byteLength - incompleteTail(tail));
      return { text, malformed: false };
    } catch {
      const all = concat(held, bytes);
      const bad = firstInvalidUtf8(all);
      const text =
        bad > 0
          ? new TextDecoder("utf-8", { fatal: true, ignoreBOM: !startsFile }).decode(
              all.subarray(0, bad),
            )
          : "";
      return { text, malformed: true };
    }
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.byteLength === 0) return b;
  const out = new Uint8Array(a.byteLength + b.byteLength);
  out.set(a);
  out.set(b, a.byteLength);
  return out;
}

/** A body as it arrives, bytes already in memory, or text. */
export type CsvSource = ReadableStream<Uint8Array> | Uint8Array | string;

export interface CsvReadOptions {
  /** Overrides of DEFAULT_CSV_LIMITS. */
  limits?: Partial<CsvLimits>;
  /** Default: read from the header line. */
  delimiter?: Delimiter;
  /** Filled in as the read goes, for a caller that wants to know what it has seen. */
  stats?: CsvReadStats;
}

/**
 * Reads CSV from a body as it arrives and yields its records one at a time: the header first,
 * then each row that holds something (blank rows are counted in `stats.blankLines`, not
 * yielded, so a first record whose `row` is not 1 means the file starts with blank rows).
 * Throws a CsvError at the first problem or passed limit, after yielding the records before
 * it, and cancels the body: nothing after it is read. Stopping early (a `break` out of the
 * loop) cancels the body too.
 */
export async function* readCsv(
  source: CsvSource,
  options: CsvReadOptions = {},
): AsyncGenerator<CsvRecord, void, undefined> {
  const limits = csvLimits(options.limits);
  const tokenizer = new CsvTokenizer({
    limits,
    delimiter: options.delimiter,
    stats: options.stats,
  });
  if (typeof source === "string") {
    yield* stringRecords(tokenizer, source, limits);
    return;
  }
  const feed = new Utf8Feed(tokenizer, limits);
  if (source instanceof Uint8Array) {
    yield* feed.push(source);
    yield* feed.end();
    return;
  }
  const reader = source.getReader();
  try {
    for (;;) {
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await reader.read();
      } catch {
        throw new CsvError(
          "unreadable",
          tokenizer.currentRow,
          "The file could not be read to its end; send it again.",
        );
      }
      if (chunk.done) break;
      yield* feed.push(chunk.value);
    }
    yield* feed.end();
  } finally {
    await reader.cancel().catch(() => undefined);
  }
}

/**
 * Every record of a string, blank ones included, in one array. The limits on columns, field
 * length and blank rows apply as in `readCsv`; the row limit does not unless given, because a
 * caller that reads the whole file counts its rows itself. For small files and tests: a body
 * should go through `readCsv`, which never holds more than one record.
 */
export function parseCsv(
  input: string,
  delimiter?: Delimiter,
  limits: Partial<CsvLimits> = { rows: Number.POSITIVE_INFINITY },
): CsvRecord[] {
  const resolved = csvLimits(limits);
  const tokenizer = new CsvTokenizer({ limits: resolved, delimiter, keepBlank: true });
  return [...stringRecords(tokenizer, input, resolved)];
}

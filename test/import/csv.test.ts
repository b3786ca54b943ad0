import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type CsvRecord,
  CsvSyntaxError,
  detectDelimiter,
  isBlank,
  parseCsv,
} from "../../src/import/csv";
import { collect, encode, streamOf } from "./csv-helpers";
import { referenceDetectDelimiter, referenceParseCsv } from "./csv-reference";

const fieldsOf = (text: string) => parseCsv(text).map((r) => r.fields);

describe("parseCsv", () => {
  it("reads LF, CRLF and lone CR line endings alike", () => {
    const expected = [
      ["a", "b"],
      ["1", "2"],
    ];
    expect(fieldsOf("a,b\n1,2\n")).toEqual(expected);
    expect(fieldsOf("a,b\r\n1,2\r\n")).toEqual(expected);
    expect(fieldsOf("a,b\r1,2")).toEqual(expected);
    expect(fieldsOf("a,b\n1,2")).toEqual(expected);
  });

  it("drops a UTF-8 byte order mark", () => {
    expect(fieldsOf("\uFEFFindicator_id,value\nx,1")[0]).toEqual(["indicator_id", "value"]);
  });

  it("keeps delimiters, line breaks and doubled quotes inside quoted fields", () => {
    const text = 'id,note\n1,"Hà Nội, Việt Nam"\n2,"line one\nline two"\n3,"He said ""2,326"""\n';
    expect(fieldsOf(text)).toEqual([
      ["id", "note"],
      ["1", "Hà Nội, Việt Nam"],
      ["2", "line one\nline two"],
      ["3", 'He said "2,326"'],
    ]);
  });

  it("stores a CRLF inside quotes as a plain line break", () => {
    expect(fieldsOf('a\r\n"x\r\ny"\r\n')[1]).toEqual(["x\ny"]);
  });

  it("numbers records as a spreadsheet numbers rows, whatever the line breaks inside them", () => {
    const records = parseCsv('h1,h2\n"a\nb\nc",1\nlast,2\n');
    expect(records.map((r) => r.row)).toEqual([1, 2, 3]);
  });

  it("keeps empty fields and empty quoted fields", () => {
    expect(fieldsOf('a,b,c\n,"",\n')).toEqual([
      ["a", "b", "c"],
      ["", "", ""],
    ]);
  });

  it("sees a blank line as a blank record", () => {
    const records = parseCsv("a,b\n\n1,2\n");
    expect(records.map(isBlank)).toEqual([false, true, false]);
    expect(records[2]?.row).toBe(3);
  });

  it("reads semicolon- and tab-delimited files, as spreadsheets in decimal-comma locales save them", () => {
    expect(detectDelimiter("indicator_id;value;note\nx;2,5;a,b")).toBe(";");
    expect(fieldsOf("a;b\n2,5;x")).toEqual([
      ["a", "b"],
      ["2,5", "x"],
    ]);
    expect(fieldsOf("a\tb\n1\t2")).toEqual([
      ["a", "b"],
      ["1", "2"],
    ]);
  });

  it.each([
    ['a,b\n1,"open\n', 2, "never closed"],
    ['a,b\n1,2\n"x"y,3\n', 3, "closing quote"],
    ['a,b\n1,2\n3,4\nfive "inch",6\n', 4, "unquoted"],
  ])("refuses %j at row %i", (text, row, words) => {
    try {
      parseCsv(text);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(CsvSyntaxError);
      expect((err as CsvSyntaxError).row).toBe(row);
      expect((err as CsvSyntaxError).message).toContain(words);
    }
  });

  it("reads back whatever RFC 4180 writes", () => {
    const field = fc.string({ unit: fc.constantFrom("a", "ệ", ",", '"', "\n", " ", "1", ";") });
    const table = fc
      .integer({ min: 1, max: 5 })
      .chain((width) =>
        fc.array(fc.array(field, { minLength: width, maxLength: width }), { minLength: 1 }),
      );
    fc.assert(
      fc.property(table, fc.constantFrom("\n", "\r\n"), (rows, eol) => {
        const quote = (f: string) => `"${f.replaceAll('"', '""')}"`;
        const text = rows.map((r) => r.map(quote).join(",")).join(eol);
        expect(parseCsv(text, ",").map((r) => r.fields)).toEqual(rows);
      }),
    );
  });
});

/** What the reader before streaming made of a text: its records, or the row and message. */
function reference(text: string): CsvRecord[] | string {
  try {
    return referenceParseCsv(text);
  } catch (err) {
    if (!(err instanceof Error) || !("row" in err)) throw err;
    return `${err.row}: ${err.message}`;
  }
}

function current(text: string): CsvRecord[] | string {
  try {
    return parseCsv(text);
  } catch (err) {
    if (!(err instanceof CsvSyntaxError)) throw err;
    return `${err.row}: ${err.message}`;
  }
}

// Text made of everything the reader treats specially, so that random texts hit every rule:
// quotes in every position, all three delimiters, every kind of line break, and characters of
// two, three and four bytes in UTF-8.
const csvish = fc.string({
  unit: fc.constantFrom("a", "ệ", "😀", ",", ";", "\t", '"', '""', "\n", "\r", "\r\n", " "),
  maxLength: 60,
});

describe("the streaming reader, against the reader it replaces", () => {
  it("chooses the same delimiter from the header line", () => {
    fc.assert(
      fc.property(csvish, (text) => detectDelimiter(text) === referenceDetectDelimiter(text)),
    );
  });

  it("gives the same records, or the same error at the same row, for any text", () => {
    fc.assert(
      fc.property(fc.option(fc.constant("\uFEFF")), csvish, (bom, text) => {
        const input = (bom ?? "") + text;
        expect(current(input)).toEqual(reference(input));
      }),
      { numRuns: 2000 },
    );
  });

  it("gives the same from a body cut into chunks anywhere, even inside a character", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.option(fc.constant("\uFEFF")),
        csvish,
        fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 8 }),
        async (bom, text, sizes) => {
          const expected = reference(text);
          const { stream } = streamOf(encode((bom ?? "") + text), sizes);
          const { records, error } = await collect(stream);
          if (typeof expected === "string") {
            expect(error && `${error.row}: ${error.message}`).toBe(expected);
          } else {
            // The stream hands out only rows that hold something; their numbers stay the same.
            expect(error).toBeUndefined();
            expect(records).toEqual(expected.filter((r) => !isBlank(r)));
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});

import { describe, expect, it } from "vitest";
import { type CsvLimits, DEFAULT_CSV_LIMITS, parseCsv } from "../../src/import/csv";
import { collect, encode, stopOf, streamOf } from "./csv-helpers";

// Every limit at, just under and just over its bound, through each kind of source: a string,
// bytes in memory, and a stream in 1-byte, 3-byte and whole-body chunks. The first limit met
// is the one reported, whichever way the body was cut.

const lines = (...rows: string[]) => rows.join("\n");

/** The stop of a read of `text` through every source and chunking, which must all agree. */
async function stopEverywhere(text: string, limits: Partial<CsvLimits>): Promise<string> {
  const bytes = encode(text);
  const stops = new Set([
    await stopOf(text, { limits }),
    await stopOf(bytes, { limits }),
    ...(await Promise.all(
      [[1], [3], [bytes.byteLength + 1]].map((sizes) =>
        stopOf(streamOf(bytes, sizes).stream, { limits }),
      ),
    )),
  ]);
  expect([...stops]).toHaveLength(1);
  return [...stops][0] ?? "";
}

describe("the byte limit", () => {
  const text = lines("id,note", "1,abc", "2,défg"); // 21 bytes: é is two

  it.each([
    [22, "ok"],
    [21, "ok"],
    [20, "too_many_bytes@3"],
    [18, "too_many_bytes@3"], // the limit falls inside the é
    [7, "too_many_bytes@1"],
  ])("of %i bytes, for a file of 21: %s", async (bytes, stop) => {
    expect(encode(text).byteLength).toBe(21);
    expect(await stopEverywhere(text, { bytes })).toBe(stop);
  });

  it("counts a byte order mark, which is part of the body", async () => {
    expect(await stopEverywhere(`\uFEFF${text}`, { bytes: 24 })).toBe("ok");
    expect(await stopEverywhere(`\uFEFF${text}`, { bytes: 23 })).toBe("too_many_bytes@3");
  });

  it("reads a body of exactly 8 MiB and refuses one byte more", async () => {
    const header = "indicator_id,note\n";
    const row = (i: number, width: number) => `x${i},${"n".repeat(width)}\n`;
    // 10,000 rows filling 8 MiB to the byte: each row its share, the first ones one longer.
    const budget = DEFAULT_CSV_LIMITS.bytes - header.length;
    const base = Math.floor(budget / 10_000);
    const extra = budget - base * 10_000;
    const parts = [header];
    for (let i = 0; i < 10_000; i += 1) {
      const prefix = `x${i},`.length + 1;
      parts.push(row(i, base - prefix + (i < extra ? 1 : 0)));
    }
    const body = encode(parts.join(""));
    expect(body.byteLength).toBe(DEFAULT_CSV_LIMITS.bytes);
    const read = await collect(streamOf(body, [65_536]).stream);
    expect(read.error).toBeUndefined();
    expect(read.records).toHaveLength(10_001);
    const over = new Uint8Array(body.byteLength + 1);
    over.set(body);
    over[body.byteLength] = 0x0a;
    expect(await stopOf(streamOf(over, [65_536]).stream)).toBe("too_many_bytes@10002");
  });
});

describe("the row limit", () => {
  const file = (n: number) => lines("a,b", ...Array.from({ length: n }, (_, i) => `${i},x`), "");

  it.each([
    [2, "ok"],
    [3, "ok"],
    [4, "too_many_rows@5"],
  ])("of 3 rows under the header, for %i rows: %s", async (n, stop) => {
    expect(await stopEverywhere(file(n), { rows: 3 })).toBe(stop);
  });

  it("counts only rows that hold something, and names the row a spreadsheet shows", async () => {
    const text = lines("a,b", "", "1,x", ",", "2,y", " ", "3,z", "", "4,w");
    expect(await stopEverywhere(text, { rows: 4 })).toBe("ok");
    expect(await stopEverywhere(text, { rows: 3 })).toBe("too_many_rows@9");
  });

  it("is 10,000 rows by default", async () => {
    expect(await stopOf(file(10_000))).toBe("ok");
    expect(await stopOf(file(10_001))).toBe("too_many_rows@10002");
  });

  it("is met before a byte limit further on, whatever the chunks", async () => {
    const text = file(10);
    expect(await stopEverywhere(text, { rows: 3, bytes: text.length - 1 })).toBe("too_many_rows@5");
  });
});

describe("the blank-row limit", () => {
  // Blank as a spreadsheet shows it: empty lines, only delimiters, only spaces, empty quotes.
  const blanks = ["", ",", " , ", '""', '"",'];
  const file = (n: number) =>
    lines("a,b", ...Array.from({ length: n }, (_, i) => blanks[i % blanks.length] ?? ""), "1,2");

  it.each([
    [4, "ok"],
    [5, "ok"],
    [6, "too_many_blank_lines@7"],
  ])("of 5 blank rows, for %i: %s", async (n, stop) => {
    expect(await stopEverywhere(file(n), { blankLines: 5 })).toBe(stop);
  });

  it("counts blank rows before the header too", async () => {
    expect(await stopEverywhere(`\n\n\n${file(0)}`, { blankLines: 2 })).toBe(
      "too_many_blank_lines@3",
    );
  });

  it("counts blank rows in parseCsv, which still returns them", () => {
    expect(parseCsv(file(3), undefined, { blankLines: 3 }).filter((r) => r.row > 1)).toHaveLength(
      4,
    );
    expect(() => parseCsv(file(4), undefined, { blankLines: 3 })).toThrow(/empty rows/);
  });

  it("is 10,000 blank rows by default", async () => {
    expect(await stopOf(`a\n${"\n".repeat(10_000)}1`)).toBe("ok");
    expect(await stopOf(`a\n${"\n".repeat(10_001)}1`)).toBe("too_many_blank_lines@10002");
  });
});

describe("the column limit", () => {
  const row = (n: number, d = ",") => Array.from({ length: n }, (_, i) => `c${i}`).join(d);

  it.each([
    [3, "ok"],
    [4, "ok"],
    [5, "too_many_columns@1"],
  ])("of 4 fields, for a header of %i: %s", async (n, stop) => {
    expect(await stopEverywhere(lines(row(n), row(n)), { columns: 4 })).toBe(stop);
  });

  it("applies to every row, and to each delimiter", async () => {
    expect(await stopEverywhere(lines(row(4), row(4), row(5)), { columns: 4 })).toBe(
      "too_many_columns@3",
    );
    expect(await stopEverywhere(lines(row(5, ";"), row(5, ";")), { columns: 4 })).toBe(
      "too_many_columns@1",
    );
    expect(await stopEverywhere(lines(row(5, "\t"), row(5, "\t")), { columns: 4 })).toBe(
      "too_many_columns@1",
    );
  });

  it("counts fields, not delimiters inside quotes; a trailing delimiter opens one more", async () => {
    expect(await stopEverywhere('a,"b,c,d,e,f",g,h', { columns: 4 })).toBe("ok");
    expect(await stopEverywhere("a,b,c,d,", { columns: 4 })).toBe("too_many_columns@1");
  });

  it("is 64 fields by default", async () => {
    expect(await stopOf(lines(row(64), row(64)))).toBe("ok");
    expect(await stopOf(lines(row(65), row(65)))).toBe("too_many_columns@1");
  });
});

describe("the field length limit", () => {
  it.each([
    ["abcd", "ok"],
    ["abcde", "ok"],
    ["abcdef", "cell_too_long@2"],
    ['"abcde"', "ok"],
    ['"abcdef"', "cell_too_long@2"],
    ['"ab""cd"', "ok"], // ab"cd: a doubled quote is one character
    ['"ab""cde"', "cell_too_long@2"],
    ['"ab\r\ncd"', "ok"], // a CRLF inside quotes is kept as one LF
    ['"ab\r\ncde"', "cell_too_long@2"],
    ['"ab\rcd"', "ok"],
    ["ệệệệệ", "ok"],
    ["😀😀", "ok"], // UTF-16 code units, as the schemas count length: 4
    ["😀😀😀", "cell_too_long@2"],
  ])("of 5 characters, for %j: %s", async (cell, stop) => {
    expect(await stopEverywhere(lines("h1,h2", `x,${cell}`, "y,z"), { cellChars: 5 })).toBe(stop);
  });

  it("applies to the header too", async () => {
    expect(await stopEverywhere(lines("abcdef,b", "1,2"), { cellChars: 5 })).toBe(
      "cell_too_long@1",
    );
  });

  it("is 10,000 characters by default", async () => {
    const text = (n: number) => lines("id,note", `x,"${"n".repeat(n)}"`);
    expect(await stopOf(text(10_000))).toBe("ok");
    expect(await stopOf(text(10_001))).toBe("cell_too_long@2");
  });
});

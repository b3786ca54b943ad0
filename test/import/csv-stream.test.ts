import { describe, expect, it } from "vitest";
import { type CsvReadStats, emptyStats, readCsv } from "../../src/import/csv";
import { collect, encode, streamOf } from "./csv-helpers";

const fieldsOf = (records: { fields: string[] }[]) => records.map((r) => r.fields);

describe("reading a body as it arrives", () => {
  const text = '\uFEFFid;note\r\n1;"Hà Nội; ""xã"" 😀\r\ndòng hai"\r\n\r\n2;ệ\r3;Nghệ An\n';
  const expected = [
    ["id", "note"],
    ["1", 'Hà Nội; "xã" 😀\ndòng hai'],
    ["2", "ệ"],
    ["3", "Nghệ An"],
  ];

  it("gives the same records in 1-byte chunks as in one, whatever splits a character or a CRLF", async () => {
    const bytes = encode(text);
    for (const sizes of [[1], [2], [3], [5, 1, 2], [bytes.byteLength]]) {
      const { records, error } = await collect(streamOf(bytes, sizes).stream);
      expect(error).toBeUndefined();
      expect(fieldsOf(records)).toEqual(expected);
      expect(records.map((r) => r.row)).toEqual([1, 2, 4, 5]);
    }
  });

  it("gives the same records cut in two at every byte", async () => {
    const bytes = encode(text);
    for (let cut = 1; cut < bytes.byteLength; cut += 1) {
      const { records, error } = await collect(
        streamOf(bytes, [cut, bytes.byteLength - cut]).stream,
      );
      expect(error).toBeUndefined();
      expect(fieldsOf(records), `cut at byte ${cut}`).toEqual(expected);
    }
  });

  it("keeps a CRLF split across chunks one line break, in a row and inside quotes", async () => {
    const cases: [string[], string[][]][] = [
      [
        ["a\r", "\nb"],
        [["a"], ["b"]],
      ],
      [
        ["a\r", "\r\nb"],
        [["a"], ["b"]],
      ], // CR, then CRLF: one blank row between, skipped
      [
        ['a\n"x\r', '\ny"'],
        [["a"], ["x\ny"]],
      ],
      [
        ['a\n"x\r', 'y"'],
        [["a"], ["x\ry"]],
      ],
    ];
    for (const [pieces, fields] of cases) {
      const stream = new ReadableStream<Uint8Array>({
        start(controller) {
          for (const p of pieces) controller.enqueue(encode(p));
          controller.close();
        },
      });
      const { records } = await collect(stream);
      expect(fieldsOf(records)).toEqual(fields);
    }
  });

  it("drops a byte order mark split across chunks, and only the first", async () => {
    const { records } = await collect(streamOf(encode("\uFEFFa\n\uFEFFb"), [1]).stream);
    expect(fieldsOf(records)).toEqual([["a"], ["\uFEFFb"]]);
  });

  it("reads the same from a string, bytes and a stream", async () => {
    const a = await collect(text);
    const b = await collect(encode(text));
    const c = await collect(streamOf(encode(text), [7]).stream);
    expect(a).toEqual(b);
    expect(b).toEqual(c);
  });

  it("hands out blank rows' numbers but not the rows, and says what it saw", async () => {
    const stats: CsvReadStats = emptyStats();
    const { records } = await collect(encode(text), { stats });
    expect(stats).toMatchObject({
      bytes: encode(text).byteLength,
      rows: 4,
      blankLines: 1,
      delimiter: ";",
    });
    expect(records).toHaveLength(4);
  });

  it("takes a delimiter from the caller instead of the header line", async () => {
    const { records } = await collect("a;b,c\n1;2,3", { delimiter: "," });
    expect(fieldsOf(records)).toEqual([
      ["a;b", "c"],
      ["1;2", "3"],
    ]);
  });

  it("reads no further than the records taken, and releases the body on a break", async () => {
    const body = encode(`a,b\n${"1,2\n".repeat(100_000)}`);
    const { stream, state, delivered } = streamOf(body, [1024]);
    let taken = 0;
    for await (const _ of readCsv(stream)) {
      taken += 1;
      if (taken === 3) break;
    }
    expect(state.cancelled).toBe(true);
    expect(delivered()).toBeLessThan(4 * 1024);
  });

  it("releases the body when it stops at a limit", async () => {
    const { stream, state, delivered } = streamOf(encode(",".repeat(1_000_000)), [1024]);
    const { error } = await collect(stream, { limits: { columns: 8, cellChars: 100 } });
    expect(error?.reason).toBe("too_many_columns");
    expect(state.cancelled).toBe(true);
    expect(delivered()).toBeLessThan(4 * 1024);
  });

  it("says a body the runtime could not deliver is unreadable, at the row it reached", async () => {
    let sent = false;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent) controller.error(new Error("connection reset"));
        else controller.enqueue(encode("a,b\n1,2\n3,"));
        sent = true;
      },
    });
    const { records, error } = await collect(stream);
    expect(fieldsOf(records)).toEqual([
      ["a", "b"],
      ["1", "2"],
    ]);
    expect(error).toMatchObject({ reason: "unreadable", row: 3 });
  });
});

describe("a body that is not UTF-8", () => {
  const bytes = (...parts: (string | number[])[]) =>
    new Uint8Array(parts.flatMap((p) => (typeof p === "string" ? [...encode(p)] : p)));

  it.each([
    ["a Latin-1 é", bytes("id,name\nx,caf", [0xe9], "\n"), 2],
    ["a sequence cut by another", bytes("a\nb\nc", [0xe1, 0xbb], "d\n"), 3],
    ["a sequence the body ends inside", bytes("a\nb\n", [0xe1, 0xbb]), 3],
    ["a UTF-16 surrogate written as UTF-8", bytes("a\n", [0xed, 0xa0, 0x80]), 2],
    ["an overlong slash", bytes("a\nb\n", [0xc0, 0xaf]), 3],
    ["a byte UTF-8 never uses", bytes("a\n", [0xff]), 2],
    ["a code point past U+10FFFF", bytes("a\n", [0xf4, 0x90, 0x80, 0x80]), 2],
  ])("refuses %s and names its row, in any chunks", async (_, body, row) => {
    for (const sizes of [[1], [2], [3], [body.byteLength]]) {
      const { error } = await collect(streamOf(body, sizes).stream);
      expect(error, `chunks of ${sizes}`).toMatchObject({ reason: "not_utf8", row });
    }
    expect((await collect(body)).error).toMatchObject({ reason: "not_utf8", row });
  });

  it("hands out the rows before the bad byte, then stops", async () => {
    const body = bytes(
      "id,note\n",
      ...Array.from({ length: 400 }, (_, i) => `${i},ệ\n`),
      "x,caf",
      [0xe9],
      "\ny,z\n",
    );
    const { records, error } = await collect(streamOf(body, [body.byteLength]).stream);
    expect(records).toHaveLength(401);
    expect(error).toMatchObject({ reason: "not_utf8", row: 402 });
  });
});

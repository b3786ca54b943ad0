import { describe, expect, it } from "vitest";
import {
  type CsvReadStats,
  CsvTokenizer,
  DEFAULT_CSV_LIMITS,
  emptyStats,
  readCsv,
} from "../../src/import/csv";
import {
  csvLimits,
  headerLineBound,
  heldCharsBound,
  TEXT_CHUNK,
} from "../../src/import/csv-limits";
import { collect, encode, streamOf } from "./csv-helpers";

// Hostile uploads, each at the full 8 MiB the import route accepts, through the reader with its
// default limits. The heap of a workerd isolate cannot be read from a unit test, so boundedness
// is shown by what the reader reports holding: the characters of text and of the record in
// flight (`peakHeldChars`), which must stay under `heldCharsBound` and must not grow with the
// file. The isolate's heap during a real upload is measured end to end, under `wrangler dev`.

const MiB = 1024 * 1024;

/** Takes every record the text given so far holds, keeping none. */
function drainAll(tokenizer: CsvTokenizer) {
  for (let record = tokenizer.next(); record !== null; record = tokenizer.next()) {
    // Dropped at once: the test measures the reader, not a caller that keeps records.
  }
}
const BOUND = heldCharsBound(csvLimits());

interface Attack {
  name: string;
  body: () => string;
  stop: string;
  /** How far into the body the reader may go before it stops. */
  readsAtMost: number;
}

const header = "indicator_id,period_start,period_end,value,status,reported_at,note\n";

const attacks: Attack[] = [
  {
    name: "an 8 MiB header of empty columns",
    body: () => ",".repeat(8 * MiB),
    stop: "too_many_columns@1",
    // The header line is read up to the longest a header within the limits can be, to choose
    // the delimiter exactly as before; then the 65th field stops it.
    readsAtMost: headerLineBound(DEFAULT_CSV_LIMITS) + 2 * TEXT_CHUNK,
  },
  {
    name: "an 8 MiB row of empty columns under a header",
    body: () => `a;b\n${";".repeat(8 * MiB - 4)}`,
    stop: "too_many_columns@2",
    readsAtMost: 2 * TEXT_CHUNK,
  },
  {
    name: "8 MiB of blank lines",
    body: () => "\n".repeat(8 * MiB),
    stop: "too_many_blank_lines@10001",
    readsAtMost: 2 * TEXT_CHUNK,
  },
  {
    name: "8 MiB of lines of empty fields under a header",
    body: () => header + ",,,,,,\r\n".repeat((8 * MiB - header.length) / 8),
    stop: "too_many_blank_lines@10002",
    readsAtMost: 10_002 * 8 + 2 * TEXT_CHUNK,
  },
  {
    name: "one giant quoted cell",
    body: () => `${header}"${"x".repeat(8 * MiB - header.length - 2)}"`,
    stop: "cell_too_long@2",
    readsAtMost: 2 * TEXT_CHUNK,
  },
  {
    name: "a quote that never closes, over megabytes of lines and doubled quotes",
    body: () => `${header}x,"${'a ""b"",\r\n'.repeat((8 * MiB - header.length - 3) / 10)}`,
    stop: "cell_too_long@2",
    readsAtMost: 2 * TEXT_CHUNK,
  },
  {
    name: "a header that is one quoted field of 8 MiB of quotes",
    body: () => '"'.repeat(8 * MiB),
    stop: "cell_too_long@1",
    readsAtMost: headerLineBound(DEFAULT_CSV_LIMITS) + 2 * TEXT_CHUNK,
  },
  {
    name: "one unquoted field of 8 MiB",
    body: () => "x".repeat(8 * MiB),
    stop: "cell_too_long@1",
    readsAtMost: headerLineBound(DEFAULT_CSV_LIMITS) + 2 * TEXT_CHUNK,
  },
  {
    name: "8 MiB of one-character rows",
    body: () => `a\n${"1\n".repeat(4 * MiB - 1)}`,
    stop: "too_many_rows@10002",
    readsAtMost: 10_002 * 2 + 2 * TEXT_CHUNK,
  },
];

describe("hostile uploads of 8 MiB", () => {
  it.each(attacks)("stops $name early, holding what the limits allow", async (attack) => {
    const body = encode(attack.body());
    expect(body.byteLength).toBeLessThanOrEqual(8 * MiB);
    for (const sizes of [[TEXT_CHUNK], [body.byteLength]]) {
      const stats: CsvReadStats = emptyStats();
      const { stream, state } = streamOf(body, sizes);
      const started = performance.now();
      const { records, error } = await collect(stream, { stats });
      const ms = performance.now() - started;
      console.log(
        `${attack.name} (chunks of ${sizes[0]} bytes): ${ms.toFixed(1)} ms, ` +
          `${stats.bytes} bytes read, ${stats.peakHeldChars} characters held at most`,
      );
      expect(error && `${error.reason}@${error.row}`).toBe(attack.stop);
      expect(stats.peakHeldChars).toBeLessThanOrEqual(BOUND);
      expect(stats.bytes).toBeLessThanOrEqual(attack.readsAtMost);
      expect(records.length).toBeLessThanOrEqual(DEFAULT_CSV_LIMITS.rows + 1);
      if (sizes[0] === TEXT_CHUNK) expect(state.cancelled).toBe(true);
    }
  });

  it("holds no more for a bigger file: what it holds is set by the limits", async () => {
    const held = async (body: string, limits = {}) => {
      const stats = emptyStats();
      await collect(body, { stats, limits });
      return stats.peakHeldChars;
    };
    for (const attack of [",", '"', "x"]) {
      expect(await held(attack.repeat(2 * MiB))).toBe(await held(attack.repeat(8 * MiB)));
    }
    // ...and it shrinks with them.
    const small = { columns: 8, cellChars: 1_000 };
    expect(await held(",".repeat(8 * MiB), small)).toBeLessThanOrEqual(
      heldCharsBound(csvLimits(small)),
    );
    expect(await held('"'.repeat(8 * MiB), small)).toBeLessThan(await held('"'.repeat(8 * MiB)));
  });

  it("reads a full 8 MiB file within the limits to its end, holding one piece at a time", async () => {
    // 10,000 rows of the widest kind, every note quoted with doubled quotes, a delimiter and a
    // line break in it: the most work a file within the limits can ask for.
    const note = (i: number) => `"Row ${i}: ""${"n".repeat(700)}"", a, b\r\nc"`;
    const rows = Array.from(
      { length: 10_000 },
      (_, i) => `nghe-an.x,2024-01-01,2024-09-30,${i},final,2024-10-05,${note(i)}\r\n`,
    );
    const body = encode(header + rows.join(""));
    expect(body.byteLength).toBeGreaterThan(7 * MiB);
    expect(body.byteLength).toBeLessThanOrEqual(8 * MiB);
    const stats = emptyStats();
    const started = performance.now();
    let count = 0;
    for await (const record of readCsv(streamOf(body, [TEXT_CHUNK]).stream, { stats })) {
      count += record.fields.length === 7 ? 1 : 0;
    }
    const ms = performance.now() - started;
    console.log(
      `a full 8 MiB file of 10,000 quoted rows: ${ms.toFixed(1)} ms, ${stats.peakHeldChars} characters held at most`,
    );
    expect(count).toBe(10_001);
    expect(stats.peakHeldChars).toBeLessThanOrEqual(TEXT_CHUNK + 4 + 2 * 800);
  });

  it("takes time in proportion to the text: 8 MiB read to its end with limits lifted", () => {
    const lifted = csvLimits({
      bytes: Number.POSITIVE_INFINITY,
      rows: Number.POSITIVE_INFINITY,
      blankLines: Number.POSITIVE_INFINITY,
    });
    const shapes = {
      "blank lines": "\n",
      "one-character rows": "1\n",
      "rows of empty quoted fields": '"","",""\r\n',
      "rows of doubled quotes": '"""""",x\n',
    };
    for (const [name, unit] of Object.entries(shapes)) {
      const ms = [1, 8].map((mib) => {
        const text = unit.repeat(Math.floor((mib * MiB) / unit.length));
        const tokenizer = new CsvTokenizer({ limits: lifted });
        const started = performance.now();
        for (let at = 0; at < text.length; at += TEXT_CHUNK) {
          tokenizer.write(text.slice(at, at + TEXT_CHUNK));
          drainAll(tokenizer);
        }
        tokenizer.end();
        drainAll(tokenizer);
        expect(tokenizer.stats.peakHeldChars).toBeLessThanOrEqual(TEXT_CHUNK + 16);
        return performance.now() - started;
      });
      console.log(`${name}: 1 MiB ${ms[0]?.toFixed(1)} ms, 8 MiB ${ms[1]?.toFixed(1)} ms`);
    }
  });
});

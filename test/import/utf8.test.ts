import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { firstInvalidUtf8, incompleteTail, utf8Fit } from "../../src/import/utf8";

const fatal = () => new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });

function decodes(bytes: Uint8Array): boolean {
  try {
    fatal().decode(bytes);
    return true;
  } catch {
    return false;
  }
}

// Bytes near UTF-8's edges: ASCII, continuation bytes, every kind of lead byte, and the leads
// whose second byte is restricted (overlong forms, surrogates, past U+10FFFF).
const edgyByte = fc.constantFrom(
  0x41,
  0x0a,
  0x7f,
  0x80,
  0x8f,
  0x90,
  0x9f,
  0xa0,
  0xbf,
  0xc0,
  0xc1,
  0xc2,
  0xdf,
  0xe0,
  0xe1,
  0xed,
  0xee,
  0xef,
  0xf0,
  0xf1,
  0xf4,
  0xf5,
  0xff,
);
const bytesArb = fc.array(edgyByte, { maxLength: 12 }).map((a) => new Uint8Array(a));

describe("UTF-8 checks beside the platform decoder", () => {
  it("finds a malformed sequence exactly where the platform's fatal decoder refuses", () => {
    fc.assert(
      fc.property(bytesArb, (bytes) => {
        const bad = firstInvalidUtf8(bytes);
        const whole = bad === -1 && incompleteTail(bytes) === 0;
        expect(whole).toBe(decodes(bytes));
        // Everything before the malformed sequence is text, and it ends no sequence midway.
        if (bad !== -1) expect(decodes(bytes.subarray(0, bad))).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });

  it("counts bytes as TextEncoder writes them, and never splits a character", () => {
    const text = fc.string({ unit: fc.constantFrom("a", "é", "ệ", "😀", "\ud800", "\udc00") });
    fc.assert(
      fc.property(text, fc.nat({ max: 40 }), (s, budget) => {
        const { chars, bytes } = utf8Fit(s, budget);
        const prefix = s.slice(0, chars);
        expect(bytes).toBe(new TextEncoder().encode(prefix).byteLength);
        expect(bytes).toBeLessThanOrEqual(budget);
        if (chars < s.length) {
          const longer = s.slice(
            0,
            chars + (/[\ud800-\udbff][\udc00-\udfff]/.test(s.slice(chars, chars + 2)) ? 2 : 1),
          );
          expect(new TextEncoder().encode(longer).byteLength).toBeGreaterThan(budget);
        }
      }),
    );
  });
});

// The one rule for stored text, checked against the strictest output: every code point it lets
// through must be a character XML 1.0 allows and does not discourage (the Char production of
// the specification, written out below), so a feed or a badge can always carry it.
import { describe, expect, it } from "vitest";
import { textProblem } from "../../src/lib/text-rule";

const ONE_LINE = { multiline: false };
const LINES = { multiline: true };

/** XML 1.0 (fifth edition) §2.2 Char, without the characters it discourages. */
function xmlCarries(code: number): boolean {
  const allowed =
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff);
  const discouraged =
    (code >= 0x7f && code <= 0x84) ||
    (code >= 0x86 && code <= 0x9f) ||
    (code >= 0xfdd0 && code <= 0xfdef) ||
    (code & 0xfffe) === 0xfffe;
  return allowed && !discouraged;
}

describe("the text rule", () => {
  it("lets through only what XML can carry, across every code point", { timeout: 60_000 }, () => {
    const leaks: string[] = [];
    for (let code = 0; code <= 0x10ffff; code += 1) {
      if (code >= 0xd800 && code <= 0xdfff) continue;
      const text = `a${String.fromCodePoint(code)}b`;
      if (textProblem(text, LINES) === null && !xmlCarries(code)) leaks.push(code.toString(16));
    }
    expect(leaks).toEqual([]);
  });

  it.each([
    ["U+FFFE", "\ufffe"],
    ["U+FFFF", "\uffff"],
    ["U+FDD0", "\ufdd0"],
    ["U+10FFFF", "\u{10ffff}"],
    ["U+1FFFE", "\u{1fffe}"],
    ["NEL", "\u0085"],
    ["DEL", "\u007f"],
    ["CR", "\r"],
    ["NUL", "\u0000"],
    ["LS", "\u2028"],
    ["PS", "\u2029"],
    ["RLO", "\u202e"],
    ["FSI", "\u2068"],
    ["a lone surrogate", "\ud800"],
  ])("refuses %s anywhere", (_name, char) => {
    expect(textProblem(`before${char}after`, LINES)).not.toBeNull();
    expect(textProblem(`before${char}after`, ONE_LINE)).not.toBeNull();
  });

  it("keeps tabs and line feeds in notes, not in names", () => {
    expect(textProblem("Jan–Sep\n\tadjusted", LINES)).toBeNull();
    expect(textProblem("Goods\nexports", ONE_LINE)).toMatch(/one line/);
    expect(textProblem("Goods\texports", ONE_LINE)).toMatch(/one line/);
  });

  it("keeps every letter, mark and symbol a bulletin uses", () => {
    for (const text of [
      "Xuất khẩu hàng hóa, Nghệ An",
      "Nghe\u0302 An (decomposed)",
      "≈ 2,33 tỷ USD · 84,58% · +12%",
      "Ẩm thực 🍜 and CJK 出口",
      "zero\u200dwidth joiner in 👩‍💻",
    ]) {
      expect(textProblem(text, ONE_LINE), text).toBeNull();
    }
  });

  it("names the character it refuses", () => {
    expect(textProblem("a\ufffeb", ONE_LINE)).toContain("U+FFFE");
    expect(textProblem("a\u0085b", ONE_LINE)).toContain("U+0085");
  });
});

// The one rule for every string the monitor stores. A name or a note written once is served
// again as JSON, HTML, an Atom feed, SVG badges, CSV exports and chat messages, so it may hold
// only what all of them can carry:
//
// - no control characters: C0 (U+0000-U+001F) and C1 (U+0080-U+009F) and DEL. XML forbids most
//   of C0 and discourages C1, terminals act on them, and CR makes a line break two. Multi-line
//   text keeps tab and line feed (U+0009, U+000A); a name or title, which every output shows on
//   one line, keeps neither;
// - no noncharacters (U+FDD0-U+FDEF, and the last two code points of every plane: U+FFFE,
//   U+FFFF, U+1FFFE...): XML forbids U+FFFE and U+FFFF outright, so one of them in a title made
//   the feed and the badges malformed for every subscriber;
// - no unpaired surrogates, which no UTF-8 output can encode;
// - no line or paragraph separators (U+2028, U+2029): line breaks are U+000A, where they are
//   allowed at all;
// - no bidirectional embeddings, overrides or isolates (U+202A-U+202E, U+2066-U+2069), which
//   can make a figure read backwards.

export interface TextRule {
  /** Tab and line feed are allowed (notes, descriptions, sources). */
  multiline: boolean;
}

const CONTROLS_SINGLE = "\\u0000-\\u001f\\u007f-\\u009f";
const CONTROLS_MULTI = "\\u0000-\\u0008\\u000b-\\u001f\\u007f-\\u009f";
const OTHERS = "\\ufdd0-\\ufdef\\ufffe\\uffff\\u2028\\u2029\\u202a-\\u202e\\u2066-\\u2069";
// Noncharacters past the first plane: U+1FFFE, U+1FFFF ... U+10FFFE, U+10FFFF, whose UTF-16
// low surrogates are U+DFFE and U+DFFF.
const PLANE_NONCHARACTER =
  /[\ud83f\ud87f\ud8bf\ud8ff\ud93f\ud97f\ud9bf\ud9ff\uda3f\uda7f\udabf\udaff\udb3f\udb7f\udbbf\udbff][\udffe\udfff]/;

const FORBIDDEN = {
  single: new RegExp(`[${CONTROLS_SINGLE}${OTHERS}]`),
  multi: new RegExp(`[${CONTROLS_MULTI}${OTHERS}]`),
};

/** Why `text` breaks the rule, or null when it may be stored. */
export function textProblem(text: string, rule: TextRule): string | null {
  if (!text.isWellFormed()) return "Contains an unpaired surrogate.";
  const forbidden = rule.multiline ? FORBIDDEN.multi : FORBIDDEN.single;
  const found = forbidden.exec(text) ?? PLANE_NONCHARACTER.exec(text);
  if (!found) return null;
  const code = found[0].codePointAt(0) ?? 0;
  const name = `U+${code.toString(16).toUpperCase().padStart(4, "0")}`;
  if (!rule.multiline && (code === 0x09 || code === 0x0a)) {
    return "Must be one line: no tabs or line breaks.";
  }
  return code < 0x20 || (code >= 0x7f && code <= 0x9f)
    ? `Contains a control character (${name}).`
    : `Contains a character that cannot be shown or published (${name}).`;
}

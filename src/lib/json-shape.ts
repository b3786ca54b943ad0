/**
 * How deeply a write body may nest. The deepest real body (a backup: document → plans → entry →
 * revisions → revision → plan → phasing → weights) is 8 levels; 32 leaves room and keeps every
 * later recursive walk (the parser, zod, our own code) far from any stack limit.
 */
export const MAX_JSON_DEPTH = 32;

export type JsonShapeProblem =
  | { kind: "too_deep"; depth: number }
  | { kind: "duplicate_key"; path: string; key: string };

interface Frame {
  object: boolean;
  keys: Set<string> | null;
  /** In an object: the next string is a key. */
  expectKey: boolean;
  /** The key or index being read, for the path of a duplicate. */
  at: string | number;
}

function pointer(stack: readonly Frame[], key: string): string {
  const parts = stack.slice(0, -1).map((f) => String(f.at));
  parts.push(key);
  return `/${parts.map((p) => p.replaceAll("~", "~0").replaceAll("/", "~1")).join("/")}`;
}

/**
 * One linear pass over JSON text, before and beside JSON.parse, for what the parser does not
 * refuse: nesting deeper than `maxDepth` (reported as soon as it is seen, so a 10,000-level
 * body is refused before anything recurses over it) and an object that names a key twice
 * (JSON.parse silently keeps the last one, so `{"value":1,"value":1000}` would mean whatever
 * the last writer of the file chose). Keys are compared decoded: `"a"` and `"\u0061"` are the
 * same key. Text that is not valid JSON may give a meaningless answer here; the caller refuses
 * it through JSON.parse.
 */
export function checkJsonShape(
  text: string,
  maxDepth: number = MAX_JSON_DEPTH,
): JsonShapeProblem | null {
  const stack: Frame[] = [];
  let duplicate: JsonShapeProblem | null = null;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 0x22 /* " */) {
      const start = i;
      let escaped = false;
      for (i += 1; i < n; i++) {
        const c = text.charCodeAt(i);
        if (c === 0x5c /* \ */) {
          escaped = true;
          i += 1;
        } else if (c === 0x22) {
          break;
        }
      }
      const top = stack[stack.length - 1];
      if (top?.object && top.expectKey && duplicate === null) {
        const raw = text.slice(start, i + 1);
        let key: string;
        try {
          key = escaped ? (JSON.parse(raw) as string) : raw.slice(1, -1);
        } catch {
          continue;
        }
        const keys = top.keys ?? new Set<string>();
        top.keys = keys;
        if (keys.has(key)) duplicate = { kind: "duplicate_key", path: pointer(stack, key), key };
        keys.add(key);
        top.at = key;
        top.expectKey = false;
      }
    } else if (ch === 0x7b /* { */ || ch === 0x5b /* [ */) {
      if (stack.length >= maxDepth) return { kind: "too_deep", depth: stack.length + 1 };
      stack.push({ object: ch === 0x7b, keys: null, expectKey: ch === 0x7b, at: 0 });
    } else if (ch === 0x7d /* } */ || ch === 0x5d /* ] */) {
      stack.pop();
    } else if (ch === 0x2c /* , */) {
      const top = stack[stack.length - 1];
      if (top?.object) top.expectKey = true;
      else if (top) top.at = (top.at as number) + 1;
    }
  }
  return duplicate;
}

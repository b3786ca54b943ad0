import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkJsonShape, MAX_JSON_DEPTH } from "../../src/lib/json-shape";

describe("checkJsonShape", () => {
  it("accepts nesting up to the limit and refuses one level more", () => {
    const at = (n: number) => `${"[".repeat(n)}${"]".repeat(n)}`;
    expect(checkJsonShape(at(MAX_JSON_DEPTH))).toBeNull();
    expect(checkJsonShape(at(MAX_JSON_DEPTH + 1))).toEqual({
      kind: "too_deep",
      depth: MAX_JSON_DEPTH + 1,
    });
  });

  it("stops at the first level too deep, however deep the text goes", () => {
    expect(checkJsonShape("[".repeat(1_000_000))?.kind).toBe("too_deep");
  });

  it("does not count brackets, braces or quotes inside strings", () => {
    const text = JSON.stringify({ a: '[[[{{{"\\"', b: ["]]]", "}"], c: { a: 1 } });
    expect(checkJsonShape(text, 3)).toBeNull();
  });

  it("finds a duplicate key, decoded, with its path", () => {
    expect(checkJsonShape('{"a":1,"b":{"c":[{"x":1},{"y":2,"\\u0079":3}]}}')).toEqual({
      kind: "duplicate_key",
      path: "/b/c/1/y",
      key: "y",
    });
    expect(checkJsonShape('{"a/b~":{"k":1,"k":2}}')).toEqual({
      kind: "duplicate_key",
      path: "/a~1b~0/k",
      key: "k",
    });
  });

  it("tells keys from values: the same text as a key and as a value is fine", () => {
    expect(checkJsonShape('{"a":"a","b":["a","a"],"c":{"a":"b"}}')).toBeNull();
  });

  it("agrees with JSON.parse on every valid document (no false alarms)", () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 8 }), (value) => {
        // Objects from fast-check never repeat a key, and JSON.stringify cannot write one twice.
        expect(checkJsonShape(JSON.stringify(value))).toBeNull();
      }),
      { numRuns: 300 },
    );
  });
});

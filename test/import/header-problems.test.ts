import { describe, expect, it } from "vitest";
import { ProblemList } from "../../src/import/problem-list";
import { readHeader } from "../../src/import/rows";

// A header can name any number of wrong columns; an answer lists the first 100 problems and
// says how many there were, and building the rest must cost nothing but a count.

describe("the problem limit", () => {
  const header = (n: number) => [
    "indicator_id",
    "value",
    ...Array.from({ length: n }, (_, i) => `extra_${i}`),
  ];

  // Four required columns are missing as well: period_start, period_end, status, reported_at.
  it.each([
    [95, 99, 99],
    [96, 100, 100],
    [97, 100, 101],
  ])("with %i unknown columns, lists %i problems of %i", (n, listed, total) => {
    const read = readHeader(header(n), "actuals");
    if (!("errors" in read)) throw new Error("expected problems");
    expect([read.errors.length, read.total]).toEqual([listed, total]);
    // In the order a person reads the header: each unknown column, then what is missing.
    expect(read.errors[0]?.column).toBe("extra_0");
    expect(read.errors.at(-1)?.column).toBe(total === listed ? "reported_at" : "status");
  });

  it("takes its bound from the caller", () => {
    const read = readHeader(header(10), "actuals", 3);
    expect("errors" in read && read.errors.map((e) => e.column)).toEqual([
      "extra_0",
      "extra_1",
      "extra_2",
    ]);
    expect("errors" in read && read.total).toBe(14);
  });

  it("lists 100 problems of a million-column header and counts the rest", () => {
    const fields = Array.from({ length: 1_000_000 }, () => "");
    const started = performance.now();
    const read = readHeader(fields, "actuals");
    console.log(
      `a header of a million empty columns: ${(performance.now() - started).toFixed(1)} ms`,
    );
    expect("errors" in read && [read.errors.length, read.total]).toEqual([100, 1_000_006]);
  });
});

describe("a list of problems", () => {
  it("builds only the problems it lists, and counts them all", () => {
    const problems = new ProblemList<string>(2);
    let built = 0;
    for (let i = 0; i < 1_000; i += 1) {
      if (problems.count()) {
        built += 1;
        problems.list(`problem ${i}`);
      }
    }
    expect([problems.listed, problems.total, problems.unlisted, built]).toEqual([
      ["problem 0", "problem 1"],
      1_000,
      998,
      2,
    ]);
  });
});

import { describe, expect, it } from "vitest";
import { periodSlug } from "../../src/domain/period-label";

describe("periodSlug", () => {
  it.each([
    ["2024-01-01", "2024-12-31", "2024"],
    ["2021-01-01", "2025-12-31", "2021-2025"],
    ["2024-07-01", "2024-09-30", "2024-q3"],
    ["2024-02-01", "2024-02-29", "2024-02"],
    ["2024-01-01", "2024-09-30", "2024-01-01-2024-09-30"],
    ["2024-03-15", "2024-12-31", "2024-03-15-2024-12-31"],
  ])("%s..%s → %s", (start, end, slug) => {
    expect(periodSlug(start, end)).toBe(slug);
  });
});

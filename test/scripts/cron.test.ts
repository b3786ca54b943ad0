// The local runner's cron matcher decides when `npm start` fires the scheduled handler.
import { describe, expect, it } from "vitest";
import { cronMatches, parseCrons } from "../../scripts/lib/cron.mjs";

describe("parseCrons", () => {
  it("reads the crons array from wrangler.toml", () => {
    expect(parseCrons('[triggers]\ncrons = ["*/15 * * * *", "0 6 * * 1"]\n')).toEqual([
      "*/15 * * * *",
      "0 6 * * 1",
    ]);
    expect(parseCrons("name = 'x'")).toEqual([]);
  });
});

describe("cronMatches (UTC)", () => {
  const at = (iso: string) => new Date(iso);
  it.each([
    ["*/15 * * * *", "2024-10-01T10:45:00Z", true],
    ["*/15 * * * *", "2024-10-01T10:46:00Z", false],
    ["0 6 * * 1", "2024-09-30T06:00:00Z", true], // a Monday
    ["0 6 * * 1", "2024-10-01T06:00:00Z", false],
    ["30 1-3 * * *", "2024-10-01T02:30:00Z", true],
    ["30 1-3 * * *", "2024-10-01T04:30:00Z", false],
    ["0 0 1,15 * *", "2024-10-15T00:00:00Z", true],
  ])("%s at %s → %s", (cron, iso, expected) => {
    expect(cronMatches(cron, at(iso))).toBe(expected);
  });
});

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type LeagueEntry, leagueTable } from "../../src/domain/league-table";
import { applyScale } from "../../src/domain/units";

const bn = (billions: number) => applyScale(billions, "billion");

// "As many as 25 out of 28 northern localities reported positive annual growth in industrial
// production in the first four months of 2024" (VNA, the industry and trade meeting in Hanoi on
// 17 May 2024): the region's exports reached 120.7 billion USD, up 18.3%; "Hai Phong reported 16
// billion USD, marking a 21% rise. Thai Nguyen saw a 14.7% expansion to 17.8 billion USD, and Bac
// Giang 16.5 billion USD, up 22%."
const haiPhong = { area: "hai-phong", value: bn(16), yoy: 0.21 };
const thaiNguyen = { area: "thai-nguyen", value: bn(17.8), yoy: 0.147 };
const bacGiang = { area: "bac-giang", value: bn(16.5), yoy: 0.22 };
const northernExports = [haiPhong, thaiNguyen, bacGiang];
const northRegion = { value: bn(120.7), yoy: 0.183 };

describe("the northern provinces' goods exports, January–April 2024", () => {
  it("by growth: Bac Giang, Hai Phong, Thai Nguyen", () => {
    const table = leagueTable(northernExports, { by: "yoy", region: northRegion });
    expect(table.rows.map((r) => [r.entry.area, r.rank, r.key])).toEqual([
      ["bac-giang", 1, 0.22],
      ["hai-phong", 2, 0.21],
      ["thai-nguyen", 3, 0.147],
    ]);
  });

  it("by value: Thai Nguyen, Bac Giang, Hai Phong", () => {
    const table = leagueTable(northernExports, { by: "value", region: northRegion });
    expect(table.rows.map((r) => [r.entry.area, r.rank])).toEqual([
      ["thai-nguyen", 1],
      ["bac-giang", 2],
      ["hai-phong", 3],
    ]);
  });

  it("each province's share of the region's 120.7 billion", () => {
    const table = leagueTable(northernExports, { by: "value", region: northRegion });
    const shares = Object.fromEntries(table.rows.map((r) => [r.entry.area, r.share]));
    expect(shares["thai-nguyen"]).toBeCloseTo(17.8 / 120.7, 12);
    expect(shares["bac-giang"]).toBeCloseTo(16.5 / 120.7, 12);
    expect(shares["hai-phong"]).toBeCloseTo(16 / 120.7, 12);
    expect(table.region).toEqual({ value: bn(120.7), growth: 0.183 });
  });

  it("3 of 3 grew; 2 of 3 grew faster than the region's 18.3%", () => {
    const table = leagueTable(northernExports, { by: "yoy", region: northRegion });
    expect(table.counts).toEqual({ areas: 3, withGrowth: 3, grew: 3, aboveRegion: 2 });
    expect(table.rows.map((r) => [r.entry.area, r.aboveRegion])).toEqual([
      ["bac-giang", true],
      ["hai-phong", true],
      ["thai-nguyen", false],
    ]);
  });

  // The article gives no other province's figure: the other 25 localities carry illustrative
  // growth rates that reproduce its counts ("In total, 24 out of 28 localities reported positive
  // export growth"; industrial production: 25 of 28 grew, 11 by 10% or more).
  it("24 of 28 localities grew their exports", () => {
    const others: LeagueEntry[] = Array.from({ length: 25 }, (_, i) => ({
      area: `northern-locality-${i + 1}`,
      value: null,
      yoy: i < 4 ? -0.01 * (i + 1) : 0.005 * i,
    }));
    const table = leagueTable([...northernExports, ...others], { by: "yoy", region: northRegion });
    expect(table.counts.areas).toBe(28);
    expect(table.counts.grew).toBe(24);
    expect(table.rows[0]!.entry.area).toBe("bac-giang");
  });

  it("25 of 28 localities grew their industrial production, 11 by 10% or more", () => {
    const growth = [
      ...Array.from({ length: 11 }, (_, i) => 0.1 + 0.01 * i),
      ...Array.from({ length: 14 }, (_, i) => 0.005 + 0.006 * i),
      -0.02,
      -0.035,
      0,
    ];
    const localities = growth.map((yoy, i) => ({
      area: `northern-locality-${i + 1}`,
      value: null,
      yoy,
    }));
    const table = leagueTable(localities, { by: "yoy" });
    expect(table.counts).toEqual({ areas: 28, withGrowth: 28, grew: 25, aboveRegion: null });
    expect(table.rows.filter((r) => r.growth! >= 0.1)).toHaveLength(11);
    // No growth is not growth.
    expect(table.rows.find((r) => r.growth === 0)!.grew).toBe(false);
  });
});

// "Tay Ninh leads the Southern region in export turnover": "6/20 provinces and cities had a
// higher growth rate than the average growth rate of the region" (industrial production, nine
// months of 2024); retail sales grew faster than the region in 12 of 20, "led by Kien Giang
// +22.96%"; exports "led by Tay Ninh +48.90%". Other provinces' rates are illustrative.
describe("the southern provinces, nine months of 2024", () => {
  const southern = (leader: { area: string; yoy: number }, aboveCount: number, regionYoy: number) =>
    [
      leader,
      ...Array.from({ length: 19 }, (_, i) => ({
        area: `southern-province-${i + 1}`,
        yoy: i < aboveCount - 1 ? regionYoy + 0.001 * (i + 1) : regionYoy - 0.002 * (i + 1),
      })),
    ].map((e) => ({ ...e, value: null }));

  it("6 of 20 provinces grew faster than the region", () => {
    const table = leagueTable(southern({ area: "binh-duong", yoy: 0.12 }, 6, 0.08), {
      by: "yoy",
      region: { yoy: 0.08 },
    });
    expect(table.counts.areas).toBe(20);
    expect(table.counts.aboveRegion).toBe(6);
  });

  it("retail sales: Kien Giang first, 12 of 20 above the region", () => {
    const table = leagueTable(southern({ area: "kien-giang", yoy: 0.2296 }, 12, 0.1), {
      by: "yoy",
      region: { yoy: 0.1 },
    });
    expect(table.rows[0]!.entry.area).toBe("kien-giang");
    expect(table.rows[0]!.rank).toBe(1);
    expect(table.counts.aboveRegion).toBe(12);
  });

  it("exports: Tay Ninh first at +48.90%", () => {
    const table = leagueTable(southern({ area: "tay-ninh", yoy: 0.489 }, 1, 0.15), { by: "yoy" });
    expect(table.rows[0]!.entry).toMatchObject({ area: "tay-ninh", yoy: 0.489 });
  });
});

describe("leagueTable: ranks, ties and gaps", () => {
  it("ties share a rank, the next rank skips, tied areas keep the order given", () => {
    const table = leagueTable(
      [
        { area: "c", value: 5 },
        { area: "a", value: 9 },
        { area: "b", value: 5 },
        { area: "d", value: 1 },
      ],
      { by: "value" },
    );
    expect(table.rows.map((r) => [r.entry.area, r.rank, r.tied])).toEqual([
      ["a", 1, false],
      ["c", 2, true],
      ["b", 2, true],
      ["d", 4, false],
    ]);
  });

  it("a rounding error is not a difference", () => {
    const table = leagueTable(
      [
        { area: "computed", value: 1, attainment: 0.1 + 0.2 },
        { area: "printed", value: 1, attainment: 0.3 },
      ],
      { by: "attainment" },
    );
    expect(table.rows.map((r) => [r.entry.area, r.rank])).toEqual([
      ["computed", 1],
      ["printed", 1],
    ]);
  });

  it("areas without the figure come last, unranked, in the order given", () => {
    const table = leagueTable(
      [
        { area: "no-pace", value: 3, pace: null },
        { area: "slow", value: 1, pace: 0.9 },
        { area: "nan-pace", value: 2, pace: Number.NaN },
        { area: "fast", value: 2, pace: 1.2 },
      ],
      { by: "pace" },
    );
    expect(table.rows.map((r) => [r.entry.area, r.rank])).toEqual([
      ["fast", 1],
      ["slow", 2],
      ["no-pace", null],
      ["nan-pace", null],
    ]);
  });

  it("ascending for a cap: the lowest first", () => {
    const table = leagueTable(
      [
        { area: "a", value: 4.1 },
        { area: "b", value: 3.2 },
      ],
      { by: "value", order: "asc" },
    );
    expect(table.rows.map((r) => r.entry.area)).toEqual(["b", "a"]);
    expect(table.order).toBe("asc");
  });

  it("computes growth from last year's value when none was printed, and prefers the printed one", () => {
    const table = leagueTable(
      [
        { area: "computed", value: 110, previousValue: 100 },
        { area: "printed", value: 110, previousValue: 100, yoy: 0.12 },
        { area: "from-zero", value: 5, previousValue: 0 },
      ],
      { by: "yoy", region: { value: 1000, previousValue: 800 } },
    );
    expect(table.rows.map((r) => [r.entry.area, r.growth])).toEqual([
      ["printed", 0.12],
      ["computed", 110 / 100 - 1],
      ["from-zero", null],
    ]);
    expect(table.region!.growth).toBe(0.25);
    expect(table.counts).toEqual({ areas: 3, withGrowth: 2, grew: 2, aboveRegion: 0 });
  });

  it("no region: no shares, no comparison with it", () => {
    const table = leagueTable(northernExports, { by: "yoy" });
    expect(table.region).toBeNull();
    expect(table.rows.every((r) => r.share === null && r.aboveRegion === null)).toBe(true);
    expect(table.counts.aboveRegion).toBeNull();
  });

  it("an empty list", () => {
    expect(leagueTable([], { by: "value" })).toEqual({
      by: "value",
      order: "desc",
      rows: [],
      region: null,
      counts: { areas: 0, withGrowth: 0, grew: 0, aboveRegion: null },
    });
  });
});

describe("leagueTable: properties", () => {
  // Whole percentages, so equal keys are exactly equal and the expected ranks easy to state.
  const entries = fc
    .uniqueArray(
      fc.record({
        area: fc.stringMatching(/^[a-z]{1,6}$/),
        pct: fc.option(fc.integer({ min: -20, max: 20 }), { nil: null }),
      }),
      { selector: (e) => e.area, maxLength: 25 },
    )
    .map((list) =>
      list.map((e) => ({ area: e.area, value: e.pct, yoy: e.pct === null ? null : e.pct / 100 })),
    );

  it("rank is one more than the number of areas strictly ahead; unranked areas come last", () => {
    fc.assert(
      fc.property(entries, fc.constantFrom("desc" as const, "asc" as const), (list, order) => {
        const table = leagueTable(list, { by: "yoy", order });
        expect(table.rows).toHaveLength(list.length);
        const seenNull = table.rows.findIndex((r) => r.rank === null);
        if (seenNull >= 0)
          expect(table.rows.slice(seenNull).every((r) => r.rank === null)).toBe(true);
        for (const row of table.rows) {
          if (row.key === null) continue;
          const ahead = list.filter(
            (e) => e.yoy !== null && (order === "desc" ? e.yoy > row.key! : e.yoy < row.key!),
          ).length;
          expect(row.rank).toBe(ahead + 1);
          const equal = list.filter((e) => e.yoy === row.key).length;
          expect(row.tied).toBe(equal > 1);
        }
      }),
    );
  });

  it("an area's rank does not depend on the order the areas are given in", () => {
    const listAndShuffle = entries.chain((list) =>
      fc.tuple(
        fc.constant(list),
        fc.shuffledSubarray(list, { minLength: list.length, maxLength: list.length }),
      ),
    );
    fc.assert(
      fc.property(listAndShuffle, ([list, shuffled]) => {
        const rankOf = (rows: ReturnType<typeof leagueTable>["rows"]) =>
          Object.fromEntries(rows.map((r) => [r.entry.area, r.rank]));
        expect(rankOf(leagueTable(shuffled, { by: "yoy" }).rows)).toEqual(
          rankOf(leagueTable(list, { by: "yoy" }).rows),
        );
      }),
    );
  });

  it("counts agree with the rows", () => {
    fc.assert(
      fc.property(entries, fc.integer({ min: -20, max: 20 }), (list, regionPct) => {
        const table = leagueTable(list, { by: "value", region: { yoy: regionPct / 100 } });
        expect(table.counts.areas).toBe(list.length);
        expect(table.counts.grew).toBe(list.filter((e) => e.yoy !== null && e.yoy > 0).length);
        expect(table.counts.aboveRegion).toBe(
          list.filter((e) => e.yoy !== null && e.yoy > regionPct / 100).length,
        );
        expect(table.counts.withGrowth).toBe(list.filter((e) => e.yoy !== null).length);
      }),
    );
  });
});

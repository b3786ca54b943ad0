// How areas compare: every area reporting the same measure (each province's goods exports)
// ranked by attainment, pace, year-on-year growth or value, beside the region's own figure,
// with each area's share of it and the counts a bulletin prints ("25 of 28 northern localities
// grew", "6 of 20 provinces grew faster than the region").
//
// Growth is a ratio (0.21 for +21%), like the engine's reportedYoy. The growth a source printed
// is preferred to one computed from the values: the values are often rounded ("16 bn USD") and
// the printed rate is the one the bulletin quotes.

export const LEAGUE_KEYS = ["attainment", "pace", "yoy", "value"] as const;
export type LeagueKey = (typeof LEAGUE_KEYS)[number];

export interface LeagueEntry {
  area: string;
  /** The area's figure for the period, in base units. */
  value: number | null;
  /** Year-on-year growth as printed (0.21 for +21%). */
  yoy?: number | null;
  /** The same period a year earlier, for growth when none was printed. */
  previousValue?: number | null;
  attainment?: number | null;
  pace?: number | null;
}

/** The region's own figure: its value and growth, printed or from last year's value. */
export interface RegionFigure {
  value?: number | null;
  yoy?: number | null;
  previousValue?: number | null;
}

export interface LeagueOptions {
  by: LeagueKey;
  /** desc (default): the highest first; asc for measures where less is better (a cap). */
  order?: "desc" | "asc";
  region?: RegionFigure | null;
}

export interface LeagueRow<E extends LeagueEntry> {
  entry: E;
  /**
   * Competition ranking ("1, 2, 2, 4"), as statistical yearbooks print "=2": tied areas share a
   * rank and the next rank skips. Null when the area has no figure to rank on.
   */
  rank: number | null;
  /** Shares its rank with another area. */
  tied: boolean;
  /** The figure ranked on. */
  key: number | null;
  growth: number | null;
  /** value ÷ the region's value; the listed areas' shares need not add up to 1. */
  share: number | null;
  /** growth > 0; null when growth is unknown. */
  grew: boolean | null;
  /** growth > the region's growth; null when either is unknown. */
  aboveRegion: boolean | null;
}

export interface LeagueCounts {
  /** Every listed area: the M of "N of M". */
  areas: number;
  withGrowth: number;
  grew: number;
  /** Null when the region's growth is unknown. */
  aboveRegion: number | null;
}

export interface LeagueTable<E extends LeagueEntry> {
  by: LeagueKey;
  order: "desc" | "asc";
  /** Ranked areas first, then the unranked, each group in the order given. */
  rows: LeagueRow<E>[];
  region: { value: number | null; growth: number | null } | null;
  counts: LeagueCounts;
}

function finite(value: number | null | undefined): number | null {
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

/** Printed growth, else value ÷ last year's value − 1 from a positive base. */
function growthOf(figure: {
  value?: number | null;
  yoy?: number | null;
  previousValue?: number | null;
}): number | null {
  const printed = finite(figure.yoy);
  if (printed !== null) return printed;
  const value = finite(figure.value);
  const previous = finite(figure.previousValue);
  // Growth from a zero or negative base has no meaning a reader would recognise.
  if (value === null || previous === null || previous <= 0) return null;
  return finite(value / previous - 1);
}

// Figures arrive as printed decimals and ratios of them (0.8458 vs 0.84580000000001), so two
// keys closer than a billionth of their size are the same figure. Far below what any source
// prints, and relative so it holds for values in base units (1.6e10 USD) and ratios alike.
function same(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

function above(a: number, b: number): boolean {
  return a > b && !same(a, b);
}

/**
 * Ranks the areas by one figure. Ties share a rank and keep the order given, so the caller
 * decides how tied areas are listed (by name in the reader's language, where Vietnamese and
 * English order differ). Areas without the figure come last, unranked.
 */
export function leagueTable<E extends LeagueEntry>(
  entries: readonly E[],
  options: LeagueOptions,
): LeagueTable<E> {
  const order = options.order ?? "desc";
  const regionValue = finite(options.region?.value);
  const regionGrowth = options.region ? growthOf(options.region) : null;

  const rows = entries.map((entry, index): LeagueRow<E> & { index: number } => {
    const growth = growthOf(entry);
    const value = finite(entry.value);
    const key =
      options.by === "yoy"
        ? growth
        : options.by === "value"
          ? value
          : finite(options.by === "attainment" ? entry.attainment : entry.pace);
    return {
      entry,
      index,
      rank: null,
      tied: false,
      key,
      growth,
      share: value !== null && regionValue !== null && regionValue > 0 ? value / regionValue : null,
      grew: growth === null ? null : above(growth, 0),
      aboveRegion: growth === null || regionGrowth === null ? null : above(growth, regionGrowth),
    };
  });

  const sign = order === "desc" ? -1 : 1;
  const ranked = rows
    .filter((row) => row.key !== null)
    .sort((a, b) => sign * (a.key! - b.key!) || a.index - b.index);
  // Runs of equal keys share the first one's rank and are listed in the order given.
  const ordered: typeof ranked = [];
  for (let i = 0; i < ranked.length; ) {
    let j = i + 1;
    while (j < ranked.length && same(ranked[j]!.key!, ranked[j - 1]!.key!)) j += 1;
    const run = ranked.slice(i, j).sort((a, b) => a.index - b.index);
    for (const row of run) {
      row.rank = i + 1;
      row.tied = run.length > 1;
      ordered.push(row);
    }
    i = j;
  }
  const unranked = rows.filter((row) => row.key === null);

  const withGrowth = rows.filter((row) => row.growth !== null);
  return {
    by: options.by,
    order,
    rows: [...ordered, ...unranked].map(({ index: _index, ...row }) => row),
    region: options.region ? { value: regionValue, growth: regionGrowth } : null,
    counts: {
      areas: rows.length,
      withGrowth: withGrowth.length,
      grew: rows.filter((row) => row.grew === true).length,
      aboveRegion:
        regionGrowth === null ? null : rows.filter((row) => row.aboveRegion === true).length,
    },
  };
}

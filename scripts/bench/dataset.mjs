// Synthetic datasets for the benchmark, from a seeded generator: the same seed and size always
// give the same rows, so runs on different days and machines measure the same work.
//
// Shape, loosely modelled on a statistics office: indicators spread over 63 provinces, each with
// two annual plans (last year and this year). Every plan gets a year of monthly cumulative
// figures (this year's up to the evaluation date), each period first as an estimate and often
// revised later; some plans have a revised target, a seasonal phasing (monthly weights, or
// every tenth flow indicator's history), overridden thresholds or no figures at all. Values
// are in base units, as the API stores them.

/** The evaluation date of every measurement: the status and the cron run are judged on it. */
export const AS_OF = "2026-10-15";
const YEARS = [2025, 2026];
const PROVINCES = 63;
const TAGS = ["exports", "imports", "industry", "retail", "investment", "budget", "prices"];
const CREATED = "2026-01-05T08:00:00.000Z";

/** mulberry32: small, fast and good enough to make varied but reproducible data. */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n, width = 2) => String(n).padStart(width, "0");
const monthEnd = (year, month) =>
  `${year}-${pad(month)}-${pad(new Date(Date.UTC(year, month, 0)).getUTCDate())}`;
/** A date `days` after an ISO date. */
const plusDays = (iso, days) =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const round = (x, digits = 0) => Math.round(x * 10 ** digits) / 10 ** digits;

function pick(random, weighted) {
  let r = random();
  for (const [value, weight] of weighted) {
    r -= weight;
    if (r < 0) return value;
  }
  return weighted[weighted.length - 1][0];
}

/**
 * Rows for `planCount` plans, keyed by table, with the column names of the migrations.
 * `actuals` rows carry no id: SQLite assigns them in insertion order.
 */
export function generate(planCount, seed = 20261015) {
  const random = prng(seed ^ planCount);
  /**
   * Each province is an area, named once: indicators name it by its id. They all lie in one
   * region, so the completeness of a period covers every indicator.
   */
  const areas = new Map([
    [
      "region-all",
      {
        id: "region-all",
        name: "All provinces",
        name_vi: "Các tỉnh",
        level: "region",
        parent_id: null,
        created_at: CREATED,
        updated_at: CREATED,
      },
    ],
  ]);
  const indicators = [];
  const plans = [];
  const planRevisions = [];
  const actuals = [];
  const indicatorCount = Math.ceil(planCount / YEARS.length);

  for (let i = 0; i < indicatorCount; i += 1) {
    const province = (i % PROVINCES) + 1;
    const scope = `province-${pad(province)}`;
    const measure = pick(random, [
      ["flow", 0.8],
      ["level", 0.1],
      ["rate", 0.1],
    ]);
    const cadence = measure === "level" && random() < 0.5 ? "quarterly" : "monthly";
    const id = `${scope}.indicator-${pad(i, 5)}`;
    const tag = TAGS[Math.floor(random() * TAGS.length)];
    if (!areas.has(scope)) {
      areas.set(scope, {
        id: scope,
        name: `Province ${pad(province)}`,
        name_vi: `Tỉnh ${pad(province)}`,
        level: "locality",
        parent_id: "region-all",
        created_at: CREATED,
        updated_at: CREATED,
      });
    }
    indicators.push({
      id,
      name: `Indicator ${i} (${tag})`,
      name_vi: `Chỉ tiêu ${i}`,
      scope,
      unit: measure === "flow" ? "USD" : measure === "rate" ? "%" : "index",
      measure,
      cadence,
      tags: JSON.stringify(random() < 0.3 ? [tag, "priority"] : [tag]),
      description: random() < 0.5 ? `Synthetic ${measure} indicator for the benchmark.` : null,
      source: "Synthetic benchmark data",
      // The same measure in each province, as every province reports its exports: a concept
      // of 63 indicators at every size.
      concept: `measure-${pad(Math.floor(i / PROVINCES), 5)}`,
      created_at: CREATED,
      updated_at: CREATED,
    });
    const hasData = random() >= 0.05;
    // How the indicator runs against its targets: below, around or above plan.
    const performance = 0.75 + random() * 0.5;

    const years = YEARS.slice(0, Math.min(YEARS.length, planCount - i * YEARS.length));
    for (const year of years) {
      const planId = `${id}.${year}`;
      const target =
        measure === "flow"
          ? round(1e8 + random() * 4.9e9)
          : measure === "rate"
            ? round(4 + random() * 8, 1)
            : round(50 + random() * 100, 2);
      const comparator = random() < 0.1 ? "at_most" : "at_least";
      const seasonal = measure === "flow" && random() < 0.2;
      const weights = seasonal
        ? Array.from({ length: 12 }, (_, m) => round(0.7 + 0.6 * Math.sin((m / 12) * Math.PI), 3))
        : null;
      const revision = random() < 0.2 ? 2 : 1;
      const plan = {
        id: planId,
        indicator_id: id,
        revision,
        title: `${year} plan for indicator ${i}`,
        period_start: `${year}-01-01`,
        period_end: `${year}-12-31`,
        target,
        comparator,
        // Phasing from history is chosen by position, not by a draw from the generator, so
        // every other row stays what it was: the status query reads these plans' history
        // window, and the engine the profile (with one complete year on file, the fallback).
        phasing: JSON.stringify(
          weights
            ? { kind: "monthly_weights", weights }
            : measure === "flow" && i % 10 === 5
              ? { kind: "history" }
              : { kind: "linear" },
        ),
        thresholds: random() < 0.1 ? JSON.stringify({ ahead: 1.2, at_risk: 0.8 }) : null,
        baseline_value: measure === "level" && random() < 0.5 ? round(target * 0.8, 2) : null,
        baseline_date: null,
        source: "Synthetic resolution",
        note: null,
        created_at: CREATED,
        updated_at: CREATED,
      };
      if (plan.baseline_value !== null) plan.baseline_date = `${year - 1}-12-31`;
      plans.push(plan);
      // Each revision as the API returned it, which is how the monitor stores revisions.
      const { phasing: _, thresholds, baseline_value, baseline_date, ...fields } = plan;
      const shown = {
        ...fields,
        phasing: weights ? { monthly_weights: weights } : "linear",
        thresholds: thresholds === null ? null : JSON.parse(thresholds),
        baseline: baseline_value === null ? null : { value: baseline_value, date: baseline_date },
      };
      for (let r = 1; r <= revision; r += 1) {
        const snapshot = { ...shown, revision: r, target: r < revision ? target * 0.9 : target };
        planRevisions.push({
          plan_id: planId,
          revision: r,
          snapshot: JSON.stringify(snapshot),
          created_at: CREATED,
        });
      }
      if (!hasData) continue;

      // Figures reported up to two weeks after AS_OF are on file too; `as_of` filters them.
      const lastMonth = year < 2026 ? 12 : 10;
      let cumulative = 0;
      for (let month = 1; month <= lastMonth; month += 1) {
        if (measure === "level" && cadence === "quarterly" && month % 3 !== 0) continue;
        const end = monthEnd(year, month);
        const noise = 0.9 + random() * 0.2;
        cumulative += (target / 12) * performance * noise;
        const value =
          measure === "flow"
            ? round(cumulative)
            : measure === "rate"
              ? round(target * performance * noise, 2)
              : round(target * (0.85 + 0.3 * random()), 2);
        const periodStart =
          measure === "level"
            ? `${year}-${pad(cadence === "quarterly" ? month - 2 : month)}-01`
            : `${year}-01-01`;
        // An estimate a few days before the period ends, as provincial offices publish them.
        const base = {
          indicator_id: id,
          period_start: periodStart,
          period_end: end,
          source: "Synthetic monthly report",
          reported_yoy: random() < 0.3 ? round(random() * 0.3 - 0.05, 4) : null,
          note: null,
          created_at: CREATED,
        };
        const attainment =
          measure === "flow" && random() < 0.1
            ? round(value / target + (random() < 0.3 ? 0.01 : 0), 4)
            : null;
        actuals.push({
          ...base,
          value,
          status: "estimate",
          reported_at: plusDays(end, -3),
          reported_attainment: attainment,
        });
        // About half the periods are revised a month later.
        if (random() < 0.5) {
          actuals.push({
            ...base,
            value: round(value * (0.98 + random() * 0.04), 2),
            status: "preliminary",
            reported_at: plusDays(end, 28),
            reported_attainment: null,
          });
        }
        if (month === 12) {
          actuals.push({
            ...base,
            value: round(value * (0.99 + random() * 0.02), 2),
            status: "final",
            reported_at: `${year + 1}-03-31`,
            reported_attainment: null,
          });
        }
      }
    }
  }
  return { areas: [...areas.values()], indicators, plans, planRevisions, actuals };
}

/**
 * The engine's inputs for the same dataset: each plan and every vintage of its indicator's
 * figures up to the plan's end (the plan's period, the year before for year on year, the
 * history window), the engine taking what it needs.
 */
export function engineInputs(data) {
  const indicatorById = new Map(data.indicators.map((i) => [i.id, i]));
  const actualsByIndicator = new Map();
  data.actuals.forEach((a, index) => {
    const list = actualsByIndicator.get(a.indicator_id) ?? [];
    list.push({
      id: index + 1,
      periodStart: a.period_start,
      periodEnd: a.period_end,
      value: a.value,
      status: a.status,
      reportedAt: a.reported_at,
      reportedAttainment: a.reported_attainment,
      reportedYoy: a.reported_yoy,
    });
    actualsByIndicator.set(a.indicator_id, list);
  });
  return data.plans.map((p) => {
    const indicator = indicatorById.get(p.indicator_id);
    const plan = {
      id: p.id,
      measure: indicator.measure,
      cadence: indicator.cadence,
      periodStart: p.period_start,
      periodEnd: p.period_end,
      target: p.target,
      comparator: p.comparator,
      phasing: JSON.parse(p.phasing),
      thresholds: p.thresholds ? JSON.parse(p.thresholds) : null,
      baseline:
        p.baseline_value !== null ? { value: p.baseline_value, date: p.baseline_date } : null,
    };
    const all = actualsByIndicator.get(p.indicator_id) ?? [];
    return {
      plan,
      actuals: all.filter((a) => a.periodEnd <= p.period_end),
    };
  });
}

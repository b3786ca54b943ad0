// One webhook event, as the monitor records it, for the tests of every message format.
import type { EventData } from "../../src/schemas/event";

export const OCCURRED = "2026-05-01T00:00:00.000Z";

/** Nghe An's 2026 exports going off track, with the figures the evaluation gave. */
export function event(overrides: Partial<EventData> = {}): EventData {
  return {
    id: "evt_01JD3ZQ8M4X6V9T2K5N7P0R1S3",
    type: "plan.status_changed",
    occurred_at: OCCURRED,
    plan: {
      id: "nghe-an.exports.2026",
      title: null,
      period_start: "2026-01-01",
      period_end: "2026-12-31",
      target: 2_750_000_000,
      comparator: "at_least",
      revision: 1,
    },
    indicator: {
      id: "nghe-an.exports",
      name: "Goods exports",
      unit: "USD",
      scope: "nghe-an",
      scope_name: "Nghe An",
      tags: ["trade"],
    },
    scope: "nghe-an",
    previous_status: "on_track",
    status: "off_track",
    severity: "critical",
    stale: false,
    evaluation: {
      as_of: "2026-05-01",
      status: "off_track",
      last_reading: null,
      plan_revision: 1,
      attainment: 0.2,
      expected_fraction: 0.33,
      expected_to_date: 907_500_000,
      pace: 0.6,
      projection: 1_650_000_000,
      projected_attainment: 0.6,
      months_remaining: 8,
      required_monthly_rate: 275_000_000,
      gap_pp: null,
      // Jan–Apr 2025 was 500 million: 10% growth.
      yoy_growth: 0.1,
      prior_year_value: 500_000_000,
      implied_prior_year_value: null,
      actual: {
        id: 1,
        value: 550_000_000,
        period_start: "2026-01-01",
        period_end: "2026-04-30",
        status: "estimate",
        reported_at: "2026-04-30",
      },
      freshness: {
        last_period_end: "2026-04-30",
        next_due: "2026-06-29",
        stale_after: "2026-07-14",
        stale: false,
      },
      warnings: [],
    },
    link: "https://status.example.org/plans/nghe-an.exports.2026",
    ...overrides,
  };
}

import { describe, expect, it } from "vitest";
import type { EventData } from "../../src/monitor/types";
import { headline, renderBody } from "../../src/webhooks/formats";

const data: EventData = {
  id: "evt_01JD3ZQ8M4X6V9T2K5N7P0R1S3",
  type: "plan.status_changed",
  occurred_at: "2026-05-01T00:00:00.000Z",
  plan: {
    id: "nghe-an.exports.2026",
    title: "Exports <b>@everyone</b> & more",
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
  },
  link: "https://status.example.org/plans/nghe-an.exports.2026",
};

describe("formats", () => {
  it("json is the Standard Webhooks payload", () => {
    const body = JSON.parse(renderBody("json", data));
    expect(body).toEqual({ type: "plan.status_changed", timestamp: data.occurred_at, data });
    expect(body.data).toMatchObject({
      id: data.id,
      previous_status: "on_track",
      status: "off_track",
      severity: "critical",
      link: data.link,
      evaluation: { attainment: 0.2, pace: 0.6, projection: 1_650_000_000 },
    });
  });

  it("slack has a fallback text and blocks, with markup escaped", () => {
    const body = JSON.parse(renderBody("slack", data));
    expect(body.text).toContain("on track → off track");
    expect(body.text).toContain("&lt;b&gt;");
    expect(body.text).not.toContain("<b>");
    expect(body.blocks.map((b: { type: string }) => b.type)).toEqual([
      "header",
      "section",
      "context",
    ]);
    expect(JSON.stringify(body.blocks[2])).toContain(`<${data.link}|Open on the status page>`);
    expect(body.blocks[0].text.text.length).toBeLessThanOrEqual(150);
  });

  it("discord has an embed and pings no one", () => {
    const body = JSON.parse(renderBody("discord", data));
    expect(body.allowed_mentions).toEqual({ parse: [] });
    expect(body.embeds[0]).toMatchObject({
      url: data.link,
      timestamp: data.occurred_at,
      color: 0xd93025,
    });
    expect(body.embeds[0].fields.find((f: { name: string }) => f.name === "Attainment").value).toBe(
      "20.0%",
    );
  });

  it("headlines say what happened", () => {
    expect(headline({ ...data, plan: { ...data.plan, title: null } })).toBe(
      "Goods exports, Nghe An 2026: on track → off track",
    );
    expect(headline({ ...data, type: "plan.stale", plan: { ...data.plan, title: "X" } })).toBe(
      "X: figures overdue (due 2026-06-29)",
    );
    expect(
      headline({ ...data, type: "plan.reminder", stale: true, plan: { ...data.plan, title: "X" } }),
    ).toBe("X: still off track, figures overdue");
  });
});

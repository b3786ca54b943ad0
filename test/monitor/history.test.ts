// GET /api/plans/:id/history and the plan page's timeline: what the cron recorded about a
// plan's judgment, and what caused each change. A cron run is keyed by its scheduled time
// and storage is shared by the file, so each test runs the cron at times of its own.
import { describe, expect, it } from "vitest";
import { call, send } from "../factories";
import { at, evaluateAt, reportQ1, trackedPlans } from "./helpers";

interface History {
  plan_id: string;
  entries: {
    version: number;
    as_of: string;
    status: string;
    previous_status: string | null;
    stale: boolean;
    cause: string;
    figures: { actual: { value: number; period_end: string } | null; plan_revision: number };
  }[];
  next_before: number | null;
}

async function history(planId: string, query = ""): Promise<History> {
  const res = await call(`/api/plans/${planId}/history${query}`);
  expect(res.status).toBe(200);
  return (await res.json()) as History;
}

describe("a plan's history", () => {
  it("records each change of judgment with the figure, revision or date that caused it", async () => {
    const { indicatorId, planIds } = await trackedPlans();
    const planId = planIds[0]!;
    expect((await history(planId)).entries).toEqual([]);

    await evaluateAt(at("2026-04-20T00:00:00Z"));
    await reportQ1(indicatorId, 300, "2026-04-25");
    await evaluateAt(at("2026-04-26T00:00:00Z"));
    await reportQ1(indicatorId, 200, "2026-04-28");
    await evaluateAt(at("2026-04-29T00:00:00Z"));
    const revised = await send("PUT", `/api/plans/${planId}`, {
      indicator_id: indicatorId,
      period_start: "2026-01-01",
      period_end: "2026-12-31",
      target: 800,
      scale: "million",
    });
    expect(revised.status).toBe(200);
    await evaluateAt(at("2026-04-30T00:00:00Z"));

    const { entries, next_before } = await history(planId);
    expect(next_before).toBeNull();
    expect(entries.map((e) => [e.cause, e.status])).toEqual([
      ["plan_revised", "on_track"],
      ["revised_figure", "off_track"],
      ["new_figure", "on_track"],
      ["first_seen", "no_data"],
    ]);
    expect(entries[1]).toMatchObject({
      previous_status: "on_track",
      figures: { actual: { value: 200_000_000, period_end: "2026-03-31" } },
    });
    expect(entries[0]?.figures.plan_revision).toBe(2);
  });

  it("pages newest first, and the last entry of a page still knows its cause", async () => {
    const { indicatorId, planIds } = await trackedPlans();
    const planId = planIds[0]!;
    await evaluateAt(at("2026-04-20T01:00:00Z"));
    await reportQ1(indicatorId, 300, "2026-04-25");
    await evaluateAt(at("2026-04-26T01:00:00Z"));
    await reportQ1(indicatorId, 250, "2026-04-27");
    await evaluateAt(at("2026-04-28T01:00:00Z"));

    const first = await history(planId, "?limit=2");
    expect(first.entries.map((e) => e.cause)).toEqual(["revised_figure", "new_figure"]);
    expect(first.next_before).toBe(first.entries[1]?.version);
    const second = await history(planId, `?limit=2&before=${first.next_before}`);
    expect(second.entries.map((e) => e.cause)).toEqual(["first_seen"]);
    expect(second.next_before).toBeNull();
  });

  it("answers 404 for an unknown plan and 400 for a bad cursor", async () => {
    const missing = await call("/api/plans/no-such-plan/history");
    expect(missing.status).toBe(404);
    const bad = await call("/api/plans/no-such-plan/history?before=abc");
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { code: string }).code).toBe("invalid_query");
  });

  it("shows on the plan page as a timeline, and only up to a pinned date", async () => {
    const { indicatorId, planIds } = await trackedPlans();
    const planId = planIds[0]!;
    await evaluateAt(at("2026-04-20T02:00:00Z"));
    await reportQ1(indicatorId, 300, "2026-04-25");
    await evaluateAt(at("2026-04-26T02:00:00Z"));

    const page = await (await call(`/plans/${planId}?lang=en&as_of=2026-04-30`)).text();
    expect(page).toContain("How the judgment moved");
    expect(page).toMatch(/data-cause="new_figure">new figure: Jan[^<]*2026, 300 million/);
    expect(page).toContain('data-cause="first_seen"');

    const earlier = await (await call(`/plans/${planId}?lang=vi&as_of=2026-04-21`)).text();
    expect(earlier).toContain("Diễn biến đánh giá");
    expect(earlier).not.toContain('data-cause="new_figure"');
    expect(earlier).toContain('data-cause="first_seen"');
  });
});

// A period that ended without a figure reaching its end, through the Worker: the JSON API,
// /api/status and its summary, /metrics, the pages, the badge, the feed and the events. The
// plans are the seed's: Nghe An's 2024 goods exports (Jan–Sep: 2,326 million USD, ahead), and
// the 2020–2025 term target of 1.765 bn USD for 2025 with yearly figures for 2021–2023.
import { createExecutionContext, createScheduledController } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import worker from "../../src/index";
import { actualBody, call, createIndicator, createPlan, postActuals, uid } from "../factories";
import { eventsOf } from "../monitor/helpers";

interface Evaluation {
  status: string;
  last_reading: string | null;
  pace: number | null;
  months_remaining: number | null;
  required_monthly_rate: number | null;
  freshness: { stale: boolean };
}
interface Status {
  summary: Record<string, number>;
  plans: { plan: { id: string }; evaluation: Evaluation }[];
}

async function status(query: string): Promise<Status> {
  const res = await call(`/api/status?${query}`);
  expect(res.status).toBe(200);
  return (await res.json()) as Status;
}

function visible(html: string): string {
  return html.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");
}

async function exportsPlan() {
  const scope = uid("scope");
  const indicator = await createIndicator({ scope });
  const plan = await createPlan(indicator);
  await postActuals(actualBody(indicator, { value: 2326, reported_at: "2024-10-05" }));
  return { scope, indicator, plan: plan.id };
}

describe("a 2024 plan opened long after its year closed", () => {
  it("no longer reads as on pace: its period is over, the last reading kept beside it", async () => {
    const { scope, plan } = await exportsPlan();
    const today = await status(`scope=${scope}&as_of=2026-11-22`);
    const e = today.plans[0]?.evaluation;
    expect(e?.status).toBe("period_over");
    expect(e?.last_reading).toBe("ahead");
    expect(e?.pace?.toFixed(2)).toBe("1.13");
    expect(e?.months_remaining).toBe(0);
    expect(e?.required_monthly_rate).toBeNull();
    expect(e?.freshness.stale).toBe(true);
    expect(today.summary).toMatchObject({ total: 1, period_over: 1, ahead: 0, stale: 1 });
    expect((await status(`scope=${scope}&status=period_over&as_of=2026-11-22`)).plans).toHaveLength(
      1,
    );

    // As it stood in mid-October 2024, it is still ahead with three months to go.
    const then = await status(`scope=${scope}&as_of=2024-10-15`);
    expect(then.plans[0]?.evaluation).toMatchObject({
      status: "ahead",
      last_reading: null,
      months_remaining: 3,
    });

    const evaluation = await call(`/api/plans/${plan}/evaluation?as_of=2026-11-22`);
    expect(await evaluation.json()).toMatchObject({ status: "period_over", last_reading: "ahead" });
  });

  it("says on the pages what is missing, in both languages", async () => {
    const { scope, plan } = await exportsPlan();
    const row = visible(await (await call(`/?scope=${scope}&as_of=2026-11-22`)).text());
    expect(row).toMatch(
      /Period over\s+Stale\s+Final figure not yet in; last reading Jan–Sep 2024: Ahead/,
    );
    const planPage = visible(await (await call(`/plans/${plan}?as_of=2026-11-22`)).text());
    expect(planPage).toContain("Final figure not yet in; last reading Jan–Sep 2024: Ahead");
    expect(planPage).toContain("Last reading Ahead Jan–Sep 2024");
    expect(planPage).toContain(
      "The period ended on 31 Dec 2024 without a figure reaching that date, so the target is no longer judged on pace: the last reading, on the figure for Jan–Sep 2024, was ahead.",
    );
    expect(planPage).not.toContain("Needed per remaining month");
    const vi = visible(await (await call(`/plans/${plan}?as_of=2026-11-22&lang=vi`)).text());
    expect(vi).toContain("Chưa có số liệu cả kỳ; lần đánh giá cuối (tháng 1–9/2024): Vượt tiến độ");

    const badge = await (await call(`/badge/${plan}.svg?as_of=2026-11-22`)).text();
    expect(badge).toContain("84.6% · period over");
  });

  it("exports the state in /metrics' state set", async () => {
    const indicator = await createIndicator({ scope: uid("scope") });
    // Today, whatever the date: a plan that ended yesterday with half its figures in.
    const today = new Date().toISOString().slice(0, 10);
    const end = new Date(Date.parse(`${today}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    const start = new Date(Date.parse(`${end}T00:00:00Z`) - 364 * 86_400_000)
      .toISOString()
      .slice(0, 10);
    const plan = await createPlan(indicator, { period_start: start, period_end: end });
    await postActuals(
      actualBody(indicator, {
        period_start: start,
        period_end: start,
        value: 1,
        reported_at: start,
      }),
    );
    const text = await (await call("/metrics")).text();
    const state = (s: string) =>
      text.split("\n").find((l) => l.includes(`plan="${plan.id}"`) && l.includes(`status="${s}"`));
    expect(state("period_over")).toMatch(/ 1$/);
    expect(state("on_track")).toMatch(/ 0$/);
  });

  it("announces the end of its period once, then the verdict when the final figure comes", async () => {
    const { indicator, plan } = await exportsPlan();
    const tick = async (iso: string) => {
      const ctx = createExecutionContext();
      await worker.scheduled(
        createScheduledController({ scheduledTime: new Date(iso), cron: "*/15 * * * *" }),
        env,
        ctx,
      );
    };
    await tick("2024-12-20T00:00:00Z");
    await tick("2025-01-02T00:00:00Z");
    await tick("2025-01-02T00:15:00Z");
    await postActuals(
      actualBody(indicator, { period_end: "2024-12-31", value: 3100, reported_at: "2025-01-25" }),
    );
    await tick("2025-01-26T00:00:00Z");
    const changes = (await eventsOf(plan))
      .filter((e) => e.type === "plan.status_changed")
      .map((e) => [e.previousStatus, e.status, e.severity, e.data.evaluation.last_reading]);
    expect(changes.reverse()).toEqual([
      [null, "ahead", "good", null],
      ["ahead", "period_over", "info", "ahead"],
      ["period_over", "achieved", "good", null],
    ]);
    const feed = await (await call("/feed.atom")).text();
    const entry = feed
      .split("<entry>")
      .find((e) => e.includes(`/plans/${plan}"`) && e.includes("period_over"));
    expect(entry).toContain('<category term="period_over" label="Period over">');
    expect(entry).toContain("Ahead → Period over");
  });
});

describe("the 2021–2025 term plan, a level", () => {
  const year = (y: number, value: number, reported: string) => ({
    period_start: `${y}-01-01`,
    period_end: `${y}-12-31`,
    value,
    status: "final",
    reported_at: reported,
  });

  it("is not achieved before a 2025 figure exists, and is once it does", async () => {
    const scope = uid("scope");
    const indicator = await createIndicator({ scope, measure: "level", cadence: "annual" });
    const plan = await createPlan(indicator, {
      period_start: "2021-01-01",
      period_end: "2025-12-31",
      target: 1765,
      baseline: { value: 2428, date: "2021-12-31" },
    });
    await postActuals([
      actualBody(indicator, year(2021, 2428, "2022-01-31")),
      actualBody(indicator, year(2022, 2539, "2023-01-31")),
      actualBody(indicator, year(2023, 3110, "2024-01-31")),
    ]);
    const term = async (asOf: string) =>
      (await status(`scope=${scope}&as_of=${asOf}`)).plans[0]?.evaluation;
    expect(await term("2024-10-15")).toMatchObject({ status: "ahead", last_reading: null });
    // The page states the label's computation: 2 years from the end of 2021 to the end of
    // 2023, (3,110 ÷ 2,428)^(1/2) − 1 = 13.2% a year against the −7.7% the target needs.
    const page = (await (await call(`/plans/${plan.id}?as_of=2024-10-15`)).text()).replace(
      /<[^>]+>/g,
      " ",
    );
    expect(page).toContain("the figure has grown 13.2% a year over 2 years");
    expect(page).toContain("sign × direction × observed ÷ |required| = 1.72");
    expect(page).toContain("only the figure for that end decides");
    expect(await term("2026-06-01")).toMatchObject({
      status: "period_over",
      last_reading: "ahead",
    });
    await postActuals(actualBody(indicator, year(2025, 3500, "2026-03-31")));
    expect(await term("2026-06-01")).toMatchObject({ status: "achieved" });
  });
});

// A data owner who set the office's calendar on an indicator is reminded before a figure is due
// (figure.due) and told once it is overdue (figure.late): once each per figure and vintage,
// however runs repeat or overlap, through the outbox to the webhooks that want them.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { eventAlerts } from "../../src/webhooks/alertmanager";
import { headline } from "../../src/webhooks/text";
import { actualBody, createIndicator, createPlan, postActuals, uid } from "../factories";
import { at, createWebhook, evaluateAt, eventsOf } from "./helpers";

const DAY_6_NEXT_MONTH = {
  schedules: [
    {
      effective_from: null,
      releases: [{ vintage: "estimate", due: { kind: "day_of_month", months_after: 1, day: 6 } }],
    },
  ],
};

/** A 2026 plan on an indicator due on day 6 of the next month, January and February in on time. */
async function calendarPlan(rule: unknown = DAY_6_NEXT_MONTH) {
  const scope = uid("scope");
  const indicatorId = await createIndicator({ scope, tags: [scope], release_rule: rule });
  const plan = await createPlan(indicatorId, {
    period_start: "2026-01-01",
    period_end: "2026-12-31",
    target: 1200,
    scale: "million",
  });
  const res = await postActuals([
    actualBody(indicatorId, {
      period_start: "2026-01-01",
      period_end: "2026-01-31",
      value: 100,
      reported_at: "2026-02-05",
    }),
    actualBody(indicatorId, {
      period_start: "2026-01-01",
      period_end: "2026-02-28",
      value: 200,
      reported_at: "2026-03-05",
    }),
  ]);
  expect(res.status).toBe(201);
  return { scope, indicatorId, planId: plan.id };
}

async function notices(planId: string) {
  return (await eventsOf(planId))
    .filter((e) => e.type === "figure.due" || e.type === "figure.late")
    .map((e) => [e.type, e.data.figure?.period_end, e.data.figure?.due, e.occurredAt]);
}

async function deliveriesTo(webhookId: string) {
  const { results } = await env.DB.prepare(
    "select e.type from deliveries d join events e on e.id = d.event_id where d.webhook_id = ? order by e.occurred_at",
  )
    .bind(webhookId)
    .all<{ type: string }>();
  return results.map((r) => r.type);
}

describe("figure notices", () => {
  it("remind three days before March's figure is due, once, however often the cron runs", async () => {
    const { planId, scope } = await calendarPlan();
    const hook = await createWebhook({
      url: "https://hooks.example.org/a",
      filters: { scopes: [scope], min_severity: "info" },
    });
    expect(await evaluateAt(at("2026-04-02T23:45:00Z"))).toMatchObject({ eventsCreated: 0 });
    const first = await evaluateAt(at("2026-04-03T00:00:00Z"));
    expect(first.eventsCreated).toBe(1);
    // The same scheduled time again, and the next ticks, owe the same reminder: nothing new.
    await evaluateAt(at("2026-04-03T00:00:00Z"));
    await evaluateAt(at("2026-04-03T00:15:00Z"));
    await evaluateAt(at("2026-04-05T00:00:00Z"));
    expect(await notices(planId)).toEqual([
      ["figure.due", "2026-03-31", "2026-04-06", "2026-04-03T00:00:00.000Z"],
    ]);
    const [due] = (await eventsOf(planId)).filter((e) => e.type === "figure.due");
    expect(due?.data.figure).toMatchObject({
      days_until_due: 3,
      days_late: null,
      vintage: "estimate",
    });
    expect(due?.severity).toBe("info");
    expect(await deliveriesTo(hook.id)).toEqual(["figure.due"]);
  });

  it("announce a figure not in by its due date once, even from two runs at the same moment", async () => {
    const { planId, scope } = await calendarPlan();
    const hook = await createWebhook({
      url: "https://hooks.example.org/b",
      filters: { scopes: [scope], event_types: ["figure.late"] },
    });
    await evaluateAt(at("2026-04-03T06:00:00Z"));
    // Two ticks racing on the day after the due date, and the same scheduled time twice.
    const reports = await Promise.all([
      evaluateAt(at("2026-04-07T06:00:00Z")),
      evaluateAt(at("2026-04-07T06:15:00Z")),
      evaluateAt(at("2026-04-07T06:00:00Z")),
    ]);
    // The same scheduled time is run once; the two times both decide the notice.
    expect(reports.filter((r) => r.skipped)).toHaveLength(1);
    await evaluateAt(at("2026-04-20T00:00:00Z"));
    const late = (await notices(planId)).filter(([type]) => type === "figure.late");
    expect(late).toHaveLength(1);
    expect(late[0]?.slice(0, 3)).toEqual(["figure.late", "2026-03-31", "2026-04-06"]);
    // The webhook asked for late figures only, and hears of this one once.
    expect(await deliveriesTo(hook.id)).toEqual(["figure.late"]);
  });

  it("say nothing late about a figure that came in by its due date", async () => {
    const { planId, indicatorId } = await calendarPlan();
    await evaluateAt(at("2026-04-03T12:00:00Z"));
    await postActuals(
      actualBody(indicatorId, {
        period_start: "2026-01-01",
        period_end: "2026-03-31",
        value: 300,
        reported_at: "2026-04-06",
      }),
    );
    await evaluateAt(at("2026-04-08T12:00:00Z"));
    expect((await notices(planId)).map(([type]) => type)).toEqual(["figure.due"]);
  });

  it("are not sent for an indicator without a release rule: its due date is only the default lag", async () => {
    const { planId } = await calendarPlan(null);
    await evaluateAt(at("2026-04-28T12:00:00Z"));
    await evaluateAt(at("2026-05-05T12:00:00Z"));
    expect(await notices(planId)).toEqual([]);
  });

  it("read as a sentence in every format, and fire one Alertmanager alert per figure", async () => {
    const { planId } = await calendarPlan();
    await evaluateAt(at("2026-04-03T18:00:00Z"));
    await evaluateAt(at("2026-04-09T18:00:00Z"));
    const events = (await eventsOf(planId)).filter((e) => e.data.figure);
    const lines = events.map((e) => headline(e.data));
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringContaining(
          "the estimate for 2026-03-01 – 2026-03-31 is due on 2026-04-06 (in 3 days)",
        ),
        expect.stringContaining("was due on 2026-04-06 and is not in (3 days late)"),
      ]),
    );
    const late = events.find((e) => e.type === "figure.late")!;
    const [alert] = eventAlerts(late.data);
    expect(alert?.labels).toMatchObject({
      alertname: "TargetFigureLate",
      severity: "warning",
      period: "2026-03-01/2026-03-31",
      vintage: "estimate",
    });
  });
});

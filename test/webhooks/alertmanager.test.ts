// Alertmanager as a destination: the alerts' shape, firing and resolved, and the cadence at
// which the cron re-posts open alerts, to Alertmanager and to nobody else.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { WebhookRow } from "../../src/db/schema";
import { refreshBodies } from "../../src/monitor/alertmanager-refresh";
import type { OpenAlert } from "../../src/monitor/decide-run";
import { runTick } from "../../src/monitor/tick";
import {
  alertmanagerBody,
  alertsEndpoint,
  eventAlerts,
  FIRING_VALIDITY_MS,
  type PostableAlert,
} from "../../src/webhooks/alertmanager";
import { renderBody } from "../../src/webhooks/formats";
import { buildMessage } from "../../src/webhooks/message";
import { actualBody, createIndicator, createPlan, postActuals, send } from "../factories";
import { at, createWebhook, evaluateAt, reportQ1, trackedPlans } from "../monitor/helpers";
import { event, OCCURRED } from "./event-fixture";

const MIN = 60_000;

const LABELS = {
  plan: "nghe-an.exports.2026",
  indicator: "nghe-an.exports",
  scope: "nghe-an",
};
const plus = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString();

describe("the alerts an event posts", () => {
  it("fire with the plan's labels, the figures and the status page link", () => {
    const [alert, ...rest] = eventAlerts(event());
    expect(rest).toEqual([]);
    expect(alert).toEqual({
      labels: { alertname: "TargetOffTrack", severity: "critical", ...LABELS },
      annotations: {
        summary: "Goods exports, Nghe An 2026: off track",
        description: expect.any(String),
        link: "https://status.example.org/plans/nghe-an.exports.2026",
      },
      startsAt: OCCURRED,
      endsAt: plus(OCCURRED, FIRING_VALIDITY_MS),
      generatorURL: "https://status.example.org/plans/nghe-an.exports.2026",
    });
    expect(alert?.annotations.description?.split("\n")).toEqual([
      "Status: off track",
      "Attainment: 20.0%",
      "Pace: 60.0%",
      "Projection: 1.65B USD",
      "Target: 2.75B USD",
      "Latest figure: 550M USD to 2026-04-30",
      "Same period last year: +10.00% on 500M USD",
      "As of: 2026-05-01",
    ]);
  });

  it("resolve with the same labels and endsAt at the resolution", () => {
    const [firing] = eventAlerts(event());
    const resolution = eventAlerts(
      event({ previous_status: "off_track", status: "on_track", severity: "resolved" }),
    );
    expect(resolution).toHaveLength(1);
    expect(resolution[0]?.labels).toEqual(firing?.labels);
    expect(resolution[0]).toMatchObject({
      annotations: { summary: "Goods exports, Nghe An 2026: now on track" },
      endsAt: OCCURRED,
    });
  });

  it("end the warning and start the critical alert when at risk turns off track", () => {
    const alerts = eventAlerts(event({ previous_status: "at_risk" }));
    expect(alerts.map((a) => [a.labels.alertname, a.labels.severity, a.endsAt])).toEqual([
      ["TargetAtRisk", "warning", OCCURRED],
      ["TargetOffTrack", "critical", plus(OCCURRED, FIRING_VALIDITY_MS)],
    ]);
  });

  it("announce a missed target and end the off-track alert it replaces", () => {
    const alerts = eventAlerts(event({ previous_status: "off_track", status: "missed" }));
    expect(alerts.map((a) => [a.labels.alertname, a.endsAt])).toEqual([
      ["TargetOffTrack", OCCURRED],
      ["TargetMissed", plus(OCCURRED, FIRING_VALIDITY_MS)],
    ]);
  });

  it("end the off-track alert when the period ends without its final figure, saying so", () => {
    const evaluation = { ...event().evaluation, status: "period_over" as const };
    const alerts = eventAlerts(
      event({
        previous_status: "off_track",
        status: "period_over",
        severity: "info",
        evaluation: { ...evaluation, last_reading: "off_track" },
      }),
    );
    expect(alerts.map((a) => [a.labels.alertname, a.endsAt])).toEqual([
      ["TargetOffTrack", OCCURRED],
    ]);
    expect(alerts[0]?.annotations.summary).toBe(
      "Goods exports, Nghe An 2026: now period over, final figure not yet in",
    );
    expect(alerts[0]?.annotations.description).toContain(
      "Last reading: off track (figures to 2026-04-30)",
    );
  });

  it("open and close a stale alert of its own", () => {
    const stale = eventAlerts(
      event({ type: "plan.stale", status: "on_track", previous_status: "on_track", stale: true }),
    );
    expect(stale).toHaveLength(1);
    expect(stale[0]).toMatchObject({
      labels: { alertname: "TargetStale", severity: "warning", ...LABELS },
      annotations: { summary: "Goods exports, Nghe An 2026: figures overdue" },
      endsAt: plus(OCCURRED, FIRING_VALIDITY_MS),
    });
    expect(stale[0]?.annotations.description).toContain("Next figure was due: 2026-06-29");
    const fresh = eventAlerts(event({ type: "plan.fresh", status: "on_track", stale: false }));
    expect(fresh.map((a) => [a.labels.alertname, a.endsAt])).toEqual([["TargetStale", OCCURRED]]);
  });

  it("are none for good news", () => {
    expect(eventAlerts(event({ previous_status: "on_track", status: "ahead" }))).toEqual([]);
    expect(eventAlerts(event({ previous_status: null, status: "achieved" }))).toEqual([]);
  });

  it("repeat what is open on a reminder", () => {
    const alerts = eventAlerts(event({ type: "plan.reminder", status: "at_risk", stale: true }));
    expect(alerts.map((a) => a.labels.alertname)).toEqual(["TargetAtRisk", "TargetStale"]);
  });

  it("include a short-lived test alert for POST /api/webhooks/:id/test", () => {
    expect(
      alertmanagerBody({
        id: "evt_x",
        type: "webhook.test",
        occurred_at: OCCURRED,
        webhook_id: "wh_1",
        message: "hello",
      }),
    ).toEqual([
      {
        labels: { alertname: "TargetMonitorTest", severity: "info", webhook: "wh_1" },
        annotations: { summary: "hello" },
        startsAt: OCCURRED,
        endsAt: plus(OCCURRED, 5 * MIN),
      },
    ]);
  });
});

describe("the request", () => {
  it("goes to /api/v2/alerts, whether or not the URL names it", () => {
    expect(alertsEndpoint("https://am.example.org")).toBe("https://am.example.org/api/v2/alerts");
    expect(alertsEndpoint("https://am.example.org/prefix/")).toBe(
      "https://am.example.org/prefix/api/v2/alerts",
    );
    expect(alertsEndpoint("https://am.example.org/api/v2/alerts")).toBe(
      "https://am.example.org/api/v2/alerts",
    );
    expect(alertsEndpoint("https://am.example.org/api/v2/alerts/?t=1")).toBe(
      "https://am.example.org/api/v2/alerts?t=1",
    );
  });

  it("is a JSON array of postable alerts", async () => {
    const destination = {
      url: "https://am.example.org",
      format: "alertmanager" as const,
      secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
      previousSecret: null,
      previousSecretExpiresAt: null,
    };
    const message = await buildMessage(destination, event(), Date.parse(OCCURRED));
    expect(message.url).toBe("https://am.example.org/api/v2/alerts");
    expect(JSON.parse(message.body)).toEqual(eventAlerts(event()));
    expect(renderBody("alertmanager", event())).toBe(message.body);
  });

  it("is accepted as a destination format by the API", async () => {
    const hook = await createWebhook({ url: "https://am.example.org", format: "alertmanager" });
    const res = await send("PATCH", `/api/webhooks/${hook.id}`, { enabled: false });
    expect(await res.json()).toMatchObject({ format: "alertmanager", enabled: false });
  });
});

/** Every request a tick makes, by URL. */
function recorder() {
  const seen: { url: string; body: string }[] = [];
  const transport = async (request: Request) => {
    seen.push({ url: request.url, body: await request.text() });
    return new Response(null, { status: 200 });
  };
  const to = (url: string) =>
    seen.filter((r) => r.url === url).map((r) => JSON.parse(r.body) as unknown);
  return { seen, transport, to };
}

describe("each cron tick", () => {
  it("re-posts an open alert to Alertmanager, and only to Alertmanager", async () => {
    const { scope, indicatorId, planIds } = await trackedPlans();
    const planId = planIds[0]!;
    await createWebhook({
      url: `https://am.example.org/${scope}`,
      format: "alertmanager",
      filters: { scopes: [scope] },
    });
    await createWebhook({
      url: `https://hooks.example.com/${scope}`,
      filters: { scopes: [scope] },
    });
    const amUrl = `https://am.example.org/${scope}/api/v2/alerts`;
    const jsonUrl = `https://hooks.example.com/${scope}`;
    await reportQ1(indicatorId, 200, "2026-04-05");

    const receiver = recorder();
    const t0 = at("2026-04-10T00:00:00Z");
    const tick = (t: number) => runTick({ scheduledTime: t }, env, receiver);
    const first = await tick(t0);
    expect(first.alertmanager).toMatchObject({ failed: 0 });
    // The transition through the outbox, then the refresh: the same alert, twice.
    const [transition, refresh] = receiver.to(amUrl) as PostableAlert[][];
    expect(transition).toEqual([
      expect.objectContaining({
        labels: {
          alertname: "TargetOffTrack",
          severity: "critical",
          plan: planId,
          indicator: indicatorId,
          scope,
        },
        startsAt: new Date(t0).toISOString(),
        endsAt: new Date(t0 + FIRING_VALIDITY_MS).toISOString(),
      }),
    ]);
    expect(refresh).toEqual(transition);

    // Every later tick pushes endsAt ahead, well past the next tick; startsAt stays.
    for (let i = 1; i <= 4; i++) await tick(t0 + i * 15 * MIN);
    const posts = receiver.to(amUrl) as PostableAlert[][];
    expect(posts).toHaveLength(6);
    for (const [i, post] of posts.slice(2).entries()) {
      const t = t0 + (i + 1) * 15 * MIN;
      expect(post).toEqual([
        expect.objectContaining({
          labels: transition?.[0]?.labels,
          startsAt: new Date(t0).toISOString(),
          endsAt: new Date(t + FIRING_VALIDITY_MS).toISOString(),
        }),
      ]);
      expect(Date.parse(post[0]!.endsAt) - t).toBeGreaterThanOrEqual(3 * 15 * MIN);
    }
    // The JSON destination heard the transition once.
    expect(receiver.to(jsonUrl)).toHaveLength(1);

    // Back on pace: a resolution with the same labels, and no more refreshes.
    await reportQ1(indicatorId, 300, "2026-04-08");
    const t5 = t0 + 5 * 15 * MIN;
    await tick(t5);
    const resolution = receiver.to(amUrl)[6] as PostableAlert[];
    expect(resolution).toEqual([
      expect.objectContaining({
        labels: transition?.[0]?.labels,
        endsAt: new Date(t5).toISOString(),
      }),
    ]);
    await tick(t5 + 15 * MIN);
    await tick(t5 + 30 * MIN);
    expect(receiver.to(amUrl)).toHaveLength(7);
    expect(receiver.to(jsonUrl)).toHaveLength(2);
  });

  it("catches up a destination added while an alert is open, from when it opened", async () => {
    const { scope, indicatorId } = await trackedPlans();
    await reportQ1(indicatorId, 270, "2026-04-05");
    const receiver = recorder();
    const t0 = at("2026-04-12T00:00:00Z");
    await runTick({ scheduledTime: t0 }, env, receiver);
    await createWebhook({
      url: `https://am.example.org/${scope}`,
      format: "alertmanager",
      filters: { scopes: [scope] },
    });
    await runTick({ scheduledTime: t0 + 15 * MIN }, env, receiver);
    expect(receiver.to(`https://am.example.org/${scope}/api/v2/alerts`)).toEqual([
      [
        expect.objectContaining({
          labels: expect.objectContaining({ alertname: "TargetAtRisk", severity: "warning" }),
          startsAt: new Date(t0).toISOString(),
        }),
      ],
    ]);
  });
});

describe("the alerts kept open", () => {
  it("are the watched, unmuted plans' open alerts, each since it opened", async () => {
    const offTrack = await trackedPlans();
    await reportQ1(offTrack.indicatorId, 200, "2026-04-05");
    const muted = await trackedPlans();
    await reportQ1(muted.indicatorId, 200, "2026-04-05");
    const silence = await send("POST", "/api/silences", {
      scope: muted.scope,
      until: "2099-01-01T00:00:00Z",
      reason: "test",
    });
    expect(silence.status).toBe(201);
    // A 2024 plan, long over: first seen off track today, recorded but never announced.
    const oldIndicator = await createIndicator({ scope: "old-scope" });
    const old = await createPlan(oldIndicator);
    await postActuals(actualBody(oldIndicator, { value: 1000 }));

    const t0 = at("2026-04-14T00:00:00Z");
    await evaluateAt(t0);
    const later = await evaluateAt(t0 + 15 * MIN);
    const mine = (planId: string) => later.openAlerts.filter((a) => a.subject.planId === planId);
    expect(mine(offTrack.planIds[0]!).map((a) => [a.kind, a.since, a.about.status])).toEqual([
      ["status", new Date(t0).toISOString(), "off_track"],
    ]);
    expect(mine(muted.planIds[0]!)).toEqual([]);
    expect(mine(old.id)).toEqual([]);

    // Months later, the figures are overdue as well: a second alert, since it went stale.
    const july = await evaluateAt(at("2026-07-01T00:00:00Z"));
    const july2 = await evaluateAt(at("2026-07-01T00:15:00Z"));
    expect(july.skipped || july2.skipped).toBe(false);
    expect(
      july2.openAlerts
        .filter((a) => a.subject.planId === offTrack.planIds[0])
        .map((a) => [a.kind, a.since]),
    ).toEqual([
      ["status", new Date(t0).toISOString()],
      ["stale", "2026-07-01T00:00:00.000Z"],
    ]);
  });
});

describe("which open alerts a destination hears again", () => {
  const subject = { planId: "p", indicatorId: "i", scope: "s", tags: ["trade"] };
  const about = event({ plan: { ...event().plan, id: "p" }, status: "at_risk", stale: true });
  const open: OpenAlert[] = [
    { kind: "status", since: OCCURRED, subject, about },
    { kind: "stale", since: OCCURRED, subject, about },
  ];
  function destination(overrides: Partial<WebhookRow>): WebhookRow {
    return {
      id: "wh_1",
      url: "https://am.example.org",
      description: null,
      enabled: true,
      format: "alertmanager",
      scopes: [],
      tags: [],
      eventTypes: [],
      minSeverity: "good",
      secret: "whsec_x",
      previousSecret: null,
      previousSecretExpiresAt: null,
      disabledReason: null,
      createdAt: OCCURRED,
      updatedAt: OCCURRED,
      ...overrides,
    };
  }
  const names = (d: WebhookRow) =>
    refreshBodies([d], open, OCCURRED).flatMap((b) => b.alerts.map((a) => a.labels.alertname));

  it("follows its filters, as for the event that opened them", () => {
    expect(names(destination({}))).toEqual(["TargetAtRisk", "TargetStale"]);
    expect(names(destination({ eventTypes: ["plan.stale"] }))).toEqual(["TargetStale"]);
    expect(names(destination({ minSeverity: "critical" }))).toEqual([]);
    expect(names(destination({ scopes: ["elsewhere"] }))).toEqual([]);
  });

  it("is nothing for other formats or disabled destinations", () => {
    expect(names(destination({ format: "json" }))).toEqual([]);
    expect(names(destination({ format: "slack" }))).toEqual([]);
    expect(names(destination({ enabled: false }))).toEqual([]);
  });
});

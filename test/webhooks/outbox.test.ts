// The outbox in D1: what is written with the events, and what each kind of answer does to it.
import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it } from "vitest";
import { drainOutbox } from "../../src/monitor/drain";
import { ADMIN, call, send } from "../factories";
import {
  at,
  createWebhook,
  db,
  evaluateAt,
  eventsOf,
  reportQ1,
  settings,
  trackedPlans,
} from "../monitor/helpers";
import { scriptedReceiver } from "./receiver";

interface Delivery {
  id: string;
  event_id: string;
  status: string;
  attempts: number;
  next_attempt_at: string | null;
  last_status_code: number | null;
  last_error: string | null;
}

async function deliveriesOf(webhookId: string): Promise<Delivery[]> {
  const res = await call(`/api/deliveries?webhook=${webhookId}&limit=200`, { headers: ADMIN });
  expect(res.status).toBe(200);
  return ((await res.json()) as { deliveries: Delivery[] }).deliveries;
}

function answering(respond: () => Response) {
  const seen: Request[] = [];
  const transport = async (request: Request) => {
    seen.push(request.clone());
    return respond();
  };
  return { seen, transport };
}

describe("the outbox", () => {
  // The outbox is shared by every test in this file: whatever a test leaves pending is sent
  // (to a receiver that accepts everything) before the next one starts.
  afterEach(async () => {
    await drainOutbox(db, {
      now: at("2099-01-01T00:00:00Z"),
      settings,
      transport: scriptedReceiver(() => "ok").transport,
      maxBatches: 100,
    });
  });

  it("keeps what a run decided until a later tick sends it", async () => {
    const { scope, indicatorId, planIds } = await trackedPlans();
    const hook = await createWebhook({
      url: "https://hooks.example.com/a",
      filters: { scopes: [scope] },
    });
    await reportQ1(indicatorId, 200, "2026-04-05");
    const t = at("2026-05-01T00:00:00Z");
    // The run writes its events and their deliveries, then "crashes" before sending.
    await evaluateAt(t);
    const [event] = await eventsOf(planIds[0]!);
    const pending = await deliveriesOf(hook.id);
    expect(pending).toEqual([
      expect.objectContaining({
        event_id: event?.id,
        status: "pending",
        attempts: 0,
        next_attempt_at: new Date(t).toISOString(),
      }),
    ]);

    const receiver = scriptedReceiver(() => "ok");
    const later = t + 15 * 60_000;
    expect(
      await drainOutbox(db, { now: later, settings, transport: receiver.transport }),
    ).toMatchObject({
      delivered: 1,
    });
    const [copy] = receiver.copies;
    expect(copy?.id).toBe(event?.id);
    expect(copy?.timestamp).toBe(String(later / 1000));
    expect(copy?.url).toBe("https://hooks.example.com/a");
    const body = JSON.parse(copy?.body ?? "{}");
    expect(body).toMatchObject({
      type: "plan.status_changed",
      timestamp: new Date(t).toISOString(),
      data: {
        id: event?.id,
        previous_status: null,
        status: "off_track",
        severity: "critical",
        scope,
        plan: { id: planIds[0] },
        indicator: { id: indicatorId },
        evaluation: { as_of: "2026-05-01", status: "off_track" },
        link: `https://status.example.org/plans/${planIds[0]}`,
      },
    });
    expect(body.data.evaluation.attainment).toBeCloseTo(200 / 1200);
    expect((await deliveriesOf(hook.id))[0]?.status).toBe("delivered");
  });

  it("logs every attempt, keeps the webhook-id, and backs off", async () => {
    const { scope, indicatorId } = await trackedPlans();
    const hook = await createWebhook({
      url: "https://hooks.example.com/b",
      filters: { scopes: [scope] },
    });
    await reportQ1(indicatorId, 200, "2026-04-05");
    const t = at("2026-05-02T00:00:00Z");
    await evaluateAt(t);
    const receiver = answering(() => new Response("try later", { status: 500 }));
    await drainOutbox(db, { now: t, settings, transport: receiver.transport, random: () => 0.5 });
    await drainOutbox(db, {
      now: t + 5_000,
      settings,
      transport: receiver.transport,
      random: () => 0.5,
    });
    const [delivery] = await deliveriesOf(hook.id);
    expect(delivery).toMatchObject({
      status: "pending",
      attempts: 2,
      last_status_code: 500,
      last_error: "HTTP 500",
      next_attempt_at: new Date(t + 5_000 + 5 * 60_000).toISOString(),
    });
    expect(new Set(receiver.seen.map((r) => r.headers.get("webhook-id")))).toEqual(
      new Set([delivery?.event_id]),
    );
    const detail = await call(`/api/deliveries/${delivery?.id}`, { headers: ADMIN });
    expect(await detail.json()).toMatchObject({
      attempt_log: [
        {
          attempt: 1,
          attempted_at: new Date(t).toISOString(),
          status_code: 500,
          error: "HTTP 500",
          response_excerpt: "try later",
        },
        { attempt: 2, attempted_at: new Date(t + 5_000).toISOString(), status_code: 500 },
      ],
    });
  });

  it("does not follow a redirect, and honours Retry-After on 429", async () => {
    const { scope, indicatorId } = await trackedPlans();
    const hook = await createWebhook({
      url: "https://hooks.example.com/c",
      filters: { scopes: [scope] },
    });
    await reportQ1(indicatorId, 200, "2026-04-05");
    const t = at("2026-05-03T00:00:00Z");
    await evaluateAt(t);
    const redirect = answering(
      () =>
        new Response(null, {
          status: 307,
          headers: { location: "https://hooks.example.com/elsewhere" },
        }),
    );
    await drainOutbox(db, { now: t, settings, transport: redirect.transport });
    expect(redirect.seen).toHaveLength(1);
    expect(redirect.seen[0]?.redirect).toBe("manual");
    expect((await deliveriesOf(hook.id))[0]).toMatchObject({
      status: "pending",
      last_status_code: 307,
    });

    const busy = answering(
      () => new Response(null, { status: 429, headers: { "retry-after": "3600" } }),
    );
    const t2 = t + 60_000;
    await drainOutbox(db, { now: t2, settings, transport: busy.transport });
    expect((await deliveriesOf(hook.id))[0]).toMatchObject({
      status: "pending",
      last_status_code: 429,
      next_attempt_at: new Date(t2 + 3_600_000).toISOString(),
    });
  });

  it("disables a destination that answers 410 Gone", async () => {
    const { scope, indicatorId, planIds } = await trackedPlans(2);
    const hook = await createWebhook({
      url: "https://hooks.example.com/d",
      filters: { scopes: [scope] },
    });
    await reportQ1(indicatorId, 200, "2026-04-05");
    const t = at("2026-05-04T00:00:00Z");
    await evaluateAt(t);
    const gone = answering(() => new Response("unsubscribed", { status: 410 }));
    await drainOutbox(db, {
      now: t,
      settings,
      transport: gone.transport,
      batchSize: 1,
      maxBatches: 1,
    });
    // The second delivery is claimed after the destination was disabled: it fails unsent.
    await drainOutbox(db, { now: t, settings, transport: gone.transport });
    expect(gone.seen).toHaveLength(1);
    const deliveries = await deliveriesOf(hook.id);
    expect(deliveries.map((d) => d.status)).toEqual(["failed", "failed"]);
    expect(deliveries.map((d) => d.last_error).sort()).toEqual([
      "HTTP 410",
      "The destination is disabled.",
    ]);
    const res = await call(`/api/webhooks/${hook.id}`, { headers: ADMIN });
    expect(await res.json()).toMatchObject({
      enabled: false,
      disabled_reason: "The receiver answered 410 Gone.",
    });

    // Disabled: new events get no delivery, and a replay is refused until it is enabled again.
    await reportQ1(indicatorId, 300, "2026-05-04");
    await evaluateAt(t + 24 * 3_600_000);
    expect(await eventsOf(planIds[0]!)).toHaveLength(2);
    expect(await deliveriesOf(hook.id)).toHaveLength(2);
    const failedId = deliveries[0]?.id;
    const refused = await send("POST", `/api/deliveries/${failedId}/retry`, {});
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({ code: "conflict" });
    await send("PATCH", `/api/webhooks/${hook.id}`, { enabled: true });
    expect((await send("POST", `/api/deliveries/${failedId}/retry`, {})).status).toBe(202);
    const after = await call(`/api/webhooks/${hook.id}`, { headers: ADMIN });
    expect(await after.json()).toMatchObject({ enabled: true, disabled_reason: null });
  });

  it("routes by severity, scope, tag and type; a resolution follows its alert", async () => {
    const { scope, indicatorId, planIds } = await trackedPlans();
    const critical = await createWebhook({
      url: "https://hooks.example.com/critical",
      filters: { scopes: [scope], min_severity: "critical" },
    });
    const everything = await createWebhook({
      url: "https://hooks.example.com/all",
      filters: { tags: [scope], min_severity: "info" },
    });
    const staleOnly = await createWebhook({
      url: "https://hooks.example.com/stale",
      filters: { scopes: [scope], event_types: ["plan.stale"] },
    });
    const elsewhere = await createWebhook({
      url: "https://hooks.example.com/elsewhere",
      filters: { scopes: ["somewhere-else"] },
    });
    await reportQ1(indicatorId, 270, "2026-04-05");
    await evaluateAt(at("2026-05-15T00:00:00Z")); // at risk: a warning
    await reportQ1(indicatorId, 200, "2026-05-15");
    await evaluateAt(at("2026-05-16T00:00:00Z")); // off track: critical
    await reportQ1(indicatorId, 300, "2026-05-16");
    await evaluateAt(at("2026-05-17T00:00:00Z")); // on track: resolves a critical alert
    const statuses = (await eventsOf(planIds[0]!)).map((e) => e.status).reverse();
    expect(statuses).toEqual(["at_risk", "off_track", "on_track"]);

    const count = async (id: string) => (await deliveriesOf(id)).length;
    expect(await count(critical.id)).toBe(2);
    expect(await count(everything.id)).toBe(3);
    expect(await count(staleOnly.id)).toBe(0);
    expect(await count(elsewhere.id)).toBe(0);
  });

  it("records muted transitions without delivering them", async () => {
    const { scope, indicatorId, planIds } = await trackedPlans();
    const hook = await createWebhook({
      url: "https://hooks.example.com/muted",
      filters: { scopes: [scope] },
    });
    const silence = await send("POST", "/api/silences", {
      scope,
      until: "2099-01-01",
      reason: "Known reporting delay.",
    });
    expect(silence.status).toBe(201);
    await reportQ1(indicatorId, 200, "2026-04-05");
    await evaluateAt(at("2026-05-18T00:00:00Z"));
    const events = await eventsOf(planIds[0]!);
    expect(events.map((e) => [e.status, e.muted])).toEqual([["off_track", true]]);
    expect(await deliveriesOf(hook.id)).toEqual([]);

    // The silence ends: the alert, still open, is sent as a reminder at the next run.
    const { id } = (await silence.json()) as { id: string };
    expect((await send("DELETE", `/api/silences/${id}`, undefined)).status).toBe(204);
    await evaluateAt(at("2026-05-18T00:15:00Z"));
    const after = await eventsOf(planIds[0]!);
    expect(after.map((e) => [e.type, e.muted])).toEqual([
      ["plan.reminder", false],
      ["plan.status_changed", true],
    ]);
    expect(await deliveriesOf(hook.id)).toHaveLength(1);
  });

  it("are deleted with their destination; the events stay", async () => {
    const { scope, indicatorId, planIds } = await trackedPlans();
    const hook = await createWebhook({
      url: "https://hooks.example.com/e",
      filters: { scopes: [scope] },
    });
    await reportQ1(indicatorId, 200, "2026-04-05");
    await evaluateAt(at("2026-05-19T00:00:00Z"));
    expect(await deliveriesOf(hook.id)).toHaveLength(1);
    expect((await send("DELETE", `/api/webhooks/${hook.id}`, undefined)).status).toBe(204);
    const left = await env.DB.prepare("select count(*) as n from deliveries where webhook_id = ?")
      .bind(hook.id)
      .first<{ n: number }>();
    expect(left?.n).toBe(0);
    expect(await eventsOf(planIds[0]!)).toHaveLength(1);
  });
});

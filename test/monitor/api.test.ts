// /api/silences, /api/events and /api/plans/:id/alerts over HTTP.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { call, send } from "../factories";
import { at, evaluateAt, reportQ1, trackedPlans } from "./helpers";

async function problem(res: Response, status: number, code: string) {
  expect(res.status).toBe(status);
  expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
  const body = (await res.json()) as { code: string; errors?: { path: string }[] };
  expect(body.code).toBe(code);
  return body;
}

async function silenceCount(): Promise<number> {
  const row = await env.DB.prepare("select count(*) as n from silences").first<{ n: number }>();
  return row?.n ?? 0;
}

interface EventPage {
  events: { id: string; type: string; status: string; occurred_at: string; plan_id: string }[];
  next_before: string | null;
}

describe("silences", () => {
  it("are created for a plan, an indicator or a scope, and listed while active", async () => {
    const { scope, indicatorId, planIds } = await trackedPlans();
    const res = await send("POST", "/api/silences", {
      plan_id: planIds[0],
      until: "2099-03-01",
      reason: "Waiting for the revised annual plan.",
    });
    expect(res.status).toBe(201);
    const created = (await res.json()) as { id: string };
    expect(created).toMatchObject({
      id: expect.stringMatching(/^sil_/),
      plan_id: planIds[0],
      indicator_id: null,
      scope: null,
      until: "2099-03-01T00:00:00.000Z",
      active: true,
    });
    const both = await send("POST", "/api/silences", {
      indicator_id: indicatorId,
      scope,
      until: "2099-03-01T12:00:00+07:00",
      reason: "Holiday.",
    });
    expect(await both.json()).toMatchObject({ until: "2099-03-01T05:00:00.000Z" });

    const list = (await (await call("/api/silences")).json()) as { silences: { id: string }[] };
    expect(list.silences.map((s) => s.id)).toContain(created.id);

    expect((await send("DELETE", `/api/silences/${created.id}`, undefined)).status).toBe(204);
    await problem(await send("DELETE", `/api/silences/${created.id}`, undefined), 404, "not_found");
  });

  it("refuse bad input with a stable code and write nothing", async () => {
    const { planIds } = await trackedPlans();
    const before = await silenceCount();
    const base = { plan_id: planIds[0], until: "2099-01-01", reason: "r" };
    for (const body of [
      { until: "2099-01-01", reason: "no matcher" },
      { ...base, until: "2020-01-01" },
      { ...base, until: "2099-02-30" },
      { ...base, until: "next week" },
      { ...base, until: "2099-01-01T00:00:00" },
      { ...base, reason: "" },
      { ...base, reason: undefined },
      { ...base, scope: "Not A Slug" },
      { ...base, colour: "red" },
    ]) {
      await problem(await send("POST", "/api/silences", body), 422, "validation_failed");
    }
    await problem(
      await send("POST", "/api/silences", { ...base, plan_id: "no-such-plan" }),
      422,
      "unknown_plan",
    );
    await problem(
      await send("POST", "/api/silences", {
        ...base,
        plan_id: undefined,
        indicator_id: "no-such-indicator",
      }),
      422,
      "unknown_indicator",
    );
    const scope = await problem(
      await send("POST", "/api/silences", { ...base, plan_id: undefined, scope: "no-such-scope" }),
      422,
      "unknown_scope",
    );
    expect(scope.errors?.[0]?.path).toBe("/scope");
    await problem(await send("POST", "/api/silences", base, {}), 401, "unauthorized");
    await problem(await call("/api/silences?include_expired=maybe"), 400, "invalid_query");
    expect(await silenceCount()).toBe(before);
  });
});

describe("history", () => {
  it("pages through events newest first, by id or by time", async () => {
    const { scope, indicatorId, planIds } = await trackedPlans();
    const planId = planIds[0]!;
    const steps: [number, string][] = [
      [270, "2026-05-01"],
      [200, "2026-05-02"],
      [300, "2026-05-03"],
      [200, "2026-05-04"],
    ];
    for (const [value, day] of steps) {
      await reportQ1(indicatorId, value, day);
      await evaluateAt(at(`${day}T00:00:00Z`));
    }
    const all = (await (await call(`/api/events?plan=${planId}`)).json()) as EventPage;
    expect(all.events.map((e) => e.status)).toEqual([
      "off_track",
      "on_track",
      "off_track",
      "at_risk",
    ]);
    expect(all.next_before).toBeNull();

    const first = (await (await call(`/api/events?plan=${planId}&limit=3`)).json()) as EventPage;
    expect(first.events).toHaveLength(3);
    expect(first.next_before).toBe(first.events[2]?.id);
    const second = (await (
      await call(`/api/events?plan=${planId}&limit=3&before=${first.next_before}`)
    ).json()) as EventPage;
    expect(second.events.map((e) => e.status)).toEqual(["at_risk"]);

    const byTime = (await (
      await call(`/api/events?plan=${planId}&before=2026-05-03T00:00:00.000Z`)
    ).json()) as EventPage;
    expect(byTime.events.map((e) => e.occurred_at)).toEqual([
      "2026-05-02T00:00:00.000Z",
      "2026-05-01T00:00:00.000Z",
    ]);

    const resolved = (await (
      await call(`/api/events?scope=${scope}&severity=resolved`)
    ).json()) as EventPage;
    expect(resolved.events.map((e) => e.status)).toEqual(["on_track"]);
    const typed = (await (
      await call(`/api/events?scope=${scope}&type=plan.reminder`)
    ).json()) as EventPage;
    expect(typed.events).toEqual([]);
  });

  it("validates its query", async () => {
    await problem(await call("/api/events?limit=500"), 400, "invalid_query");
    await problem(await call("/api/events?type=plan.exploded"), 400, "invalid_query");
    await problem(await call("/api/events?plan=Not%20A%20Slug"), 400, "invalid_query");
  });

  it("of one plan comes with its alert state", async () => {
    const { indicatorId, planIds } = await trackedPlans();
    const planId = planIds[0]!;
    const empty = await call(`/api/plans/${planId}/alerts`);
    expect(await empty.json()).toEqual({
      plan_id: planId,
      state: null,
      events: [],
      next_before: null,
    });

    await reportQ1(indicatorId, 270, "2026-05-10");
    await evaluateAt(at("2026-05-10T00:00:00Z"));
    const res = await call(`/api/plans/${planId}/alerts`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      plan_id: planId,
      state: {
        status: "at_risk",
        severity: "warning",
        open: true,
        stale: false,
        status_since: "2026-05-10T00:00:00.000Z",
        last_notified_at: "2026-05-10T00:00:00.000Z",
        version: 1,
      },
      events: [
        {
          type: "plan.status_changed",
          previous_status: null,
          status: "at_risk",
          severity: "warning",
          muted: false,
          plan: { id: planId },
          indicator: { id: indicatorId },
          evaluation: { status: "at_risk" },
          link: `https://status.example.org/plans/${planId}`,
        },
      ],
    });
    await problem(await call("/api/plans/no-such-plan/alerts"), 404, "not_found");
  });
});

// The incremental cron: a tick judges only the plans whose judgment can have changed, and a
// plan is never left behind (new figures, a revised plan, a passed date, a full pass).
// Storage is shared by the tests of this file, so their ticks run in time order, each test
// later than the one before: a quiet tick is quiet for every plan of the file.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createDb } from "../../src/db/client";
import { requireFullPass } from "../../src/db/queries/schedule";
import { CHUNK_PLANS, evaluateAndRecord } from "../../src/monitor/record-run";
import { actualBody, createIndicator, createPlan, postActuals, send, uid } from "../factories";
import { countingD1 } from "./d1-counter";
import { at, db, evaluateAt, eventsOf, reportQ1, settings, trackedPlans } from "./helpers";

async function schedule(planId: string) {
  return env.DB.prepare("select * from plan_schedules where plan_id = ?")
    .bind(planId)
    .first<{ next_check_at: string | null; evaluated_version: number }>();
}

/** When the plan was last judged (the run's scheduled time). */
async function judgedAt(planId: string) {
  const row = await env.DB.prepare("select evaluated_at from plan_schedules where plan_id = ?")
    .bind(planId)
    .first<{ evaluated_at: string }>();
  return row?.evaluated_at ?? null;
}

/** Brings the monitor up to date, so the tick after it sees only what a test changes. */
async function settle(now: number) {
  await evaluateAt(now);
}

describe("a quiet tick", () => {
  it("judges no plan when nothing was written and no date has passed", async () => {
    const { indicatorId } = await trackedPlans(3);
    await reportQ1(indicatorId, 300, "2026-04-05");
    await settle(at("2026-04-10T00:00:00Z"));
    const quiet = await evaluateAt(at("2026-04-10T00:15:00Z"));
    expect(quiet.plansEvaluated).toBe(0);
    expect(quiet.eventsCreated).toBe(0);
  });
});

describe("a write", () => {
  it("brings back exactly the plans of the indicator that got a figure", async () => {
    const changed = await trackedPlans(2);
    const untouched = await trackedPlans(3);
    await reportQ1(untouched.indicatorId, 300, "2026-04-01");
    await settle(at("2026-04-10T01:00:00Z"));
    await reportQ1(changed.indicatorId, 200, "2026-04-08");
    const run = await evaluateAt(at("2026-04-10T01:15:00Z"));
    expect(run.plansEvaluated).toBe(2);
    for (const planId of changed.planIds) {
      expect(await judgedAt(planId)).toBe("2026-04-10T01:15:00.000Z");
      expect((await eventsOf(planId))[0]?.status).toBe("off_track");
    }
    for (const planId of untouched.planIds) {
      expect(await judgedAt(planId)).toBe("2026-04-10T01:00:00.000Z");
    }
  });

  it("of a revised target judges that plan again", async () => {
    const { indicatorId, planIds } = await trackedPlans(1);
    await reportQ1(indicatorId, 270, "2026-04-05");
    await settle(at("2026-04-10T02:00:00Z"));
    expect((await eventsOf(planIds[0]!)).map((e) => e.status)).toEqual(["at_risk"]);
    const res = await send("PUT", `/api/plans/${planIds[0]}`, {
      indicator_id: indicatorId,
      period_start: "2026-01-01",
      period_end: "2026-12-31",
      target: 1000,
      scale: "million",
    });
    expect(res.status).toBe(200);
    const run = await evaluateAt(at("2026-04-10T02:15:00Z"));
    expect(run.plansEvaluated).toBe(1);
    expect((await eventsOf(planIds[0]!)).map((e) => e.status)).toEqual(["on_track", "at_risk"]);
  });

  it("that deletes a plan leaves no schedule behind and no error", async () => {
    const { planIds } = await trackedPlans(1);
    await settle(at("2026-04-10T03:00:00Z"));
    expect(await schedule(planIds[0]!)).not.toBeNull();
    const res = await send("DELETE", `/api/plans/${planIds[0]}`, undefined);
    expect(res.status).toBe(204);
    // Its schedule says "now" once more (its date is past), and the tick finds it gone.
    await env.DB.prepare("update plan_schedules set next_check_at = '2026-04-10' where plan_id = ?")
      .bind(planIds[0])
      .run();
    const run = await evaluateAt(at("2026-04-10T03:15:00Z"));
    expect(run.failedPlans).toEqual([]);
    expect(await schedule(planIds[0]!)).toBeNull();
  });
});

describe("a passed date", () => {
  it("brings back a plan whose figure was stored ahead of its report date, on that date", async () => {
    const { indicatorId, planIds } = await trackedPlans(1);
    await reportQ1(indicatorId, 300, "2026-04-01");
    await reportQ1(indicatorId, 200, "2026-04-20");
    await evaluateAt(at("2026-04-12T00:00:00Z"));
    expect((await schedule(planIds[0]!))?.next_check_at).toBe("2026-04-20T00:00:00.000Z");
    await evaluateAt(at("2026-04-19T23:45:00Z"));
    expect(await judgedAt(planIds[0]!)).toBe("2026-04-12T00:00:00.000Z");
    await evaluateAt(at("2026-04-20T00:00:00Z"));
    expect((await eventsOf(planIds[0]!)).map((e) => e.status)).toEqual(["off_track"]);
  });
});

describe("a full pass", () => {
  it("judges every plan again after the rules change, a chunk at a time", async () => {
    const { indicatorId, planIds } = await trackedPlans(CHUNK_PLANS + 20);
    await reportQ1(indicatorId, 300, "2026-04-05");
    await settle(at("2026-04-21T00:00:00Z"));
    await requireFullPass(db);
    const counter = countingD1(env.DB);
    const full = await evaluateAndRecord(createDb(counter.db), {
      now: at("2026-04-21T00:15:00Z"),
      wallNow: Date.now(),
      settings,
    });
    expect(full.fullPass).toBe(true);
    expect(full.plansEvaluated).toBeGreaterThanOrEqual(planIds.length);
    // Two round trips a chunk (its reads; its writes with the look at the next chunk's plans),
    // besides the claim, marking every plan (a look for a 5,000th plan, then one batch), the
    // first look at the due plans and the run's completion.
    const chunks = Math.ceil(full.plansEvaluated / CHUNK_PLANS);
    expect(chunks).toBeGreaterThanOrEqual(2);
    expect(counter.count()).toBe(5 + 2 * chunks);
    // The rules are current again: the next tick is quiet.
    expect((await evaluateAt(at("2026-04-21T00:30:00Z"))).plansEvaluated).toBe(0);
  });

  it("stops at the tick's budget and leaves the rest due for the next tick", async () => {
    const { indicatorId, planIds } = await trackedPlans(30);
    await settle(at("2026-04-21T01:00:00Z"));
    await reportQ1(indicatorId, 200, "2026-04-21");
    const options = { wallNow: Date.now(), settings, maxPlans: 20 };
    const first = await evaluateAndRecord(db, { ...options, now: at("2026-04-21T01:15:00Z") });
    expect(first.plansEvaluated).toBe(20);
    const second = await evaluateAndRecord(db, { ...options, now: at("2026-04-21T01:30:00Z") });
    expect(second.plansEvaluated).toBe(10);
    for (const planId of planIds) {
      const turns = (await eventsOf(planId)).filter((e) => e.type === "plan.status_changed");
      expect(turns.map((e) => e.status)).toEqual(["off_track"]);
    }
  });
});

describe("the passing of time", () => {
  it("brings a plan back on the day it goes stale, with no new figure", async () => {
    const { indicatorId, planIds } = await trackedPlans(1);
    await reportQ1(indicatorId, 300, "2026-04-05");
    await settle(at("2026-04-22T00:00:00Z"));
    const planId = planIds[0]!;
    // April's figure is due on 30 May, and the plan is stale after 14 June.
    expect((await schedule(planId))?.next_check_at).toBe("2026-05-30T00:00:00.000Z");
    // Other plans of this file come due for their weekly reminders; this one waits.
    await evaluateAt(at("2026-05-29T23:45:00Z"));
    expect(await judgedAt(planId)).toBe("2026-04-22T00:00:00.000Z");
    await evaluateAt(at("2026-05-30T00:00:00Z"));
    expect(await judgedAt(planId)).toBe("2026-05-30T00:00:00.000Z");
    expect((await schedule(planId))?.next_check_at).toBe("2026-06-15T00:00:00.000Z");
    expect(await eventsOf(planId)).toHaveLength(0);
    await evaluateAt(at("2026-06-15T00:00:00Z"));
    expect((await eventsOf(planId)).map((e) => e.type)).toEqual(["plan.stale"]);
  });
});

describe("a silence", () => {
  it("holds an open alert's reminder back until it ends, and the plan is looked at then", async () => {
    // In 2027, after every other test of this file, and after today (a silence ends in the future).
    const indicatorId = await createIndicator({ scope: uid("scope") });
    const plan = await createPlan(indicatorId, {
      period_start: "2027-01-01",
      period_end: "2027-12-31",
      target: 1200,
      scale: "million",
    });
    const res = await postActuals(
      actualBody(indicatorId, {
        period_start: "2027-01-01",
        period_end: "2027-03-31",
        value: 200,
        scale: "million",
        reported_at: "2027-04-05",
      }),
    );
    expect(res.status).toBe(201);
    await evaluateAt(at("2027-04-06T00:00:00Z"));
    // Off track, announced: the weekly reminder is the next thing to happen.
    expect((await schedule(plan.id))?.next_check_at).toBe("2027-04-13T00:00:00.000Z");

    const silence = await send("POST", "/api/silences", {
      plan_id: plan.id,
      until: "2027-04-20",
      reason: "The province is revising its plan.",
    });
    expect(silence.status).toBe(201);
    await evaluateAt(at("2027-04-06T00:15:00Z"));
    expect((await schedule(plan.id))?.next_check_at).toBe("2027-04-20T00:00:00.000Z");

    await evaluateAt(at("2027-04-13T00:00:00Z"));
    expect(await judgedAt(plan.id)).toBe("2027-04-06T00:15:00.000Z");
    await evaluateAt(at("2027-04-20T00:00:00Z"));
    const reminders = (await eventsOf(plan.id)).filter((e) => e.type === "plan.reminder");
    expect(reminders.map((e) => [e.occurredAt, e.muted])).toEqual([
      ["2027-04-20T00:00:00.000Z", false],
    ]);
  });
});

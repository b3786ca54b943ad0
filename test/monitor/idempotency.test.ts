// Exactly one event per transition, however runs repeat or overlap; all or nothing per run.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createDb } from "../../src/db/client";
import { claimRun, getAlertState, type RunClaim } from "../../src/db/queries/monitor";
import { decideChunk, readChunk, writeChunk } from "../../src/monitor/evaluate-chunk";
import { evaluateAndRecord } from "../../src/monitor/record-run";
import { at, db, evaluateAt, eventsOf, reportQ1, settings, trackedPlans } from "./helpers";

/** Takes a run's lease as the cron does; true when this holder got it. */
async function claimed(claim: RunClaim): Promise<boolean> {
  const [row] = await claimRun(db, claim);
  return row?.holder === claim.holder;
}

async function countRows(table: string, planId: string): Promise<number> {
  const row = await env.DB.prepare(`select count(*) as n from ${table} where plan_id = ?`)
    .bind(planId)
    .first<{ n: number }>();
  return row?.n ?? 0;
}

describe("the same scheduled time", () => {
  it("run twice records each transition once", async () => {
    const { indicatorId, planIds } = await trackedPlans();
    const planId = planIds[0]!;
    await reportQ1(indicatorId, 200, "2026-04-05");
    const now = at("2026-04-10T00:00:00Z");

    const first = await evaluateAt(now);
    const second = await evaluateAt(now);
    expect(first.skipped).toBe(false);
    expect(second).toMatchObject({ skipped: true, eventsCreated: 0 });
    const events = await eventsOf(planId);
    expect(events.map((e) => [e.type, e.status, e.severity])).toEqual([
      ["plan.status_changed", "off_track", "critical"],
    ]);
  });

  it("run twice at once records each transition once", async () => {
    const { indicatorId, planIds } = await trackedPlans(3);
    await reportQ1(indicatorId, 270, "2026-04-05");
    const now = at("2026-04-10T00:15:00Z");

    const reports = await Promise.all([evaluateAt(now), evaluateAt(now)]);
    expect(reports.filter((r) => r.skipped)).toHaveLength(1);
    for (const planId of planIds) {
      const events = await eventsOf(planId);
      expect(events.map((e) => [e.type, e.status])).toEqual([["plan.status_changed", "at_risk"]]);
      expect(await countRows("plan_alert_states", planId)).toBe(1);
    }
  });
});

describe("overlapping runs at different times", () => {
  it("that both read the same state write one transition between them", async () => {
    const { indicatorId, planIds } = await trackedPlans(2);
    await reportQ1(indicatorId, 200, "2026-04-05");
    const nowA = at("2026-04-10T00:30:00Z");
    const nowB = at("2026-04-10T00:45:00Z");
    const claim = (now: number, holder: string) => ({
      scheduledTime: new Date(now).toISOString(),
      holder,
      wallNow: Date.now(),
      leaseMs: 60_000,
    });

    // Both runs read before either writes: the interleaving a slow run and the next tick can
    // produce, made deterministic, through the same read, decide and write the cron runs.
    expect(await claimed(claim(nowA, "run-a"))).toBe(true);
    expect(await claimed(claim(nowB, "run-b"))).toBe(true);
    const readA = await readChunk(db, planIds, { now: nowA, settings });
    const readB = await readChunk(db, planIds, { now: nowB, settings });
    const runA = decideChunk(readA, settings);
    const runB = decideChunk(readB, settings);
    for (const planId of planIds) {
      // Each run, alone, would announce the transition.
      expect(runA.events.filter((e) => e.planId === planId)).toHaveLength(1);
      expect(runB.events.filter((e) => e.planId === planId)).toHaveLength(1);
    }

    const wroteA = await writeChunk(db, readA, runA, "run-a");
    const wroteB = await writeChunk(db, readB, runB, "run-b");
    expect(wroteA.eventsCreated).toBeGreaterThanOrEqual(planIds.length);
    for (const planId of planIds) {
      const events = await eventsOf(planId);
      expect(events).toHaveLength(1);
      expect(events[0]?.occurredAt).toBe(new Date(nowA).toISOString());
      // The loser left no snapshot behind either.
      expect(await countRows("evaluation_snapshots", planId)).toBe(1);
    }
    expect(wroteB.eventsCreated).toBe(0);

    // The next run starts from the winner's state and finds nothing new to say.
    await evaluateAt(at("2026-04-10T01:00:00Z"));
    for (const planId of planIds) expect(await eventsOf(planId)).toHaveLength(1);
  });

  it("started together record each transition once", async () => {
    const { indicatorId, planIds } = await trackedPlans(2);
    await reportQ1(indicatorId, 200, "2026-04-05");
    await Promise.all([
      evaluateAt(at("2026-04-11T00:00:00Z")),
      evaluateAt(at("2026-04-11T00:15:00Z")),
      evaluateAt(at("2026-04-11T00:30:00Z")),
    ]);
    for (const planId of planIds) {
      expect((await eventsOf(planId)).map((e) => e.status)).toEqual(["off_track"]);
    }
  });
});

describe("a run's lease", () => {
  it("keeps a second run of the same time out until it expires", async () => {
    const { indicatorId, planIds } = await trackedPlans();
    await reportQ1(indicatorId, 200, "2026-04-05");
    const scheduledTime = "2026-04-12T00:00:00.000Z";
    const wall = Date.now();
    // A run that took the lease and died before writing.
    const crashed = await claimed({
      scheduledTime,
      holder: "crashed",
      wallNow: wall,
      leaseMs: 5 * 60_000,
    });
    expect(crashed).toBe(true);

    const opts = { now: at(scheduledTime), settings };
    expect(await evaluateAndRecord(db, { ...opts, wallNow: wall + 60_000 })).toMatchObject({
      skipped: true,
    });
    expect(await eventsOf(planIds[0]!)).toHaveLength(0);
    const retry = await evaluateAndRecord(db, { ...opts, wallNow: wall + 6 * 60_000 });
    expect(retry.skipped).toBe(false);
    expect(await eventsOf(planIds[0]!)).toHaveLength(1);
    // And once finished, never again.
    expect(await evaluateAndRecord(db, { ...opts, wallNow: wall + 60 * 60_000 })).toMatchObject({
      skipped: true,
    });
  });
});

describe("atomicity", () => {
  /** The binding, with a statement that fails appended to every write batch after the reads. */
  function failingWrites(target: D1Database): D1Database {
    let calls = 0;
    return new Proxy(target, {
      get(t, prop) {
        if (prop === "batch") {
          return (statements: D1PreparedStatement[]) => {
            calls += 1;
            if (calls <= 2) return t.batch(statements);
            return t.batch([...statements, t.prepare("select * from no_such_table")]);
          };
        }
        const value: unknown = Reflect.get(t, prop, t);
        return typeof value === "function"
          ? (value as (...a: unknown[]) => unknown).bind(t)
          : value;
      },
    });
  }

  it("a run that fails at its last statement writes nothing, and a later run does it all", async () => {
    const { indicatorId, planIds } = await trackedPlans(2);
    await reportQ1(indicatorId, 200, "2026-04-05");
    const broken = createDb(failingWrites(env.DB));
    const now = at("2026-04-13T00:00:00Z");
    await expect(
      evaluateAndRecord(broken, { now, wallNow: Date.now(), settings }),
    ).rejects.toThrow();
    for (const planId of planIds) {
      expect(await eventsOf(planId)).toHaveLength(0);
      expect(await countRows("plan_alert_states", planId)).toBe(0);
      expect(await countRows("evaluation_snapshots", planId)).toBe(0);
    }
    const run = await env.DB.prepare(
      "select finished_at from monitor_runs where scheduled_time = ?",
    )
      .bind(new Date(now).toISOString())
      .first<{ finished_at: string | null }>();
    expect(run?.finished_at).toBeNull();

    await evaluateAt(now + 15 * 60_000);
    for (const planId of planIds) expect(await eventsOf(planId)).toHaveLength(1);
  });
});

describe("a late run of an older scheduled time", () => {
  // A figure on track reported on 1 April, revised down on 11 April. The run of 12 April sees
  // the revision; a retry of the run of 5 April, arriving after it, still sees only the first.
  async function revisedPlan() {
    const { indicatorId, planIds } = await trackedPlans();
    await reportQ1(indicatorId, 300, "2026-04-01");
    await reportQ1(indicatorId, 200, "2026-04-11");
    return planIds[0]!;
  }

  it("changes no state and announces nothing", async () => {
    const planId = await revisedPlan();
    await evaluateAt(at("2026-04-02T03:00:00Z"));
    await evaluateAt(at("2026-04-12T03:00:00Z"));
    const newer = await getAlertState(db, planId);
    expect(newer).toMatchObject({ status: "off_track", version: 2 });

    const late = await evaluateAt(at("2026-04-05T03:00:00Z"));
    expect(late.skipped).toBe(false);
    expect(await getAlertState(db, planId)).toEqual(newer);
    expect((await eventsOf(planId)).map((e) => [e.type, e.status])).toEqual([
      ["plan.status_changed", "off_track"],
    ]);
    expect(await countRows("evaluation_snapshots", planId)).toBe(2);

    // The next run finds the state as the newer run left it: nothing to say.
    await evaluateAt(at("2026-04-12T03:15:00Z"));
    expect(await eventsOf(planId)).toHaveLength(1);
  });

  it("that read the state before the newer run wrote still loses to it", async () => {
    const planId = await revisedPlan();
    await evaluateAt(at("2026-04-02T04:00:00Z"));
    const lateNow = at("2026-04-05T04:00:00Z");
    const claim = {
      scheduledTime: new Date(lateNow).toISOString(),
      holder: "late",
      wallNow: Date.now(),
      leaseMs: 60_000,
    };
    // The late run reads, the newer run then reads and writes, the late run writes last.
    expect(await claimed(claim)).toBe(true);
    const read = await readChunk(db, [planId], { now: lateNow, settings });
    await evaluateAt(at("2026-04-12T04:00:00Z"));
    const newer = await getAlertState(db, planId);
    await writeChunk(db, read, decideChunk(read, settings), "late");
    expect(await getAlertState(db, planId)).toEqual(newer);
    expect((await eventsOf(planId)).map((e) => e.status)).toEqual(["off_track"]);
  });
});

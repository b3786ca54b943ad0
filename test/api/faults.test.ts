// Injected D1 failures. A transient error ("Network connection lost", "object to be reset") is
// retried only around writes that give the same result when repeated; a batch killed halfway
// writes nothing; a full outbox drains in bounded batches, each delivery sent once.
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { buildApp } from "../../src/app";
import { createDb } from "../../src/db/client";
import { isTransientD1Error, retryTransient } from "../../src/lib/d1-retry";
import { drainOutbox } from "../../src/monitor/drain";
import {
  ADMIN,
  actualBody,
  auditOf,
  call,
  createIndicator,
  createPlan,
  dump,
  indicatorBody,
  uid,
} from "../factories";
import {
  at,
  createWebhook,
  evaluateAt,
  reportQ1,
  settings,
  trackedPlans,
} from "../monitor/helpers";
import { scriptedReceiver } from "../webhooks/receiver";
import { type Fault, faultyD1, LOST, RESET } from "./faulty-d1";

const app = buildApp();

async function through(
  faults: Fault[],
  method: string,
  path: string,
  body?: unknown,
  type = "application/json",
) {
  const faulty = faultyD1(env.DB, faults);
  const ctx = createExecutionContext();
  const res = await app.fetch(
    new Request(`https://monitor.test${path}`, {
      method,
      headers: { "content-type": type, ...ADMIN },
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    }),
    { ...env, DB: faulty.db },
    ctx,
  );
  await waitOnExecutionContext(ctx);
  return { res, writes: faulty.writes() };
}

describe("retryTransient", () => {
  it("knows D1's transient errors from the rest", () => {
    expect(isTransientD1Error(new Error(LOST))).toBe(true);
    expect(isTransientD1Error(new Error(RESET))).toBe(true);
    expect(
      isTransientD1Error(new Error("D1_ERROR: Durable Object reset because its code was updated.")),
    ).toBe(true);
    expect(isTransientD1Error(new Error("D1_ERROR: UNIQUE constraint failed: plans.id"))).toBe(
      false,
    );
    expect(isTransientD1Error(new Error("D1_ERROR: no such table: x"))).toBe(false);
  });

  it("retries a transient error with the given waits, then gives up with a 503", async () => {
    const waits: number[] = [];
    let calls = 0;
    const failing = retryTransient(
      async () => {
        calls += 1;
        throw new Error(LOST);
      },
      { attempts: 3, delaysMs: [10, 40], sleep: async (ms) => void waits.push(ms) },
    );
    await expect(failing).rejects.toMatchObject({ code: "database_unavailable", status: 503 });
    expect(calls).toBe(3);
    expect(waits).toEqual([10, 40]);
  });

  it("passes any other error through at once", async () => {
    let calls = 0;
    await expect(
      retryTransient(async () => {
        calls += 1;
        throw new Error("D1_ERROR: UNIQUE constraint failed");
      }),
    ).rejects.toThrow("UNIQUE");
    expect(calls).toBe(1);
  });
});

describe("an idempotent write meets a transient D1 error", () => {
  it("PUT indicator, lost before it reached D1: retried, written once", async () => {
    const id = uid("ind");
    const { res, writes } = await through(
      ["lost-before"],
      "PUT",
      `/api/indicators/${id}`,
      indicatorBody(),
    );
    expect(res.status).toBe(201);
    expect(writes).toBe(2);
    expect(await auditOf("indicator", id)).toHaveLength(1);
  });

  it("PUT indicator, committed but its answer lost: the retry finds it done and writes nothing", async () => {
    const id = uid("ind");
    const { res, writes } = await through(
      ["lost-after"],
      "PUT",
      `/api/indicators/${id}`,
      indicatorBody(),
    );
    expect(res.status).toBe(200);
    expect(writes).toBe(1);
    expect((await call(`/api/indicators/${id}`)).status).toBe(200);
    expect(await auditOf("indicator", id)).toHaveLength(1);
  });

  it("PUT plan, a revision committed but its answer lost: exactly one new revision", async () => {
    const ind = await createIndicator();
    const plan = await createPlan(ind);
    const body = {
      indicator_id: ind,
      period_start: "2024-01-01",
      period_end: "2024-12-31",
      target: 3000,
      scale: "million",
    };
    const { res } = await through(["lost-after"], "PUT", `/api/plans/${plan.id}`, body);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { revision: number }).revision).toBe(2);
    const detail = (await (await call(`/api/plans/${plan.id}`)).json()) as {
      revisions: { revision: number }[];
    };
    expect(detail.revisions.map((r) => r.revision)).toEqual([1, 2]);
    expect((await auditOf("plan", plan.id)).map((e) => e.action)).toEqual(["revise", "create"]);
  });

  it("POST actuals, committed but the answer lost: stored once, reported as already there", async () => {
    const ind = await createIndicator();
    const figures = Array.from({ length: 12 }, (_, i) => actualBody(ind, { value: 100 + i }));
    const { res, writes } = await through(["lost-after"], "POST", "/api/actuals", figures);
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      inserted: unknown[];
      duplicates: number;
      outcomes: { outcome: string }[];
    };
    expect(body).toMatchObject({ inserted: [], duplicates: 12 });
    expect(new Set(body.outcomes.map((o) => o.outcome))).toEqual(new Set(["unchanged"]));
    // The retry reads the figures back as stored and writes nothing more.
    expect(writes).toBe(1);
    const stored = (await (await call(`/api/indicators/${ind}/actuals?revisions=all`)).json()) as {
      actuals: { id: number }[];
    };
    expect(stored.actuals).toHaveLength(12);
    for (const a of stored.actuals) expect(await auditOf("actual", String(a.id))).toHaveLength(1);
  });

  it("POST actuals, lost twice before reaching D1: the third try writes them", async () => {
    const ind = await createIndicator();
    const { res, writes } = await through(
      ["lost-before", "lost-before"],
      "POST",
      "/api/actuals",
      actualBody(ind),
    );
    expect(res.status).toBe(201);
    expect(writes).toBe(3);
  });

  it("a write that keeps failing is a 503 with Retry-After, and nothing is written", async () => {
    const before = await dump(env.DB);
    const { res, writes } = await through(
      ["lost-before", "lost-before", "lost-before"],
      "PUT",
      `/api/indicators/${uid("ind")}`,
      indicatorBody(),
    );
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("1");
    expect(((await res.json()) as { code: string }).code).toBe("database_unavailable");
    expect(writes).toBe(3);
    expect(await dump(env.DB)).toBe(before);
  });
});

describe("a write that is not idempotent", () => {
  it("POST plans (a create) is tried once: a lost answer is not replayed into a 409", async () => {
    const ind = await createIndicator();
    const before = await dump(env.DB);
    const { res, writes } = await through(["lost-before"], "POST", "/api/plans", {
      id: uid("plan"),
      indicator_id: ind,
      period_start: "2024-01-01",
      period_end: "2024-12-31",
      target: 5,
    });
    expect(res.status).toBe(500);
    expect(((await res.json()) as { code: string }).code).toBe("internal_error");
    expect(writes).toBe(1);
    expect(await dump(env.DB)).toBe(before);
  });
});

describe("a batch killed halfway", () => {
  it("PUT indicator: nothing written, no audit entry, not retried (the error is not transient)", async () => {
    const before = await dump(env.DB);
    const { res, writes } = await through(
      ["killed"],
      "PUT",
      `/api/indicators/${uid("ind")}`,
      indicatorBody(),
    );
    expect(res.status).toBe(500);
    expect(writes).toBe(1);
    expect(await dump(env.DB)).toBe(before);
  });

  it("a CSV import of 300 figures (dozens of statements): not one row, no audit entry, no cursor left", async () => {
    const ind = await createIndicator();
    const rows = Array.from(
      { length: 300 },
      (_, i) =>
        `${ind},2024-01-01,2024-03-31,${i + 1},final,2024-04-${String((i % 28) + 1).padStart(2, "0")}`,
    );
    const csv = ["indicator_id,period_start,period_end,value,status,reported_at", ...rows].join(
      "\n",
    );
    const before = await dump(env.DB);
    const { res } = await through(["killed"], "POST", "/api/import", csv, "text/csv");
    expect(res.status).toBe(500);
    expect(await dump(env.DB)).toBe(before);
    // The same file, not killed, writes everything.
    const { res: ok } = await through([], "POST", "/api/import", csv, "text/csv");
    expect(ok.status).toBe(200);
    const stored = (await (await call(`/api/indicators/${ind}/actuals?revisions=all`)).json()) as {
      actuals: unknown[];
    };
    expect(stored.actuals).toHaveLength(300);
    const meta = await env.DB.prepare("select key from meta where key like 'audit_cursor%'").all();
    expect(meta.results).toHaveLength(0);
  });
});

describe("a full outbox", () => {
  it("drains in bounded batches, each delivery sent and recorded once through lost D1 answers", async () => {
    const { scope, indicatorId } = await trackedPlans(25);
    const hook = await createWebhook({
      url: "https://hooks.example.com/faults",
      filters: { scopes: [scope] },
    });
    await reportQ1(indicatorId, 200, "2026-04-05");
    const now = at("2026-04-14T00:00:00Z");
    await evaluateAt(now);
    const receiver = scriptedReceiver(() => "ok");
    const pending = async () =>
      (
        await env.DB.prepare(
          "select count(*) as n from deliveries where webhook_id = ? and status = 'pending'",
        )
          .bind(hook.id)
          .first<{ n: number }>()
      )?.n;
    expect(await pending()).toBe(25);

    // First tick: the first claim commits but its answer is lost (its retry succeeds), and so
    // does the first record of outcomes: had the retry recorded the attempts again, there
    // would be 35 of them below.
    const faulty = faultyD1(env.DB, ["lost-after", null, "lost-after"]);
    const first = await drainOutbox(createDb(faulty.db), {
      now,
      settings,
      transport: receiver.transport,
      batchSize: 10,
      maxBatches: 2,
    });
    expect(first.delivered).toBe(20);
    // Claim, its retry, record, its retry; then the second batch's claim and record.
    expect(faulty.writes()).toBe(6);
    expect(await pending()).toBe(5);

    const second = await drainOutbox(createDb(env.DB), {
      now,
      settings,
      transport: receiver.transport,
      batchSize: 10,
      maxBatches: 2,
    });
    expect(second.delivered).toBe(5);
    expect(receiver.unique.size).toBe(25);
    expect(receiver.copies).toHaveLength(25);
    const attempts = await env.DB.prepare(
      "select count(*) as n, count(distinct delivery_id) as d from delivery_attempts a join deliveries d on d.id = a.delivery_id where d.webhook_id = ?",
    )
      .bind(hook.id)
      .first<{ n: number; d: number }>();
    expect(attempts).toEqual({ n: 25, d: 25 });
  });
});

// A national deployment's status, a page at a time: every plan exactly once, each page one D1
// round trip, a cursor that survives writes in between, only the summary when that is all a
// client wants, and a clear refusal instead of an answer too large for one isolate.
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import worker from "../../src/index";
import { STATUS_PAGE_MAX } from "../../src/routes/status";
import {
  ADMIN,
  actualBody,
  call,
  createIndicator,
  createPlan,
  postActuals,
  uid,
} from "../factories";
import { countingD1 } from "../monitor/d1-counter";

interface Entry {
  plan?: { id: string };
  indicator?: { id: string };
  evaluation?: { status: string };
}
interface Status {
  as_of: string;
  data_version: number;
  summary?: Record<string, number>;
  plans?: Entry[];
  next_cursor?: string | null;
}

/** A scope of `count` plans over `count` indicators, every other one with a figure. */
async function scopeOf(count: number) {
  const scope = uid("pages");
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const indicator = await createIndicator({ scope });
    ids.push((await createPlan(indicator)).id);
    if (i % 2 === 0) await postActuals([actualBody(indicator, { value: 1000 + i * 200 })]);
  }
  return { scope, ids: ids.sort() };
}

async function statusOf(query: string, vars: Record<string, string> = {}) {
  const counter = countingD1(env.DB);
  const ctx = createExecutionContext();
  const res = await worker.fetch(
    new Request(`https://monitor.test/api/status?${query}`),
    { ...env, ...vars, DB: counter.db },
    ctx,
  );
  await waitOnExecutionContext(ctx);
  return { res, roundTrips: counter.count() };
}

async function ok(query: string): Promise<Status> {
  const res = await call(`/api/status?${query}`);
  expect(res.status).toBe(200);
  return (await res.json()) as Status;
}

async function everyPage(first: string, more = first): Promise<Status[]> {
  const pages: Status[] = [];
  let page = await ok(first);
  pages.push(page);
  while (page.next_cursor) {
    page = await ok(`${more}&cursor=${page.next_cursor}`);
    pages.push(page);
  }
  return pages;
}

describe("GET /api/status a page at a time", () => {
  it("lists every plan exactly once, in the order of their ids, as the whole answer judges it", async () => {
    const { scope, ids } = await scopeOf(7);
    const pages = await everyPage(
      `scope=${scope}&as_of=2024-10-15&limit=3`,
      `scope=${scope}&limit=3`,
    );
    expect(pages.map((p) => p.plans?.length)).toEqual([3, 3, 1]);
    expect(pages.at(-1)?.next_cursor).toBeNull();
    for (const page of pages) expect(page.summary).toBeUndefined();
    const listed = pages.flatMap((p) => p.plans ?? []);
    expect(listed.map((e) => e.plan?.id)).toEqual(ids);

    const whole = await ok(`scope=${scope}&as_of=2024-10-15`);
    const byId = new Map(whole.plans?.map((e) => [e.plan?.id, e]));
    for (const entry of listed) expect(entry).toEqual(byId.get(entry.plan?.id));
  });

  it("costs one D1 round trip per page, whatever the page's size", async () => {
    const { scope } = await scopeOf(6);
    for (const limit of [2, 6]) {
      const { res, roundTrips } = await statusOf(`scope=${scope}&as_of=2024-10-15&limit=${limit}`);
      expect(res.status).toBe(200);
      expect(roundTrips).toBe(1);
    }
  });

  it("keeps its place when plans are added and removed between two pages", async () => {
    const { scope, ids } = await scopeOf(6);
    const first = await ok(`scope=${scope}&as_of=2024-10-15&limit=3`);
    expect(first.plans?.map((e) => e.plan?.id)).toEqual(ids.slice(0, 3));
    // A plan already listed goes away, and one that sorts before the cursor arrives: neither
    // may shift a plan not yet listed off the next page or list one twice.
    const gone = await call(`/api/plans/${ids[0]}`, { method: "DELETE", headers: ADMIN });
    expect(gone.status).toBe(204);
    const early = await createPlan(await createIndicator({ scope }), { id: "0-early-plan" });
    const late = await createPlan(await createIndicator({ scope }), { id: "zzz-late-plan" });
    let page = first;
    const rest: string[] = [];
    while (page.next_cursor) {
      page = await ok(`scope=${scope}&limit=3&cursor=${page.next_cursor}`);
      rest.push(...(page.plans ?? []).map((e) => e.plan?.id ?? ""));
    }
    expect(rest).toEqual([...ids.slice(3), late.id]);
    expect(rest).not.toContain(early.id);
  });

  it("judges every page as of the first page's date", async () => {
    const { scope } = await scopeOf(3);
    const first = await ok(`scope=${scope}&as_of=2024-03-01&limit=2`);
    const second = await ok(`scope=${scope}&cursor=${first.next_cursor}`);
    expect(second.as_of).toBe("2024-03-01");
  });

  it("lists on a page only the plans with the status asked for, and pages on", async () => {
    const { scope } = await scopeOf(6);
    const pages = await everyPage(
      `scope=${scope}&as_of=2024-10-15&status=no_data&limit=2`,
      `scope=${scope}&status=no_data`,
    );
    const listed = pages.flatMap((p) => p.plans ?? []);
    expect(listed).toHaveLength(3);
    for (const entry of listed) expect(entry.evaluation?.status).toBe("no_data");
  });
});

describe("GET /api/status with chosen fields", () => {
  it("answers only the summary, counting every plan", async () => {
    const { scope } = await scopeOf(5);
    const whole = await ok(`scope=${scope}&as_of=2024-10-15`);
    const summary = await ok(`scope=${scope}&as_of=2024-10-15&fields=summary`);
    expect(summary.plans).toBeUndefined();
    expect(summary.summary).toEqual(whole.summary);
    expect(summary.summary?.total).toBe(5);
  });

  it("answers only the fields of each plan asked for", async () => {
    const { scope } = await scopeOf(2);
    const body = await ok(`scope=${scope}&as_of=2024-10-15&fields=plan,evaluation`);
    expect(body.summary).toBeUndefined();
    for (const entry of body.plans ?? []) {
      expect(Object.keys(entry).sort()).toEqual(["evaluation", "plan"]);
    }
  });
});

describe("GET /api/status past what one answer holds", () => {
  it("refuses a whole answer larger than STATUS_UNPAGED_MAX_PLANS, and pages it instead", async () => {
    const { scope } = await scopeOf(4);
    const refused = await statusOf(`scope=${scope}&as_of=2024-10-15`, {
      STATUS_UNPAGED_MAX_PLANS: "3",
    });
    expect(refused.res.status).toBe(400);
    expect(refused.res.headers.get("content-type")).toContain("application/problem+json");
    expect(((await refused.res.json()) as { code: string }).code).toBe("page_required");

    const atCap = await statusOf(`scope=${scope}&as_of=2024-10-15`, {
      STATUS_UNPAGED_MAX_PLANS: "4",
    });
    expect(atCap.res.status).toBe(200);
    const paged = await statusOf(`scope=${scope}&as_of=2024-10-15&limit=3`, {
      STATUS_UNPAGED_MAX_PLANS: "3",
    });
    expect(paged.res.status).toBe(200);
    const summary = await statusOf(`scope=${scope}&as_of=2024-10-15&fields=summary`, {
      STATUS_UNPAGED_MAX_PLANS: "3",
    });
    expect(((await summary.res.json()) as Status).summary?.total).toBe(4);
  });

  it.each([
    ["a cursor it never gave out", "cursor=bm90LWEtY3Vyc29y"],
    ["a cursor that is not base64url", "cursor=%25%25"],
    ["a page of no plans", "limit=0"],
    ["a page larger than the largest", `limit=${STATUS_PAGE_MAX + 1}`],
    ["an unknown field", "fields=plan,secrets"],
    ["a summary of one page", "fields=summary&limit=2"],
  ])("answers 400 invalid_query to %s", async (_, query) => {
    const res = await call(`/api/status?as_of=2024-10-15&${query}`);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { code: string }).code).toBe("invalid_query");
  });

  it("answers 400 invalid_query to a cursor sent with other filters than its first page", async () => {
    const { scope } = await scopeOf(3);
    const first = await ok(`scope=${scope}&as_of=2024-10-15&limit=2`);
    for (const query of [
      `cursor=${first.next_cursor}`,
      `scope=${scope}&status=on_track&cursor=${first.next_cursor}`,
      `scope=${scope}&as_of=2024-10-16&cursor=${first.next_cursor}`,
    ]) {
      const res = await call(`/api/status?${query}`);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { code: string }).code).toBe("invalid_query");
    }
  });
});

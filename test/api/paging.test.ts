// Readers of what grows without bound answer a page at a time. Before, the plan page (29 MB
// after 25,000 vintages), `?revisions=all` and /api/export (27 MB each) loaded everything.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { actualBody, call, createIndicator, createPlan, postActuals } from "../factories";

/** `count` vintages of one period (a figure revised `count` times), oldest first. */
async function revised(ind: string, count: number, period_end = "2024-09-30") {
  for (let start = 0; start < count; start += 1000) {
    const items = Array.from({ length: Math.min(1000, count - start) }, (_, i) =>
      actualBody(ind, {
        value: 1000 + start + i,
        scale: undefined,
        period_end,
        reported_at: `2025-${String(((start + i) % 12) + 1).padStart(2, "0")}-${String(((start + i) % 28) + 1).padStart(2, "0")}`,
      }),
    );
    expect((await postActuals(items)).status).toBe(201);
  }
}

interface Page {
  actuals: { id: number }[];
  next_after: number | null;
}

async function allPages(url: string): Promise<Page[]> {
  const pages: Page[] = [];
  let next: number | null = null;
  do {
    const res = await call(`${url}${next === null ? "" : `&after=${next}`}`);
    expect(res.status).toBe(200);
    const page = (await res.json()) as Page;
    pages.push(page);
    next = page.next_after;
  } while (next !== null);
  return pages;
}

describe("every vintage of an indicator", () => {
  it("comes a page of at most 1,000 at a time, each exactly once, in order", async () => {
    const ind = await createIndicator();
    await revised(ind, 2500);
    const pages = await allPages(`/api/indicators/${ind}/actuals?revisions=all`);
    expect(pages.map((p) => p.actuals.length)).toEqual([1000, 1000, 500]);
    const ids = pages.flatMap((p) => p.actuals.map((a) => a.id));
    expect(new Set(ids).size).toBe(2500);
    // The order is the listing's own (period, report date, id), whole across pages.
    const { results } = await env.DB.prepare(
      "select id from actuals where indicator_id = ? order by period_end, period_start, reported_at, id",
    )
      .bind(ind)
      .all<{ id: number }>();
    expect(ids).toEqual(results.map((r) => r.id));
  });

  it("the latest of each period, too, with a smaller page if asked", async () => {
    const ind = await createIndicator();
    for (const end of ["2024-03-31", "2024-06-30", "2024-09-30"]) {
      await revised(ind, 3, end);
    }
    const pages = await allPages(`/api/indicators/${ind}/actuals?revisions=latest&limit=2`);
    expect(pages.map((p) => p.actuals.length)).toEqual([2, 1]);
  });

  it("refuses a page larger than 1,000", async () => {
    const ind = await createIndicator();
    const res = await call(`/api/indicators/${ind}/actuals?revisions=all&limit=5000`);
    expect(res.status).toBe(400);
  });
});

describe("the plan page's vintages", () => {
  it("shows 100 at a time, newest first, with a link to the older ones", async () => {
    const ind = await createIndicator();
    const plan = await createPlan(ind);
    await revised(ind, 250);
    const rowsOf = (html: string) =>
      [...html.matchAll(/data-actual="(\d+)"/g)].map((m) => m[1] ?? "");
    const seen: string[] = [];
    let url: string | null = `/plans/${plan.id}?as_of=2026-01-01`;
    let pages = 0;
    while (url) {
      const res = await call(url);
      expect(res.status).toBe(200);
      const html = await res.text();
      seen.push(...rowsOf(html));
      pages += 1;
      const older = /<a href="([^"]+)" rel="next">/.exec(html)?.[1];
      url = older ? older.replaceAll("&amp;", "&") : null;
      if (url) expect(url).toContain("as_of=2026-01-01");
    }
    expect(pages).toBe(3);
    expect(seen).toHaveLength(250);
    expect(new Set(seen).size).toBe(250);
  });
});

describe("GET /api/export", () => {
  it("is broken off, not completed, when the data changes while it is read", async () => {
    const ind = await createIndicator();
    await revised(ind, 1200);
    const res = await call("/api/export");
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    const first = await reader.read();
    expect(first.done).toBe(false);
    // A figure arrives while the export is being read.
    expect((await postActuals(actualBody(ind, { period_end: "2024-06-30" }))).status).toBe(201);
    const read = async () => {
      for (;;) if ((await reader.read()).done) return "ended";
    };
    await expect(read()).rejects.toThrow(/changed while it was being exported/);
  });

  it("reads to the end, and parses, when nothing changes", async () => {
    const ind = await createIndicator();
    await revised(ind, 1200);
    const res = await call("/api/export");
    const doc = (await res.json()) as { actuals: { id: number }[] };
    expect(doc.actuals.length).toBeGreaterThanOrEqual(1200);
    const ids = doc.actuals.map((a) => a.id);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
  });
});

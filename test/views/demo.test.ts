// The overview on the demo dataset (scripts/demo-data.json, from five news articles): the
// figures a new user sees first, and the page's weight budget. This file loads nothing
// else, so the page here is exactly the demo's.
import { beforeAll, expect, it } from "vitest";
import { demo, loadDemoData } from "../demo-data";
import { call } from "../factories";

const WEIGHT_BUDGET = 60 * 1024;

beforeAll(async () => {
  await loadDemoData();
});

async function overview(query: string) {
  const res = await call(`/${query}`);
  expect(res.status).toBe(200);
  return res.text();
}

function row(html: string, planId: string): string {
  const start = html.indexOf(`<tr id="plan-${planId}"`);
  expect(start, planId).toBeGreaterThanOrEqual(0);
  return html.slice(start, html.indexOf("</tr>", start)).replace(/<[^>]+>/g, " ");
}

it("tells the seed's story as of mid-October 2024", async () => {
  const html = await overview("?as_of=2024-10-15");
  for (const plan of demo.plans) expect(html).toContain(`data-plan="${plan.id}"`);
  // "đạt 84,58% kế hoạch" and "đạt 112,67% kế hoạch", as the article printed them.
  expect(row(html, "nghe-an.goods-exports.2024")).toMatch(
    /2\.33 bn USD[\s\S]*\+32\.01% on the same period last year[\s\S]*84\.58%[\s\S]*Ahead/,
  );
  expect(row(html, "nghe-an.goods-imports.2024")).toMatch(
    /1\.69 bn USD[\s\S]*\+73\.51% on the same period last year[\s\S]*112\.67%[\s\S]*Achieved/,
  );
  // A level is achieved only by the figure for the term's last year.
  expect(row(html, "nghe-an.export-turnover.2021-2025")).toMatch(/Ahead/);
  expect(row(html, "nghe-an.exports.seafood.2024")).toMatch(/No figure yet[\s\S]*No data/);
});

it("tells it in Vietnamese too", async () => {
  const html = await overview("?as_of=2024-10-15&lang=vi");
  expect(row(html, "nghe-an.goods-exports.2024")).toMatch(
    /2,33 tỷ USD[\s\S]*84,58%[\s\S]*Vượt tiến độ/,
  );
  expect(row(html, "nghe-an.goods-imports.2024")).toMatch(/1,69 tỷ USD[\s\S]*112,67%[\s\S]*Đã đạt/);
});

it("says today that the 2024 periods are over and what is missing, beside how they stood", async () => {
  const html = await overview("");
  expect(row(html, "nghe-an.goods-exports.2024")).toMatch(
    /Period over\s+Stale\s+Final figure not yet in; last reading Jan–Sep 2024: Ahead/,
  );
  expect(row(html, "nghe-an.exports.seafood.2024")).toMatch(
    /Period over\s+Stale\s+Final figure not yet in; no figure was reported for the period/,
  );
  expect(row(html, "nghe-an.goods-imports.2024")).toMatch(/Achieved/);
  // No 2024 plan, nor the term that ended in 2025, is judged on pace any more.
  for (const plan of demo.plans) {
    expect(html).toMatch(
      new RegExp(`data-plan="${plan.id}" data-status="(period_over|achieved|missed)"`),
    );
  }
});

it("keeps the overview, CSS and script included, under 60 KB", async () => {
  for (const query of ["", "?lang=vi", "?as_of=2024-10-15"]) {
    const bytes = new TextEncoder().encode(await overview(query)).byteLength;
    expect(bytes, query).toBeLessThan(WEIGHT_BUDGET);
  }
});

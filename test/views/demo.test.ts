// The overview on the demo dataset (scripts/demo-data.json, from the articles in shared/seeds):
// the figures a new user sees first, and the page's weight budget. This file loads nothing
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
  expect(row(html, "nghe-an.goods-exports.2024")).toMatch(/2\.33 bn USD[\s\S]*84\.58%[\s\S]*Ahead/);
  expect(row(html, "nghe-an.goods-imports.2024")).toMatch(
    /1\.69 bn USD[\s\S]*112\.67%[\s\S]*Achieved/,
  );
  expect(row(html, "nghe-an.export-turnover.2021-2025")).toMatch(/Achieved/);
  expect(row(html, "nghe-an.exports.seafood.2024")).toMatch(/No figure yet[\s\S]*No data/);
});

it("tells it in Vietnamese too", async () => {
  const html = await overview("?as_of=2024-10-15&lang=vi");
  expect(row(html, "nghe-an.goods-exports.2024")).toMatch(
    /2,33 tỷ USD[\s\S]*84,58%[\s\S]*Vượt tiến độ/,
  );
  expect(row(html, "nghe-an.goods-imports.2024")).toMatch(/1,69 tỷ USD[\s\S]*112,67%[\s\S]*Đã đạt/);
});

it("marks long-finished 2024 plans stale today, beside how they stood", async () => {
  const html = await overview("");
  expect(row(html, "nghe-an.goods-exports.2024")).toMatch(/Ahead\s+Stale/);
  expect(row(html, "nghe-an.exports.seafood.2024")).toMatch(/No data\s+Stale/);
});

it("keeps the overview, CSS and script included, under 60 KB", async () => {
  for (const query of ["", "?lang=vi", "?as_of=2024-10-15"]) {
    const bytes = new TextEncoder().encode(await overview(query)).byteLength;
    expect(bytes, query).toBeLessThan(WEIGHT_BUDGET);
  }
});

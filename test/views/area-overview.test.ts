// A country's overview, one area at a time: past OVERVIEW_MAX_PLANS targets the overview lists
// the areas with their counts, and an area's link shows that area's targets alone.
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { expect, it } from "vitest";
import worker from "../../src/index";
import { OVERVIEW_PAGE_PLANS } from "../../src/routes/pages";
import {
  actualBody,
  createIndicator,
  createPlan,
  ensureArea,
  postActuals,
  uid,
} from "../factories";

const AS_OF = "2024-10-15";

async function pageWith(path: string, vars: Record<string, string> = {}) {
  const ctx = createExecutionContext();
  const res = await worker.fetch(
    new Request(`https://monitor.test${path}`),
    { ...env, ...vars },
    ctx,
  );
  await waitOnExecutionContext(ctx);
  return { res, html: await res.text() };
}

async function areaWith(plans: number, names: { name: string; name_vi: string }) {
  const scope = uid("area");
  await ensureArea(scope, names);
  const ids: string[] = [];
  for (let i = 0; i < plans; i++) {
    const indicator = await createIndicator({
      scope,
      scope_name: names.name,
      scope_name_vi: names.name_vi,
    });
    ids.push((await createPlan(indicator)).id);
    await postActuals([actualBody(indicator)]);
  }
  return { scope, ids };
}

it("lists the areas instead of every target past OVERVIEW_MAX_PLANS, and shows one area per page", async () => {
  const north = await areaWith(2, { name: "Ha Giang", name_vi: "Hà Giang" });
  const south = await areaWith(1, { name: "Ca Mau", name_vi: "Cà Mau" });
  const small = { OVERVIEW_MAX_PLANS: "2" };

  const index = await pageWith(`/?as_of=${AS_OF}`, small);
  expect(index.res.status).toBe(200);
  expect(index.html).toContain("3 targets in 2 areas");
  expect(index.html).toContain(`href="/?as_of=${AS_OF}&amp;scope=${north.scope}"`);
  expect(index.html).toContain(`href="/?as_of=${AS_OF}&amp;scope=${south.scope}"`);
  expect(index.html).not.toContain(`id="plan-${north.ids[0]}"`);

  const vi = await pageWith(`/?as_of=${AS_OF}&lang=vi`, small);
  expect(vi.html).toContain("3 chỉ tiêu thuộc 2 địa bàn");
  expect(vi.html).toContain("Cà Mau");

  const area = await pageWith(`/?as_of=${AS_OF}&scope=${north.scope}`, small);
  expect(area.res.status).toBe(200);
  for (const id of north.ids) expect(area.html).toContain(`id="plan-${id}"`);
  expect(area.html).not.toContain(`id="plan-${south.ids[0]}"`);

  // Within the limit the overview shows every target, as it always has.
  const whole = await pageWith(`/?as_of=${AS_OF}`);
  for (const id of [...north.ids, ...south.ids]) expect(whole.html).toContain(`id="plan-${id}"`);
});

it("lists an area's targets a page at a time, each page linking to the next, in both languages", async () => {
  const { scope, ids } = await areaWith(OVERVIEW_PAGE_PLANS + 3, {
    name: "Lao Cai",
    name_vi: "Lào Cai",
  });
  const shown = (html: string) => ids.filter((id) => html.includes(`id="plan-${id}"`));

  const first = await pageWith(`/?as_of=${AS_OF}&scope=${scope}`);
  expect(first.res.status).toBe(200);
  expect(shown(first.html)).toHaveLength(OVERVIEW_PAGE_PLANS);
  expect(first.html).toContain(
    `Targets 1–${OVERVIEW_PAGE_PLANS} of ${OVERVIEW_PAGE_PLANS + 3} on this page`,
  );
  const next = /<a href="([^"]+)" rel="next">Next targets →<\/a>/.exec(first.html)?.[1];
  expect(next).toBeDefined();

  const second = await pageWith((next ?? "").replaceAll("&amp;", "&"));
  expect(second.res.status).toBe(200);
  const rest = shown(second.html);
  expect(rest).toHaveLength(3);
  // Every target once, on one page or the other.
  expect(new Set([...shown(first.html), ...rest]).size).toBe(ids.length);
  expect(second.html).toContain(
    `Targets ${OVERVIEW_PAGE_PLANS + 1}–${OVERVIEW_PAGE_PLANS + 3} of ${OVERVIEW_PAGE_PLANS + 3}`,
  );
  expect(second.html).not.toContain('rel="next"');
  expect(second.html).toContain(`href="/?as_of=${AS_OF}&amp;scope=${scope}" rel="first"`);

  const vi = await pageWith(`/?as_of=${AS_OF}&scope=${scope}&lang=vi`);
  expect(vi.html).toContain("Các chỉ tiêu tiếp theo →");
  expect(vi.html).toContain(
    `Chỉ tiêu 1–${OVERVIEW_PAGE_PLANS} trên tổng số ${OVERVIEW_PAGE_PLANS + 3}`,
  );
});

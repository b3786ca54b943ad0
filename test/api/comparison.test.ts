// The completeness and comparison views through the JSON API, on areas and figures made here:
// a region with three provinces, exports as one concept, figures on time, late and missing.
import { describe, expect, it } from "vitest";
import { actualBody, call, createIndicator, postActuals, send, uid } from "../factories";

const DAY_6_NEXT_MONTH = {
  schedules: [
    {
      effective_from: null,
      releases: [{ vintage: "estimate", due: { kind: "day_of_month", months_after: 1, day: 6 } }],
    },
  ],
};

async function area(id: string, name: string, level: string, parent: string | null) {
  const res = await send("PUT", `/api/areas/${id}`, { name, level, parent_id: parent });
  expect([200, 201]).toContain(res.status);
}

/** A region and three provinces, each with a monthly exports indicator of one new concept. */
async function region() {
  const concept = uid("exports");
  const north = uid("north");
  await area(north, "North", "region", null);
  const provinces = [
    { id: uid("hp"), name: "Hai Phong" },
    { id: uid("tn"), name: "Thai Nguyen" },
    { id: uid("bg"), name: "Bac Giang" },
  ] as const;
  for (const p of provinces) await area(p.id, p.name, "locality", north);
  const indicator = (scope: string) =>
    createIndicator(
      {
        scope,
        scope_name: undefined,
        scope_name_vi: undefined,
        scope_level: undefined,
        concept,
        release_rule: DAY_6_NEXT_MONTH,
      },
      `${scope}.exports`,
    );
  await indicator(north);
  for (const p of provinces) await indicator(p.id);
  return { concept, north, provinces };
}

interface Tally {
  expected: number;
  received: number;
  on_time: number;
  late: number;
  missing: number;
  reporting_rate: number | null;
  timeliness_rate: number | null;
}

describe("completeness for a period", () => {
  it("lists every expected area × indicator with rates a reader can recompute", async () => {
    const { concept, north, provinces } = await region();
    const [hp, tn, bg] = provinces;
    // September is due on 6 October: Hai Phong on time, Thai Nguyen four days late, the region
    // on the day, Bac Giang not at all.
    await postActuals([
      actualBody(`${hp.id}.exports`, { period_end: "2024-09-30", reported_at: "2024-10-03" }),
      actualBody(`${tn.id}.exports`, { period_end: "2024-09-30", reported_at: "2024-10-10" }),
      actualBody(`${north}.exports`, { period_end: "2024-09-30", reported_at: "2024-10-06" }),
    ]);
    const res = await call(`/api/completeness?period=2024-09&concept=${concept}&as_of=2024-10-15`);
    expect(res.status).toBe(200);
    expect(res.headers.get("etag")).toMatch(/^"v\d+-2024-10-15"$/);
    const body = (await res.json()) as {
      period: { start: string; end: string; cadence: string };
      overall: Tally;
      areas: (Tally & { area: string })[];
      cells: { area: string; state: string; due: string; days_late: number | null }[];
    };
    expect(body.period).toMatchObject({
      start: "2024-09-01",
      end: "2024-09-30",
      cadence: "monthly",
    });
    const states = Object.fromEntries(body.cells.map((c) => [c.area, [c.state, c.days_late]]));
    expect(states).toEqual({
      [hp.id]: ["on_time", 0],
      [tn.id]: ["late", 4],
      [bg.id]: ["missing", null],
      [north]: ["on_time", 0],
    });
    expect(body.cells.every((c) => c.due === "2024-10-06")).toBe(true);
    // By hand: 4 expected, 3 received, 2 on time.
    const cells = body.cells.length;
    const received = body.cells.filter((c) => c.state === "on_time" || c.state === "late").length;
    const onTime = body.cells.filter((c) => c.state === "on_time").length;
    expect(body.overall).toMatchObject({
      expected: 4,
      received: 3,
      on_time: 2,
      late: 1,
      missing: 1,
      reporting_rate: received / cells,
      timeliness_rate: onTime / cells,
    });
    expect(body.overall.reporting_rate).toBe(0.75);
    expect(body.overall.timeliness_rate).toBe(0.5);
    const tnArea = body.areas.find((a) => a.area === tn.id);
    expect(tnArea).toMatchObject({
      expected: 1,
      received: 1,
      reporting_rate: 1,
      timeliness_rate: 0,
    });

    const scoped = (await (
      await call(`/api/completeness?period=2024-09&scope=${north}&as_of=2024-10-15`)
    ).json()) as { cells: unknown[] };
    expect(scoped.cells).toHaveLength(4);

    const again = await call(
      `/api/completeness?period=2024-09&concept=${concept}&as_of=2024-10-15`,
      {
        headers: { "if-none-match": res.headers.get("etag")! },
      },
    );
    expect(again.status).toBe(304);
  });

  it("refuses a period it cannot read, with a stable code", async () => {
    const res = await call("/api/completeness?period=2024-13");
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    expect(((await res.json()) as { code: string }).code).toBe("invalid_query");
  });
});

describe("comparing areas on one concept", () => {
  it("ranks the provinces on growth beside the region, and counts how many grew", async () => {
    const { concept, north, provinces } = await region();
    const [hp, tn, bg] = provinces;
    const fig = (id: string, value: number, yoy: number | null, year = 2024) =>
      actualBody(`${id}.exports`, {
        period_start: `${year}-01-01`,
        period_end: `${year}-04-30`,
        value,
        scale: "billion",
        reported_at: "2024-05-17",
        reported_yoy: yoy,
      });
    await postActuals([
      fig(north, 120.7, 0.183),
      fig(hp.id, 16, 0.21),
      fig(tn.id, 17.8, 0.147),
      fig(bg.id, 16.5, 0.22),
    ]);
    const res = await call(`/api/concepts/${concept}?by=yoy&as_of=2024-06-01`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      region: { area: string; value: number; growth: number };
      counts: { areas: number; grew: number; above_region: number };
      areas: { area: string; rank: number; growth: number; share: number }[];
    };
    expect(body.region).toMatchObject({ area: north, value: 120.7e9, growth: 0.183 });
    expect(body.areas.map((a) => [a.area, a.rank])).toEqual([
      [bg.id, 1],
      [hp.id, 2],
      [tn.id, 3],
    ]);
    expect(body.areas[0]?.share).toBeCloseTo(16.5 / 120.7, 10);
    expect(body.counts).toEqual({ areas: 3, with_growth: 3, grew: 3, above_region: 2 });

    const byValue = (await (
      await call(`/api/concepts/${concept}?by=value&as_of=2024-06-01`)
    ).json()) as { areas: { area: string }[] };
    expect(byValue.areas.map((a) => a.area)).toEqual([tn.id, bg.id, hp.id]);
  });

  it("shows the ranking as a page in English and Vietnamese, sortable by plain links", async () => {
    const { concept, north, provinces } = await region();
    const [hp, tn, bg] = provinces;
    await postActuals(
      [
        [north, 120.7, 0.183],
        [hp.id, 16, 0.21],
        [tn.id, 17.8, 0.147],
        [bg.id, 16.5, 0.22],
      ].map(([id, value, yoy]) =>
        actualBody(`${id}.exports`, {
          period_end: "2024-04-30",
          value,
          scale: "billion",
          reported_at: "2024-05-17",
          reported_yoy: yoy,
        }),
      ),
    );
    const en = await (await call(`/concepts/${concept}?by=yoy&as_of=2024-06-01&lang=en`)).text();
    const order = [...en.matchAll(/<tr data-area="([^"]+)" data-rank/g)].map((m) => m[1]);
    expect(order).toEqual([bg.id, hp.id, tn.id]);
    expect(en).toContain("3 of 3 areas grew");
    expect(en).toContain("2 of 3 above the region");
    expect(en).toContain(`href="/concepts/${concept}?lang=en&amp;as_of=2024-06-01&amp;by=value"`);
    const vi = await (await call(`/concepts/${concept}?by=yoy&as_of=2024-06-01&lang=vi`)).text();
    expect(vi).toContain("3/3 địa phương tăng trưởng");
    const page = await call(
      `/completeness?period=2024-04&concept=${concept}&as_of=2024-06-01&lang=vi`,
    );
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Tỷ lệ báo cáo 100");
    const bad = await call("/completeness?period=soon&lang=en");
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("is not a period");
  });

  it("answers 404 for a concept no indicator names", async () => {
    const res = await call(`/api/concepts/${uid("nothing")}`);
    expect(res.status).toBe(404);
    expect(((await res.json()) as { code: string }).code).toBe("not_found");
  });
});

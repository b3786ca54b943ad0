// The demo dataset goes in through the public API, exactly as `npm start` loads it, and
// produces what the README's table says.
import { beforeAll, expect, it } from "vitest";
import demo from "../../scripts/demo-data.json";
import { call, send } from "../factories";

interface Status {
  summary: Record<string, number>;
  plans: {
    plan: { id: string };
    evaluation: {
      status: string;
      attainment: number | null;
      pace: number | null;
      projection: number | null;
      progress: { label: string } | null;
      warnings: unknown[];
    };
  }[];
}

beforeAll(async () => {
  for (const { id, ...indicator } of demo.indicators) {
    expect((await send("PUT", `/api/indicators/${id}`, indicator)).status).toBe(201);
  }
  for (const { id, ...plan } of demo.plans) {
    expect((await send("PUT", `/api/plans/${id}`, plan)).status).toBe(201);
  }
  expect((await send("POST", "/api/actuals", demo.actuals)).status).toBe(201);
});

async function statusAsOf(date: string) {
  const body = (await (await call(`/api/status?scope=nghe-an&as_of=${date}`)).json()) as Status;
  return { summary: body.summary, byId: new Map(body.plans.map((p) => [p.plan.id, p.evaluation])) };
}

it("reproduces the Nghe An 9-month figures", async () => {
  const { byId } = await statusAsOf("2024-10-15");
  const exports = byId.get("nghe-an.goods-exports.2024");
  expect(exports?.status).toBe("ahead");
  expect(exports?.attainment?.toFixed(4)).toBe("0.8458");
  expect(exports?.pace?.toFixed(2)).toBe("1.13");
  expect(((exports?.projection ?? 0) / 1e9).toFixed(3)).toBe("3.107");
  // The bulletin's own "84.58% of plan" agrees with the figures.
  expect(exports?.warnings).toEqual([]);

  const imports = byId.get("nghe-an.goods-imports.2024");
  expect(imports?.status).toBe("achieved");
  expect(imports?.attainment?.toFixed(4)).toBe("1.1267");

  const term = byId.get("nghe-an.export-turnover.2021-2025");
  expect(term?.status).toBe("achieved");
  expect(term?.progress?.label).toBe("target_achieved");
});

it("counts every seeded plan in the summary", async () => {
  const { summary } = await statusAsOf("2024-10-15");
  expect(summary).toMatchObject({ total: demo.plans.length, achieved: 2, ahead: 1, no_data: 7 });
});

it("showed the Jan–Jul figure before the 9-month report came out", async () => {
  const { byId } = await statusAsOf("2024-08-15");
  // 1,677 million USD by 31 July against 2,750 million for the year.
  expect(byId.get("nghe-an.goods-exports.2024")?.attainment?.toFixed(4)).toBe(
    (1677 / 2750).toFixed(4),
  );
});

it("loads idempotently: a second load adds nothing", async () => {
  const res = await send("POST", "/api/actuals", demo.actuals);
  expect(res.status).toBe(200);
  expect(await res.json()).toMatchObject({ inserted: [], duplicates: demo.actuals.length });
});

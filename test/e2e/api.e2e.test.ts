import { afterAll, beforeAll, expect, it } from "vitest";
import { type RunningMonitor, startMonitor } from "./harness";

let monitor: RunningMonitor;
beforeAll(async () => {
  monitor = await startMonitor();
});
afterAll(async () => {
  await monitor?.stop();
});

interface StatusBody {
  plans: { plan: { id: string }; evaluation: { status: string; attainment: number | null } }[];
}

async function planStatus(id: string, asOf: string) {
  const res = await fetch(`${monitor.baseUrl}/api/status?as_of=${asOf}`);
  const body = (await res.json()) as StatusBody;
  return body.plans.find((p) => p.plan.id === id)?.evaluation;
}

it("serves the demo data over real HTTP and reacts to a new actual at once", async () => {
  const before = await planStatus("nghe-an.goods-exports.2024", "2024-10-15");
  expect(before?.status).toBe("ahead");
  expect(before?.attainment?.toFixed(4)).toBe("0.8458");

  // A (hypothetical) revised 9-month figure, far lower: the status changes on the next poll.
  const res = await monitor.write("POST", "/api/actuals", {
    indicator_id: "nghe-an.goods-exports",
    period_start: "2024-01-01",
    period_end: "2024-09-30",
    value: 1700,
    scale: "million",
    status: "preliminary",
    reported_at: "2024-10-10",
  });
  expect(res.status).toBe(201);
  const after = await planStatus("nghe-an.goods-exports.2024", "2024-10-15");
  expect(after?.status).toBe("off_track");
  // The figure reported before the revision still governs a view as of an earlier date.
  expect((await planStatus("nghe-an.goods-exports.2024", "2024-10-05"))?.status).toBe("ahead");
});

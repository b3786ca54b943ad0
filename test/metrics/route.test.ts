import { expect, it } from "vitest";
import { actualBody, call, createIndicator, createPlan, postActuals, uid } from "../factories";

function sample(text: string, name: string, plan: string, extra = ""): number | undefined {
  const line = text
    .split("\n")
    .find((l) => l.startsWith(`${name}{plan="${plan}"`) && l.includes(extra));
  return line ? Number(line.slice(line.lastIndexOf(" ") + 1)) : undefined;
}

it("exports each plan's figures and status for Prometheus", async () => {
  const ind = await createIndicator({ scope: uid("scope") });
  const plan = await createPlan(ind, { period_start: "2026-01-01", period_end: "2026-12-31" });
  // Half the target by the end of June: on track, whatever today's date is.
  await postActuals(
    actualBody(ind, {
      period_start: "2026-01-01",
      period_end: "2026-06-30",
      value: 1375,
      reported_at: "2026-07-20",
    }),
  );
  const res = await call("/metrics");
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toContain("text/plain; version=0.0.4");
  const text = await res.text();
  expect(sample(text, "target_monitor_plan_attainment_ratio", plan.id)).toBe(0.5);
  expect(sample(text, "target_monitor_plan_target", plan.id)).toBe(2_750_000_000);
  expect(sample(text, "target_monitor_plan_actual", plan.id)).toBe(1_375_000_000);
  expect(sample(text, "target_monitor_plan_pace_ratio", plan.id)).toBeCloseTo(
    1375 / (2750 * (181 / 365)),
    6,
  );
  expect(sample(text, "target_monitor_plan_status", plan.id, 'status="on_track"')).toBe(1);
  expect(sample(text, "target_monitor_plan_status", plan.id, 'status="ahead"')).toBe(0);
  expect(text).toContain(`indicator="${ind}"`);
  expect(text).toMatch(/^target_monitor_data_version \d+$/m);
});

it("leaves out the figures a plan without data does not have", async () => {
  const ind = await createIndicator({ scope: uid("scope") });
  const plan = await createPlan(ind);
  const text = await (await call("/metrics")).text();
  expect(sample(text, "target_monitor_plan_attainment_ratio", plan.id)).toBeUndefined();
  expect(sample(text, "target_monitor_plan_status", plan.id, 'status="no_data"')).toBe(1);
});

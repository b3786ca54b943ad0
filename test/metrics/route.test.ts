import { expect, it } from "vitest";
import { addDays } from "../../src/domain/dates";
import { actualBody, call, createIndicator, createPlan, postActuals, uid } from "../factories";

function sample(text: string, name: string, plan: string, extra = ""): number | undefined {
  const line = text
    .split("\n")
    .find((l) => l.startsWith(`${name}{plan="${plan}"`) && l.includes(extra));
  return line ? Number(line.slice(line.lastIndexOf(" ") + 1)) : undefined;
}

// /metrics judges plans as of today, so the plans here run through today whatever the date:
// 400 days starting 200 days ago, with a figure for the first half reported today.
const today = new Date().toISOString().slice(0, 10);
const livePeriod = { period_start: addDays(today, -200), period_end: addDays(today, 199) };

it("exports each plan's figures and status for Prometheus", async () => {
  const ind = await createIndicator({ scope: uid("scope") });
  const plan = await createPlan(ind, livePeriod);
  // Half the target by the middle of the period: on track.
  await postActuals(
    actualBody(ind, {
      period_start: livePeriod.period_start,
      period_end: addDays(today, -1),
      value: 1375,
      reported_at: today,
    }),
  );
  const res = await call("/metrics");
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toContain("text/plain; version=0.0.4");
  const text = await res.text();
  expect(sample(text, "target_monitor_plan_attainment_ratio", plan.id)).toBe(0.5);
  expect(sample(text, "target_monitor_plan_target", plan.id)).toBe(2_750_000_000);
  expect(sample(text, "target_monitor_plan_actual", plan.id)).toBe(1_375_000_000);
  expect(sample(text, "target_monitor_plan_pace_ratio", plan.id)).toBeCloseTo(1, 12);
  expect(sample(text, "target_monitor_plan_status", plan.id, 'status="on_track"')).toBe(1);
  expect(sample(text, "target_monitor_plan_status", plan.id, 'status="ahead"')).toBe(0);
  expect(text).toContain(`indicator="${ind}"`);
  expect(text).toMatch(/^target_monitor_data_version \d+$/m);
});

it("leaves out the figures a plan without data does not have", async () => {
  const ind = await createIndicator({ scope: uid("scope") });
  const plan = await createPlan(ind, livePeriod);
  const text = await (await call("/metrics")).text();
  expect(sample(text, "target_monitor_plan_attainment_ratio", plan.id)).toBeUndefined();
  expect(sample(text, "target_monitor_plan_status", plan.id, 'status="no_data"')).toBe(1);
});

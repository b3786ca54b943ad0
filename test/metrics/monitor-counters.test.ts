// The monitor's own counters in /metrics follow what the cron decided and delivered.
import { expect, it } from "vitest";
import { drainOutbox } from "../../src/monitor/drain";
import { call } from "../factories";
import {
  at,
  createWebhook,
  db,
  evaluateAt,
  reportQ1,
  settings,
  trackedPlans,
} from "../monitor/helpers";
import { scriptedReceiver } from "../webhooks/receiver";

function counter(text: string, name: string, labels: string): number {
  const line = text.split("\n").find((l) => l.startsWith(`${name}{${labels}}`));
  return line ? Number(line.slice(line.lastIndexOf(" ") + 1)) : 0;
}

it("counts events by type and severity, and delivery attempts by outcome", async () => {
  const before = await (await call("/metrics")).text();
  const { scope, indicatorId } = await trackedPlans();
  await createWebhook({ url: "https://hooks.example.com/metrics", filters: { scopes: [scope] } });
  await reportQ1(indicatorId, 200, "2026-04-05"); // off track
  await evaluateAt(at("2026-04-06T00:00:00Z"));
  // The receiver fails once, then accepts the retry.
  const receiver = scriptedReceiver((_, attempt) => (attempt === 1 ? "http_500" : "ok"));
  await drainOutbox(db, {
    now: at("2026-04-06T00:00:00Z"),
    settings,
    transport: receiver.transport,
  });
  await drainOutbox(db, {
    now: at("2026-04-08T00:00:00Z"),
    settings,
    transport: receiver.transport,
  });

  const after = await (await call("/metrics")).text();
  const critical = 'type="plan.status_changed",severity="critical"';
  expect(
    counter(after, "target_monitor_events_total", critical) -
      counter(before, "target_monitor_events_total", critical),
  ).toBe(1);
  for (const outcome of ["success", "failure"]) {
    const name = "target_monitor_delivery_attempts_total";
    const label = `outcome="${outcome}"`;
    expect(counter(after, name, label) - counter(before, name, label)).toBe(1);
  }
  expect(after).toContain("# TYPE target_monitor_events_total counter");
  expect(after).toMatch(/^target_monitor_deliveries\{status="delivered"\} \d+$/m);
});

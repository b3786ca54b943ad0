// Helpers for monitor tests that run against the real local D1.
import { env } from "cloudflare:workers";
import { createDb } from "../../src/db/client";
import { listEvents } from "../../src/db/queries/events";
import { DEFAULT_RETENTION, type MonitorSettings } from "../../src/lib/settings";
import { evaluateAndRecord } from "../../src/monitor/record-run";
import {
  ADMIN,
  actualBody,
  createIndicator,
  createPlan,
  postActuals,
  send,
  uid,
} from "../factories";

export const db = createDb(env.DB);

export const settings: MonitorSettings = {
  repeatIntervalMs: 7 * 24 * 3_600_000,
  secretOverlapMs: 24 * 3_600_000,
  allowLoopbackWebhooks: false,
  publicBaseUrl: "https://status.example.org",
  retention: DEFAULT_RETENTION,
  figureDueRemindDays: 3,
};

export const at = (iso: string) => Date.parse(iso);

/** Runs the evaluation half of a tick at `now`, as the cron would. */
export function evaluateAt(now: number, holder?: string) {
  return evaluateAndRecord(db, { now, wallNow: Date.now(), settings, holder });
}

/**
 * A monthly flow indicator in a scope of its own and plans for 2026 with a target of 1,200
 * (million). Figures for January–March: 300 is on track, 270 at risk, 200 off track.
 */
export async function trackedPlans(count = 1) {
  const scope = uid("scope");
  const indicatorId = await createIndicator({ scope, tags: ["trade", scope] });
  const planIds: string[] = [];
  for (let i = 0; i < count; i++) {
    const plan = await createPlan(indicatorId, {
      period_start: "2026-01-01",
      period_end: "2026-12-31",
      target: 1200,
      scale: "million",
    });
    planIds.push(plan.id);
  }
  return { scope, indicatorId, planIds };
}

export async function reportQ1(indicatorId: string, value: number, reportedAt: string) {
  const res = await postActuals(
    actualBody(indicatorId, {
      period_start: "2026-01-01",
      period_end: "2026-03-31",
      value,
      reported_at: reportedAt,
    }),
  );
  if (res.status !== 201) throw new Error(`actual: ${res.status} ${await res.text()}`);
}

export function eventsOf(planId: string) {
  return listEvents(db, { planId, limit: 100 });
}

export async function createWebhook(body: Record<string, unknown>) {
  const res = await send("POST", "/api/webhooks", body, ADMIN);
  if (res.status !== 201) throw new Error(`webhook: ${res.status} ${await res.text()}`);
  return (await res.json()) as { id: string; secret: string; url: string };
}

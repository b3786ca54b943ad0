// The cron entry. The quarter-hour tick judges the due plans (a chunk at a time: transitions →
// outbox, one batch each, or fanned out to a queue), then drains the outbox, then keeps
// Alertmanager's copy of the open alerts firing. The hourly housekeeping (MAINTENANCE_CRON)
// prunes what is past its retention window, in an invocation of its own.
import { createDb } from "../db/client";
import type { Pruned } from "../db/queries/retention";
import { readSettings } from "../lib/settings";
import type { Transport } from "../webhooks/send";
import { type RefreshReport, refreshAlertmanagers } from "./alertmanager-refresh";
import type { OpenAlert } from "./decide-run";
import { type DrainReport, drainOutbox } from "./drain";
import { fanOutFrom } from "./fanout";
import { type EvaluateReport, evaluateAndRecord } from "./record-run";
import { MAINTENANCE_CRON, pruneRecords } from "./retention";

export interface TickReport {
  evaluation: EvaluateReport;
  delivery: DrainReport;
  alertmanager: RefreshReport;
}

/**
 * One cron tick. "Now" is the controller's scheduled time, passed down; the wall clock is read
 * here only for the run's lease. Every step is awaited (not left to waitUntil), so the
 * invocation, and a test calling it, ends when the work is done. A failed evaluation does not
 * stop the drain (events of earlier runs still go out); it is rethrown afterwards so the
 * invocation is reported as failed. The Alertmanager refresh comes after the drain, so that
 * what Alertmanager holds at the end of a tick is this run's view, whatever older deliveries
 * the drain sent.
 */
export async function runTick(
  controller: Pick<ScheduledController, "scheduledTime">,
  env: Env,
  deps: { transport?: Transport } = {},
): Promise<TickReport> {
  const db = createDb(env.DB);
  const settings = readSettings(env);
  const now = controller.scheduledTime;
  let failure: unknown = null;
  let open: OpenAlert[] = [];
  const evaluation = await evaluateAndRecord(db, {
    now,
    wallNow: Date.now(),
    settings,
    fanOut: fanOutFrom(env),
  }).then(
    ({ openAlerts, ...report }): EvaluateReport => {
      open = openAlerts;
      return report;
    },
    (err: unknown): EvaluateReport => {
      failure = err;
      return { skipped: true, plansEvaluated: 0, eventsCreated: 0, failedPlans: [] };
    },
  );
  const delivery = await drainOutbox(db, { now, settings, transport: deps.transport });
  // Each chunk is one transaction: a failed one wrote nothing, its plans stay due, and the next
  // tick redoes them.
  if (failure !== null) throw failure;
  const alertmanager = await refreshAlertmanagers(db, open, {
    now,
    settings,
    transport: deps.transport,
  });
  return { evaluation, delivery, alertmanager };
}

/**
 * The housekeeping run: one bounded batch of each kind of record past its retention window,
 * as of the controller's scheduled time. Kept out of the tick so that a release day's tick has
 * the whole invocation's budget for judging and delivering.
 */
export function runMaintenance(
  controller: Pick<ScheduledController, "scheduledTime">,
  env: Env,
): Promise<Pruned> {
  return pruneRecords(createDb(env.DB), {
    now: controller.scheduledTime,
    retention: readSettings(env).retention,
  });
}

export const scheduled: ExportedHandlerScheduledHandler<Env> = async (controller, env) => {
  if (controller.cron === MAINTENANCE_CRON) {
    const pruned = await runMaintenance(controller, env);
    console.log("monitor maintenance", JSON.stringify({ pruned }));
    return;
  }
  const report = await runTick(controller, env);
  console.log("monitor tick", JSON.stringify(report));
};

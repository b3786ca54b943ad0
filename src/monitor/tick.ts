// The cron entry: judge the due plans (a chunk at a time: transitions → outbox, one batch each,
// or fanned out to a queue), then drain the outbox, then keep Alertmanager's copy of the open
// alerts firing.
import { createDb } from "../db/client";
import type { Pruned } from "../db/queries/retention";
import { readSettings } from "../lib/settings";
import type { Transport } from "../webhooks/send";
import { type RefreshReport, refreshAlertmanagers } from "./alertmanager-refresh";
import type { OpenAlert } from "./decide-run";
import { type DrainReport, drainOutbox } from "./drain";
import { fanOutFrom } from "./fanout";
import { type EvaluateReport, evaluateAndRecord } from "./record-run";
import { pruneRecords } from "./retention";

export interface TickReport {
  evaluation: EvaluateReport;
  delivery: DrainReport;
  alertmanager: RefreshReport;
  /** Records past their retention window deleted this tick. */
  pruned: Pruned;
}

/**
 * One cron tick. "Now" is the controller's scheduled time, passed down; the wall clock is read
 * here only for the run's lease. Every step is awaited (not left to waitUntil), so the
 * invocation, and a test calling it, ends when the work is done. A failed evaluation does not
 * stop the drain (events of earlier runs still go out); it is rethrown afterwards so the
 * invocation is reported as failed. The Alertmanager refresh comes after the drain, so that
 * what Alertmanager holds at the end of a tick is this run's view, whatever older deliveries
 * the drain sent. Records past their retention window are pruned last, a bounded batch of each
 * kind.
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
  // Last: what was sent this tick is recorded before anything old is pruned.
  const pruned = await pruneRecords(db, { now, retention: settings.retention });
  return { evaluation, delivery, alertmanager, pruned };
}

export const scheduled: ExportedHandlerScheduledHandler<Env> = async (controller, env) => {
  const report = await runTick(controller, env);
  console.log("monitor tick", JSON.stringify(report));
};

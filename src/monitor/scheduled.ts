// The cron entry: evaluate → transitions → outbox (one batch), then drain the outbox.
import { createDb } from "../db/client";
import { type DrainReport, drainOutbox } from "./drain";
import { type EvaluateReport, evaluateAndRecord } from "./evaluate-run";
import { readSettings } from "./settings";

export interface TickReport {
  evaluation: EvaluateReport;
  delivery: DrainReport;
}

/**
 * One cron tick. "Now" is the controller's scheduled time, passed down; the wall clock is read
 * here only for the run's lease. Both halves are awaited (not left to waitUntil), so the
 * invocation, and a test calling it, ends when the work is done. A failed evaluation does not
 * stop the drain (events of earlier runs still go out); it is rethrown afterwards so the
 * invocation is reported as failed.
 */
export async function runTick(
  controller: Pick<ScheduledController, "scheduledTime">,
  env: Env,
): Promise<TickReport> {
  const db = createDb(env.DB);
  const settings = readSettings(env);
  const now = controller.scheduledTime;
  let failure: unknown = null;
  const evaluation = await evaluateAndRecord(db, { now, wallNow: Date.now(), settings }).catch(
    (err: unknown): EvaluateReport => {
      failure = err;
      return { skipped: true, plansEvaluated: 0, eventsCreated: 0, failedPlans: [] };
    },
  );
  const delivery = await drainOutbox(db, { now, settings });
  // The batch is one transaction: a failed evaluation wrote nothing, and the next tick redoes it.
  if (failure !== null) throw failure;
  return { evaluation, delivery };
}

export const scheduled: ExportedHandlerScheduledHandler<Env> = async (controller, env) => {
  const report = await runTick(controller, env);
  console.log("monitor tick", JSON.stringify(report));
};

// The evaluation half of a cron run: read (two round trips in parallel, then one for the figures
// the run's notices ask about), decide in memory, write everything in one batch. The number of round trips does not depend on the number of plans.
import type { Db } from "../db/client";
import { loadMonitorState, writeRun } from "../db/queries/monitor";
import { loadPlanRows } from "../db/queries/plan-rows";
import { loadReceivedFigures } from "../db/queries/received-figures";
import { newId } from "../lib/ids";
import type { MonitorSettings } from "../lib/settings";
import { decideNotices, owedFigures } from "./decide-notices";
import { decideRun, type OpenAlert } from "./decide-run";

/** Long enough for any real run; a crashed run's scheduled time can be retried after it. */
const LEASE_MS = 5 * 60 * 1000;

export interface EvaluateOptions {
  /** The run's scheduled time, epoch ms: the only "now" the decisions see. */
  now: number;
  /** Wall clock, epoch ms, read at the edge: only the lease uses it. */
  wallNow: number;
  settings: MonitorSettings;
  /** This run's id; random unless a test wants to name it. */
  holder?: string;
}

export interface EvaluateReport {
  /** Another run holds, or already finished, this scheduled time. */
  skipped: boolean;
  plansEvaluated: number;
  eventsCreated: number;
  failedPlans: { planId: string; error: string }[];
}

export interface EvaluateOutcome extends EvaluateReport {
  /** Alerts open after the run (none when it was skipped): what the tick re-posts to Alertmanager. */
  openAlerts: OpenAlert[];
}

export async function evaluateAndRecord(
  db: Db,
  options: EvaluateOptions,
): Promise<EvaluateOutcome> {
  const scheduledTime = new Date(options.now).toISOString();
  const holder = options.holder ?? crypto.randomUUID();
  const [state, status] = await Promise.all([
    loadMonitorState(db, { scheduledTime, holder, wallNow: options.wallNow, leaseMs: LEASE_MS }),
    loadPlanRows(db, { asOf: scheduledTime.slice(0, 10) }),
  ]);
  if (!state.claimed) {
    return { skipped: true, plansEvaluated: 0, eventsCreated: 0, failedPlans: [], openAlerts: [] };
  }
  const decisions = decideRun(
    {
      rows: status.rows,
      states: state.states,
      silences: state.silences,
      destinations: state.destinations,
    },
    {
      now: options.now,
      repeatIntervalMs: options.settings.repeatIntervalMs,
      publicBaseUrl: options.settings.publicBaseUrl,
      newId: (kind) => newId(kind, options.now),
    },
  );
  // Figure notices: which figures fall due or are overdue is pure arithmetic on the plans just
  // read; whether they came in is one more statement, whatever their number.
  const asOf = scheduledTime.slice(0, 10);
  const owed = owedFigures(status.rows, asOf, options.settings.figureDueRemindDays);
  const received = await loadReceivedFigures(db, owed, asOf);
  const notices = decideNotices(
    owed,
    received,
    { silences: state.silences, destinations: state.destinations },
    {
      now: options.now,
      remindDaysBefore: options.settings.figureDueRemindDays,
      publicBaseUrl: options.settings.publicBaseUrl,
      newId: (kind) => newId(kind, options.now),
    },
  );
  decisions.notices.push(...notices.notices);
  decisions.deliveries.push(...notices.deliveries);
  for (const { planId, error } of decisions.failed) {
    console.error("monitor: plan not evaluated", planId, error);
  }
  const { eventsCreated } = await writeRun(db, decisions, { scheduledTime, holder });
  return {
    skipped: false,
    plansEvaluated: decisions.evaluated,
    eventsCreated,
    failedPlans: decisions.failed,
    openAlerts: decisions.open,
  };
}

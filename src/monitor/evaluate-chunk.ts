// One chunk of the cron's work: a bounded set of plans read, judged and written in one batch,
// with each plan's next check. The same code runs in the cron's own loop and in the queue
// consumer, so a plan is judged the same way whichever of them picks it up.
import type { Db } from "../db/client";
import type { Statement } from "../db/json-rows";
import {
  alertStatesByPlan,
  chunkWrites,
  countStoredEvents,
  selectChunkState,
} from "../db/queries/monitor";
import { loadPlanRows } from "../db/queries/plan-rows";
import { loadReceivedFigures } from "../db/queries/received-figures";
import { dropSchedules, scheduleUpserts } from "../db/queries/schedule";
import { newId } from "../lib/ids";
import type { MonitorSettings } from "../lib/settings";
import { decideNotices, owedFigures } from "./decide-notices";
import { decideRun, type OpenAlert } from "./decide-run";

export interface ChunkOptions {
  /** The run's scheduled time, epoch ms: the only "now" the decisions see. */
  now: number;
  /** The run's id: a state this chunk writes carries it, and only its own events are kept. */
  holder: string;
  settings: MonitorSettings;
}

export interface ChunkReport {
  plansEvaluated: number;
  eventsCreated: number;
  failedPlans: { planId: string; error: string }[];
  openAlerts: OpenAlert[];
}

/**
 * Evaluates the plans and writes what changed, idempotently: every write is keyed on the
 * plan's state version, so the same chunk run twice (a queue message delivered again, a tick
 * retried) finds the state it wrote and adds nothing.
 */
export async function evaluateChunk(
  db: Db,
  planIds: readonly string[],
  options: ChunkOptions,
): Promise<ChunkReport> {
  const scheduledTime = new Date(options.now).toISOString();
  const [rows, [states, silences, destinations, upcoming]] = await Promise.all([
    loadPlanRows(db, { asOf: scheduledTime.slice(0, 10), planIds }),
    db.batch(selectChunkState(db, planIds, scheduledTime)),
  ]);
  const decisions = decideRun(
    {
      rows: rows.rows,
      states: alertStatesByPlan(states),
      silences,
      destinations,
      nextReports: new Map(upcoming.map((u) => [u.indicatorId, u.next])),
    },
    {
      now: options.now,
      repeatIntervalMs: options.settings.repeatIntervalMs,
      publicBaseUrl: options.settings.publicBaseUrl,
      newId: (kind) => newId(kind, options.now),
      remindDaysBefore: options.settings.figureDueRemindDays,
    },
  );
  // Figure notices: which figures fall due or are overdue is arithmetic on the chunk's plans;
  // whether they came in is one more statement, and only when some are owed. A figure owed by
  // plans in two chunks is decided twice and stored once (its notice key is unique).
  const asOf = scheduledTime.slice(0, 10);
  const owed = owedFigures(rows.rows, asOf, options.settings.figureDueRemindDays);
  if (owed.length > 0) {
    const received = await loadReceivedFigures(db, owed, asOf);
    const notices = decideNotices(
      owed,
      received,
      { silences, destinations },
      {
        now: options.now,
        remindDaysBefore: options.settings.figureDueRemindDays,
        publicBaseUrl: options.settings.publicBaseUrl,
        newId: (kind) => newId(kind, options.now),
      },
    );
    decisions.notices.push(...notices.notices);
    decisions.deliveries.push(...notices.deliveries);
  }
  for (const { planId, error } of decisions.failed) {
    console.error("monitor: plan not evaluated", planId, error);
  }
  const found = new Set(rows.rows.map((r) => r.plan.id));
  const gone = planIds.filter((id) => !found.has(id));
  const statements: Statement[] = [
    ...chunkWrites(db, decisions, { scheduledTime, holder: options.holder }),
    ...scheduleUpserts(db, decisions.schedules, {
      dataVersion: rows.dataVersion,
      evaluatedAt: scheduledTime,
    }),
    ...(gone.length > 0 ? [dropSchedules(db, gone)] : []),
  ];
  const count = countStoredEvents(
    db,
    [...decisions.events, ...decisions.notices].map((e) => e.id),
  );
  // The count goes last, so it sees what the writes before it inserted.
  const [first, ...rest] = [...statements, count];
  const results = await db.batch([first!, ...rest]);
  const counted = results[results.length - 1] as { n: number }[];
  return {
    plansEvaluated: decisions.evaluated,
    eventsCreated: counted[0]?.n ?? 0,
    failedPlans: decisions.failed,
    openAlerts: decisions.open,
  };
}

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
import { type PlanRows, planRowsBatch } from "../db/queries/plan-rows";
import { loadReceivedFigures } from "../db/queries/received-figures";
import { dropSchedules, duePlans, scheduleUpserts } from "../db/queries/schedule";
import type { ReceivedFigure } from "../domain/release-rules";
import { type IdKind, newId } from "../lib/ids";
import type { MonitorSettings } from "../lib/settings";
import { decideNotices, type OwedFigure, owedFigures } from "./decide-notices";
import { decideRun, type OpenAlert, type RunDecisions, type RunInputs } from "./decide-run";

export interface ChunkOptions {
  /** The run's scheduled time, epoch ms: the only "now" the decisions see. */
  now: number;
  /** The run's id: a state this chunk writes carries it, and only its own events are kept. */
  holder: string;
  settings: MonitorSettings;
  /**
   * The cron's next look at the due plans, sent at the end of this chunk's write batch (one
   * round trip a chunk fewer); it sees this chunk's new schedules, as a look after it would.
   */
  nextDue?: { at: string; limit: number };
}

export interface ChunkReport {
  plansEvaluated: number;
  eventsCreated: number;
  failedPlans: { planId: string; error: string }[];
  openAlerts: OpenAlert[];
  /** The plans due after this chunk's writes, when `nextDue` asked. */
  nextDue?: string[];
}

/** What a chunk reads: its plans with their figures, their alert states, and the run's context. */
export interface ChunkRead {
  planIds: readonly string[];
  /** The run's scheduled time, epoch ms. */
  now: number;
  rows: PlanRows;
  states: RunInputs["states"];
  silences: RunInputs["silences"];
  destinations: RunInputs["destinations"];
  nextReports: NonNullable<RunInputs["nextReports"]>;
  /** The figures the plans owe a notice for today, and which of them came in. */
  owed: OwedFigure[];
  received: ReceivedFigure[];
}

/**
 * Reads a chunk: the plans and their state in one batch (one round trip), then, only when
 * some figure is owed a notice, whether it came in (one statement, whatever their number).
 */
export async function readChunk(
  db: Db,
  planIds: readonly string[],
  options: Pick<ChunkOptions, "now" | "settings">,
): Promise<ChunkRead> {
  const scheduledTime = new Date(options.now).toISOString();
  const asOf = scheduledTime.slice(0, 10);
  const plansRead = planRowsBatch(db, { asOf, planIds });
  const [p0, p1, p2, p3, p4, states, silences, destinations, upcoming] = await db.batch([
    ...plansRead.statements,
    ...selectChunkState(db, planIds, scheduledTime),
  ]);
  const rows = plansRead.rows([p0, p1, p2, p3, p4]);
  const owed = owedFigures(rows.rows, asOf, options.settings.figureDueRemindDays);
  const received = owed.length > 0 ? await loadReceivedFigures(db, owed, asOf) : [];
  return {
    planIds,
    now: options.now,
    rows,
    states: alertStatesByPlan(states),
    silences,
    destinations,
    nextReports: new Map(upcoming.map((u) => [u.indicatorId, u.next])),
    owed,
    received,
  };
}

/**
 * What the chunk changes, decided in memory: each plan's judgment and alert, and the figure
 * notices its plans owe. A figure owed by plans in two chunks is decided twice and stored once
 * (its notice key is unique).
 */
export function decideChunk(read: ChunkRead, settings: MonitorSettings): RunDecisions {
  const { now } = read;
  const ids = (kind: IdKind) => newId(kind, now);
  const decisions = decideRun(
    {
      rows: read.rows.rows,
      states: read.states,
      silences: read.silences,
      destinations: read.destinations,
      nextReports: read.nextReports,
    },
    {
      now,
      repeatIntervalMs: settings.repeatIntervalMs,
      publicBaseUrl: settings.publicBaseUrl,
      newId: ids,
      remindDaysBefore: settings.figureDueRemindDays,
    },
  );
  if (read.owed.length > 0) {
    const notices = decideNotices(
      read.owed,
      read.received,
      { silences: read.silences, destinations: read.destinations },
      {
        now,
        remindDaysBefore: settings.figureDueRemindDays,
        publicBaseUrl: settings.publicBaseUrl,
        newId: ids,
      },
    );
    decisions.notices.push(...notices.notices);
    decisions.deliveries.push(...notices.deliveries);
  }
  return decisions;
}

/**
 * Writes a chunk's decisions in one batch, idempotently: every write is keyed on the plan's
 * state version, so the same chunk run twice (a queue message delivered again, a tick retried)
 * finds the state it wrote and adds nothing. Counts the events this batch stored.
 */
export async function writeChunk(
  db: Db,
  read: ChunkRead,
  decisions: RunDecisions,
  holder: string,
  nextDue?: ChunkOptions["nextDue"],
): Promise<ChunkReport> {
  const scheduledTime = new Date(read.now).toISOString();
  for (const { planId, error } of decisions.failed) {
    console.error("monitor: plan not evaluated", planId, error);
  }
  const found = new Set(read.rows.rows.map((r) => r.plan.id));
  const gone = read.planIds.filter((id) => !found.has(id));
  const statements: Statement[] = [
    ...chunkWrites(db, decisions, { scheduledTime, holder }),
    ...scheduleUpserts(db, decisions.schedules, {
      dataVersion: read.rows.dataVersion,
      evaluatedAt: scheduledTime,
    }),
    ...(gone.length > 0 ? [dropSchedules(db, gone)] : []),
  ];
  const count = countStoredEvents(
    db,
    [...decisions.events, ...decisions.notices].map((e) => e.id),
  );
  // The count goes after the writes, so it sees what they inserted; the next look at the due
  // plans after it.
  const due = nextDue ? [duePlans(db, nextDue.at, nextDue.limit)] : [];
  const [first, ...rest] = [...statements, count, ...due];
  const results = await db.batch([first!, ...rest]);
  const counted = results[results.length - 1 - due.length] as { n: number }[];
  return {
    plansEvaluated: decisions.evaluated,
    eventsCreated: counted[0]?.n ?? 0,
    failedPlans: decisions.failed,
    openAlerts: decisions.open,
    ...(nextDue
      ? { nextDue: (results[results.length - 1] as { planId: string }[]).map((r) => r.planId) }
      : {}),
  };
}

/** Reads, judges and writes a chunk of plans: what the cron's loop and the queue consumer run. */
export async function evaluateChunk(
  db: Db,
  planIds: readonly string[],
  options: ChunkOptions,
): Promise<ChunkReport> {
  const read = await readChunk(db, planIds, options);
  return writeChunk(db, read, decideChunk(read, options.settings), options.holder, options.nextDue);
}

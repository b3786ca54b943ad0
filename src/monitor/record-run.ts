// The evaluation half of a cron run, incremental: find the plans whose judgment can have
// changed (new data since the last tick, or a date of theirs that has passed), and evaluate
// only those, a bounded chunk at a time. A quiet tick reads a few rows of `meta` and an empty
// range of one index, whatever the number of plans.
//
// After a migration or a change of the rules (MONITOR_RULES_VERSION), and after a restore,
// every plan is marked due, a step at a time, and then worked off in the same chunks.

import type { Db } from "../db/client";
import { claimRun, countAlertmanagers, finishRun } from "../db/queries/monitor";
import {
  finishFullPass,
  JOURNAL_STEP,
  type JournalPosition,
  type JournalRange,
  journalPosition,
  MONITOR_RULES_VERSION,
  markJournalDue,
  markOpenAlertsDue,
  markPlansDue,
  postponePlans,
  selectDuePlans,
  selectJournalPosition,
  selectPlanIdStep,
} from "../db/queries/schedule";
import type { MonitorSettings } from "../lib/settings";
import type { OpenAlert } from "./decide-run";
import { evaluateChunk } from "./evaluate-chunk";

/** Long enough for any real run; a crashed run's scheduled time can be retried after it. */
const LEASE_MS = 5 * 60 * 1000;

/** Plans per chunk: what one batch reads, judges and writes, and what memory holds at once. */
export const CHUNK_PLANS = 250;
/**
 * The most plans one tick judges itself: 10 chunks, about 150 D1 statements, the same work as
 * one queue consumer's batch of 10 messages. Memory, not time, sets it: every chunk is garbage
 * once written, but V8 sizes its young generation to the work an invocation does, and a tick
 * judging 10,000 plans grew the isolate's committed heap to about 88 MiB (2,500: about 49) of
 * the 128 MB a Worker has. More due at once (a full pass of a large deployment) are judged
 * over the next ticks, or fanned out when a queue is bound.
 */
export const DEFAULT_TICK_PLANS = 2_500;
/** Plans marked per statement in a full pass. */
const FULL_PASS_STEP = 5_000;
/** A plan handed to the queue comes due again after this long if its message was lost. */
const QUEUE_LEASE_MS = 60 * 60 * 1000;

/** One queue message: plans to judge as of the tick that sent them. */
export interface ChunkMessage {
  scheduledTime: string;
  planIds: string[];
}

export interface FanOut {
  send: (messages: ChunkMessage[]) => Promise<void>;
  /** Fan out only when more plans than this are due; fewer are evaluated in the tick itself. */
  abovePlans: number;
}

export interface EvaluateOptions {
  /** The run's scheduled time, epoch ms: the only "now" the decisions see. */
  now: number;
  /** Wall clock, epoch ms, read at the edge: only the lease uses it. */
  wallNow: number;
  settings: MonitorSettings;
  /** This run's id; random unless a test wants to name it. */
  holder?: string;
  /** The most plans the tick evaluates itself; the rest wait for the next tick (or the queue). */
  maxPlans?: number;
  /** Where chunks go when the tick has more due than it should evaluate itself. */
  fanOut?: FanOut;
}

export interface EvaluateReport {
  /** Another run holds, or already finished, this scheduled time. */
  skipped: boolean;
  plansEvaluated: number;
  eventsCreated: number;
  failedPlans: { planId: string; error: string }[];
  /** Plans handed to the queue this tick. */
  plansQueued?: number;
  /** Every plan was marked due this tick (a migration, a rule change or a restore). */
  fullPass?: boolean;
}

export interface EvaluateOutcome extends EvaluateReport {
  /** Alerts open after the run (none when it was skipped): what the tick re-posts to Alertmanager. */
  openAlerts: OpenAlert[];
}

function nextRange(p: JournalPosition): JournalRange {
  const step = (from: number, max: number): [number, number] => [
    from,
    Math.min(max, from + JOURNAL_STEP),
  ];
  return {
    audit: step(p.audit, p.maxAudit),
    actuals: step(p.actuals, p.maxActuals),
    plans: step(p.plans, p.maxPlans),
  };
}

const isEmpty = (r: JournalRange) =>
  r.audit[0] >= r.audit[1] && r.actuals[0] >= r.actuals[1] && r.plans[0] >= r.plans[1];

/** Marks every plan due, a step at a time, then records that the rules are current. */
async function markEveryPlan(db: Db, position: JournalPosition, at: string): Promise<void> {
  let after = "";
  for (;;) {
    const step = await selectPlanIdStep(db, after, FULL_PASS_STEP);
    const upTo = step[0]?.id ?? null;
    if (upTo === null) {
      const [mark, ...finish] = [
        markPlansDue(db, after, null, at),
        ...finishFullPass(db, position),
      ];
      await db.batch([mark, ...finish]);
      return;
    }
    await markPlansDue(db, after, upTo, at);
    after = upTo;
  }
}

/** Marks due what changed since the last tick; true when it was a full pass. */
async function markChanges(db: Db, position: JournalPosition, at: string): Promise<boolean> {
  if (position.rulesVersion !== MONITOR_RULES_VERSION || position.restored) {
    await markEveryPlan(db, position, at);
    return true;
  }
  const range = nextRange(position);
  if (isEmpty(range)) return false;
  const [first, ...rest] = markJournalDue(db, range, at);
  await db.batch([first!, ...rest]);
  return false;
}

export async function evaluateAndRecord(
  db: Db,
  options: EvaluateOptions,
): Promise<EvaluateOutcome> {
  const scheduledTime = new Date(options.now).toISOString();
  const holder = options.holder ?? crypto.randomUUID();
  const claim = { scheduledTime, holder, wallNow: options.wallNow, leaseMs: LEASE_MS };
  const [claimed, position, alertmanagers] = await db.batch([
    claimRun(db, claim),
    selectJournalPosition(db),
    countAlertmanagers(db),
  ]);
  if (claimed[0]?.holder !== holder) {
    return { skipped: true, plansEvaluated: 0, eventsCreated: 0, failedPlans: [], openAlerts: [] };
  }
  const fullPass = await markChanges(db, journalPosition(position), scheduledTime);
  // Alertmanager forgets an alert nobody repeats: while one listens, open alerts are judged
  // every tick so the refresh can post them all. Without one, no chunk's open alerts are kept:
  // the tick's memory stays that of one chunk however many plans it judges.
  const keepOpenAlerts = (alertmanagers[0]?.n ?? 0) > 0;
  if (keepOpenAlerts) await markOpenAlertsDue(db, scheduledTime);

  const report: EvaluateOutcome = {
    skipped: false,
    plansEvaluated: 0,
    eventsCreated: 0,
    failedPlans: [],
    openAlerts: [],
    plansQueued: 0,
    fullPass,
  };
  const maxPlans = options.maxPlans ?? DEFAULT_TICK_PLANS;
  const seen = new Set<string>();
  const fanOut = options.fanOut;
  if (fanOut) {
    // One look past the threshold tells whether this tick's work is for the queue.
    const due = await selectDuePlans(db, scheduledTime, fanOut.abovePlans + 1);
    if (due.length > fanOut.abovePlans) {
      report.plansQueued = await enqueueDue(db, fanOut, scheduledTime);
    }
  }
  let limit = Math.min(CHUNK_PLANS, maxPlans);
  let due = limit > 0 ? await selectDuePlans(db, scheduledTime, limit) : [];
  for (;;) {
    const fresh = due.filter((id) => !seen.has(id));
    // A plan still due after its chunk was judged by a newer run: leave it to that run.
    if (fresh.length === 0) break;
    for (const id of fresh) seen.add(id);
    // The next chunk's plans are asked for in this chunk's write batch, unless this look found
    // fewer than it asked for (nothing else is due) or the tick's budget is spent.
    const room = maxPlans - report.plansEvaluated - report.failedPlans.length - fresh.length;
    const nextLimit = Math.min(CHUNK_PLANS, room);
    const more = due.length >= limit && nextLimit > 0;
    const chunk = await evaluateChunk(db, fresh, {
      now: options.now,
      holder,
      settings: options.settings,
      nextDue: more ? { at: scheduledTime, limit: nextLimit } : undefined,
    });
    report.plansEvaluated += chunk.plansEvaluated;
    report.eventsCreated += chunk.eventsCreated;
    report.failedPlans.push(...chunk.failedPlans);
    if (keepOpenAlerts) report.openAlerts.push(...chunk.openAlerts);
    if (!more) break;
    due = chunk.nextDue ?? [];
    limit = nextLimit;
  }
  await finishRun(db, claim, report);
  return report;
}

/**
 * Hands every due plan to the queue, a chunk per message, and puts each out of the due set
 * for QUEUE_LEASE_MS: the consumer's evaluation sets its next check; a message that ends in
 * the dead-letter queue leaves its plans due again after the lease.
 */
async function enqueueDue(db: Db, fanOut: FanOut, scheduledTime: string): Promise<number> {
  const until = new Date(Date.parse(scheduledTime) + QUEUE_LEASE_MS).toISOString();
  let queued = 0;
  for (;;) {
    const due = await selectDuePlans(db, scheduledTime, CHUNK_PLANS * 10);
    if (due.length === 0) return queued;
    const messages: ChunkMessage[] = [];
    for (let i = 0; i < due.length; i += CHUNK_PLANS) {
      messages.push({ scheduledTime, planIds: due.slice(i, i + CHUNK_PLANS) });
    }
    // Sent before they are postponed: a crash in between leaves them due, and a plan judged
    // twice is judged the same (the writes are keyed on its state version).
    await fanOut.send(messages);
    await postponePlans(db, due, scheduledTime, until);
    queued += due.length;
  }
}

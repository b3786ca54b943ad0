// Fan-out on Cloudflare Queues, for deployments with more due plans than one invocation should
// judge: the cron sends chunks of plan ids, and this consumer judges each chunk with the same
// code as the cron's own loop. Delivery is at least once; a chunk judged twice writes nothing
// the second time (every write is keyed on the plan's state version), so a redelivered message
// never announces an event twice. A chunk that keeps failing is retried with a growing delay,
// then goes to the dead-letter queue (wrangler.toml), and its plans come due again in the cron.
import { createDb } from "../db/client";
import { readSettings } from "../lib/settings";
import { evaluateChunk } from "./evaluate-chunk";
import type { ChunkMessage, FanOut } from "./record-run";

/** Below this many due plans a tick judges them itself even when a queue is bound. */
const DEFAULT_FANOUT_ABOVE = 2_000;

function isChunkMessage(body: unknown): body is ChunkMessage {
  const m = body as ChunkMessage;
  return (
    typeof m === "object" &&
    m !== null &&
    typeof m.scheduledTime === "string" &&
    !Number.isNaN(Date.parse(m.scheduledTime)) &&
    Array.isArray(m.planIds) &&
    m.planIds.every((id) => typeof id === "string")
  );
}

/** The queue the cron fans out to, when the deployment binds one (MONITOR_QUEUE). */
export function fanOutFrom(env: Env): FanOut | undefined {
  // Optional: a deployment without the binding judges every due plan in the cron itself.
  const queue = (env as Partial<Pick<Env, "MONITOR_QUEUE">>).MONITOR_QUEUE as
    | Queue<ChunkMessage>
    | undefined;
  if (!queue) return undefined;
  const raw = Number(env.MONITOR_FANOUT_ABOVE);
  return {
    abovePlans: Number.isSafeInteger(raw) && raw >= 0 ? raw : DEFAULT_FANOUT_ABOVE,
    // sendBatch takes at most 100 messages.
    send: async (messages) => {
      for (let i = 0; i < messages.length; i += 100) {
        await queue.sendBatch(messages.slice(i, i + 100).map((body) => ({ body })));
      }
    },
  };
}

export interface ConsumeReport {
  plansEvaluated: number;
  eventsCreated: number;
  retried: number;
}

/** Retry delay for a message's nth attempt: 30 s, 60 s, 120 s, ... capped at 15 minutes. */
export function retryDelaySeconds(attempts: number): number {
  return Math.min(900, 30 * 2 ** Math.max(0, attempts - 1));
}

export async function consumeChunks(
  batch: MessageBatch<unknown>,
  env: Env,
): Promise<ConsumeReport> {
  const db = createDb(env.DB);
  const settings = readSettings(env);
  const report: ConsumeReport = { plansEvaluated: 0, eventsCreated: 0, retried: 0 };
  for (const message of batch.messages) {
    if (!isChunkMessage(message.body)) {
      // Nothing a retry would mend: dropped, and said so.
      console.error("monitor queue: not a chunk message", message.id);
      message.ack();
      continue;
    }
    try {
      const chunk = await evaluateChunk(db, message.body.planIds, {
        now: Date.parse(message.body.scheduledTime),
        holder: crypto.randomUUID(),
        settings,
      });
      report.plansEvaluated += chunk.plansEvaluated;
      report.eventsCreated += chunk.eventsCreated;
      message.ack();
    } catch (err) {
      console.error("monitor queue: chunk failed", message.id, err);
      report.retried += 1;
      message.retry({ delaySeconds: retryDelaySeconds(message.attempts) });
    }
  }
  return report;
}

export const queue: ExportedHandlerQueueHandler<Env, unknown> = async (batch, env) => {
  const report = await consumeChunks(batch, env);
  console.log("monitor queue", JSON.stringify(report));
};

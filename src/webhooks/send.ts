// One HTTP attempt at a delivery. The transport is a parameter: `fetch` in production, a
// scripted receiver in tests.
import { type AttemptResult, parseRetryAfter } from "./retry-schedule";

export type Transport = (request: Request) => Promise<Response>;

export const fetchTransport: Transport = (request) => fetch(request);

/**
 * A receiver gets 15 s to answer, its body included; longer would hold the drain for a slow
 * peer (the drain also stops sending to a destination that timed out, for the rest of a tick).
 */
export const TIMEOUT_MS = 15_000;
/** Only this much of a response is read: enough to show an error, never a large download. */
export const RESPONSE_EXCERPT_BYTES = 1024;
const USER_AGENT = "target-monitor-webhooks/0.1";

export interface OutgoingMessage {
  url: string;
  body: string;
  headers: Record<string, string>;
}

/**
 * The first `limit` bytes of the answer, read for at most `ms`: a receiver that trickles its
 * body a byte at a time has already given its status, and must not hold the drain any longer.
 */
async function readPrefix(response: Response, limit: number, ms: number): Promise<string | null> {
  if (!response.body) return null;
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  // Cancelling the reader ends a pending read, which then reports the body as done.
  const timer = setTimeout(() => reader.cancel().catch(() => {}), Math.max(0, ms));
  try {
    while (size < limit) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
    }
  } catch {
    // A body cut short says nothing more about the delivery than the status already did.
  } finally {
    clearTimeout(timer);
    reader.cancel().catch(() => {});
  }
  const all = new Uint8Array(Math.min(size, limit));
  let offset = 0;
  for (const c of chunks) {
    const part = c.subarray(0, all.length - offset);
    all.set(part, offset);
    offset += part.byteLength;
    if (offset >= all.length) break;
  }
  return new TextDecoder().decode(all);
}

function describe(err: unknown): string {
  if (err instanceof Error || err instanceof DOMException) {
    if (err.name === "TimeoutError") return `timeout: no answer within ${TIMEOUT_MS / 1000} s`;
    if (err.name === "AbortError") return "aborted";
    return `connection error: ${err.message}`.slice(0, 300);
  }
  return `connection error: ${String(err)}`.slice(0, 300);
}

/**
 * POSTs the message once. Redirects are not followed (`redirect: "manual"` hands back the 3xx,
 * which counts as a failure). `clock` only measures the duration.
 */
export async function sendOnce(
  message: OutgoingMessage,
  transport: Transport,
  options: { nowMs: number; clock: () => number },
): Promise<AttemptResult> {
  const started = options.clock();
  // The whole answer, status and excerpt, is due within the timeout.
  const answerBy = Date.now() + TIMEOUT_MS;
  const request = new Request(message.url, {
    method: "POST",
    headers: { "content-type": "application/json", "user-agent": USER_AGENT, ...message.headers },
    body: message.body,
    redirect: "manual",
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  try {
    const response = await transport(request);
    const responseExcerpt = await readPrefix(
      response,
      RESPONSE_EXCERPT_BYTES,
      answerBy - Date.now(),
    );
    const statusCode = response.status;
    const retryAfterMs =
      statusCode === 429 || statusCode === 503
        ? parseRetryAfter(response.headers.get("retry-after"), options.nowMs)
        : null;
    const ok = statusCode >= 200 && statusCode < 300;
    return {
      statusCode,
      error: ok ? null : `HTTP ${statusCode}`,
      durationMs: Math.max(0, Math.round(options.clock() - started)),
      responseExcerpt,
      retryAfterMs,
    };
  } catch (err) {
    return {
      statusCode: null,
      error: describe(err),
      durationMs: Math.max(0, Math.round(options.clock() - started)),
      responseExcerpt: null,
      retryAfterMs: null,
    };
  }
}

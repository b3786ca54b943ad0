// When to try a delivery again, and when to give up. Pure: the time and the randomness come in.

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/**
 * Waits between attempts: after the first failure 5 s, then 5 min, ... 24 h. Ten attempts in
 * all over about three days, so a receiver that is down for a day still gets every event
 * (the schedule of Standard Webhooks' reference implementation, stretched past 24 hours).
 * A cron run every 15 minutes is the effective floor of the first waits.
 */
export const RETRY_DELAYS_MS: readonly number[] = [
  5 * SECOND,
  5 * MINUTE,
  30 * MINUTE,
  2 * HOUR,
  5 * HOUR,
  10 * HOUR,
  14 * HOUR,
  20 * HOUR,
  24 * HOUR,
];
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;

/** ±20 %: enough to spread out a burst of deliveries that all failed together. */
export const JITTER = 0.2;

/** A receiver asking for more than a day is treated as asking for a day. */
const MAX_RETRY_AFTER_MS = 24 * HOUR;

/** The wait after the `failures`-th failed attempt of a round (1-based), with jitter. */
export function backoffDelay(failures: number, random: () => number): number {
  const index = Math.min(Math.max(failures, 1), RETRY_DELAYS_MS.length) - 1;
  const base = RETRY_DELAYS_MS[index] ?? 0;
  return Math.round(base * (1 + JITTER * (2 * random() - 1)));
}

/** `Retry-After` as delta-seconds or an HTTP date, in ms from now; null when absent or unreadable. */
export function parseRetryAfter(header: string | null, nowMs: number): number | null {
  if (header === null) return null;
  const text = header.trim();
  let ms: number;
  if (/^\d+$/.test(text)) ms = Number(text) * SECOND;
  else {
    // An HTTP date names its month; anything else (e.g. "-5") is not one.
    if (!/[a-z]/i.test(text)) return null;
    const date = Date.parse(text);
    if (Number.isNaN(date)) return null;
    ms = date - nowMs;
  }
  return Math.min(Math.max(ms, 0), MAX_RETRY_AFTER_MS);
}

/** What one HTTP attempt produced. `statusCode` is null when no response came back. */
export interface AttemptResult {
  statusCode: number | null;
  error: string | null;
  durationMs: number;
  responseExcerpt: string | null;
  /** Parsed Retry-After, only kept for 429 and 503. */
  retryAfterMs: number | null;
}

export interface NextStep {
  status: "pending" | "delivered" | "failed";
  nextAttemptAt: number | null;
  /** The receiver answered 410 Gone: it wants no more, so the destination is disabled. */
  disableDestination: boolean;
}

/**
 * Success is any 2xx. A 3xx is a failure (redirects are not followed: a receiver that moved
 * must be updated by its owner, and following could lead anywhere). 410 ends the delivery and
 * disables the destination. Anything else is retried until the round's attempts run out.
 */
export function nextStep(
  attemptsInRound: number,
  result: AttemptResult,
  nowMs: number,
  random: () => number,
): NextStep {
  const code = result.statusCode;
  if (code !== null && code >= 200 && code < 300) {
    return { status: "delivered", nextAttemptAt: null, disableDestination: false };
  }
  if (code === 410) return { status: "failed", nextAttemptAt: null, disableDestination: true };
  if (attemptsInRound >= MAX_ATTEMPTS) {
    return { status: "failed", nextAttemptAt: null, disableDestination: false };
  }
  const honoured = (code === 429 || code === 503) && result.retryAfterMs !== null;
  const wait = honoured ? (result.retryAfterMs ?? 0) : backoffDelay(attemptsInRound, random);
  return { status: "pending", nextAttemptAt: nowMs + wait, disableDestination: false };
}

import { ApiError } from "./errors";

/**
 * D1 errors that say the request may not have reached the database, or the database restarted
 * under it (Cloudflare's D1 documentation lists these as the ones worth retrying). Such a
 * write may or may not have committed: only an operation that gives the same result when
 * repeated may be retried.
 */
const TRANSIENT = [
  /network connection lost/i,
  /object to be reset/i,
  /reset because its code was updated/i,
  /cannot resolve d1 db due to transient issue/i,
];

export function isTransientD1Error(err: unknown): boolean {
  const text = err instanceof Error ? `${err.message} ${String(err.cause ?? "")}` : String(err);
  return TRANSIENT.some((re) => re.test(text));
}

export interface RetryOptions {
  /** Tries in all, the first included. */
  attempts?: number;
  /** Waits before the 2nd, 3rd, ... try (ms); short, since a person or a script is waiting. */
  delaysMs?: readonly number[];
  sleep?: (ms: number) => Promise<void>;
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs `operation` again after a transient D1 error. Use it ONLY around an idempotent
 * operation, one that reads the current state and decides again each time, so that a try
 * that committed before its answer was lost is not applied twice: PUT of an indicator or a
 * plan (the retry finds the write already there and changes nothing), figures (a vintage
 * already stored is skipped by its unique key), the outbox's claim and record (conditional on
 * the drain's own claim). Never around a create that would conflict or duplicate on a retry.
 * When every try fails transiently: 503 `database_unavailable` with Retry-After.
 */
export async function retryTransient<T>(
  operation: () => Promise<T>,
  options: RetryOptions = {},
): Promise<T> {
  const attempts = options.attempts ?? 3;
  const delays = options.delaysMs ?? [50, 200];
  const sleep = options.sleep ?? wait;
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation();
    } catch (err) {
      if (!isTransientD1Error(err)) throw err;
      if (attempt >= attempts) {
        console.error("D1 still failing after retries", err);
        throw new ApiError(
          "database_unavailable",
          "The database did not answer; retry shortly. Repeating this request is safe.",
          undefined,
          { "Retry-After": "1" },
        );
      }
      await sleep(delays[Math.min(attempt - 1, delays.length - 1)] ?? 0);
    }
  }
}

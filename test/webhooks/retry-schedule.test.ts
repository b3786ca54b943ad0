import { describe, expect, it } from "vitest";
import {
  type AttemptResult,
  backoffDelay,
  JITTER,
  MAX_ATTEMPTS,
  nextStep,
  parseRetryAfter,
  RETRY_DELAYS_MS,
} from "../../src/webhooks/retry-schedule";
import { seededRandom } from "./receiver";

const HOUR = 3_600_000;
const NOW = Date.parse("2026-05-01T00:00:00Z");

function result(statusCode: number | null, retryAfterMs: number | null = null): AttemptResult {
  return {
    statusCode,
    error: statusCode === null ? "connection error" : null,
    durationMs: 10,
    responseExcerpt: null,
    retryAfterMs,
  };
}

describe("backoff", () => {
  it("spans more than 24 hours before giving up", () => {
    const total = RETRY_DELAYS_MS.reduce((a, b) => a + b, 0);
    expect(total * (1 - JITTER)).toBeGreaterThan(24 * HOUR);
    expect(MAX_ATTEMPTS).toBe(10);
    expect(RETRY_DELAYS_MS[0]).toBe(5_000);
    expect(RETRY_DELAYS_MS.at(-1)).toBe(24 * HOUR);
  });

  it("grows with each failure and stays within the jitter", () => {
    const random = seededRandom(7);
    let previousMax = 0;
    RETRY_DELAYS_MS.forEach((base, i) => {
      for (let k = 0; k < 50; k++) {
        const delay = backoffDelay(i + 1, random);
        expect(delay).toBeGreaterThanOrEqual(base * (1 - JITTER));
        expect(delay).toBeLessThanOrEqual(base * (1 + JITTER));
      }
      expect(base).toBeGreaterThan(previousMax);
      previousMax = base;
    });
  });

  it("is reproducible from the random source", () => {
    const a = RETRY_DELAYS_MS.map((_, i) => backoffDelay(i + 1, seededRandom(42)));
    const b = RETRY_DELAYS_MS.map((_, i) => backoffDelay(i + 1, seededRandom(42)));
    expect(a).toEqual(b);
    expect(backoffDelay(3, () => 0)).toBe(RETRY_DELAYS_MS[2]! * (1 - JITTER));
    expect(backoffDelay(3, () => 0.5)).toBe(RETRY_DELAYS_MS[2]);
  });

  it("spreads a burst of failures", () => {
    const random = seededRandom(1);
    const delays = new Set(Array.from({ length: 100 }, () => backoffDelay(4, random)));
    expect(delays.size).toBeGreaterThan(90);
  });
});

describe("Retry-After", () => {
  it("reads seconds and HTTP dates", () => {
    expect(parseRetryAfter("120", NOW)).toBe(120_000);
    expect(parseRetryAfter(new Date(NOW + 90_000).toUTCString(), NOW)).toBe(90_000);
  });

  it("ignores nonsense and caps at a day", () => {
    expect(parseRetryAfter(null, NOW)).toBeNull();
    expect(parseRetryAfter("soon", NOW)).toBeNull();
    expect(parseRetryAfter("-5", NOW)).toBeNull();
    expect(parseRetryAfter("999999999", NOW)).toBe(24 * HOUR);
    expect(parseRetryAfter(new Date(NOW - 1000).toUTCString(), NOW)).toBe(0);
  });
});

describe("what follows an attempt", () => {
  const half = () => 0.5;

  it("any 2xx is delivered", () => {
    for (const code of [200, 201, 202, 204, 299]) {
      expect(nextStep(1, result(code), NOW, half).status).toBe("delivered");
    }
  });

  it("a 3xx, 4xx, 5xx or no answer is retried on the schedule", () => {
    for (const code of [301, 302, 307, 400, 401, 404, 500, 502, null]) {
      expect(nextStep(2, result(code), NOW, half)).toEqual({
        status: "pending",
        nextAttemptAt: NOW + RETRY_DELAYS_MS[1]!,
        disableDestination: false,
      });
    }
  });

  it("410 Gone fails at once and disables the destination", () => {
    expect(nextStep(1, result(410), NOW, half)).toEqual({
      status: "failed",
      nextAttemptAt: null,
      disableDestination: true,
    });
  });

  it("429 and 503 wait as long as Retry-After says", () => {
    expect(nextStep(1, result(429, 600_000), NOW, half).nextAttemptAt).toBe(NOW + 600_000);
    expect(nextStep(1, result(503, 7_200_000), NOW, half).nextAttemptAt).toBe(NOW + 7_200_000);
    expect(nextStep(1, result(429), NOW, half).nextAttemptAt).toBe(NOW + 5_000);
  });

  it("gives up after the last attempt", () => {
    expect(nextStep(MAX_ATTEMPTS - 1, result(500), NOW, half).status).toBe("pending");
    expect(nextStep(MAX_ATTEMPTS, result(500), NOW, half)).toEqual({
      status: "failed",
      nextAttemptAt: null,
      disableDestination: false,
    });
  });
});

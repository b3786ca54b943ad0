import { createMiddleware } from "hono/factory";
import { ApiError } from "./errors";
import type { AppEnv } from "./router";

const encoder = new TextEncoder();

async function digest(value: string): Promise<ArrayBuffer> {
  return crypto.subtle.digest("SHA-256", encoder.encode(value));
}

/**
 * Compares two secrets in constant time. Hashing first gives equal-length inputs, so neither
 * the content nor the length of the real token leaks through timing.
 */
export async function secretsEqual(given: string, expected: string): Promise<boolean> {
  const [a, b] = await Promise.all([digest(given), digest(expected)]);
  return crypto.subtle.timingSafeEqual(a, b);
}

/** Writes need `Authorization: Bearer <ADMIN_TOKEN>`. */
export const requireWriteToken = createMiddleware<AppEnv>(async (c, next) => {
  const header = c.req.header("authorization") ?? "";
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  const expected = c.env.ADMIN_TOKEN;
  if (!match?.[1] || !expected || !(await secretsEqual(match[1], expected))) {
    throw new ApiError("unauthorized", "Send Authorization: Bearer <token> to write.", undefined, {
      "WWW-Authenticate": 'Bearer realm="target-monitor"',
    });
  }
  await next();
});

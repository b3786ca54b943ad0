// Scripted receivers for delivery tests: real HTTP semantics (status codes, bodies, thrown
// network errors) without a network, driven by a seeded random source so a failure reproduces.
import type { Transport } from "../../src/webhooks/send";

/** mulberry32: a small, good-enough PRNG with a seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Received {
  id: string;
  timestamp: string;
  signature: string;
  body: string;
  url: string;
}

export type Fault = "ok" | "http_500" | "timeout" | "reset" | "timeout_after_receipt";

/**
 * A receiver that keeps every message it got (`copies`) and a deduplicated view keyed by
 * webhook-id (`unique`), as a careful receiver would. `decide` picks what each attempt meets.
 */
export function scriptedReceiver(decide: (request: Request, attempt: number) => Fault) {
  const copies: Received[] = [];
  const unique = new Map<string, Received>();
  const attemptsById = new Map<string, number>();
  const faults: Record<Fault, number> = {
    ok: 0,
    http_500: 0,
    timeout: 0,
    reset: 0,
    timeout_after_receipt: 0,
  };
  const transport: Transport = async (request) => {
    const id = request.headers.get("webhook-id") ?? "";
    const attempt = (attemptsById.get(id) ?? 0) + 1;
    attemptsById.set(id, attempt);
    const fault = decide(request, attempt);
    faults[fault] += 1;
    if (fault === "reset") throw new TypeError("Network connection lost.");
    if (fault === "timeout") throw new DOMException("The operation timed out.", "TimeoutError");
    const message: Received = {
      id,
      timestamp: request.headers.get("webhook-timestamp") ?? "",
      signature: request.headers.get("webhook-signature") ?? "",
      body: await request.text(),
      url: request.url,
    };
    copies.push(message);
    if (!unique.has(id)) unique.set(id, message);
    // The message arrived but the answer never made it back: the sender must retry, and the
    // receiver must recognise the copy.
    if (fault === "timeout_after_receipt") {
      throw new DOMException("The operation timed out.", "TimeoutError");
    }
    if (fault === "http_500") return new Response("internal error", { status: 500 });
    return new Response(null, { status: 204 });
  };
  return { transport, copies, unique, attemptsById, faults };
}

/** Fails about half the attempts, spread over 500s, timeouts and connection resets. */
export function flaky(random: () => number): (request: Request, attempt: number) => Fault {
  const failures: Fault[] = ["http_500", "timeout", "reset", "timeout_after_receipt"];
  return () => (random() < 0.5 ? failures[Math.floor(random() * failures.length)]! : "ok");
}

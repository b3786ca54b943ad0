import { describe, expect, it } from "vitest";
import { RESPONSE_EXCERPT_BYTES, sendOnce, type Transport } from "../../src/webhooks/send";

const message = {
  url: "https://hooks.example.com/x",
  body: '{"type":"webhook.test"}',
  headers: { "webhook-id": "evt_1", "webhook-timestamp": "1", "webhook-signature": "v1,x" },
};
const NOW = Date.parse("2026-05-01T00:00:00Z");

function ticking(step = 25) {
  let t = 0;
  return () => (t += step);
}

async function send(transport: Transport) {
  return sendOnce(message, transport, { nowMs: NOW, clock: ticking() });
}

describe("one attempt", () => {
  it("POSTs the signed JSON without following redirects, with a timeout", async () => {
    let seen: Request | undefined;
    const result = await send(async (request) => {
      seen = request;
      return new Response("ok", { status: 200 });
    });
    expect(seen?.method).toBe("POST");
    expect(seen?.redirect).toBe("manual");
    expect(seen?.signal).toBeDefined();
    expect(seen?.headers.get("content-type")).toBe("application/json");
    expect(seen?.headers.get("webhook-id")).toBe("evt_1");
    expect(await seen?.text()).toBe(message.body);
    expect(result).toEqual({
      statusCode: 200,
      error: null,
      durationMs: 25,
      responseExcerpt: "ok",
      retryAfterMs: null,
    });
  });

  it("reads at most 1 KB of an endless response", async () => {
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1;
        controller.enqueue(new TextEncoder().encode("x".repeat(300)));
      },
    });
    const result = await send(async () => new Response(endless, { status: 500 }));
    expect(result.statusCode).toBe(500);
    expect(result.error).toBe("HTTP 500");
    expect(result.responseExcerpt).toHaveLength(RESPONSE_EXCERPT_BYTES);
    expect(pulled).toBeLessThan(10);
  });

  it("reports a redirect as a failure with its status", async () => {
    const result = await send(
      async () =>
        new Response(null, { status: 302, headers: { location: "https://169.254.169.254/" } }),
    );
    expect(result).toMatchObject({ statusCode: 302, error: "HTTP 302" });
  });

  it("keeps Retry-After only for 429 and 503", async () => {
    const withHeader = (status: number) => async () =>
      new Response(null, { status, headers: { "retry-after": "30" } });
    expect((await send(withHeader(429))).retryAfterMs).toBe(30_000);
    expect((await send(withHeader(503))).retryAfterMs).toBe(30_000);
    expect((await send(withHeader(500))).retryAfterMs).toBeNull();
  });

  it("names timeouts and connection errors", async () => {
    const timeout = await send(async () => {
      throw new DOMException("timed out", "TimeoutError");
    });
    expect(timeout).toMatchObject({ statusCode: null, error: expect.stringMatching(/^timeout/) });
    const reset = await send(async () => {
      throw new TypeError("Network connection lost.");
    });
    expect(reset).toMatchObject({
      statusCode: null,
      error: "connection error: Network connection lost.",
    });
  });
});

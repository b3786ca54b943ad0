// What workerd's tests cannot send: raw HTTP with conflicting framing headers (a Request object
// always has one consistent length), and the write budget of the real wrangler.toml binding
// under `wrangler dev`. Whatever layer refuses a smuggling attempt (wrangler's proxy, workerd's
// HTTP parser, or the Worker), it must be a 4xx and nothing may be written.
import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { E2E_ADMIN_TOKEN, type RunningMonitor, startMonitor } from "./harness";

let monitor: RunningMonitor;
beforeAll(async () => {
  monitor = await startMonitor({ seed: false });
});
afterAll(async () => {
  await monitor?.stop();
});

/** Sends `raw` over a fresh TCP connection and returns the status of the first response. */
function rawStatus(raw: string): Promise<{ status: number | null; text: string }> {
  const { hostname, port } = new URL(monitor.baseUrl);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname, () => socket.end(raw));
    let text = "";
    socket.setEncoding("latin1");
    socket.on("data", (d) => (text += d));
    const done = () => {
      const status = /^HTTP\/1\.[01] (\d{3})/.exec(text)?.[1];
      resolve({ status: status ? Number(status) : null, text });
    };
    socket.setTimeout(10_000, () => socket.destroy());
    socket.on("close", done);
    socket.on("error", () => undefined);
  });
}

const indicator = () =>
  JSON.stringify({
    name: "Smuggled",
    scope: "smuggled",
    scope_name: "Smuggled",
    scope_level: "locality",
    unit: "USD",
    measure: "flow",
    cadence: "monthly",
  });

async function dataVersion(): Promise<number> {
  const res = await fetch(`${monitor.baseUrl}/api/status`);
  return ((await res.json()) as { data_version: number }).data_version;
}

function request(id: string, framing: string[], body: string): string {
  const host = new URL(monitor.baseUrl).host;
  return [
    `PUT /api/indicators/${id} HTTP/1.1`,
    `Host: ${host}`,
    `Authorization: Bearer ${E2E_ADMIN_TOKEN}`,
    "Content-Type: application/json",
    ...framing,
    "Connection: close",
    "",
    body,
  ].join("\r\n");
}

function chunked(body: string): string {
  return `${Buffer.byteLength(body).toString(16)}\r\n${body}\r\n0\r\n\r\n`;
}

describe("conflicting Content-Length and Transfer-Encoding", () => {
  it("is answered, for a well-framed request, with a write (the probe works)", async () => {
    const id = "framing-control";
    const body = indicator();
    const { status } = await rawStatus(
      request(id, [`Content-Length: ${Buffer.byteLength(body)}`], body),
    );
    expect(status).toBe(201);
  });

  const refused: [string, (body: string) => string[], (body: string) => string][] = [
    [
      "two different Content-Lengths",
      (b) => [`Content-Length: ${Buffer.byteLength(b)}`, "Content-Length: 3"],
      (b) => b,
    ],
    [
      "an obfuscated Transfer-Encoding beside a Content-Length",
      (b) => [`Content-Length: ${Buffer.byteLength(b)}`, "Transfer-Encoding: xchunked"],
      (b) => b,
    ],
    ["a negative Content-Length", () => ["Content-Length: -1"], (b) => b],
  ];

  it.each(refused)("%s → a 4xx, and nothing written", async (_, framing, encode) => {
    const before = await dataVersion();
    const id = `smuggled-${Math.random().toString(36).slice(2, 8)}`;
    const body = indicator();
    const { status, text } = await rawStatus(request(id, framing(body), encode(body)));
    expect(status, text.slice(0, 200)).not.toBeNull();
    expect(status ?? 0).toBeGreaterThanOrEqual(400);
    expect(status ?? 0).toBeLessThan(500);
    expect((await fetch(`${monitor.baseUrl}/api/indicators/${id}`)).status).toBe(404);
    expect(await dataVersion()).toBe(before);
  });

  it("TE.CL: a request hidden past a short Content-Length is never run", async () => {
    // A short Content-Length with a chunked body whose data is a whole second request: a
    // server that framed by Content-Length would run that request. workerd frames by
    // Transfer-Encoding, so the "request" is the (malformed) JSON body of the first one.
    const before = await dataVersion();
    const hidden = `hidden-${Math.random().toString(36).slice(2, 8)}`;
    const smuggled = request(
      hidden,
      [`Content-Length: ${Buffer.byteLength(indicator())}`],
      indicator(),
    );
    const outer = `outer-${Math.random().toString(36).slice(2, 8)}`;
    const { status, text } = await rawStatus(
      request(outer, ["Content-Length: 4", "Transfer-Encoding: chunked"], chunked(smuggled)),
    );
    expect(status, text.slice(0, 200)).toBe(400);
    expect(text).toContain("malformed_json");
    expect((await fetch(`${monitor.baseUrl}/api/indicators/${hidden}`)).status).toBe(404);
    expect((await fetch(`${monitor.baseUrl}/api/indicators/${outer}`)).status).toBe(404);
    expect(await dataVersion()).toBe(before);
  });

  it("CL.TE: both headers are framed by Transfer-Encoding, as RFC 9112 §6.3 says, once", async () => {
    // workerd resolves the conflict itself (Transfer-Encoding wins, Content-Length is dropped
    // before the Worker sees the request), so the Worker cannot tell and answers the chunked
    // body. What matters is that the body is read one way only: the chunked JSON is written
    // exactly once, and the bytes Content-Length would have covered run nothing else.
    const before = await dataVersion();
    const id = `both-${Math.random().toString(36).slice(2, 8)}`;
    const body = indicator();
    const { status } = await rawStatus(
      request(
        id,
        [`Content-Length: ${Buffer.byteLength(body)}`, "Transfer-Encoding: chunked"],
        chunked(body),
      ),
    );
    if (status !== null && status >= 400 && status < 500) {
      expect((await fetch(`${monitor.baseUrl}/api/indicators/${id}`)).status).toBe(404);
      expect(await dataVersion()).toBe(before);
    } else {
      expect(status).toBe(201);
      const stored = (await (await fetch(`${monitor.baseUrl}/api/indicators/${id}`)).json()) as {
        name: string;
      };
      expect(stored.name).toBe("Smuggled");
      expect(await dataVersion()).toBe(before + 1);
    }
  });

  it("a chunk size that is not hexadecimal is refused before the Worker, and nothing is written", async () => {
    // wrangler dev's own proxy cannot read such a body and answers 500 ("Network connection
    // lost") before the Worker runs; in production Cloudflare's edge refuses it. Either way no
    // success and no write.
    const before = await dataVersion();
    const id = `badchunk-${Math.random().toString(36).slice(2, 8)}`;
    const body = indicator();
    const { status } = await rawStatus(
      request(id, ["Transfer-Encoding: chunked"], `zz\r\n${body}\r\n0\r\n\r\n`),
    );
    expect(status ?? 400).toBeGreaterThanOrEqual(400);
    expect((await fetch(`${monitor.baseUrl}/api/indicators/${id}`)).status).toBe(404);
    expect(await dataVersion()).toBe(before);
  });
});

describe("the write budget from wrangler.toml", () => {
  it("answers 429 with Retry-After once a token has spent its imports", async () => {
    const created = await monitor.write("POST", "/api/tokens", {
      name: "e2e importer",
      scopes: ["write"],
    });
    expect(created.status).toBe(201);
    const { token } = (await created.json()) as { token: string };
    // IMPORT_RATE_LIMIT allows 10 a minute; the limiter counts in fixed windows, so 21 quick
    // requests overrun it even when they straddle the turn of a window.
    const statuses: number[] = [];
    let limited: Response | undefined;
    for (let i = 0; i < 21; i++) {
      const res = await fetch(`${monitor.baseUrl}/api/import`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "text/csv" },
        body: "not,a,known,header\n",
      });
      statuses.push(res.status);
      if (res.status === 429) limited ??= res;
      else await res.body?.cancel();
    }
    expect(statuses.filter((s) => s === 422).length).toBeGreaterThanOrEqual(10);
    if (!limited) throw new Error(`no 429 among ${statuses.join(",")}`);
    expect(limited.headers.get("retry-after")).toBe("60");
    expect(limited.headers.get("content-type")).toContain("application/problem+json");
    expect(((await limited.json()) as { code: string }).code).toBe("rate_limited");
  });
});

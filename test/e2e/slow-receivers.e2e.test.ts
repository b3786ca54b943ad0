// Real receivers on 127.0.0.1 that hold a delivery up: one accepts the connection and never
// answers, one answers 200 and then trickles its body a byte a second. A healthy receiver must
// get all its messages in the same tick regardless, while the slow ones are still being
// waited for, and the one that never answers must be tried once per tick, not once per message.
import { createServer, type Server, type ServerResponse } from "node:http";
import { afterAll, beforeAll, expect, it } from "vitest";
import { expectJson, freePort, livePlanPeriod, type RunningMonitor, startMonitor } from "./harness";

const PLANS = 5;

let monitor: RunningMonitor;
const servers: Server[] = [];
const hanging: ServerResponse[] = [];
const trickles: ReturnType<typeof setInterval>[] = [];

/** When each receiver got each request, and when the never-answering one saw it dropped. */
const log = {
  healthy: [] as number[],
  never: [] as number[],
  neverDropped: [] as number[],
  trickle: [] as number[],
};

async function listen(handler: Parameters<typeof createServer>[1]): Promise<string> {
  const port = await freePort();
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((ok) => server.listen(port, "127.0.0.1", ok));
  return `http://127.0.0.1:${port}/hook`;
}

let urls: { healthy: string; never: string; trickle: string };

beforeAll(async () => {
  urls = {
    healthy: await listen((req, res) => {
      req.resume();
      req.on("end", () => {
        log.healthy.push(Date.now());
        res.statusCode = 204;
        res.end();
      });
    }),
    never: await listen((req, res) => {
      req.resume();
      log.never.push(Date.now());
      hanging.push(res);
      req.socket.on("close", () => log.neverDropped.push(Date.now()));
    }),
    trickle: await listen((req, res) => {
      req.resume();
      log.trickle.push(Date.now());
      res.writeHead(200, { "content-type": "text/plain" });
      const timer = setInterval(() => {
        if (!res.writableEnded) res.write("x");
      }, 1000);
      trickles.push(timer);
      res.on("close", () => clearInterval(timer));
    }),
  };
  monitor = await startMonitor({ seed: false, vars: { ALLOW_LOOPBACK_WEBHOOKS: "true" } });
});

afterAll(async () => {
  for (const timer of trickles) clearInterval(timer);
  for (const res of hanging) res.destroy();
  await monitor?.stop();
  for (const server of servers) {
    server.closeAllConnections();
    await new Promise((ok) => server.close(ok));
  }
});

it("a slow or silent receiver delays only itself", { timeout: 240_000 }, async () => {
  const p = livePlanPeriod();
  const scope = "e2e-slow";
  const indicatorId = `${scope}.exports`;
  await expectJson(
    await monitor.write("PUT", `/api/indicators/${indicatorId}`, {
      name: "Goods exports",
      scope,
      scope_name: "E2E Slow",
      scope_level: "locality",
      unit: "USD",
      measure: "flow",
      cadence: "monthly",
    }),
    201,
  );
  for (let i = 0; i < PLANS; i += 1) {
    await expectJson(
      await monitor.write("POST", "/api/plans", {
        id: `${indicatorId}.plan-${i}`,
        indicator_id: indicatorId,
        period_start: p.planStart,
        period_end: p.planEnd,
        target: 2400 + i,
        scale: "million",
      }),
      201,
    );
  }
  // Far below the expected path: every plan goes off track, one event each.
  await expectJson(
    await monitor.write("POST", "/api/actuals", {
      indicator_id: indicatorId,
      period_start: p.planStart,
      period_end: p.actualEnd,
      value: 1,
      scale: "million",
      status: "estimate",
      reported_at: p.reportedAt,
    }),
    201,
  );
  // The slow destinations first: an outbox drained first come, first served would wait on them.
  for (const url of [urls.never, urls.trickle, urls.healthy]) {
    await expectJson(
      await monitor.write("POST", "/api/webhooks", { url, filters: { scopes: [scope] } }),
      201,
    );
  }

  const fired = Date.now();
  const tick = await monitor.fireCron();
  expect(tick.status).toBe(200);

  expect(log.healthy).toHaveLength(PLANS);
  // The healthy receiver had everything while the silent one's first request was still open.
  expect(log.never).toHaveLength(1);
  expect(log.neverDropped.length).toBeGreaterThan(0);
  expect(Math.max(...log.healthy)).toBeLessThan(log.neverDropped[0]!);
  // The trickling one answered 200 each time; it is sent to one message at a time.
  expect(log.trickle.length).toBeGreaterThan(0);

  const deliveries = await expectJson<{
    deliveries: { webhook_id: string; status: string; attempts: number }[];
  }>(
    await fetch(`${monitor.baseUrl}/api/deliveries?limit=100`, {
      headers: { authorization: `Bearer e2e-admin-token` },
    }),
    200,
  );
  const pending = deliveries.deliveries.filter((d) => d.status === "pending" && d.attempts === 0);
  // The silent destination's other messages wait for the next tick, untried.
  expect(pending.length).toBeGreaterThanOrEqual(PLANS - 1);

  console.log(
    `slow receivers: healthy got ${PLANS} messages ${Math.max(...log.healthy) - fired} ms after the cron fired; the silent one was given up after ${log.neverDropped[0]! - log.never[0]!} ms; the trickling one got ${log.trickle.length} of ${PLANS} in the tick`,
  );
});

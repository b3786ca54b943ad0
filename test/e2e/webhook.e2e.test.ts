// The whole path over real HTTP: the Worker under `wrangler dev`, a receiver on 127.0.0.1,
// a new figure that pushes a plan off track, the cron fired, a signed webhook received and
// verified by an independent library; then a recovery, and its resolution.
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, expect, it } from "vitest";
import {
  E2E_ADMIN_TOKEN,
  expectJson,
  freePort,
  livePlanPeriod,
  type RunningMonitor,
  startMonitor,
} from "./harness";

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

let monitor: RunningMonitor;
let server: Server;
let receiverUrl: string;
const received: Received[] = [];
const PUBLIC_BASE_URL = "https://status.example.org";

beforeAll(async () => {
  const port = await freePort();
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received.push({
        path: req.url ?? "",
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      });
      res.statusCode = 204;
      res.end();
    });
  });
  await new Promise<void>((ok) => server.listen(port, "127.0.0.1", ok));
  receiverUrl = `http://127.0.0.1:${port}`;
  monitor = await startMonitor({ vars: { ALLOW_LOOPBACK_WEBHOOKS: "true", PUBLIC_BASE_URL } });
});

afterAll(async () => {
  await monitor?.stop();
  await new Promise((ok) => server?.close(ok));
});

function headersOf(r: Received): Record<string, string> {
  return {
    "webhook-id": String(r.headers["webhook-id"]),
    "webhook-timestamp": String(r.headers["webhook-timestamp"]),
    "webhook-signature": String(r.headers["webhook-signature"]),
  };
}

async function waitFor(count: (r: Received) => boolean, n: number): Promise<Received[]> {
  for (let i = 0; i < 50; i++) {
    const found = received.filter(count);
    if (found.length >= n) return found;
    await new Promise((r) => setTimeout(r, 200));
  }
  return received.filter(count);
}

it("sends one signed, verifiable notification per transition", async () => {
  const p = livePlanPeriod();
  const scope = "e2e-province";
  const indicatorId = `${scope}.exports`;
  const target = 2400;
  await expectJson(
    await monitor.write("PUT", `/api/indicators/${indicatorId}`, {
      name: "Goods exports",
      scope,
      scope_name: "E2E Province",
      scope_level: "locality",
      unit: "USD",
      measure: "flow",
      cadence: "monthly",
      tags: ["trade"],
    }),
    201,
  );
  const plan = await expectJson<{ id: string }>(
    await monitor.write("POST", "/api/plans", {
      indicator_id: indicatorId,
      period_start: p.planStart,
      period_end: p.planEnd,
      target,
      scale: "million",
    }),
    201,
  );

  // Register the receiver (the URL is refused unless ALLOW_LOOPBACK_WEBHOOKS is on).
  const hook = await expectJson<{ id: string; secret: string }>(
    await monitor.write("POST", "/api/webhooks", {
      url: `${receiverUrl}/hook`,
      filters: { scopes: [scope] },
    }),
    201,
  );
  const slack = await expectJson<{ id: string }>(
    await monitor.write("POST", "/api/webhooks", {
      url: `${receiverUrl}/slack`,
      format: "slack",
      filters: { scopes: [scope], min_severity: "critical" },
    }),
    201,
  );
  const verifier = new Webhook(hook.secret);

  // The test message arrives signed.
  const test = await expectJson<{ delivered: boolean; webhook_id: string; status_code: number }>(
    await monitor.write("POST", `/api/webhooks/${hook.id}/test`, {}),
    200,
  );
  expect(test).toMatchObject({ delivered: true, status_code: 204 });
  const [ping] = await waitFor((r) => r.headers["webhook-id"] === test.webhook_id, 1);
  expect(verifier.verify(ping?.body ?? "", headersOf(ping!))).toMatchObject({
    type: "webhook.test",
  });

  // A figure far below pace, then the cron.
  const figure = (share: number) => ({
    indicator_id: indicatorId,
    period_start: p.planStart,
    period_end: p.actualEnd,
    value: Math.round(target * p.expected * share * 1000) / 1000,
    scale: "million",
    status: "estimate",
    reported_at: p.reportedAt,
  });
  await expectJson(await monitor.write("POST", "/api/actuals", figure(0.5)), 201);
  expect((await monitor.fireCron()).ok).toBe(true);

  const alerts = await waitFor(
    (r) => r.path === "/hook" && r.body.includes("plan.status_changed"),
    1,
  );
  expect(alerts).toHaveLength(1);
  const alert = alerts[0]!;
  const payload = verifier.verify(alert.body, headersOf(alert)) as {
    type: string;
    data: Record<string, unknown> & { evaluation: { attainment: number } };
  };
  expect(payload).toMatchObject({
    type: "plan.status_changed",
    data: {
      id: alert.headers["webhook-id"],
      plan: { id: plan.id },
      indicator: { id: indicatorId },
      scope,
      previous_status: null,
      status: "off_track",
      severity: "critical",
      link: `${PUBLIC_BASE_URL}/plans/${plan.id}`,
    },
  });
  expect(payload.data.evaluation.attainment).toBeGreaterThan(0);
  // A tampered copy does not verify.
  expect(() =>
    verifier.verify(alert.body.replace("off_track", "on_track"), headersOf(alert)),
  ).toThrow();

  // A revised figure back on pace, the cron again: the resolution, once.
  await expectJson(await monitor.write("POST", "/api/actuals", figure(1.0)), 201);
  expect((await monitor.fireCron()).ok).toBe(true);
  const messages = await waitFor(
    (r) => r.path === "/hook" && r.body.includes("plan.status_changed"),
    2,
  );
  expect(messages).toHaveLength(2);
  const resolution = verifier.verify(messages[1]!.body, headersOf(messages[1]!));
  expect(resolution).toMatchObject({
    data: { previous_status: "off_track", status: "on_track", severity: "resolved" },
  });

  // Another tick with nothing new sends nothing more.
  expect((await monitor.fireCron()).ok).toBe(true);
  await new Promise((r) => setTimeout(r, 500));
  expect(received.filter((r) => r.path === "/hook" && r.body.includes("plan."))).toHaveLength(2);

  // The Slack-format destination (critical and above) got the alert and its resolution.
  const chat = received.filter((r) => r.path === "/slack");
  expect(chat).toHaveLength(2);
  expect(JSON.parse(chat[0]!.body)).toMatchObject({ text: expect.stringContaining("off track") });
  expect(JSON.parse(chat[0]!.body).blocks).toHaveLength(3);

  // The history and the delivery log say the same.
  const history = await expectJson<{ events: { status: string }[] }>(
    await fetch(`${monitor.baseUrl}/api/plans/${plan.id}/alerts`),
    200,
  );
  expect(history.events.map((e) => e.status)).toEqual(["on_track", "off_track"]);
  const log = await expectJson<{ deliveries: { status: string }[] }>(
    await fetch(`${monitor.baseUrl}/api/deliveries?webhook=${hook.id}`, {
      headers: { authorization: `Bearer ${E2E_ADMIN_TOKEN}` },
    }),
    200,
  );
  expect(log.deliveries.map((d) => d.status)).toEqual(["delivered", "delivered"]);
  expect(slack.id).toMatch(/^wh_/);
});

// A real Alertmanager as a destination: the Worker under `wrangler dev` posts to it, a new
// figure pushes a plan off track and the alert fires there, with our labels and annotations,
// and is routed to the organisation's own receiver; the next tick keeps it firing; a
// recovering figure resolves it.
import { spawnSync } from "node:child_process";
import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectJson, freePort, livePlanPeriod, type RunningMonitor, startMonitor } from "./harness";
import { eventually, type RunningPeer, startPeer, which } from "./peers";

const alertmanager = which("prometheus-alertmanager");
const amtool = which("amtool");
if (!alertmanager || !amtool) {
  console.warn(
    "Alertmanager suite skipped: prometheus-alertmanager/amtool not found. Install with `apt-get install prometheus-alertmanager`.",
  );
}

const PUBLIC_BASE_URL = "https://status.example.org";

interface AmAlert {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt: string;
  endsAt: string;
  updatedAt?: string;
  generatorURL?: string;
  status: { state: string } | string;
}

interface Notification {
  status: "firing" | "resolved";
  alerts: AmAlert[];
}

describe.skipIf(!alertmanager || !amtool)("Alertmanager", () => {
  let monitor: RunningMonitor;
  let server: RunningPeer;
  let receiver: Server;
  /** What Alertmanager's own webhook receiver was sent: proof the alerts went through its routing. */
  const notifications: Notification[] = [];

  beforeAll(async () => {
    const receiverPort = await freePort();
    receiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        notifications.push(JSON.parse(Buffer.concat(chunks).toString("utf8")) as Notification);
        res.end();
      });
    });
    await new Promise<void>((ok) => receiver.listen(receiverPort, "127.0.0.1", ok));
    [server, monitor] = await Promise.all([
      startPeer(
        alertmanager ?? "prometheus-alertmanager",
        (port, dir) => [
          `--config.file=${dir}/alertmanager.yml`,
          `--storage.path=${dir}/data`,
          `--web.listen-address=127.0.0.1:${port}`,
          // No gossip: one standalone instance.
          "--cluster.listen-address=",
        ],
        () => ({
          "alertmanager.yml": [
            "route:",
            "  receiver: team",
            "  group_by: [alertname, plan]",
            "  group_wait: 1s",
            "  group_interval: 1s",
            "  repeat_interval: 1h",
            "receivers:",
            "  - name: team",
            "    webhook_configs:",
            `      - url: http://127.0.0.1:${receiverPort}/notify`,
            "        send_resolved: true",
          ].join("\n"),
        }),
      ),
      startMonitor({ vars: { ALLOW_LOOPBACK_WEBHOOKS: "true", PUBLIC_BASE_URL } }),
    ]);
  });

  afterAll(async () => {
    await Promise.all([server?.stop(), monitor?.stop()]);
    await new Promise((ok) => receiver?.close(ok));
  });

  /** The active alerts Alertmanager holds that match a label matcher, through its API. */
  async function active(matcher: string): Promise<AmAlert[]> {
    const res = await fetch(`${server.url}/api/v2/alerts?filter=${encodeURIComponent(matcher)}`);
    return expectJson<AmAlert[]>(res, 200);
  }

  /** The same through amtool, an independent client. */
  function amtoolQuery(...matchers: string[]): AmAlert[] {
    const run = spawnSync(
      amtool ?? "amtool",
      [`--alertmanager.url=${server.url}`, "alert", "query", "-o", "json", ...matchers],
      { encoding: "utf8" },
    );
    expect(run.status, run.stderr).toBe(0);
    return JSON.parse(run.stdout) as AmAlert[];
  }

  it("fires, keeps firing and resolves an alert through Alertmanager's own routing", async () => {
    const hook = await expectJson<{ id: string; format: string }>(
      await monitor.write("POST", "/api/webhooks", { url: server.url, format: "alertmanager" }),
      201,
    );
    expect(hook.format).toBe("alertmanager");

    // The test message is a short-lived test alert.
    const test = await expectJson<{ delivered: boolean; status_code: number }>(
      await monitor.write("POST", `/api/webhooks/${hook.id}/test`, { message: "hello" }),
      200,
    );
    expect(test).toMatchObject({ delivered: true, status_code: 200 });
    expect(amtoolQuery("alertname=TargetMonitorTest")).toEqual([
      expect.objectContaining({
        labels: { alertname: "TargetMonitorTest", severity: "info", webhook: hook.id },
        annotations: { summary: "hello" },
      }),
    ]);

    // A plan for this year (the demo plans are long over: seen once, silently, never alerted).
    const p = livePlanPeriod();
    const scope = "e2e-am-province";
    const indicatorId = `${scope}.exports`;
    const target = 2400;
    await expectJson(
      await monitor.write("PUT", `/api/indicators/${indicatorId}`, {
        name: "Goods exports",
        scope,
        scope_name: "AM Province",
        scope_level: "locality",
        unit: "USD",
        measure: "flow",
        cadence: "monthly",
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
    const figure = (share: number) => ({
      indicator_id: indicatorId,
      period_start: p.planStart,
      period_end: p.actualEnd,
      value: Math.round(target * p.expected * share * 1000) / 1000,
      scale: "million",
      status: "estimate",
      reported_at: p.reportedAt,
    });

    // Far below pace, then the cron: the alert fires in Alertmanager.
    await expectJson(await monitor.write("POST", "/api/actuals", figure(0.5)), 201);
    const firedAt = Date.now();
    expect((await monitor.fireCron()).ok).toBe(true);
    const matcher = `plan="${plan.id}"`;
    const [alert] = await eventually(async () => {
      const found = await active(matcher);
      return found.length > 0 ? found : undefined;
    });
    const link = `${PUBLIC_BASE_URL}/plans/${plan.id}`;
    expect(alert).toMatchObject({
      labels: {
        alertname: "TargetOffTrack",
        severity: "critical",
        plan: plan.id,
        indicator: indicatorId,
        scope,
      },
      annotations: {
        summary: `Goods exports, AM Province ${p.planStart} – ${p.planEnd}: off track`,
        link,
      },
      generatorURL: link,
      status: { state: "active" },
    });
    expect(alert?.annotations.description).toMatch(/Attainment: \d+\.\d%/);
    expect(alert?.annotations.description).toMatch(/Pace: \d+\.\d%/);
    expect(alert?.annotations.description).toContain("Projection: ");
    expect(alert?.annotations.description).toContain(`As of: ${p.reportedAt}`);
    expect(Math.abs(Date.parse(alert!.startsAt) - firedAt)).toBeLessThan(60_000);
    // Valid for well past the next tick: Alertmanager will not time it out between ticks.
    expect(Date.parse(alert!.endsAt) - Date.now()).toBeGreaterThan(45 * 60_000);
    expect(amtoolQuery(matcher).map((a) => a.labels.alertname)).toEqual(["TargetOffTrack"]);
    // The organisation's route sent it to its receiver.
    const sent = await eventually(async () =>
      notifications.find((n) => n.status === "firing" && n.alerts[0]?.labels.plan === plan.id),
    );
    expect(sent.alerts).toHaveLength(1);
    expect(sent.alerts[0]?.labels.alertname).toBe("TargetOffTrack");
    // Nothing else fires: the demo plans are not announced, so they are not kept alive either.
    const everything = await expectJson<AmAlert[]>(await fetch(`${server.url}/api/v2/alerts`), 200);
    expect(
      everything.map((a) => a.labels.alertname).filter((n) => n !== "TargetMonitorTest"),
    ).toEqual(["TargetOffTrack"]);

    // The next tick posts it again: same alert, same start, a later end.
    await new Promise((r) => setTimeout(r, 1100));
    expect((await monitor.fireCron()).ok).toBe(true);
    const [again] = await eventually(async () => {
      const found = await active(matcher);
      return found[0] && found[0].endsAt !== alert?.endsAt ? found : undefined;
    });
    // Instants, not strings: Alertmanager writes .840Z as .84Z in some of its answers.
    expect(Date.parse(again!.startsAt)).toBe(Date.parse(alert!.startsAt));
    expect(Date.parse(again!.endsAt)).toBeGreaterThan(Date.parse(alert!.endsAt));

    // Back on pace, the cron: resolved in Alertmanager, and the receiver is told.
    await expectJson(await monitor.write("POST", "/api/actuals", figure(1.0)), 201);
    expect((await monitor.fireCron()).ok).toBe(true);
    await eventually(async () => ((await active(matcher)).length === 0 ? true : undefined));
    expect(amtoolQuery(matcher)).toEqual([]);
    const resolved = await eventually(async () =>
      notifications.find((n) => n.status === "resolved" && n.alerts[0]?.labels.plan === plan.id),
    );
    expect(resolved.alerts[0]).toMatchObject({ status: "resolved", labels: alert?.labels });
    expect(Date.parse(resolved.alerts[0]!.startsAt)).toBe(Date.parse(alert!.startsAt));
    expect(Date.parse(resolved.alerts[0]!.endsAt)).toBeLessThanOrEqual(Date.now());
  });
});

// A real Prometheus scrapes the real Worker, and promtool lints what it serves.
import { spawnSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningMonitor, startMonitor } from "./harness";
import { eventually, type RunningPeer, startPeer, which } from "./peers";

const promtool = which("promtool");
const prometheus = which("prometheus");
if (!promtool || !prometheus) {
  console.warn(
    "Prometheus suite skipped: promtool/prometheus not found. Install with `apt-get install prometheus`.",
  );
}

describe.skipIf(!promtool || !prometheus)("Prometheus", () => {
  let monitor: RunningMonitor;
  let server: RunningPeer;
  beforeAll(async () => {
    monitor = await startMonitor();
    const target = new URL(monitor.baseUrl).host;
    server = await startPeer(
      prometheus ?? "prometheus",
      (port, dir) => [
        `--config.file=${dir}/prometheus.yml`,
        `--storage.tsdb.path=${dir}/data`,
        `--web.listen-address=127.0.0.1:${port}`,
      ],
      () => ({
        "prometheus.yml": [
          "global:",
          "  scrape_interval: 1s",
          "scrape_configs:",
          "  - job_name: target-monitor",
          "    static_configs:",
          `      - targets: ["${target}"]`,
        ].join("\n"),
      }),
    );
  });
  afterAll(async () => {
    await server?.stop();
    await monitor?.stop();
  });

  it("serves metrics that promtool accepts", async () => {
    const text = await (await fetch(`${monitor.baseUrl}/metrics`)).text();
    const check = spawnSync(promtool ?? "promtool", ["check", "metrics"], {
      input: text,
      encoding: "utf8",
    });
    expect(check.stdout + check.stderr).toBe("");
    expect(check.status).toBe(0);
  });

  it("lets Prometheus scrape a seeded plan's attainment and status", async () => {
    const query = async (q: string) => {
      const res = await fetch(`${server.url}/api/v1/query?query=${encodeURIComponent(q)}`);
      const body = (await res.json()) as {
        data: { result: { metric: Record<string, string>; value: [number, string] }[] };
      };
      return body.data.result;
    };
    const attainment = await eventually(async () => {
      const [first] = await query(
        'target_monitor_plan_attainment_ratio{plan="nghe-an.goods-exports.2024"}',
      );
      return first;
    });
    expect(Number(attainment.value[1]).toFixed(4)).toBe("0.8458");
    expect(attainment.metric).toMatchObject({
      indicator: "nghe-an.goods-exports",
      scope: "nghe-an",
      unit: "USD",
      job: "target-monitor",
    });
    const [achieved] = await query(
      'target_monitor_plan_status{plan="nghe-an.goods-imports.2024",status="achieved"}',
    );
    expect(achieved?.value[1]).toBe("1");
    // The 2024 exports plan is long over without a full-year figure, and grew 32.01% on the
    // same period of 2023.
    const [over] = await query(
      'target_monitor_plan_status{plan="nghe-an.goods-exports.2024",status="period_over"}',
    );
    expect(over?.value[1]).toBe("1");
    const [growth] = await query(
      'target_monitor_plan_yoy_growth_ratio{plan="nghe-an.goods-exports.2024"}',
    );
    expect(Number(growth?.value[1]).toFixed(4)).toBe("0.3201");
  });
});

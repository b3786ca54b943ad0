// Starts the real Worker under `wrangler dev` with a private, freshly migrated local D1 and
// (optionally) the demo dataset, for tests that need real HTTP, a browser or a real peer.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const root = resolve(import.meta.dirname, "../..");
const wrangler = join(root, "node_modules", ".bin", "wrangler");
export const E2E_ADMIN_TOKEN = "e2e-admin-token";

export interface RunningMonitor {
  baseUrl: string;
  /** The DevTools WebSocket of the Worker's isolate (wrangler's inspector proxy). */
  inspectorUrl: string;
  /** Calls the scheduled handler, as the cron trigger would. */
  fireCron(cron?: string): Promise<Response>;
  /** Authenticated JSON write to the API. */
  write(method: string, path: string, body: unknown): Promise<Response>;
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? ok(address.port) : fail(new Error("no port")),
      );
    });
  });
}

export async function startMonitor(
  options: { seed?: boolean; vars?: Record<string, string> } = {},
): Promise<RunningMonitor> {
  const persist = mkdtempSync(join(tmpdir(), "monitor-e2e-"));
  const migrate = spawnSync(
    wrangler,
    ["d1", "migrations", "apply", "DB", "--local", "--persist-to", persist],
    { cwd: root, encoding: "utf8", env: { ...process.env, CI: "true" } },
  );
  if (migrate.status !== 0) throw new Error(`migrations failed: ${migrate.stderr}`);

  const port = await freePort();
  const inspectorPort = await freePort();
  const vars = { ADMIN_TOKEN: E2E_ADMIN_TOKEN, ...options.vars };
  const args = [
    "dev",
    "--test-scheduled",
    "--ip",
    "127.0.0.1",
    "--port",
    String(port),
    "--inspector-port",
    String(inspectorPort),
    "--persist-to",
    persist,
    "--show-interactive-dev-session=false",
    ...Object.entries(vars).flatMap(([k, v]) => ["--var", `${k}:${v}`]),
  ];
  const child: ChildProcess = spawn(wrangler, args, {
    cwd: root,
    env: { ...process.env, CI: "true", NO_COLOR: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (d) => (output += d));
  child.stderr?.on("data", (d) => (output += d));

  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited:\n${output}`);
    try {
      if ((await fetch(`${baseUrl}/healthz`)).ok) break;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`wrangler dev did not start:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 300));
  }

  const monitor: RunningMonitor = {
    baseUrl,
    inspectorUrl: `ws://127.0.0.1:${inspectorPort}/ws`,
    fireCron: (cron = "*/15 * * * *") =>
      fetch(`${baseUrl}/__scheduled?cron=${encodeURIComponent(cron)}`),
    write: (method, path, body) =>
      fetch(`${baseUrl}${path}`, {
        method,
        headers: {
          "content-type": "application/json",
          authorization: `Bearer ${vars.ADMIN_TOKEN}`,
        },
        body: JSON.stringify(body),
      }),
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once("exit", r));
        child.kill("SIGTERM");
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
        if (child.exitCode === null) child.kill("SIGKILL");
      }
      rmSync(persist, { recursive: true, force: true });
    },
  };

  if (options.seed !== false) {
    const { seed } = (await import("../../scripts/seed.mjs")) as {
      seed: (url: string, token: string) => Promise<unknown>;
    };
    await seed(baseUrl, vars.ADMIN_TOKEN);
  }
  return monitor;
}

/**
 * A two-year plan starting this year and a figure through last month. The cron evaluates at
 * the real time, so end-to-end alerts need a plan that is live today (the demo data is 2024).
 */
export function livePlanPeriod() {
  const today = new Date();
  const lastMonthEnd = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), 0));
  const year = lastMonthEnd.getUTCFullYear();
  const start = Date.UTC(year, 0, 1);
  const end = Date.UTC(year + 1, 11, 31);
  const day = 86_400_000;
  const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  return {
    planStart: iso(start),
    planEnd: iso(end),
    actualEnd: iso(lastMonthEnd.getTime()),
    reportedAt: iso(today.getTime()),
    /** The share of the target a linear plan expects by the figure's end. */
    expected: (lastMonthEnd.getTime() - start + day) / (end - start + day),
  };
}

/** Reads a JSON answer after checking its status (the body is shown when it is not). */
export async function expectJson<T>(res: Response, status: number): Promise<T> {
  const text = await res.text();
  if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${text}`);
  return JSON.parse(text) as T;
}

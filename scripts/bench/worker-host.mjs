// Hosts the Worker for the benchmark: the deploy bundle (`wrangler deploy --dry-run`) run by
// Miniflare's programmatic API, with a local D1 persisted to a temporary directory, the real
// migrations, and the bench entry (bench-worker.js) in front of it.
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";

const require = createRequire(import.meta.url);
// The Miniflare that wrangler itself runs (`wrangler dev`), not another copy in node_modules.
const wranglerRequire = createRequire(require.resolve("wrangler"));
const { Miniflare, convertV4MiniflareOptions } = wranglerRequire("miniflare");
const wrangler = require("wrangler");

/** Versions of what runs the Worker: wrangler, the Miniflare it uses, and that one's workerd. */
export function versions() {
  const miniflareRequire = createRequire(wranglerRequire.resolve("miniflare"));
  return {
    wrangler: require("wrangler/package.json").version,
    miniflare: wranglerRequire("miniflare/package.json").version,
    workerd: miniflareRequire("workerd/package.json").version,
  };
}

/** Bundles the Worker exactly as `wrangler deploy` would, and puts the bench entry beside it. */
export function buildBundle(root, outdir) {
  const build = spawnSync(
    join(root, "node_modules", ".bin", "wrangler"),
    ["deploy", "--dry-run", "--outdir", outdir],
    { cwd: root, encoding: "utf8", env: { ...process.env, CI: "true" } },
  );
  if (build.status !== 0) {
    throw new Error(`wrangler deploy --dry-run failed:\n${build.stdout}\n${build.stderr}`);
  }
  copyFileSync(join(import.meta.dirname, "bench-worker.js"), join(outdir, "bench-worker.js"));
  return {
    bundleBytes: readFileSync(join(outdir, "index.js")).length,
  };
}

/** The statements of migrations/*.sql in order, split as wrangler splits them. */
export function migrationStatements(root) {
  const dir = join(root, "migrations");
  return readdirSync(dir)
    .filter((f) => /^\d+_.*\.sql$/.test(f))
    .sort()
    .flatMap((f) => wrangler.unstable_splitSqlQuery(readFileSync(join(dir, f), "utf8")));
}

/**
 * Starts workerd with the bundle. Compatibility date, flags and vars come from wrangler.toml,
 * so the Worker runs under the same settings as `wrangler dev` and production.
 */
export async function startWorker(root, { outdir, persistDir, vars = {}, inspector, onOutput }) {
  const config = wrangler.unstable_readConfig({ config: join(root, "wrangler.toml") });
  const mf = new Miniflare(
    convertV4MiniflareOptions({
      name: "bench",
      // The entry first: it imports the bundle as ./index.js.
      modulesRoot: outdir,
      modules: ["bench-worker.js", "index.js"].map((file) => ({
        type: "ESModule",
        path: join(outdir, file),
        contents: readFileSync(join(outdir, file), "utf8"),
      })),
      compatibilityDate: config.compatibility_date,
      compatibilityFlags: config.compatibility_flags,
      bindings: { ...config.vars, ADMIN_TOKEN: "bench-admin-token", ...vars },
      d1Databases: { DB: config.d1_databases[0].database_id },
      resourcePersistencePath: persistDir,
      host: "127.0.0.1",
      port: 0,
      ...(inspector ? { inspectorPort: 0 } : {}),
      handleStructuredLogs(log) {
        onOutput?.(`${log.level}: ${log.message}\n`);
      },
    }),
  );
  const url = await mf.ready;
  return { mf, url, inspectorUrl: inspector ? await mf.getInspectorURL() : null };
}

/** The workerd processes this Node process started (Miniflare spawns workerd directly). */
export function workerdPids() {
  const pids = [];
  if (!existsSync("/proc")) return pids; // not Linux: no process memory figures
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const status = readFileSync(`/proc/${entry}/status`, "utf8");
      const name = /^Name:\s*(.+)$/m.exec(status)?.[1];
      const ppid = Number(/^PPid:\s*(\d+)$/m.exec(status)?.[1]);
      if (name === "workerd" && ppid === process.pid) pids.push(Number(entry));
    } catch {
      // the process ended while we looked
    }
  }
  return pids;
}

/** Resident and peak resident memory (VmRSS, VmHWM) of a process, in MiB. */
export function memoryOf(pid) {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kib = (key) => Number(new RegExp(`^${key}:\\s*(\\d+) kB$`, "m").exec(status)?.[1]);
  const mib = (x) => Math.round((x / 1024) * 10) / 10;
  return { rssMiB: mib(kib("VmRSS")), peakMiB: mib(kib("VmHWM")) };
}

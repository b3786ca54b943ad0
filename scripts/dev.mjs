#!/usr/bin/env node
// `npm start`: the monitor on http://localhost:8787 with the demo data, no Cloudflare account.
//  1. creates .dev.vars from .dev.vars.example when missing;
//  2. applies the migrations to the local D1 (wrangler d1 migrations apply --local);
//  3. starts `wrangler dev --test-scheduled`;
//  4. loads the demo dataset through the API (idempotent);
//  5. fires the scheduled handler on the cron schedule in wrangler.toml, because wrangler dev
//     never fires crons by itself.
import { spawn, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { cronMatches, parseCrons } from "./lib/cron.mjs";
import { readDevVar, seed } from "./seed.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const port = Number(process.env.PORT ?? 8787);
const base = `http://localhost:${port}`;

const [major, minor] = process.versions.node.split(".").map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  console.error(
    `Wrangler needs Node 22.12 or newer; this is ${process.version}. See README, "Requirements".`,
  );
  process.exit(1);
}

if (!existsSync(join(root, ".dev.vars"))) {
  copyFileSync(join(root, ".dev.vars.example"), join(root, ".dev.vars"));
  console.log("created .dev.vars from .dev.vars.example");
}

const wrangler = join(root, "node_modules", ".bin", "wrangler");
const migrate = spawnSync(wrangler, ["d1", "migrations", "apply", "DB", "--local"], {
  cwd: root,
  stdio: "inherit",
  env: { ...process.env, CI: "true" },
});
if (migrate.status !== 0) process.exit(migrate.status ?? 1);

const dev = spawn(
  wrangler,
  ["dev", "--test-scheduled", "--port", String(port), "--ip", "127.0.0.1"],
  {
    cwd: root,
    stdio: ["ignore", "inherit", "inherit"],
  },
);
// SIGTERM rather than SIGINT: a process started in the background of a script inherits an
// ignored SIGINT, and wrangler would never hear it.
const stop = () => dev.kill("SIGTERM");
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
dev.on("exit", (code) => process.exit(code ?? 0));

async function waitForHealth() {
  for (let i = 0; i < 120; i += 1) {
    try {
      if ((await fetch(`${base}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`the monitor did not answer on ${base}/healthz`);
}

async function fireCron(cron) {
  try {
    const res = await fetch(`${base}/__scheduled?cron=${encodeURIComponent(cron)}`);
    console.log(`[cron] ${cron} → ${res.status}`);
  } catch (err) {
    console.error(`[cron] ${cron} failed: ${err.message}`);
  }
}

const crons = parseCrons(readFileSync(join(root, "wrangler.toml"), "utf8"));
try {
  await waitForHealth();
  const result = await seed(base, readDevVar("ADMIN_TOKEN"));
  console.log(
    `demo data: ${result.indicators} indicators, ${result.plans} plans, ${result.actualsInserted} new figures (${result.actualsAlreadyThere} already stored)`,
  );
  for (const cron of crons) await fireCron(cron);
  console.log(`\n  target monitor ready: ${base}/  ·  ${base}/api/status\n`);
} catch (err) {
  console.error(err.message);
  stop();
}

// Check once a minute, on the minute, which crons are due.
function scheduleNextMinute() {
  const now = Date.now();
  setTimeout(
    async () => {
      const at = new Date();
      for (const cron of crons) if (cronMatches(cron, at)) await fireCron(cron);
      scheduleNextMinute();
    },
    60_000 - (now % 60_000) + 50,
  );
}
scheduleNextMinute();

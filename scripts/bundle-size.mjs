#!/usr/bin/env node
// Proves the Worker bundles for deployment (`wrangler deploy --dry-run`, no account needed)
// and keeps its compressed size under the 1 MiB that Workers' free plan accepts.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const LIMIT_BYTES = 1024 * 1024;
const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const outdir = mkdtempSync(join(tmpdir(), "bundle-"));
try {
  const build = spawnSync(
    join(root, "node_modules", ".bin", "wrangler"),
    ["deploy", "--dry-run", "--outdir", outdir],
    { cwd: root, encoding: "utf8", env: { ...process.env, CI: "true" } },
  );
  if (build.status !== 0) {
    console.error(build.stdout, build.stderr);
    process.exit(1);
  }
  const bundle = readFileSync(join(outdir, "index.js"));
  const gzipped = gzipSync(bundle, { level: 9 }).length;
  const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
  console.log(`bundle: ${kib(bundle.length)}, gzip: ${kib(gzipped)} (limit ${kib(LIMIT_BYTES)})`);
  if (gzipped > LIMIT_BYTES) {
    console.error("The compressed bundle is over the limit.");
    process.exit(1);
  }
} finally {
  rmSync(outdir, { recursive: true, force: true });
}

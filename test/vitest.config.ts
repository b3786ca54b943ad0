import path from "node:path";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";

const root = path.resolve(import.meta.dirname, "..");

export default defineConfig(async () => {
  // The same migration files `wrangler d1 migrations apply` uses; the setup file applies them.
  const migrations = await readD1Migrations(path.join(root, "migrations"));
  return {
    root,
    test: {
      projects: [
        {
          // Unit, query and route tests, inside workerd against a real local D1.
          plugins: [
            cloudflareTest({
              wrangler: { configPath: path.join(root, "wrangler.toml") },
              miniflare: {
                bindings: { TEST_MIGRATIONS: migrations, ADMIN_TOKEN: "test-admin-token" },
                // The same bindings as wrangler.toml with budgets no test reaches: every test
                // writes with the one admin token. test/api/limits.test.ts drives the real
                // binding to its limit through a per-call limit (a local-only option).
                ratelimits: {
                  WRITE_RATE_LIMIT: {
                    namespace_id: "7001",
                    simple: { limit: 1_000_000, period: 60 },
                  },
                  IMPORT_RATE_LIMIT: {
                    namespace_id: "7002",
                    simple: { limit: 1_000_000, period: 60 },
                  },
                },
              },
            }),
          ],
          test: {
            name: "workers",
            root,
            include: ["test/**/*.test.ts", "test/**/*.test.tsx"],
            exclude: ["test/e2e/**"],
            setupFiles: ["test/apply-migrations.ts"],
            // Tests that drive several cron runs through D1 take a few seconds on a loaded
            // 2-core machine; vitest's default of 5 s fails them for being slow, not wrong.
            testTimeout: 20_000,
          },
        },
        {
          // End-to-end tests from Node against the real Worker under `wrangler dev`.
          test: {
            name: "e2e",
            root,
            environment: "node",
            include: ["test/e2e/**/*.e2e.test.ts"],
            testTimeout: 60_000,
            hookTimeout: 120_000,
            // Each file starts its own wrangler dev; two at a time fit this machine's 2 cores.
            maxWorkers: 2,
          },
        },
      ],
    },
  };
});

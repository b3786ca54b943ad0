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
              },
            }),
          ],
          test: {
            name: "workers",
            root,
            include: ["test/**/*.test.ts", "test/**/*.test.tsx"],
            exclude: ["test/e2e/**"],
            setupFiles: ["test/apply-migrations.ts"],
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

// The migration that made areas rows of their own, applied as `wrangler d1 migrations apply`
// applies it, to a database that holds data from before it: the workerd tests only ever
// migrate an empty one. Each scope in use becomes an area named as its first indicator named
// it (a later indicator's relabelling is dropped), a token's scope without indicators becomes
// an area named by its slug, and nothing reported is lost.
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "../..");
const wrangler = join(root, "node_modules", ".bin", "wrangler");
const AREAS_MIGRATION = readdirSync(join(root, "migrations")).find((f) => f.endsWith("_areas.sql"));

let dir: string;

function run(args: string[]) {
  const result = spawnSync(wrangler, [...args, "--local", "--persist-to", join(dir, "state")], {
    cwd: dir,
    encoding: "utf8",
    env: { ...process.env, CI: "true", NO_COLOR: "1" },
  });
  if (result.status !== 0) throw new Error(`wrangler ${args.join(" ")}:\n${result.stderr}`);
  return result.stdout;
}

function query<T>(sql: string): T[] {
  const out = run(["d1", "execute", "DB", "--json", "--command", sql]);
  return (JSON.parse(out) as { results: T[] }[])[0]?.results ?? [];
}

/** A project whose migrations folder holds only the migrations before areas, to start with. */
function projectBeforeAreas() {
  dir = mkdtempSync(join(tmpdir(), "areas-migration-"));
  mkdirSync(join(dir, "migrations", "meta"), { recursive: true });
  for (const file of readdirSync(join(root, "migrations"))) {
    if (file.endsWith(".sql") && file < (AREAS_MIGRATION ?? "")) {
      cpSync(join(root, "migrations", file), join(dir, "migrations", file));
    }
  }
  writeFileSync(
    join(dir, "wrangler.toml"),
    [
      'name = "areas-migration"',
      'compatibility_date = "2026-11-01"',
      "[[d1_databases]]",
      'binding = "DB"',
      'database_name = "target-monitor"',
      'database_id = "00000000-0000-0000-0000-000000000000"',
      'migrations_dir = "migrations"',
    ].join("\n"),
  );
}

const LEGACY = `
insert into indicators (id, name, name_vi, scope, scope_name, scope_name_vi, scope_level, unit, measure, cadence, tags, description, source, created_at, updated_at) values
  ('nghe-an.goods-exports', 'Goods exports', 'Xuất khẩu hàng hóa', 'nghe-an', 'Nghe An', 'Nghệ An', 'locality', 'USD', 'flow', 'monthly', '["trade"]', null, null, '2024-01-01T00:00:00.000Z', '2024-01-01T00:00:00.000Z'),
  ('nghe-an.relabelled', 'Relabelled', null, 'nghe-an', 'Ha Noi', 'Hà Nội', 'locality', 'USD', 'flow', 'monthly', '[]', null, null, '2024-03-01T00:00:00.000Z', '2024-03-01T00:00:00.000Z'),
  ('ha-noi.goods-exports', 'Goods exports', null, 'ha-noi', 'Ha Noi', null, 'locality', 'USD', 'flow', 'monthly', '[]', null, null, '2024-02-01T00:00:00.000Z', '2024-02-01T00:00:00.000Z');
insert into plans (id, indicator_id, revision, title, period_start, period_end, target, comparator, phasing, thresholds, baseline_value, baseline_date, source, note, created_at, updated_at) values
  ('nghe-an.goods-exports.2024', 'nghe-an.goods-exports', 1, null, '2024-01-01', '2024-12-31', 2750000000, 'at_least', '{"kind":"linear"}', null, null, null, null, null, '2024-01-01T00:00:00.000Z', '2024-01-01T00:00:00.000Z');
insert into plan_revisions (plan_id, revision, snapshot, created_at) values ('nghe-an.goods-exports.2024', 1, '{}', '2024-01-01T00:00:00.000Z');
insert into actuals (indicator_id, period_start, period_end, value, status, reported_at, source, reported_attainment, reported_yoy, note, created_at) values
  ('nghe-an.goods-exports', '2024-01-01', '2024-09-30', 2326000000, 'estimate', '2024-09-30', 'Bulletin', 0.8458, 0.3201, null, '2024-10-01T00:00:00.000Z');
insert into api_tokens (id, name, secret_hash, scopes, indicator_scope, created_by, created_at) values
  ('tok_01', 'Da Nang office', 'x', '["write"]', 'da-nang', 'admin', '2025-01-01T00:00:00.000Z'),
  ('tok_02', 'Nghe An office', 'y', '["write"]', 'nghe-an', 'admin', '2025-01-01T00:00:00.000Z');
`;

beforeAll(() => {
  if (!AREAS_MIGRATION) throw new Error("no *_areas.sql migration");
  projectBeforeAreas();
  run(["d1", "migrations", "apply", "DB"]);
  writeFileSync(join(dir, "legacy.sql"), LEGACY);
  run(["d1", "execute", "DB", "--file", "legacy.sql"]);
  cpSync(join(root, "migrations", AREAS_MIGRATION), join(dir, "migrations", AREAS_MIGRATION));
  run(["d1", "migrations", "apply", "DB"]);
}, 180_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("the migration to areas, on a database with data", () => {
  it("makes an area of every scope in use, named as its first indicator named it", () => {
    expect(query("select id, name, name_vi, level, parent_id from areas order by id")).toEqual([
      { id: "da-nang", name: "da-nang", name_vi: null, level: "locality", parent_id: null },
      { id: "ha-noi", name: "Ha Noi", name_vi: null, level: "locality", parent_id: null },
      { id: "nghe-an", name: "Nghe An", name_vi: "Nghệ An", level: "locality", parent_id: null },
    ]);
  });

  it("keeps every indicator, plan and figure, each indicator pointing at its area", () => {
    expect(query("select id, scope from indicators order by id")).toEqual([
      { id: "ha-noi.goods-exports", scope: "ha-noi" },
      { id: "nghe-an.goods-exports", scope: "nghe-an" },
      { id: "nghe-an.relabelled", scope: "nghe-an" },
    ]);
    expect(query("select count(*) as n from plans")).toEqual([{ n: 1 }]);
    expect(query("select value, reported_attainment from actuals")).toEqual([
      { value: 2326000000, reported_attainment: 0.8458 },
    ]);
    expect(query("pragma foreign_key_check")).toEqual([]);
  });

  it("leaves a figure's identity all it says: a corrected note is a vintage of its own", () => {
    run([
      "d1",
      "execute",
      "DB",
      "--command",
      "insert into actuals (indicator_id, period_start, period_end, value, status, reported_at, source, reported_attainment, reported_yoy, note, created_at) values ('nghe-an.goods-exports', '2024-01-01', '2024-09-30', 2326000000, 'estimate', '2024-09-30', 'Bulletin', 0.8458, 0.3201, 'Corrected', '2024-10-02T00:00:00.000Z') on conflict do nothing",
    ]);
    run([
      "d1",
      "execute",
      "DB",
      "--command",
      "insert into actuals (indicator_id, period_start, period_end, value, status, reported_at, source, reported_attainment, reported_yoy, note, created_at) values ('nghe-an.goods-exports', '2024-01-01', '2024-09-30', 2326000000, 'estimate', '2024-09-30', 'Bulletin', 0.8458, 0.3201, null, '2024-10-03T00:00:00.000Z') on conflict do nothing",
    ]);
    expect(query("select note from actuals order by id")).toEqual([
      { note: null },
      { note: "Corrected" },
    ]);
  });
});

// Builders for test data. Every test creates what it needs under ids no other test uses,
// because D1 storage is shared by all tests in a file.
import { exports } from "cloudflare:workers";

export const ADMIN = { authorization: "Bearer test-admin-token" };
const BASE = "https://monitor.test";

let counter = 0;
/** A fresh slug, unique within the test file. */
export function uid(prefix = "t"): string {
  counter += 1;
  return `${prefix}-${counter}-${Math.random().toString(36).slice(2, 8)}`;
}

export function call(path: string, init: RequestInit = {}): Promise<Response> {
  return exports.default.fetch(new Request(`${BASE}${path}`, init));
}

export function send(method: string, path: string, body: unknown, headers: HeadersInit = ADMIN) {
  return call(path, {
    method,
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

export function indicatorBody(overrides: Record<string, unknown> = {}) {
  return {
    name: "Goods exports",
    name_vi: "Xuất khẩu hàng hóa",
    scope: "nghe-an",
    scope_name: "Nghe An",
    scope_name_vi: "Nghệ An",
    scope_level: "locality",
    unit: "USD",
    measure: "flow",
    cadence: "monthly",
    tags: ["trade"],
    ...overrides,
  };
}

export async function createIndicator(overrides: Record<string, unknown> = {}, id = uid("ind")) {
  const res = await send("PUT", `/api/indicators/${id}`, indicatorBody(overrides));
  if (res.status !== 201) throw new Error(`indicator: ${res.status} ${await res.text()}`);
  return id;
}

export async function createPlan(indicatorId: string, overrides: Record<string, unknown> = {}) {
  const res = await send("POST", "/api/plans", {
    id: uid("plan"),
    indicator_id: indicatorId,
    period_start: "2024-01-01",
    period_end: "2024-12-31",
    target: 2750,
    scale: "million",
    ...overrides,
  });
  if (res.status !== 201) throw new Error(`plan: ${res.status} ${await res.text()}`);
  return (await res.json()) as { id: string; target: number; revision: number };
}

export async function postActuals(body: unknown) {
  return send("POST", "/api/actuals", body);
}

export function actualBody(indicatorId: string, overrides: Record<string, unknown> = {}) {
  return {
    indicator_id: indicatorId,
    period_start: "2024-01-01",
    period_end: "2024-09-30",
    value: 2326,
    scale: "million",
    status: "estimate",
    reported_at: "2024-10-05",
    ...overrides,
  };
}

/** The tables a backup holds: what a restore must reproduce byte for byte. */
export const DATA_TABLES = [
  "areas",
  "indicators",
  "plans",
  "plan_revisions",
  "actuals",
  "meta",
] as const;

/**
 * Every row of every table (the core's, the monitor's, the tokens and the audit log), to prove
 * a rejected write left nothing behind; or of `tables` only. Tables are found in the schema
 * rather than listed, so a table added later is covered without anyone remembering to add it.
 * Left out: D1's bookkeeping (d1_migrations, `_cf_*`) and SQLite's AUTOINCREMENT counters
 * (sqlite_sequence), which move even when INSERT ... ON CONFLICT DO NOTHING skips a row, so a
 * figure sent twice, which changes no row, would look like a change.
 */
export async function dump(db: D1Database, tables?: readonly string[]): Promise<string> {
  const names =
    tables ??
    (
      await db
        .prepare(
          "select name from sqlite_master where type = 'table' and name not like '\\_cf\\_%' escape '\\' and name not in ('d1_migrations', 'sqlite_sequence') order by name",
        )
        .all<{ name: string }>()
    ).results.map((r) => r.name);
  const results = await db.batch(
    names.map((name) => db.prepare(`select * from "${name}" order by 1, 2`)),
  );
  return JSON.stringify(names.map((name, i) => [name, results[i]?.results]));
}

/**
 * Makes sure an area exists, named as indicatorBody() names every scope by default, so that
 * indicators created in it with the defaults repeat its names as they are.
 */
export async function ensureArea(id: string, body: Record<string, unknown> = {}) {
  if ((await call(`/api/areas/${id}`)).status === 200) return;
  const res = await send("PUT", `/api/areas/${id}`, {
    name: "Nghe An",
    name_vi: "Nghệ An",
    level: "locality",
    ...body,
  });
  if (res.status !== 201) throw new Error(`area: ${res.status} ${await res.text()}`);
}

/**
 * An API token made by the admin; `bearer` is the header to send it with. A token limited to
 * an area needs the area to exist first, as it would in production.
 */
export async function createToken(body: {
  scopes: string[];
  indicator_scope?: string;
  name?: string;
  expires_at?: string;
  access_email?: string;
}) {
  if (body.indicator_scope) await ensureArea(body.indicator_scope);
  const res = await send("POST", "/api/tokens", { name: uid("token"), ...body });
  if (res.status !== 201) throw new Error(`token: ${res.status} ${await res.text()}`);
  const created = (await res.json()) as { id: string; token: string };
  return { ...created, bearer: { authorization: `Bearer ${created.token}` } };
}

/** The audit log's entries about one entity, newest first. */
export async function auditOf(entity: string, entityId: string) {
  const res = await call(`/api/audit?entity=${entity}&entity_id=${encodeURIComponent(entityId)}`, {
    headers: ADMIN,
  });
  if (res.status !== 200) throw new Error(`audit: ${res.status} ${await res.text()}`);
  return (
    (await res.json()) as {
      entries: {
        id: number;
        at: string;
        actor: string;
        action: string;
        entity: string;
        entity_id: string | null;
        old: Record<string, unknown> | null;
        new: Record<string, unknown> | null;
        via: string;
      }[];
    }
  ).entries;
}

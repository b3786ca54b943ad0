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

/** Every row of the tables a write could touch, to prove a rejected write left nothing behind. */
export async function dump(db: D1Database): Promise<string> {
  const tables = ["indicators", "plans", "plan_revisions", "actuals", "meta"];
  const results = await db.batch(tables.map((t) => db.prepare(`select * from ${t} order by 1, 2`)));
  return JSON.stringify(results.map((r) => r.results));
}

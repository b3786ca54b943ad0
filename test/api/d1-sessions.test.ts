// Reads through D1's Sessions API: every answer carries the session's bookmark, a client that
// sends it back reads at least that state (its own write, even from a read replica), reads
// without one may start on any replica, and writes start on the primary.
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import worker from "../../src/index";
import { ADMIN, call, createIndicator, indicatorBody, send, uid } from "../factories";

const HEADER = "x-d1-bookmark";

/** The binding, recording what each request's session was opened with. */
function recordingD1(target: D1Database) {
  const opened: (string | undefined)[] = [];
  const db = new Proxy(target, {
    get(t, prop) {
      if (prop === "withSession") {
        return (bookmark?: string) => {
          opened.push(bookmark);
          return t.withSession(bookmark);
        };
      }
      const value: unknown = Reflect.get(t, prop, t);
      return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(t) : value;
    },
  });
  return { db, opened };
}

async function fetchWith(db: D1Database, path: string, init: RequestInit = {}) {
  const ctx = createExecutionContext();
  const res = await worker.fetch(
    new Request(`https://monitor.test${path}`, init),
    { ...env, DB: db },
    ctx,
  );
  await waitOnExecutionContext(ctx);
  return res;
}

describe("D1 sessions", () => {
  it("answers a write with a bookmark, and a read that sends it back sees the write", async () => {
    const id = uid("ind");
    const created = await send("PUT", `/api/indicators/${id}`, indicatorBody());
    expect(created.status).toBe(201);
    const bookmark = created.headers.get(HEADER);
    expect(bookmark).toMatch(/^[0-9a-f]+(-[0-9a-f]+)*$/);

    const read = await call(`/api/indicators/${id}`, { headers: { [HEADER]: bookmark ?? "" } });
    expect(read.status).toBe(200);
    expect(((await read.json()) as { id: string }).id).toBe(id);
    // Bookmarks sort oldest to newest: the read's session is at least where the write left it.
    expect((read.headers.get(HEADER) ?? "") >= (bookmark ?? "")).toBe(true);
  });

  it("moves the bookmark forward with each write", async () => {
    const first = await send("PUT", `/api/indicators/${uid("ind")}`, indicatorBody());
    const second = await send("PUT", `/api/indicators/${uid("ind")}`, indicatorBody());
    expect(second.headers.get(HEADER) ?? "").toBeTruthy();
    expect((second.headers.get(HEADER) ?? "") > (first.headers.get(HEADER) ?? "")).toBe(true);
  });

  it("lets a read without a bookmark start anywhere, and starts a write on the primary", async () => {
    const { db, opened } = recordingD1(env.DB);
    expect((await fetchWith(db, "/api/status?as_of=2024-10-15&fields=summary")).status).toBe(200);
    const write = await fetchWith(db, `/api/indicators/${uid("ind")}`, {
      method: "PUT",
      headers: { ...ADMIN, "content-type": "application/json" },
      body: JSON.stringify(indicatorBody()),
    });
    expect(write.status).toBe(201);
    const bookmark = write.headers.get(HEADER) ?? "";
    await fetchWith(db, "/api/status?as_of=2024-10-15&fields=summary", {
      headers: { [HEADER]: bookmark },
    });
    expect(opened).toEqual(["first-unconstrained", "first-primary", bookmark]);
  });

  it.each([
    ["a constraint instead of a bookmark", "first-primary"],
    ["text that is no bookmark", "'; drop table plans; --"],
    ["a bookmark far too long", "0".repeat(500)],
  ])("answers 400 invalid_bookmark to %s, and writes nothing", async (_, sent) => {
    const id = uid("ind");
    const res = await send("PUT", `/api/indicators/${id}`, indicatorBody(), {
      ...ADMIN,
      [HEADER]: sent,
    });
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    expect(((await res.json()) as { code: string }).code).toBe("invalid_bookmark");
    expect((await call(`/api/indicators/${id}`)).status).toBe(404);
  });

  it("carries the bookmark on a status poll answered 304", async () => {
    await createIndicator();
    const first = await call("/api/status?as_of=2024-10-15&fields=summary");
    const etag = first.headers.get("etag") ?? "";
    const again = await call("/api/status?as_of=2024-10-15&fields=summary", {
      headers: { "if-none-match": etag, [HEADER]: first.headers.get(HEADER) ?? "" },
    });
    expect(again.status).toBe(304);
    expect(again.headers.get(HEADER)).toBeTruthy();
  });
});

// /api/webhooks and /api/deliveries over HTTP: contract, validation, authentication.
import { env } from "cloudflare:workers";
import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { drainOutbox } from "../../src/monitor/drain";
import { ADMIN, call, send } from "../factories";
import {
  createWebhook,
  db,
  evaluateAt,
  reportQ1,
  settings,
  trackedPlans,
} from "../monitor/helpers";
import { scriptedReceiver } from "./receiver";

const URL_OK = "https://hooks.example.com/services/abc";

/** Every row of the monitor's tables, to prove that a refused write changed nothing. */
async function dumpMonitor(): Promise<string> {
  const tables = ["webhooks", "deliveries", "delivery_attempts", "silences", "events"];
  const results = await env.DB.batch(
    tables.map((t) => env.DB.prepare(`select * from ${t} order by 1`)),
  );
  return JSON.stringify(results.map((r) => r.results));
}

async function problem(res: Response, status: number, code: string) {
  expect(res.status).toBe(status);
  expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
  const body = (await res.json()) as { code: string; errors?: { path: string }[] };
  expect(body.code).toBe(code);
  return body;
}

describe("POST /api/webhooks", () => {
  it("creates a destination and shows its secret once", async () => {
    const res = await send("POST", "/api/webhooks", { url: URL_OK, description: "Team channel" });
    expect(res.status).toBe(201);
    const body = (await res.json()) as Record<string, unknown> & { id: string; secret: string };
    expect(body).toMatchObject({
      id: expect.stringMatching(/^wh_[0-9A-Z]{26}$/),
      url: URL_OK,
      description: "Team channel",
      enabled: true,
      format: "json",
      filters: { scopes: [], tags: [], min_severity: "good", event_types: [] },
      disabled_reason: null,
      previous_secret_expires_at: null,
    });
    expect(body.secret).toMatch(/^whsec_/);
    expect(atob(body.secret.slice(6)).length).toBeGreaterThanOrEqual(24);
    expect(res.headers.get("location")).toBe(`/api/webhooks/${body.id}`);

    for (const path of ["/api/webhooks", `/api/webhooks/${body.id}`]) {
      const read = await call(path, { headers: ADMIN });
      expect(read.status).toBe(200);
      const text = await read.text();
      expect(text).toContain(body.id);
      expect(text).not.toContain("whsec_");
      expect(text).not.toContain('"secret"');
    }
  });

  it("takes every filter and format", async () => {
    const res = await send("POST", "/api/webhooks", {
      url: "https://hooks.slack.com/services/T0/B0/X",
      format: "slack",
      enabled: false,
      filters: {
        scopes: ["nghe-an", "ha-noi"],
        tags: ["trade"],
        min_severity: "critical",
        event_types: ["plan.status_changed", "plan.stale"],
      },
    });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({
      format: "slack",
      enabled: false,
      filters: {
        scopes: ["nghe-an", "ha-noi"],
        tags: ["trade"],
        min_severity: "critical",
        event_types: ["plan.status_changed", "plan.stale"],
      },
    });
  });

  it("refuses bad input with a stable code and writes nothing", async () => {
    const before = await dumpMonitor();
    const invalid = [
      {},
      { url: URL_OK, format: "xml" },
      { url: URL_OK, extra: true },
      { url: URL_OK, filters: { min_severity: "urgent" } },
      { url: URL_OK, filters: { event_types: ["webhook.test"] } },
      { url: URL_OK, filters: { scopes: ["Not A Slug"] } },
      { url: URL_OK, filters: { colour: "red" } },
      { url: 42 },
      { url: "x".repeat(3000) },
    ];
    for (const body of invalid) {
      await problem(await send("POST", "/api/webhooks", body), 422, "validation_failed");
    }
    for (const url of [
      "http://hooks.example.com/x",
      "https://127.0.0.1/x",
      "https://0x7f000001/",
      "https://[::1]/",
      "https://169.254.169.254/latest/meta-data/",
      "https://metadata.google.internal/",
      "https://user:pw@hooks.example.com/",
      "https://hooks.example.com:8443/",
      "https://monitor.test/api/actuals",
      "http://127.0.0.1:9999/hook",
      "not a url",
    ]) {
      const body = await problem(await send("POST", "/api/webhooks", { url }), 422, "unsafe_url");
      expect(body.errors?.[0]?.path).toBe("/url");
    }
    await problem(await send("POST", "/api/webhooks", "{not json"), 400, "malformed_json");
    await problem(
      await send("POST", "/api/webhooks", { url: URL_OK }, { authorization: "Bearer wrong" }),
      401,
      "unauthorized",
    );
    const plain = await call("/api/webhooks", {
      method: "POST",
      headers: { ...ADMIN, "content-type": "text/plain" },
      body: JSON.stringify({ url: URL_OK }),
    });
    await problem(plain, 415, "unsupported_media_type");
    expect(await dumpMonitor()).toBe(before);
  });
});

describe("reading destinations", () => {
  it("needs the token: a chat webhook URL is a credential", async () => {
    const hook = await createWebhook({ url: URL_OK });
    for (const path of [
      "/api/webhooks",
      `/api/webhooks/${hook.id}`,
      "/api/deliveries",
      "/api/deliveries/x",
    ]) {
      await problem(await call(path), 401, "unauthorized");
    }
    await problem(await call("/api/webhooks/wh_missing", { headers: ADMIN }), 404, "not_found");
  });
});

describe("PATCH /api/webhooks/:id", () => {
  it("changes only what it is given", async () => {
    const hook = await createWebhook({
      url: URL_OK,
      filters: { scopes: ["nghe-an"], min_severity: "warning" },
    });
    const res = await send("PATCH", `/api/webhooks/${hook.id}`, {
      format: "discord",
      filters: { tags: ["trade"] },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      url: URL_OK,
      format: "discord",
      filters: { scopes: ["nghe-an"], tags: ["trade"], min_severity: "warning" },
    });
  });

  it("refuses an unsafe URL, an empty change and an unknown id, changing nothing", async () => {
    const hook = await createWebhook({ url: URL_OK });
    const before = await dumpMonitor();
    await problem(
      await send("PATCH", `/api/webhooks/${hook.id}`, { url: "https://10.0.0.1/" }),
      422,
      "unsafe_url",
    );
    await problem(await send("PATCH", `/api/webhooks/${hook.id}`, {}), 422, "validation_failed");
    await problem(
      await send("PATCH", `/api/webhooks/${hook.id}`, { enabled: "yes" }),
      422,
      "validation_failed",
    );
    await problem(
      await send("PATCH", "/api/webhooks/wh_missing", { enabled: false }),
      404,
      "not_found",
    );
    expect(await dumpMonitor()).toBe(before);
  });
});

describe("DELETE /api/webhooks/:id", () => {
  it("deletes once", async () => {
    const hook = await createWebhook({ url: URL_OK });
    expect((await send("DELETE", `/api/webhooks/${hook.id}`, undefined)).status).toBe(204);
    await problem(await send("DELETE", `/api/webhooks/${hook.id}`, undefined), 404, "not_found");
    await problem(
      await send("DELETE", `/api/webhooks/${hook.id}`, undefined, {}),
      401,
      "unauthorized",
    );
  });
});

describe("secret rotation", () => {
  it("takes an action POST with no body at all", async () => {
    const hook = await createWebhook({ url: "https://hooks.example.com/bodyless" });
    const res = await call(`/api/webhooks/${hook.id}/rotate-secret`, {
      method: "POST",
      headers: ADMIN,
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { secret: string }).secret).not.toBe(hook.secret);
  });

  it("signs with the old and the new secret during the overlap", async () => {
    const { scope, indicatorId } = await trackedPlans();
    const url = "https://hooks.example.com/rotated";
    const hook = await createWebhook({ url, filters: { scopes: [scope] } });
    const res = await send("POST", `/api/webhooks/${hook.id}/rotate-secret`, { overlap_hours: 2 });
    expect(res.status).toBe(200);
    const rotated = (await res.json()) as { secret: string; previous_secret_expires_at: string };
    expect(rotated.secret).toMatch(/^whsec_/);
    expect(rotated.secret).not.toBe(hook.secret);
    const overlap = Date.parse(rotated.previous_secret_expires_at) - Date.now();
    expect(overlap).toBeGreaterThan(2 * 3_600_000 - 60_000);
    expect(overlap).toBeLessThanOrEqual(2 * 3_600_000);
    const read = await call(`/api/webhooks/${hook.id}`, { headers: ADMIN });
    expect(await read.json()).toMatchObject({
      previous_secret_expires_at: rotated.previous_secret_expires_at,
    });

    // A real delivery, at the real time so that the verifier's replay window accepts it.
    await reportQ1(indicatorId, 200, "2026-04-05");
    const now = Date.now();
    await evaluateAt(now);
    const receiver = scriptedReceiver(() => "ok");
    await drainOutbox(db, { now, settings, transport: receiver.transport });
    const copy = receiver.copies.find((c) => c.url === url);
    expect(copy?.signature.split(" ")).toHaveLength(2);
    const headers = {
      "webhook-id": copy?.id ?? "",
      "webhook-timestamp": copy?.timestamp ?? "",
      "webhook-signature": copy?.signature ?? "",
    };
    for (const secret of [hook.secret, rotated.secret]) {
      expect(new Webhook(secret).verify(copy?.body ?? "", headers)).toMatchObject({
        type: expect.stringMatching(/^plan\./),
      });
    }
  });

  it("validates the overlap and the id", async () => {
    const hook = await createWebhook({ url: URL_OK });
    await problem(
      await send("POST", `/api/webhooks/${hook.id}/rotate-secret`, { overlap_hours: -1 }),
      422,
      "validation_failed",
    );
    await problem(
      await send("POST", "/api/webhooks/wh_missing/rotate-secret", {}),
      404,
      "not_found",
    );
  });
});

describe("POST /api/webhooks/:id/test", () => {
  it("answers 404 for an unknown destination", async () => {
    await problem(await send("POST", "/api/webhooks/wh_missing/test", {}), 404, "not_found");
  });
});

describe("/api/deliveries", () => {
  it("validates its query and ids", async () => {
    await problem(
      await call("/api/deliveries?status=lost", { headers: ADMIN }),
      400,
      "invalid_query",
    );
    await problem(await call("/api/deliveries?limit=0", { headers: ADMIN }), 400, "invalid_query");
    await problem(await call("/api/deliveries/dlv_missing", { headers: ADMIN }), 404, "not_found");
    await problem(await send("POST", "/api/deliveries/dlv_missing/retry", {}), 404, "not_found");
  });

  it("replays only what failed", async () => {
    const { scope, indicatorId } = await trackedPlans();
    const hook = await createWebhook({
      url: "https://hooks.example.com/replay",
      filters: { scopes: [scope] },
    });
    await reportQ1(indicatorId, 200, "2026-04-05");
    const now = Date.parse("2026-06-01T00:00:00Z");
    await evaluateAt(now);
    await drainOutbox(db, { now, settings, transport: scriptedReceiver(() => "ok").transport });
    const list = await call(`/api/deliveries?webhook=${hook.id}&status=delivered`, {
      headers: ADMIN,
    });
    const [delivered] = ((await list.json()) as { deliveries: { id: string; status: string }[] })
      .deliveries;
    expect(delivered?.status).toBe("delivered");
    const before = await dumpMonitor();
    const res = await send("POST", `/api/deliveries/${delivered?.id}/retry`, {});
    await problem(res, 409, "conflict");
    await problem(
      await send("POST", `/api/deliveries/${delivered?.id}/retry`, { now: true }),
      422,
      "validation_failed",
    );
    expect(await dumpMonitor()).toBe(before);
  });
});

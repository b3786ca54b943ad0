// API tokens: scopes, a token limited to one scope, revocation, last use, no tokens in URLs,
// and the audit log every write leaves.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import {
  ADMIN,
  actualBody,
  auditOf,
  call,
  createIndicator,
  createPlan,
  createToken,
  dump,
  indicatorBody,
  send,
  uid,
} from "../factories";

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

const tokenRow = (id: string) =>
  env.DB.prepare("select * from api_tokens where id = ?")
    .bind(id)
    .first<{ secret_hash: string; last_used_at: string | null; revoked_at: string | null }>();

function csv(lines: string[]) {
  return { "content-type": "text/csv" as const, body: `${lines.join("\n")}\n` };
}

async function importCsv(lines: string[], headers: Record<string, string>) {
  const { body, ...type } = csv(lines);
  return call("/api/import", { method: "POST", headers: { ...type, ...headers }, body });
}

describe("a token", () => {
  it("is shown once and stored only as its SHA-256", async () => {
    const created = await createToken({ scopes: ["write"] });
    expect(created.token).toMatch(/^tok_[0-9A-Z]{26}\.[A-Za-z0-9_-]{43}$/);
    expect(created.token.startsWith(`${created.id}.`)).toBe(true);
    expect((await tokenRow(created.id))?.secret_hash).toBe(await sha256Hex(created.token));
    expect(await dump(env.DB)).not.toContain(created.token.split(".")[1]);

    const listed = await (await call("/api/tokens", { headers: ADMIN })).json();
    const text = JSON.stringify(listed);
    expect(text).toContain(created.id);
    expect(text).not.toContain(created.token);
    expect(text).not.toContain("secret_hash");
  });

  it("with the write scope writes plans and figures, and nothing an admin does", async () => {
    const writer = await createToken({ scopes: ["write"] });
    const ind = uid("ind");
    expect(
      (await send("PUT", `/api/indicators/${ind}`, indicatorBody(), writer.bearer)).status,
    ).toBe(201);
    const plan = {
      indicator_id: ind,
      period_start: "2024-01-01",
      period_end: "2024-12-31",
      target: 1,
    };
    expect((await send("POST", "/api/plans", plan, writer.bearer)).status).toBe(201);
    expect((await send("POST", "/api/actuals", actualBody(ind), writer.bearer)).status).toBe(201);

    const before = await dump(env.DB);
    for (const [method, path, body] of [
      ["POST", "/api/tokens", { name: "escalate", scopes: ["admin"] }],
      ["POST", "/api/webhooks", { url: "https://hooks.example.com/x" }],
      ["POST", "/api/silences", { scope: "nghe-an", until: "2099-01-01", reason: "quiet" }],
      ["GET", "/api/webhooks", undefined],
      ["GET", "/api/audit", undefined],
      ["GET", "/api/tokens", undefined],
    ] as const) {
      const res = await call(path, {
        method,
        headers: { "content-type": "application/json", ...writer.bearer },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(((await res.json()) as { code: string }).code).toBe("forbidden");
    }
    expect(await dump(env.DB)).toBe(before);
  });

  it("with only the read scope cannot write", async () => {
    const reader = await createToken({ scopes: ["read"] });
    // Its first use records last_used_at (a use, even when refused); later ones within the
    // hour write nothing at all.
    expect((await call("/api/status", { headers: reader.bearer })).status).toBe(200);
    const before = await dump(env.DB);
    const res = await send("PUT", `/api/indicators/${uid("ind")}`, indicatorBody(), reader.bearer);
    expect(res.status).toBe(403);
    expect(((await res.json()) as { code: string }).code).toBe("forbidden");
    expect(await dump(env.DB)).toBe(before);
  });

  it("cannot be an admin limited to one scope", async () => {
    const res = await send("POST", "/api/tokens", {
      name: "limited admin",
      scopes: ["admin"],
      indicator_scope: "nghe-an",
    });
    expect(res.status).toBe(422);
    expect(JSON.stringify(await res.json())).toContain("/indicator_scope");
  });

  it("stops working at once when revoked; revoking it again changes nothing", async () => {
    const writer = await createToken({ scopes: ["write"] });
    const ind = uid("ind");
    expect(
      (await send("PUT", `/api/indicators/${ind}`, indicatorBody(), writer.bearer)).status,
    ).toBe(201);
    expect(
      (await call(`/api/tokens/${writer.id}`, { method: "DELETE", headers: ADMIN })).status,
    ).toBe(204);
    const res = await send(
      "PUT",
      `/api/indicators/${ind}`,
      indicatorBody({ name: "x" }),
      writer.bearer,
    );
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toContain("Bearer");
    // A revoked token is refused on reads too: a wrong token is reported, not ignored.
    expect((await call("/api/status", { headers: writer.bearer })).status).toBe(401);

    const entries = (await auditOf("token", writer.id)).length;
    expect(
      (await call(`/api/tokens/${writer.id}`, { method: "DELETE", headers: ADMIN })).status,
    ).toBe(204);
    expect(await auditOf("token", writer.id)).toHaveLength(entries);
    expect((await call("/api/tokens/tok_nope", { method: "DELETE", headers: ADMIN })).status).toBe(
      404,
    );
  });

  it("is refused once expired", async () => {
    const soon = new Date(Date.now() + 1500).toISOString();
    const writer = await createToken({ scopes: ["write"], expires_at: soon });
    expect((await call("/api/status", { headers: writer.bearer })).status).toBe(200);
    await new Promise((r) => setTimeout(r, 1600));
    expect((await call("/api/status", { headers: writer.bearer })).status).toBe(401);
    const past = await send("POST", "/api/tokens", {
      name: "already expired",
      scopes: ["read"],
      expires_at: "2020-01-01T00:00:00Z",
    });
    expect(past.status).toBe(422);
  });

  it("with the right id and a wrong secret is refused", async () => {
    const writer = await createToken({ scopes: ["write"] });
    const forged = `${writer.id}.${"A".repeat(43)}`;
    const res = await send("PUT", `/api/indicators/${uid("ind")}`, indicatorBody(), {
      authorization: `Bearer ${forged}`,
    });
    expect(res.status).toBe(401);
  });

  it("records its last use at most once an hour", async () => {
    const reader = await createToken({ scopes: ["read"] });
    expect((await tokenRow(reader.id))?.last_used_at).toBeNull();
    await call("/api/status", { headers: reader.bearer });
    const first = (await tokenRow(reader.id))?.last_used_at;
    expect(first).toBeTruthy();
    await call("/api/status", { headers: reader.bearer });
    expect((await tokenRow(reader.id))?.last_used_at).toBe(first);

    const twoHoursAgo = new Date(Date.now() - 2 * 3_600_000).toISOString();
    await env.DB.prepare("update api_tokens set last_used_at = ? where id = ?")
      .bind(twoHoursAgo, reader.id)
      .run();
    await call("/api/status", { headers: reader.bearer });
    expect((await tokenRow(reader.id))?.last_used_at).not.toBe(twoHoursAgo);
  });

  it("is never accepted in the query string, on any route, valid or not", async () => {
    const writer = await createToken({ scopes: ["write"] });
    const before = await dump(env.DB);
    for (const name of ["token", "access_token", "api_key", "Access_Token"]) {
      for (const [method, path] of [
        ["GET", "/api/status"],
        ["GET", "/"],
        ["GET", "/metrics"],
        ["PUT", `/api/indicators/${uid("ind")}`],
      ] as const) {
        const res = await call(`${path}?${name}=${encodeURIComponent(writer.token)}`, {
          method,
          headers: { "content-type": "application/json" },
          body: method === "PUT" ? JSON.stringify(indicatorBody()) : undefined,
        });
        expect(res.status, `${method} ${path}?${name}`).toBe(400);
        expect(res.headers.get("content-type")).toContain("application/problem+json");
        expect(((await res.json()) as { code: string }).code).toBe("token_in_query");
      }
    }
    expect(await dump(env.DB)).toBe(before);
  });

  it("that is malformed or unknown is refused even on a public read", async () => {
    for (const authorization of ["Bearer", "Bearer a b", "Basic eDp5", "Bearer not-a-token"]) {
      const res = await call("/api/status", { headers: { authorization } });
      expect(res.status, authorization).toBe(401);
    }
  });
});

describe("a token limited to one scope", () => {
  it("writes its own scope's indicators, plans and figures, and nothing of any other", async () => {
    const mine = uid("prov");
    const theirs = uid("prov");
    const office = await createToken({ scopes: ["write"], indicator_scope: mine });
    // Ids and tags a limited token creates live in its area's namespace.
    const own = `${mine}.exports`;
    expect(
      (
        await send(
          "PUT",
          `/api/indicators/${own}`,
          indicatorBody({ scope: mine, tags: [`${mine}.trade`] }),
          office.bearer,
        )
      ).status,
    ).toBe(201);
    const other = await createIndicator({ scope: theirs });
    const otherPlan = await createPlan(other);

    const before = await dump(env.DB);
    const refused = [
      await send(
        "PUT",
        `/api/indicators/${mine}.${uid("ind")}`,
        indicatorBody({ scope: theirs, tags: [] }),
        office.bearer,
      ),
      // Moving its own indicator to another scope, or taking over another's.
      await send(
        "PUT",
        `/api/indicators/${own}`,
        indicatorBody({ scope: theirs, tags: [`${mine}.trade`] }),
        office.bearer,
      ),
      await send("PUT", `/api/indicators/${other}`, indicatorBody({ scope: mine }), office.bearer),
      await call(`/api/indicators/${other}`, { method: "DELETE", headers: office.bearer }),
      await send(
        "POST",
        "/api/plans",
        { indicator_id: other, period_start: "2024-01-01", period_end: "2024-12-31", target: 5 },
        office.bearer,
      ),
      await send(
        "PUT",
        `/api/plans/${otherPlan.id}`,
        { indicator_id: other, period_start: "2024-01-01", period_end: "2024-12-31", target: 5 },
        office.bearer,
      ),
      // One figure of another scope refuses the whole array.
      await send("POST", "/api/actuals", [actualBody(own), actualBody(other)], office.bearer),
      await importCsv(
        [
          "indicator_id,period_start,period_end,value,status,reported_at",
          `${other},2024-01-01,2024-03-31,5,final,2024-04-20`,
        ],
        office.bearer,
      ),
      await importCsv(
        ["indicator_id,period_start,period_end,target", `${other},2025-01-01,2025-12-31,9`],
        office.bearer,
      ),
      await importCsv(
        [
          "id,name,scope,scope_name,scope_level,unit,measure,cadence",
          `${uid("ind")},Exports,${theirs},Elsewhere,locality,USD,flow,monthly`,
        ],
        office.bearer,
      ),
    ];
    for (const res of refused) {
      expect(res.status, res.url).toBe(403);
      expect(((await res.json()) as { code: string }).code).toBe("forbidden");
    }
    expect(await dump(env.DB)).toBe(before);

    const ok = await importCsv(
      [
        "indicator_id,period_start,period_end,value,status,reported_at",
        `${own},2024-01-01,2024-03-31,5,final,2024-04-20`,
      ],
      office.bearer,
    );
    expect(ok.status).toBe(200);
    expect((await send("POST", "/api/actuals", actualBody(own), office.bearer)).status).toBe(201);
  });

  it("names each refused row of a CSV file", async () => {
    const office = await createToken({ scopes: ["write"], indicator_scope: uid("prov") });
    const other = await createIndicator({ scope: uid("prov") });
    const res = await importCsv(
      [
        "indicator_id,period_start,period_end,value,status,reported_at",
        `${other},2024-01-01,2024-03-31,5,final,2024-04-20`,
      ],
      office.bearer,
    );
    const problem = (await res.json()) as { errors: { path: string }[] };
    expect(problem.errors.map((e) => e.path)).toEqual(["/rows/2/indicator_id"]);
  });
});

describe("the audit log", () => {
  it("records who changed each plan, figure and indicator, with the values before and after", async () => {
    const writer = await createToken({ scopes: ["write"] });
    const ind = uid("ind");
    await send("PUT", `/api/indicators/${ind}`, indicatorBody(), writer.bearer);
    await send(
      "PUT",
      `/api/indicators/${ind}`,
      indicatorBody({ name: "Exports of goods" }),
      writer.bearer,
    );
    // The same definition again changes nothing, and records nothing.
    await send(
      "PUT",
      `/api/indicators/${ind}`,
      indicatorBody({ name: "Exports of goods" }),
      writer.bearer,
    );
    const indicatorEntries = await auditOf("indicator", ind);
    expect(indicatorEntries.map((e) => e.action)).toEqual(["update", "create"]);
    expect(indicatorEntries[0]?.actor).toBe(writer.id);
    expect(indicatorEntries[0]?.old?.name).toBe("Goods exports");
    expect(indicatorEntries[0]?.new?.name).toBe("Exports of goods");

    const planId = uid("plan");
    const plan = { indicator_id: ind, period_start: "2024-01-01", period_end: "2024-12-31" };
    await send("PUT", `/api/plans/${planId}`, { ...plan, target: 100 }, writer.bearer);
    await send("PUT", `/api/plans/${planId}`, { ...plan, target: 120 }, ADMIN);
    await send("PUT", `/api/plans/${planId}`, { ...plan, target: 120 }, ADMIN);
    const planEntries = await auditOf("plan", planId);
    expect(planEntries.map((e) => [e.action, e.actor])).toEqual([
      ["revise", "admin"],
      ["create", writer.id],
    ]);
    expect(planEntries[0]?.old?.target).toBe(100);
    expect(planEntries[0]?.new?.target).toBe(120);
    expect(planEntries[1]?.old).toBeNull();

    const figures = [actualBody(ind), actualBody(ind, { value: 2400, reported_at: "2024-10-20" })];
    const first = await send("POST", "/api/actuals", figures, writer.bearer);
    const inserted = ((await first.json()) as { inserted: { id: number }[] }).inserted;
    // Sent again: duplicates, stored once, recorded once.
    await send("POST", "/api/actuals", figures, writer.bearer);
    for (const { id } of inserted) {
      const entries = await auditOf("actual", String(id));
      expect(entries).toHaveLength(1);
      expect(entries[0]).toMatchObject({ action: "create", actor: writer.id, old: null });
      expect(entries[0]?.new).toMatchObject({ id, indicator_id: ind });
    }
  });

  it("records webhooks, silences, tokens and deletions, and never a secret", async () => {
    const hook = (await (
      await send("POST", "/api/webhooks", { url: "https://hooks.example.com/audit" })
    ).json()) as { id: string; secret: string };
    await send("PATCH", `/api/webhooks/${hook.id}`, { enabled: false });
    const rotated = (await (
      await send("POST", `/api/webhooks/${hook.id}/rotate-secret`, {})
    ).json()) as { secret: string };
    await call(`/api/webhooks/${hook.id}`, { method: "DELETE", headers: ADMIN });
    const hookEntries = await auditOf("webhook", hook.id);
    expect(hookEntries.map((e) => e.action)).toEqual([
      "delete",
      "rotate_secret",
      "update",
      "create",
    ]);
    expect(hookEntries[2]).toMatchObject({ old: { enabled: true }, new: { enabled: false } });

    const ind = await createIndicator();
    const silence = (await (
      await send("POST", "/api/silences", {
        indicator_id: ind,
        until: "2099-01-01",
        reason: "quiet",
      })
    ).json()) as { id: string };
    await call(`/api/silences/${silence.id}`, { method: "DELETE", headers: ADMIN });
    expect((await auditOf("silence", silence.id)).map((e) => e.action)).toEqual([
      "delete",
      "create",
    ]);

    await call(`/api/indicators/${ind}`, { method: "DELETE", headers: ADMIN });
    const deleted = await auditOf("indicator", ind);
    expect(deleted[0]).toMatchObject({ action: "delete", new: null, old: { id: ind } });

    const token = await createToken({ scopes: ["read"] });
    await call(`/api/tokens/${token.id}`, { method: "DELETE", headers: ADMIN });
    expect((await auditOf("token", token.id)).map((e) => e.action)).toEqual(["revoke", "create"]);

    const everything = JSON.stringify(
      await (await call("/api/audit?limit=500", { headers: ADMIN })).json(),
    );
    for (const secret of [hook.secret, rotated.secret, token.token, token.token.split(".")[1]]) {
      expect(everything).not.toContain(secret);
    }
  });

  it("pages newest first, and is for admins only", async () => {
    const page = (await (await call("/api/audit?limit=2", { headers: ADMIN })).json()) as {
      entries: { id: number }[];
      next_before: number | null;
    };
    expect(page.entries).toHaveLength(2);
    const [a, b] = page.entries;
    expect((a?.id ?? 0) > (b?.id ?? 0)).toBe(true);
    expect(page.next_before).toBe(b?.id);
    const next = (await (
      await call(`/api/audit?limit=2&before=${page.next_before}`, { headers: ADMIN })
    ).json()) as { entries: { id: number }[] };
    expect(next.entries.every((e) => e.id < (b?.id ?? 0))).toBe(true);

    expect((await call("/api/audit")).status).toBe(401);
    const writer = await createToken({ scopes: ["write"] });
    expect((await call("/api/audit", { headers: writer.bearer })).status).toBe(403);
  });
});

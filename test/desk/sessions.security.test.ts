// Signing in to the desk: the cookie's flags, a session stored only as a hash, idle and
// absolute expiry, signing out, revoking the token, rotating the admin secret, and what a
// session may and may not do outside the desk.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import {
  ADMIN,
  actualBody,
  createIndicator,
  createPlan,
  createToken,
  dump,
  send,
} from "../factories";
import {
  appWith,
  type Browser,
  get,
  ORIGIN,
  openForm,
  post,
  setCookies,
  signIn,
  textOf,
  worker,
} from "./helpers";

async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

function sessionIdOf(browser: Browser): string {
  return browser.cookie.slice(browser.cookie.indexOf("=") + 1);
}

/** Moves a session's clocks back, as if `minutes` had passed. */
async function age(browser: Browser, column: "last_seen_at" | "expires_at", iso: string) {
  const hash = await sha256(sessionIdOf(browser));
  await env.DB.prepare(`update sessions set ${column} = ? where id_hash = ?`).bind(iso, hash).run();
}

async function expectSignedOut(browser: Browser) {
  const res = await get(browser, "/desk/figures");
  expect(res.status).toBe(303);
  expect(res.headers.get("location")).toMatch(/^\/desk\/sign-in/);
}

describe("signing in", () => {
  it("sets a __Host- cookie: HttpOnly, Secure, SameSite=Strict, Path=/, no Domain, with a lifetime", async () => {
    const writer = await createToken({ scopes: ["write"] });
    const res = await post(null, "/desk/sign-in", { token: writer.token });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/desk");
    const [cookie, ...others] = setCookies(res);
    expect(others).toEqual([]);
    expect(cookie?.name).toBe("__Host-desk");
    const attributes = (cookie?.attributes ?? []).map((a) => a.toLowerCase());
    expect(attributes).toContain("httponly");
    expect(attributes).toContain("secure");
    expect(attributes).toContain("samesite=strict");
    expect(attributes).toContain("path=/");
    expect(attributes.some((a) => a.startsWith("domain"))).toBe(false);
    // The absolute lifetime, 12 hours by default.
    expect(attributes).toContain(`max-age=${12 * 3600}`);
    // 256 random bits, base64url.
    expect(cookie?.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it("stores only the SHA-256 of the session id", async () => {
    const writer = await createToken({ scopes: ["write"] });
    const browser = await signIn(writer.token);
    const id = sessionIdOf(browser);
    const tables = await dump(env.DB);
    expect(tables).not.toContain(id);
    expect(tables).toContain(await sha256(id));
  });

  it("on plain HTTP at localhost: a cookie without Secure (and so without the __Host- prefix)", async () => {
    const writer = await createToken({ scopes: ["write"] });
    for (const origin of ["http://localhost:8787", "http://127.0.0.1:8787"]) {
      const res = await post(null, "/desk/sign-in", { token: writer.token }, { origin });
      expect(res.status).toBe(303);
      const [cookie] = setCookies(res);
      expect(cookie?.name).toBe("desk");
      const attributes = (cookie?.attributes ?? []).map((a) => a.toLowerCase());
      expect(attributes).not.toContain("secure");
      expect(attributes).toContain("httponly");
      expect(attributes).toContain("samesite=strict");
    }
  });

  it("refuses plain HTTP anywhere else, in the reader's language, keeping no session", async () => {
    const writer = await createToken({ scopes: ["write"] });
    const before = await env.DB.prepare("select count(*) as n from sessions").first<{
      n: number;
    }>();
    const res = await post(
      { cookie: "", lang: "vi" },
      "/desk/sign-in",
      { token: writer.token },
      {
        origin: "http://monitor.example.org",
      },
    );
    expect(res.status).toBe(403);
    expect(setCookies(res)).toEqual([]);
    expect(textOf(await res.text())).toContain("Cần HTTPS để đăng nhập");
    const after = await env.DB.prepare("select count(*) as n from sessions").first<{ n: number }>();
    expect(after?.n).toBe(before?.n);
  });

  it("refuses a wrong, revoked or expired token with a message, setting no cookie", async () => {
    const revoked = await createToken({ scopes: ["write"] });
    await send("DELETE", `/api/tokens/${revoked.id}`, undefined);
    for (const token of ["not-a-token", revoked.token, `${revoked.token}x`, "", "x".repeat(5000)]) {
      const res = await post({ cookie: "", lang: "vi" }, "/desk/sign-in", { token });
      expect(res.status, token).toBe(401);
      expect(setCookies(res)).toEqual([]);
      expect(textOf(await res.text())).toContain("Mã truy cập sai, đã bị thu hồi hoặc đã hết hạn.");
    }
  });

  it("lets the administrator in with the ADMIN_TOKEN secret", async () => {
    const browser = await signIn("test-admin-token");
    const { html } = await openForm(browser, "/desk/tokens");
    expect(textOf(html)).toContain("Signed in as administrator");
  });

  it("sends a reader to the status page", async () => {
    const reader = await createToken({ scopes: ["read"] });
    const res = await post(null, "/desk/sign-in", { token: reader.token });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/");
  });
});

describe("a session ends", () => {
  it("when the editor signs out: the row goes and the cookie is cleared", async () => {
    const writer = await createToken({ scopes: ["write"] });
    const browser = await signIn(writer.token);
    const { formToken } = await openForm(browser, "/desk");
    const res = await post(browser, "/desk/sign-out", { form_token: formToken });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/desk/sign-in?signed_out=1");
    const [cleared] = setCookies(res);
    expect(cleared?.name).toBe("__Host-desk");
    expect(cleared?.attributes.map((a) => a.toLowerCase())).toContain("max-age=0");
    const hash = await sha256(sessionIdOf(browser));
    const row = await env.DB.prepare("select 1 from sessions where id_hash = ?").bind(hash).first();
    expect(row).toBeNull();
    await expectSignedOut(browser);
  });

  it("after the idle time without a request, and says so on the sign-in page", async () => {
    const writer = await createToken({ scopes: ["write"] });
    const browser = await signIn(writer.token);
    await age(browser, "last_seen_at", new Date(Date.now() - 121 * 60_000).toISOString());
    await expectSignedOut(browser);
    const res = await get({ ...browser, lang: "vi" }, "/desk/sign-in");
    expect(textOf(await res.text())).toContain("Phiên làm việc đã kết thúc");
    // The page tells the browser to drop the cookie it no longer needs.
    expect(setCookies(res)[0]?.attributes.map((a) => a.toLowerCase())).toContain("max-age=0");
  });

  it("is kept alive by use: a request moves the idle clock forward", async () => {
    const writer = await createToken({ scopes: ["write"] });
    const browser = await signIn(writer.token);
    await age(browser, "last_seen_at", new Date(Date.now() - 100 * 60_000).toISOString());
    expect((await get(browser, "/desk")).status).toBe(200);
    const hash = await sha256(sessionIdOf(browser));
    const row = await env.DB.prepare("select last_seen_at from sessions where id_hash = ?")
      .bind(hash)
      .first<{ last_seen_at: string }>();
    expect(Date.now() - Date.parse(row?.last_seen_at ?? "")).toBeLessThan(60_000);
  });

  it("at its absolute expiry, however active", async () => {
    const writer = await createToken({ scopes: ["write"] });
    const browser = await signIn(writer.token);
    await age(browser, "expires_at", new Date(Date.now() - 1000).toISOString());
    await expectSignedOut(browser);
  });

  it("at once when its token is revoked: the next form is refused and its sessions are gone", async () => {
    const indicator = await createIndicator();
    const writer = await createToken({ scopes: ["write"] });
    const browser = await signIn(writer.token);
    const { formToken } = await openForm(browser, "/desk/figures");
    expect((await send("DELETE", `/api/tokens/${writer.id}`, undefined)).status).toBe(204);
    const before = await dump(env.DB, ["actuals", "audit_log"]);
    const res = await post(browser, "/desk/figures", {
      form_token: formToken,
      action: "save",
      indicator_id: indicator,
      period: "Q1 2024",
      value: "100",
      status: "final",
      reported_at: "2024-04-10",
    });
    expect(res.status).toBe(401);
    expect(textOf(await res.text())).toContain("Your session has ended. Nothing was saved.");
    expect(await dump(env.DB, ["actuals", "audit_log"])).toBe(before);
    const left = await env.DB.prepare("select count(*) as n from sessions where token_id = ?")
      .bind(writer.id)
      .first<{ n: number }>();
    expect(left?.n).toBe(0);
  });

  it("when the token expires", async () => {
    const writer = await createToken({
      scopes: ["write"],
      expires_at: new Date(Date.now() + 60_000).toISOString(),
    });
    const browser = await signIn(writer.token);
    await env.DB.prepare("update api_tokens set expires_at = ? where id = ?")
      .bind(new Date(Date.now() - 1000).toISOString(), writer.id)
      .run();
    await expectSignedOut(browser);
  });

  it("when ADMIN_TOKEN is rotated, for a session opened with the old secret", async () => {
    const browser = await signIn("test-admin-token");
    const rotated = appWith({ ADMIN_TOKEN: "a-new-admin-secret" });
    const res = await get(browser, "/desk/tokens", rotated);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toMatch(/^\/desk\/sign-in/);
  });
});

describe("a session outside the desk", () => {
  it("never authorises a write to the API: a cookie alone is anonymous there", async () => {
    const indicator = await createIndicator();
    const writer = await createToken({ scopes: ["write"] });
    const browser = await signIn(writer.token);
    const before = await dump(env.DB, ["actuals"]);
    const json = await worker(
      new Request(`${ORIGIN}/api/actuals`, {
        method: "POST",
        headers: { cookie: browser.cookie, "content-type": "application/json", origin: ORIGIN },
        body: JSON.stringify(actualBody(indicator)),
      }),
    );
    expect(json.status).toBe(401);
    expect(await dump(env.DB, ["actuals"])).toBe(before);
  });

  it("reads a private deployment's pages and JSON, and their answers vary on Cookie", async () => {
    const indicator = await createIndicator();
    const plan = await createPlan(indicator);
    const reader = await createToken({ scopes: ["read"] });
    const privately = appWith({ PRIVATE_DEPLOYMENT: "true" });
    const browser = await signIn(reader.token, { fetcher: privately });
    for (const path of ["/", `/plans/${plan.id}`, "/api/status"]) {
      expect((await get(null, path, privately)).status, path).toBe(401);
      const res = await get(browser, path, privately);
      expect(res.status, path).toBe(200);
      expect(res.headers.get("vary") ?? "").toMatch(/Cookie/);
    }
  });

  it("is set aside by a bearer token: the request is the token's", async () => {
    const reader = await createToken({ scopes: ["read"] });
    const browser = await signIn(reader.token);
    const res = await worker(
      new Request(`${ORIGIN}/api/tokens`, {
        headers: { cookie: browser.cookie, authorization: ADMIN.authorization },
      }),
    );
    expect(res.status).toBe(200);
  });
});

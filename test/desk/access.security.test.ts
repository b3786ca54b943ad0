// Cloudflare Access in front of the Worker: its signed assertion identifies a person, whom the
// token an admin gave their e-mail signs in. Keys are generated here with WebCrypto and handed
// to the app in place of the team's; nothing is fetched from the network.
import { describe, expect, it } from "vitest";
import { fetchedAccessKeys } from "../../src/http/access-identity";
import { verifyAccessJwt } from "../../src/lib/access-jwt";
import { createIndicator, createPlan, createToken, send, uid } from "../factories";
import { appWith, get, ORIGIN, setCookies } from "./helpers";

const TEAM = "nghean-stats.cloudflareaccess.com";
const AUD = "4714c1358e65fe4b408ad6d432a5f878f08194bdb4752441fd56faefa9b2b6f2";

interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  jwk: JsonWebKey & { kid: string };
}

async function signingKey(kid: string): Promise<SigningKey> {
  const pair = (await crypto.subtle.generateKey(
    {
      name: "RSASSA-PKCS1-v1_5",
      modulusLength: 2048,
      publicExponent: new Uint8Array([1, 0, 1]),
      hash: "SHA-256",
    },
    true,
    ["sign", "verify"],
  )) as CryptoKeyPair;
  const jwk = (await crypto.subtle.exportKey("jwk", pair.publicKey)) as JsonWebKey;
  return { kid, privateKey: pair.privateKey, jwk: { ...jwk, kid, alg: "RS256", use: "sig" } };
}

function b64url(data: string | Uint8Array): string {
  const bytes = typeof data === "string" ? new TextEncoder().encode(data) : data;
  return btoa(String.fromCharCode(...bytes))
    .replaceAll("+", "-")
    .replaceAll("/", "_")
    .replace(/=+$/, "");
}

const now = () => Math.floor(Date.now() / 1000);

function claims(email: string, overrides: Record<string, unknown> = {}) {
  return {
    aud: [AUD],
    email,
    exp: now() + 600,
    iat: now(),
    nbf: now(),
    iss: `https://${TEAM}`,
    sub: "7335d417-61da-459d-899c-0a01c76a2f94",
    type: "app",
    ...overrides,
  };
}

async function assertion(
  key: SigningKey,
  payload: Record<string, unknown>,
  header: Record<string, unknown> = {},
): Promise<string> {
  const head = b64url(JSON.stringify({ alg: "RS256", kid: key.kid, typ: "JWT", ...header }));
  const body = b64url(JSON.stringify(payload));
  const signature = await crypto.subtle.sign(
    "RSASSA-PKCS1-v1_5",
    key.privateKey,
    new TextEncoder().encode(`${head}.${body}`),
  );
  return `${head}.${body}.${b64url(new Uint8Array(signature))}`;
}

const team = await signingKey("team-key-1");
const stranger = await signingKey("team-key-1");

function behindAccess(vars: Record<string, string> = {}, keys = [team.jwk]) {
  return appWith(
    { ACCESS_TEAM_DOMAIN: TEAM, ACCESS_AUD: AUD, ...vars },
    { accessKeys: async () => keys },
  );
}

function withAssertion(jwt: string, path = "/desk", fetcher = behindAccess()) {
  return fetcher(
    new Request(`${ORIGIN}${path}`, {
      headers: { "cf-access-jwt-assertion": jwt },
      redirect: "manual",
    }),
  );
}

async function accessToken(scopes = ["write"]) {
  const email = `${uid("editor")}@congthuong.nghean.gov.vn`;
  const token = await createToken({ scopes, indicator_scope: "nghe-an", access_email: email });
  return { ...token, email };
}

describe("a person Cloudflare Access identified", () => {
  it("is signed in to the desk as the token that names their e-mail", async () => {
    const editor = await accessToken();
    const res = await withAssertion(await assertion(team, claims(editor.email)));
    expect(res.status).toBe(200);
    const [cookie] = setCookies(res);
    expect(cookie?.name).toBe("__Host-desk");
    // The session then carries on without the assertion, as the token's.
    const again = await get(
      { cookie: `${cookie?.name}=${cookie?.value}` },
      "/desk",
      behindAccess(),
    );
    expect(again.status).toBe(200);
    expect(await again.text()).toContain("Signed in as");
  });

  it("matches the e-mail whatever its case", async () => {
    const editor = await accessToken();
    const res = await withAssertion(await assertion(team, claims(editor.email.toUpperCase())));
    expect(res.status).toBe(200);
  });

  it("reads a private deployment's pages in a browser", async () => {
    const indicator = await createIndicator();
    await createPlan(indicator);
    const reader = await accessToken(["read"]);
    const privately = behindAccess({ PRIVATE_DEPLOYMENT: "true" });
    expect((await get(null, "/", privately)).status).toBe(401);
    const res = await withAssertion(await assertion(team, claims(reader.email)), "/", privately);
    expect(res.status).toBe(200);
  });

  it("is nobody for a write to the API", async () => {
    const editor = await accessToken();
    const jwt = await assertion(team, claims(editor.email));
    const res = await behindAccess()(
      new Request(`${ORIGIN}/api/indicators/${uid("x")}`, {
        method: "PUT",
        headers: { "cf-access-jwt-assertion": jwt, "content-type": "application/json" },
        body: "{}",
      }),
    );
    expect(res.status).toBe(401);
  });
});

describe("an assertion not to be believed signs nobody in", () => {
  const cases: [string, () => Promise<string>, string][] = [
    [
      "for another application",
      async () => assertion(team, claims(EMAIL, { aud: ["another-app"] })),
      "another audience",
    ],
    [
      "from another team",
      async () => assertion(team, claims(EMAIL, { iss: "https://evil.cloudflareaccess.com" })),
      "another issuer",
    ],
    ["expired", async () => assertion(team, claims(EMAIL, { exp: now() - 120 })), "expired"],
    [
      "not yet valid",
      async () => assertion(team, claims(EMAIL, { nbf: now() + 600 })),
      "not yet valid",
    ],
    [
      "signed by another key under the team's key id",
      async () => assertion(stranger, claims(EMAIL)),
      "bad signature",
    ],
    [
      "under an unknown key id",
      async () => assertion(team, claims(EMAIL), { kid: "rotated-away" }),
      "unknown signing key",
    ],
    [
      "with the algorithm 'none'",
      async () => {
        const jwt = await assertion(team, claims(EMAIL), { alg: "none" });
        return `${jwt.split(".").slice(0, 2).join(".")}.`;
      },
      "unexpected algorithm",
    ],
    [
      "claiming HS256",
      async () => assertion(team, claims(EMAIL), { alg: "HS256" }),
      "unexpected algorithm",
    ],
    [
      "with its claims changed after signing",
      async () => {
        const [head, , signature] = (await assertion(team, claims(EMAIL))).split(".");
        return `${head}.${b64url(JSON.stringify(claims("admin@evil.example")))}.${signature}`;
      },
      "bad signature",
    ],
    [
      "without an e-mail (a service token)",
      async () => assertion(team, claims(EMAIL, { email: undefined })),
      "no e-mail",
    ],
    ["that is not a JWT", async () => "not.a-jwt", "not a JWT"],
  ];
  let EMAIL = "";

  it.each(cases)("%s", async (_, make, reason) => {
    EMAIL = (await accessToken()).email;
    const jwt = await make();
    const check = { teamDomain: TEAM, audience: AUD, keys: [team.jwk], nowSeconds: now() };
    expect(await verifyAccessJwt(jwt, check)).toEqual({ ok: false, reason });
    const res = await withAssertion(jwt);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/desk/sign-in");
    expect(setCookies(res)).toEqual([]);
  });

  it("nor does a good assertion for an e-mail no token names", async () => {
    const res = await withAssertion(await assertion(team, claims("someone@example.org")));
    expect(res.status).toBe(303);
  });

  it("nor one for a revoked token, whose e-mail is then free for a new token", async () => {
    const editor = await accessToken();
    expect((await send("DELETE", `/api/tokens/${editor.id}`, undefined)).status).toBe(204);
    const res = await withAssertion(await assertion(team, claims(editor.email)));
    expect(res.status).toBe(303);
    const again = await createToken({ scopes: ["write"], access_email: editor.email });
    expect(again.id).not.toBe(editor.id);
  });

  it("nor any assertion where Access is not configured", async () => {
    const editor = await accessToken();
    const plain = appWith({}, { accessKeys: async () => [team.jwk] });
    const res = await withAssertion(await assertion(team, claims(editor.email)), "/desk", plain);
    expect(res.status).toBe(303);
  });
});

describe("the team's keys", () => {
  it("are fetched from the team's certs endpoint once, and again for a key not yet seen", async () => {
    const asked: string[] = [];
    const fetcher = (async (url: string | URL | Request) => {
      asked.push(String(url));
      return Response.json({ keys: [team.jwk] });
    }) as typeof fetch;
    const keys = fetchedAccessKeys(fetcher);
    expect(await keys(TEAM, false)).toEqual([team.jwk]);
    expect(await keys(TEAM, false)).toEqual([team.jwk]);
    expect(asked).toEqual([`https://${TEAM}/cdn-cgi/access/certs`]);
    // An unknown key id asks again only once the cached keys are a few minutes old.
    await keys(TEAM, true);
    expect(asked).toHaveLength(1);
  });

  it("are fetched again after a rotation: an assertion under the new key is believed", async () => {
    const rotated = await signingKey("team-key-2");
    let refreshed = 0;
    const app = appWith(
      { ACCESS_TEAM_DOMAIN: TEAM, ACCESS_AUD: AUD },
      {
        accessKeys: async (_, refresh) => {
          if (refresh) refreshed += 1;
          return refresh ? [team.jwk, rotated.jwk] : [team.jwk];
        },
      },
    );
    const editor = await accessToken();
    const res = await withAssertion(await assertion(rotated, claims(editor.email)), "/desk", app);
    expect(res.status).toBe(200);
    expect(refreshed).toBe(1);
  });

  it("one email per token: a second token for the same e-mail is refused", async () => {
    const editor = await accessToken();
    const res = await send("POST", "/api/tokens", {
      name: "twice",
      scopes: ["write"],
      access_email: editor.email,
    });
    expect(res.status).toBe(409);
  });

  it("verification is pure: the same check gives the same answer offline", async () => {
    const jwt = await assertion(team, claims("a@b.vn"));
    const check = { teamDomain: TEAM, audience: AUD, keys: [team.jwk], nowSeconds: now() };
    expect(await verifyAccessJwt(jwt, check)).toEqual({ ok: true, email: "a@b.vn" });
    expect(await verifyAccessJwt(jwt, { ...check, nowSeconds: now() + 3600 })).toEqual({
      ok: false,
      reason: "expired",
    });
  });
});

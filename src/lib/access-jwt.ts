// Verifying the JWT Cloudflare Access puts in front of every request it lets through
// (`Cf-Access-Jwt-Assertion`), as Cloudflare's documentation asks an origin to: an RS256
// signature by one of the team's current keys (https://<team>/cdn-cgi/access/certs), the
// team as issuer, the application's audience tag, and the time window.

export interface AccessJwtCheck {
  /** "yourteam.cloudflareaccess.com" */
  teamDomain: string;
  /** The Access application's AUD tag. */
  audience: string;
  /** The team's signing keys (the `keys` of its certs document). */
  keys: readonly JsonWebKey[];
  /** Seconds since the epoch. */
  nowSeconds: number;
}

export type AccessIdentity = { ok: true; email: string } | { ok: false; reason: string };

/** Clocks of the edge and this Worker may differ a little. */
const LEEWAY_SECONDS = 60;

function base64UrlBytes(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return null;
  const padded = text.replaceAll("-", "+").replaceAll("_", "/");
  try {
    const binary = atob(padded + "=".repeat((4 - (padded.length % 4)) % 4));
    return Uint8Array.from(binary, (ch) => ch.charCodeAt(0));
  } catch {
    return null;
  }
}

function jsonPart(text: string): Record<string, unknown> | null {
  const bytes = base64UrlBytes(text);
  if (!bytes) return null;
  try {
    const value: unknown = JSON.parse(
      new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes),
    );
    return typeof value === "object" && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

const fail = (reason: string): AccessIdentity => ({ ok: false, reason });

/** Who Access says is calling, or why the assertion is not to be believed. */
export async function verifyAccessJwt(jwt: string, check: AccessJwtCheck): Promise<AccessIdentity> {
  const parts = jwt.split(".");
  if (parts.length !== 3) return fail("not a JWT");
  const [headerText = "", payloadText = "", signatureText = ""] = parts;
  const header = jsonPart(headerText);
  const payload = jsonPart(payloadText);
  const signature = base64UrlBytes(signatureText);
  if (!header || !payload || !signature) return fail("malformed");
  // Only the algorithm Access signs with: "none" or an HMAC over a public key must never pass.
  if (header.alg !== "RS256") return fail("unexpected algorithm");
  const key = check.keys.find((k) => (k as { kid?: string }).kid === header.kid);
  if (key?.kty !== "RSA") return fail("unknown signing key");
  let verified = false;
  try {
    const publicKey = await crypto.subtle.importKey(
      "jwk",
      { kty: key.kty, n: key.n, e: key.e, alg: "RS256", ext: true },
      { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" },
      false,
      ["verify"],
    );
    verified = await crypto.subtle.verify(
      "RSASSA-PKCS1-v1_5",
      publicKey,
      signature,
      new TextEncoder().encode(`${headerText}.${payloadText}`),
    );
  } catch {
    return fail("unusable signing key");
  }
  if (!verified) return fail("bad signature");
  if (payload.iss !== `https://${check.teamDomain}`) return fail("another issuer");
  const audiences = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
  if (!audiences.includes(check.audience)) return fail("another audience");
  const now = check.nowSeconds;
  if (typeof payload.exp !== "number" || payload.exp + LEEWAY_SECONDS <= now)
    return fail("expired");
  if (typeof payload.nbf === "number" && payload.nbf - LEEWAY_SECONDS > now) {
    return fail("not yet valid");
  }
  // Service tokens carry no e-mail: they are machines, which use bearer tokens instead.
  if (typeof payload.email !== "string" || payload.email === "") return fail("no e-mail");
  return { ok: true, email: payload.email.toLowerCase() };
}

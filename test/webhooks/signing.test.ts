// Our signatures checked by an independent verifier: the `standardwebhooks` npm package.
import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { buildMessage } from "../../src/webhooks/message";
import { generateSecret, isSecret, sign, signedHeaders } from "../../src/webhooks/signing";

const body = JSON.stringify({ type: "plan.status_changed", data: { status: "off_track" } });

function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

function headersFor(id: string, timestamp: number, signature: string) {
  return {
    "webhook-id": id,
    "webhook-timestamp": String(timestamp),
    "webhook-signature": signature,
  };
}

describe("secrets", () => {
  it("are whsec_ + base64 of 32 random bytes", () => {
    const secret = generateSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(atob(secret.slice(6))).toHaveLength(32);
    expect(isSecret(secret)).toBe(true);
    expect(generateSecret()).not.toBe(secret);
  });

  it("too short or not base64 are recognised as such", () => {
    expect(isSecret(`whsec_${btoa("x".repeat(23))}`)).toBe(false);
    expect(isSecret("whsec_not base64!")).toBe(false);
    expect(isSecret(btoa("x".repeat(32)))).toBe(false);
  });
});

describe("signatures", () => {
  const secret = generateSecret();
  const verifier = new Webhook(secret);
  const id = "evt_01JD3ZQ8M4X6V9T2K5N7P0R1S3";

  it("verify with standardwebhooks", async () => {
    const ts = nowSeconds();
    const headers = await signedHeaders([secret], id, ts, body);
    expect(headers["webhook-id"]).toBe(id);
    expect(headers["webhook-timestamp"]).toBe(String(ts));
    expect(headers["webhook-signature"]).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    expect(verifier.verify(body, { ...headers })).toEqual(JSON.parse(body));
  });

  it("match the reference implementation byte for byte", async () => {
    const ts = nowSeconds();
    const ours = await sign(secret, id, ts, body);
    expect(ours).toBe(verifier.sign(id, new Date(ts * 1000), body));
  });

  it("are rejected after one changed body byte", async () => {
    const ts = nowSeconds();
    const headers = await signedHeaders([secret], id, ts, body);
    const tampered = body.replace("off_track", "off_trach");
    expect(tampered).not.toBe(body);
    expect(() => verifier.verify(tampered, { ...headers })).toThrow();
  });

  it("are rejected with a shifted timestamp", async () => {
    const ts = nowSeconds();
    const headers = await signedHeaders([secret], id, ts, body);
    expect(() =>
      verifier.verify(body, { ...headers, "webhook-timestamp": String(ts + 1) }),
    ).toThrow();
  });

  it("are rejected with a changed id", async () => {
    const ts = nowSeconds();
    const headers = await signedHeaders([secret], id, ts, body);
    expect(() =>
      verifier.verify(body, { ...headers, "webhook-id": `${id.slice(0, -1)}4` }),
    ).toThrow();
  });

  it("are rejected under another secret", async () => {
    const ts = nowSeconds();
    const headers = await signedHeaders([generateSecret()], id, ts, body);
    expect(() => verifier.verify(body, { ...headers })).toThrow();
  });

  it("are rejected when too old (replayed), as the receiver's tolerance says", async () => {
    const ts = nowSeconds() - 10 * 60;
    const signature = await sign(secret, id, ts, body);
    expect(() => verifier.verify(body, headersFor(id, ts, signature))).toThrow();
  });
});

describe("secret rotation", () => {
  const destination = {
    url: "https://hooks.example.com/x",
    format: "json" as const,
    secret: generateSecret(),
    previousSecret: generateSecret(),
    previousSecretExpiresAt: new Date(Date.now() + 3_600_000).toISOString(),
  };
  const data = {
    id: "evt_01JD3ZQ8M4X6V9T2K5N7P0R1S3",
    type: "webhook.test" as const,
    occurred_at: new Date().toISOString(),
    webhook_id: "wh_1",
    message: "hello",
  };

  it("signs with both secrets during the overlap, so either verifies", async () => {
    const message = await buildMessage(destination, data, Date.now());
    expect(message.headers["webhook-signature"]?.split(" ")).toHaveLength(2);
    for (const secret of [destination.secret, destination.previousSecret]) {
      expect(new Webhook(secret).verify(message.body, message.headers)).toMatchObject({
        type: "webhook.test",
      });
    }
  });

  it("signs with the new secret alone once the overlap has ended", async () => {
    const later = Date.parse(destination.previousSecretExpiresAt) + 1;
    const message = await buildMessage(destination, data, later);
    expect(message.headers["webhook-signature"]?.split(" ")).toHaveLength(1);
    expect(message.headers["webhook-signature"]).toBe(
      await sign(destination.secret, data.id, Math.floor(later / 1000), message.body),
    );
  });
});

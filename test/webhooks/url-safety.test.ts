import { describe, expect, it } from "vitest";
import { checkWebhookUrl, hostsOf } from "../../src/webhooks/url-safety";

const policy = { allowLoopback: false, ownHosts: ["monitor.example.org", "monitor.test:8787"] };

const SSRF_CORPUS = [
  // Not https, or no URL at all.
  "http://hooks.example.com/x",
  "ftp://hooks.example.com/x",
  "file:///etc/passwd",
  "javascript:alert(1)",
  "hooks.example.com/x",
  "",
  // IPv4 literals in every encoding the URL parser accepts.
  "https://127.0.0.1/",
  "https://127.1/",
  "https://127.0.1/",
  "https://0x7f000001/",
  "https://0x7f.0.0.1/",
  "https://2130706433/",
  "https://017700000001/",
  "https://0177.0.0.1/",
  "https://127.000.000.001/",
  "https://%31%32%37.0.0.1/",
  "https://0.0.0.0/",
  "https://0/",
  "https://169.254.169.254/latest/meta-data/",
  "https://10.0.0.1/",
  "https://172.16.0.1/",
  "https://172.31.255.255/",
  "https://192.168.1.1/",
  "https://100.64.0.1/",
  "https://8.8.8.8/",
  "https://127.0.0.1./",
  // IPv6 literals.
  "https://[::1]/",
  "https://[::ffff:127.0.0.1]/",
  "https://[::ffff:7f00:1]/",
  "https://[0:0:0:0:0:0:0:1]/",
  "https://[fc00::1]/",
  "https://[fd12:3456::1]/",
  "https://[fe80::1]/",
  "https://[2001:db8::1]/",
  // Names that only resolve inside a network.
  "https://localhost/",
  "https://LOCALHOST/",
  "https://localhost./",
  "https://api.localhost/",
  "https://printer.local/",
  "https://metadata.google.internal/computeMetadata/v1/",
  "https://router.home.arpa/",
  "https://1.0.0.127.in-addr.arpa/",
  "https://intranet/",
  "https://db.localdomain/",
  // Userinfo, which can also hide the real host from a reader.
  "https://user:pass@hooks.example.com/",
  "https://hooks.example.com@evil.example.net/",
  "https://@hooks.example.com/",
  // Ports other than 443.
  "https://hooks.example.com:8443/",
  "https://hooks.example.com:22/",
  // The monitor itself.
  "https://monitor.example.org/api/actuals",
  "https://MONITOR.example.org./api/actuals",
  "https://monitor.test/api/indicators",
  // Loopback is refused while the development setting is off.
  "http://127.0.0.1:9000/hook",
  // Whitespace and backslashes the parser would quietly fix up.
  "https://hooks.example.com/a b",
  " https://hooks.example.com/",
  "https://hooks.example.com\\@127.0.0.1/",
  "https://hooks.exa\tmple.com/",
];

const PUBLIC_URLS = [
  "https://hooks.slack.com/services/T000/B000/XXXXXXXX",
  "https://discord.com/api/webhooks/123/abc",
  "https://example.com/webhooks/target-monitor?token=abc",
  "https://chat.example.org:443/hooks/xyz",
  "https://xn--bcher-kva.example/hook",
  "https://hooks.zapier.com/hooks/catch/1/abc/",
];

describe("webhook URL safety", () => {
  it.each(SSRF_CORPUS)("rejects %j", (url) => {
    const verdict = checkWebhookUrl(url, policy);
    expect(verdict.ok).toBe(false);
  });

  it.each(PUBLIC_URLS)("accepts %s", (url) => {
    expect(checkWebhookUrl(url, policy).ok).toBe(true);
  });

  it("explains a refusal", () => {
    const verdict = checkWebhookUrl("https://0x7f000001/", policy);
    expect(verdict).toEqual({ ok: false, reason: expect.stringMatching(/IP address/) });
  });

  describe("with loopback allowed for development", () => {
    const dev = { allowLoopback: true, ownHosts: ["127.0.0.1:8787"] };

    it("accepts exactly http(s)://127.0.0.1:<port>", () => {
      expect(checkWebhookUrl("http://127.0.0.1:9000/hook", dev).ok).toBe(true);
      expect(checkWebhookUrl("https://127.0.0.1:9443/", dev).ok).toBe(true);
    });

    it("still refuses other spellings, other addresses and itself", () => {
      for (const url of [
        "http://127.1:9000/",
        "http://0x7f000001:9000/",
        "http://localhost:9000/",
        "http://[::1]:9000/",
        "http://10.0.0.1:9000/",
        "http://127.0.0.1/",
        "http://user@127.0.0.1:9000/",
        "http://127.0.0.1:8787/api/actuals",
      ]) {
        expect(checkWebhookUrl(url, dev).ok, url).toBe(false);
      }
    });
  });
});

describe("the monitor's own address, in loopback development mode", () => {
  it("is refused however the loopback host is spelled", () => {
    const dev = { allowLoopback: true, ownHosts: hostsOf("http://localhost:8787") };
    expect(checkWebhookUrl("http://127.0.0.1:8787/api/actuals", dev)).toEqual({
      ok: false,
      reason: expect.stringMatching(/itself/),
    });
    expect(checkWebhookUrl("http://127.0.0.1:9000/hook", dev).ok).toBe(true);
  });

  it("is refused when the request came in on another loopback name", () => {
    const dev = {
      allowLoopback: true,
      ownHosts: hostsOf("http://localhost.:8787/api/webhooks", "https://monitor.example.org"),
    };
    expect(checkWebhookUrl("http://127.0.0.1:8787/", dev).ok).toBe(false);
  });

  it("writes out the port a URL leaves implicit", () => {
    expect(hostsOf("http://localhost", "https://monitor.example.org/x", "not a url")).toEqual([
      "localhost:80",
      "monitor.example.org:443",
    ]);
  });
});

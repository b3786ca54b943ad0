// Which URLs the monitor may POST to. A webhook URL is chosen by whoever holds the admin token,
// and the Worker sends to it unattended, so a careless or hostile URL must not turn the Worker
// into a way to reach internal services (SSRF). Pure: the settings come in as parameters.
//
// Policy:
// - https only, on the default port (443): receivers (chat tools, automation services) live
//   there, and a non-standard port is far more often an internal service;
// - no IP literals at all, in any encoding: the WHATWG URL parser (used below) already turns
//   127.1, 0x7f000001, 2130706433, 017700000001 and %31%32%37.0.0.1 into 127.0.0.1, and IPv6
//   literals keep their brackets, so "is it an IP?" is asked of the canonical form;
// - no names that only resolve inside a network: single labels, localhost, .local, .internal,
//   .home.arpa (and any .arpa), .localdomain, .lan;
// - no userinfo (`https://user:pass@host`), which can also disguise the real host to a reader;
// - not the Worker's own host, so a webhook cannot call the monitor's own API.
// DNS is not resolved here (a Worker cannot), so a public name pointing at a private address is
// not caught; Cloudflare's network does not route Worker subrequests to private addresses.
//
// For local development and tests, `allowLoopback` lets exactly `http(s)://127.0.0.1:<port>`
// through, spelled that way. Never enable it in production.

/**
 * The host of a configured URL as `name:port`, the port always written out (80 or 443 when the
 * URL leaves it implicit), or nothing when the setting is not a URL.
 */
export function hostsOf(...urls: (string | undefined)[]): string[] {
  return urls.flatMap((u) => {
    try {
      if (!u) return [];
      const url = new URL(u);
      return [`${url.hostname}:${url.port || (url.protocol === "https:" ? "443" : "80")}`];
    } catch {
      return [];
    }
  });
}

/** Names every machine gives itself: they all reach the same loopback interface. */
function isLoopbackName(hostname: string): boolean {
  const name = hostname.toLowerCase().replace(/\.+$/, "");
  return (
    name === "localhost" ||
    name.endsWith(".localhost") ||
    /^127(?:\.\d{1,3}){3}$/.test(name) ||
    name === "0.0.0.0" ||
    name === "[::1]" ||
    name === "[::]"
  );
}

/**
 * Where a `name:port` host leads, for comparing two spellings of one endpoint: every loopback
 * name is the same machine, so `localhost:8787` and `127.0.0.1:8787` are the same Worker.
 */
function endpoint(host: string): string | null {
  try {
    const url = new URL(`http://${host}`);
    const name = url.hostname.toLowerCase().replace(/\.+$/, "");
    return `${isLoopbackName(name) ? "loopback" : name}:${url.port || "80"}`;
  } catch {
    return null;
  }
}

/**
 * The policy the Worker sends under: the settings' loopback switch, and its own hosts (the
 * public base URL, and the URL a request arrived on, when there is one).
 */
export function urlPolicy(
  settings: { allowLoopbackWebhooks: boolean; publicBaseUrl: string },
  requestUrl?: string,
): UrlPolicy {
  return {
    allowLoopback: settings.allowLoopbackWebhooks,
    ownHosts: hostsOf(requestUrl, settings.publicBaseUrl),
  };
}

export type UrlVerdict = { ok: true; url: URL } | { ok: false; reason: string };

export interface UrlPolicy {
  allowLoopback: boolean;
  /** Hosts (`name` or `name:port`) of the Worker itself. */
  ownHosts: readonly string[];
}

const MAX_URL_LENGTH = 2048;
const INTERNAL_SUFFIXES = [".localhost", ".local", ".internal", ".arpa", ".localdomain", ".lan"];
const INTERNAL_NAMES = new Set(["localhost", "localdomain", "ip6-localhost", "ip6-loopback"]);
const LOOPBACK_URL = /^https?:\/\/127\.0\.0\.1:\d{1,5}(?:[/?#]|$)/;
const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;

function reject(reason: string): UrlVerdict {
  return { ok: false, reason };
}

/** The Worker's own host names, whatever port they were given with. */
function ownNames(policy: UrlPolicy): string[] {
  return policy.ownHosts.flatMap((h) => {
    try {
      return [new URL(`http://${h}`).hostname.toLowerCase().replace(/\.+$/, "")];
    } catch {
      return [];
    }
  });
}

function hostCheck(url: URL, policy: UrlPolicy): UrlVerdict {
  // A trailing dot names the same host ("localhost." is localhost).
  const host = url.hostname.toLowerCase().replace(/\.+$/, "");
  if (host.startsWith("[") || IPV4.test(host))
    return reject("IP addresses are not allowed; use a host name.");
  if (host === "" || !host.includes("."))
    return reject("The host must be a public, fully qualified name.");
  if (INTERNAL_NAMES.has(host) || INTERNAL_SUFFIXES.some((s) => host.endsWith(s))) {
    return reject("Local and internal host names are not allowed.");
  }
  if (ownNames(policy).includes(host)) {
    return reject("The monitor cannot send webhooks to itself.");
  }
  return { ok: true, url };
}

export function checkWebhookUrl(raw: string, policy: UrlPolicy): UrlVerdict {
  if (raw.length > MAX_URL_LENGTH) return reject(`At most ${MAX_URL_LENGTH} characters.`);
  // The parser silently drops tabs and newlines, and trims spaces; a URL that needs that is not
  // the URL its owner thinks it is.
  if (/[\s\u0000-\u001f\u007f\\]/.test(raw))
    return reject("Contains whitespace, control characters or backslashes.");
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return reject("Not an absolute URL.");
  }
  if (url.username !== "" || url.password !== "" || /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*@/i.test(raw)) {
    return reject("Credentials in the URL are not allowed; put a token in the path or query.");
  }
  if (policy.allowLoopback && LOOPBACK_URL.test(raw) && url.hostname === "127.0.0.1") {
    // Compared as endpoints, not strings: the Worker reached as localhost:8787 is the same
    // Worker as 127.0.0.1:8787.
    const target = endpoint(url.host);
    if (policy.ownHosts.some((own) => endpoint(own) === target))
      return reject("The monitor cannot send webhooks to itself.");
    return { ok: true, url };
  }
  if (url.protocol !== "https:") return reject("Only https URLs are allowed.");
  if (url.port !== "") return reject("Only the default https port (443) is allowed.");
  return hostCheck(url, policy);
}

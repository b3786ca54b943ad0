// The cursor of a status page: where the next page starts, and what the first page asked for.
// Opaque to clients (base64url of a small JSON object), so its content can change without
// breaking anyone who only sends it back.

export interface StatusCursor {
  /** The last plan id of the page before: the next page starts after it. */
  after: string;
  /** The evaluation date of the first page: every page judges as of the same day. */
  asOf: string;
  /** The filters of the first page, which every later page must repeat. */
  scope: string | null;
  tag: string | null;
  status: string | null;
}

function toBase64Url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64Url(text: string): string | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return null;
  try {
    const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
    const bytes = Uint8Array.from(binary, (ch) => ch.charCodeAt(0));
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return null;
  }
}

export function encodeStatusCursor(cursor: StatusCursor): string {
  return toBase64Url(
    JSON.stringify([cursor.after, cursor.asOf, cursor.scope, cursor.tag, cursor.status]),
  );
}

const isTextOrNull = (value: unknown): value is string | null =>
  value === null || typeof value === "string";

/** The cursor a page answered with, or null for anything else. */
export function decodeStatusCursor(text: string): StatusCursor | null {
  const json = fromBase64Url(text);
  if (json === null) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return null;
  }
  if (!Array.isArray(parsed) || parsed.length !== 5) return null;
  const [after, asOf, scope, tag, status] = parsed as unknown[];
  if (typeof after !== "string" || typeof asOf !== "string") return null;
  if (!isTextOrNull(scope) || !isTextOrNull(tag) || !isTextOrNull(status)) return null;
  return { after, asOf, scope, tag, status };
}

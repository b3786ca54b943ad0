import { createMiddleware } from "hono/factory";
import { ApiError } from "../lib/errors";
import { checkJsonShape, MAX_JSON_DEPTH } from "../lib/json-shape";
import { mediaType } from "../lib/media-type";

/** Largest accepted write body: 1,000 actuals with long source notes fit with room to spare. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** What a route accepts as its write body: media types (without parameters) and a size. */
export interface BodyPolicy {
  types: readonly string[];
  maxBytes: number;
  /**
   * Media types the route reads itself, as the body arrives, holding it to `maxBytes` on its
   * own (the CSV import): only a declared Content-Length is checked here.
   */
  streamed?: readonly string[];
}

export const JSON_BODY: BodyPolicy = { types: ["application/json"], maxBytes: MAX_BODY_BYTES };

/**
 * Reads and checks a write body once, before any validator sees it, so that a wrong content
 * type, an oversized body and malformed JSON each get their own stable error code. Every route
 * takes JSON up to MAX_BODY_BYTES unless `policies` names its path (e.g. `/api/import`, which
 * also takes CSV files and whole backups). Hono caches what was read, so the route's validator
 * and handler reuse it: the text of a JSON body, the bytes of any other. A streamed type is
 * left unread for the route.
 */
export function bodyReader(policies: Readonly<Record<string, BodyPolicy>> = {}) {
  return createMiddleware(async (c, next) => {
    // Both framings at once is how requests are smuggled past a proxy that reads the other one
    // (RFC 9112 §6.3 lets a server refuse it). workerd itself frames such a request by
    // Transfer-Encoding and hides Content-Length from the Worker (test/e2e/hostile.e2e.test.ts),
    // so this fires only behind a runtime or proxy that passes both on.
    if (
      c.req.header("transfer-encoding") !== undefined &&
      c.req.header("content-length") !== undefined
    ) {
      throw new ApiError(
        "ambiguous_body_length",
        "Send Content-Length or Transfer-Encoding, not both; nothing was written.",
      );
    }
    if (!["POST", "PUT", "PATCH"].includes(c.req.method)) return next();
    // An action such as POST /api/deliveries/:id/retry may come with no body at all; a route
    // that needs one still refuses it through its validator.
    const noBody = c.req.raw.body === null || c.req.header("content-length") === "0";
    if (noBody && !c.req.header("content-type")) return next();
    const policy = policies[c.req.path] ?? JSON_BODY;
    const type = mediaType(c.req.header("content-type"));
    if (!policy.types.includes(type)) {
      throw new ApiError(
        "unsupported_media_type",
        `Send the body as ${policy.types.join(" or ")}.`,
      );
    }
    const limit = policy.maxBytes;
    const declared = Number(c.req.header("content-length") ?? "0");
    if (declared > limit) {
      throw new ApiError("payload_too_large", `The body may be at most ${limit} bytes.`);
    }
    if (policy.streamed?.includes(type)) return next();
    const bytes = await readLimited(c.req.raw, limit);
    // The cache holds promises at run time although its declared type says otherwise.
    const cache = c.req.bodyCache as { text?: Promise<string>; arrayBuffer?: Promise<ArrayBuffer> };
    if (type === "application/json") {
      let text: string;
      try {
        // Fatal: JSON is UTF-8 (RFC 8259), and a malformed sequence decoded leniently would be
        // stored as U+FFFD, a character the sender never wrote.
        text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
      } catch {
        throw new ApiError("malformed_json", "The body is not UTF-8 text; nothing was written.");
      }
      // The shape is checked first: a too-deep body is refused before the parser walks it.
      const shape = checkJsonShape(text);
      if (shape?.kind === "too_deep") {
        throw new ApiError(
          "json_too_deep",
          `The body nests deeper than ${MAX_JSON_DEPTH} levels; nothing was written.`,
        );
      }
      try {
        JSON.parse(text);
      } catch {
        throw new ApiError("malformed_json", "The body is not valid JSON.");
      }
      if (shape?.kind === "duplicate_key") {
        throw new ApiError("duplicate_key", "An object names the same key twice.", [
          { path: shape.path, message: `'${shape.key}' appears more than once.` },
        ]);
      }
      cache.text = Promise.resolve(text);
    } else {
      cache.arrayBuffer = Promise.resolve(bytes.buffer as ArrayBuffer);
    }
    await next();
  });
}

async function readLimited(request: Request, limit: number): Promise<Uint8Array> {
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    // A body the runtime cannot decode (a malformed chunk, a connection cut mid-body) is the
    // client's fault, not a 500.
    const { done, value } = await reader.read().catch(() => {
      throw new ApiError("unreadable_body", "The body could not be read; nothing was written.");
    });
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw new ApiError("payload_too_large", `The body may be at most ${limit} bytes.`);
    }
    chunks.push(value);
  }
  const all = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    all.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return all;
}

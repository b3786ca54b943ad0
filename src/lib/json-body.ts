import { createMiddleware } from "hono/factory";
import { ApiError } from "./errors";

/** Largest accepted write body: 1,000 actuals with long source notes fit with room to spare. */
export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * Reads and parses a JSON write body once, before any validator sees it, so that a wrong
 * content type, an oversized body and malformed JSON each get their own stable error code.
 * Hono caches the parsed body, so the route's validator reuses it.
 */
export const jsonBody = createMiddleware(async (c, next) => {
  if (!["POST", "PUT", "PATCH"].includes(c.req.method)) return next();
  const type = (c.req.header("content-type") ?? "").split(";")[0]?.trim().toLowerCase();
  if (type !== "application/json") {
    throw new ApiError("unsupported_media_type", "Send the body as application/json.");
  }
  const declared = Number(c.req.header("content-length") ?? "0");
  if (declared > MAX_BODY_BYTES) {
    throw new ApiError("payload_too_large", `The body may be at most ${MAX_BODY_BYTES} bytes.`);
  }
  const text = await readLimited(c.req.raw, MAX_BODY_BYTES);
  try {
    JSON.parse(text);
  } catch {
    throw new ApiError("malformed_json", "The body is not valid JSON.");
  }
  // Hand the already-read text to Hono's body cache, where the validator will find it. The
  // cache holds promises at run time although its declared type says otherwise.
  (c.req.bodyCache as { text?: Promise<string> }).text = Promise.resolve(text);
  await next();
});

async function readLimited(request: Request, limit: number): Promise<string> {
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
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
  return new TextDecoder().decode(all);
}

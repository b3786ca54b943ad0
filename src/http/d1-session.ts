// Every request reads and writes through one D1 session (the Sessions API), so reads can be
// served by a read replica near the reader while each request, and each client that carries
// its bookmark forward, still sees the database move only forwards.
//
// - A request without a bookmark that only reads (GET, HEAD) may start on any replica
//   ("first-unconstrained"): a poll of /api/status needs no round trip to the primary.
// - A write starts on the primary ("first-primary"): what it checks before writing (a plan's
//   revision, whether an id is taken) is read where the write will land.
// - A request that sends the `x-d1-bookmark` an earlier answer carried reads a database at
//   least as new as that answer's: a client reads its own write, even from a replica.
// - Every answer carries the session's latest bookmark in `x-d1-bookmark`.
import type { MiddlewareHandler } from "hono";
import { createDb } from "../db/client";
import { ApiError } from "../lib/errors";
import type { AppEnv } from "./router";

export const BOOKMARK_HEADER = "x-d1-bookmark";

/** D1 bookmarks are hex groups joined by dashes; nothing else is passed on to D1. */
const BOOKMARK = /^[0-9a-f]+(?:-[0-9a-f]+)*$/i;
const MAX_BOOKMARK_LENGTH = 200;

export const d1Session: MiddlewareHandler<AppEnv> = async (c, next) => {
  const sent = c.req.header(BOOKMARK_HEADER)?.trim();
  if (sent !== undefined && sent !== "") {
    if (sent.length > MAX_BOOKMARK_LENGTH || !BOOKMARK.test(sent)) {
      throw new ApiError(
        "invalid_bookmark",
        `Send back the ${BOOKMARK_HEADER} header exactly as an answer gave it, or leave it out.`,
      );
    }
  }
  const reads = c.req.method === "GET" || c.req.method === "HEAD";
  const session = c.env.DB.withSession(
    sent ? sent : reads ? "first-unconstrained" : "first-primary",
  );
  c.set("db", createDb(session));
  await next();
  const bookmark = session.getBookmark();
  if (!bookmark) return;
  try {
    c.res.headers.set(BOOKMARK_HEADER, bookmark);
  } catch {
    // A response whose headers are immutable (Response.redirect) is copied to carry it.
    c.res = new Response(c.res.body, c.res);
    c.res.headers.set(BOOKMARK_HEADER, bookmark);
  }
};

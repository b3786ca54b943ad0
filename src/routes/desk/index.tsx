// The editor's desk (/desk): pages for people, signed in with a session. Every request passes
// one guard: a page needs a session (Cloudflare Access may open one), and a form post must come
// from this origin and carry the session's form token, or it is refused with nothing written.
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { createMiddleware } from "hono/factory";
import { formTokenMatches, sentFromHere } from "../../http/forms";
import { forgetSessionCookie, openSession } from "../../http/session";
import { paths } from "../../views/links";
import { bulletinRoutes } from "./bulletin";
import { type DeskEnv, deskRequest, formValues, refuse } from "./context";
import { figureRoutes } from "./figures";
import { homeRoutes } from "./home";
import { DESK_CSV_BYTES, importRoutes } from "./import";
import { indicatorRoutes } from "./indicators";
import { planRoutes } from "./plans";
import { signInRoutes } from "./sign-in";
import { tokenRoutes } from "./tokens";

/** A form: a pasted bulletin of 20,000 characters and its drafts fit several times over. */
const FORM_BYTES = 256 * 1024;

export const desk = new Hono<DeskEnv>();

desk.use("/desk/*", async (c, next) => {
  const limit = c.req.path === paths.deskImport ? DESK_CSV_BYTES + 64 * 1024 : FORM_BYTES;
  return bodyLimit({
    maxSize: limit,
    onError: (c2) =>
      refuse(c2, deskRequest(c2, "home"), "payload_too_large", "refused_too_large", 413, {
        max: `${Math.round(limit / 1024)} KB`,
      }),
  })(c, next);
});

const guard = createMiddleware<DeskEnv>(async (c, next) => {
  const path = c.req.path;
  if (c.req.method !== "POST") {
    if (path === paths.deskSignIn) return next();
    if (!c.var.desk) {
      // Behind Cloudflare Access, the person it identified is signed in on arrival.
      const principal = c.var.principal;
      if (c.var.accessToken && principal) await openSession(c, principal, "access");
      else return c.redirect(deskRequest(c, "sign-in").frame.links.to(paths.deskSignIn), 303);
    }
    return next();
  }
  const r = deskRequest(c, "home");
  if (!sentFromHere(c)) return refuse(c, r, "cross_site_request", "refused_cross_site", 403);
  if (path === paths.deskSignIn) return next();
  if (!c.var.desk) {
    forgetSessionCookie(c);
    return refuse(c, r, "unauthorized", "refused_session", 401);
  }
  if (!(await formTokenMatches(c, (await formValues(c)).form_token))) {
    return refuse(c, r, "form_token_invalid", "refused_cross_site", 403);
  }
  return next();
});

desk.use("/desk", guard);
desk.use("/desk/*", guard);

desk.route("/", signInRoutes);
desk.route("/", homeRoutes);
desk.route("/", figureRoutes);
desk.route("/", bulletinRoutes);
desk.route("/", planRoutes);
desk.route("/", indicatorRoutes);
desk.route("/", importRoutes);
desk.route("/", tokenRoutes);

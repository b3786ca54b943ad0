// Signing in and out. A token typed in becomes a server-side session (src/http/session.ts);
// a reader's token signs in too, so a private deployment's pages work in a browser.
import { Hono } from "hono";
import { principalForToken } from "../../http/auth";
import {
  carriedEndedSession,
  closeSession,
  forgetSessionCookie,
  openSession,
  sessionCookieName,
} from "../../http/session";
import { readDeskSettings } from "../../lib/desk-settings";
import { allows } from "../../lib/principal";
import { type SignInNotice, SignInPage } from "../../views/desk/sign-in-page";
import { paths } from "../../views/links";
import { type DeskContext, type DeskEnv, deskRequest, formValues, render } from "./context";

function page(c: DeskContext, notice: SignInNotice, status: 200 | 401 | 403 = 200) {
  const r = deskRequest(c, "sign-in");
  const settings = readDeskSettings(c.env);
  return render(
    c,
    <SignInPage
      frame={r.frame}
      notice={notice}
      idleMs={settings.idleMs}
      maxAgeMs={settings.maxAgeMs}
    />,
    status,
  );
}

export const signInRoutes = new Hono<DeskEnv>()
  .get(paths.deskSignIn, async (c) => {
    const r = deskRequest(c, "sign-in");
    if (c.var.desk) return c.redirect(r.frame.links.to(paths.desk), 303);
    let notice: SignInNotice = c.req.query("signed_out") !== undefined ? "signed_out" : null;
    if (carriedEndedSession(c)) {
      // The browser still holds a cookie the server no longer honours: let it go.
      forgetSessionCookie(c);
      notice = "ended";
    }
    return page(c, notice);
  })
  .post(paths.deskSignIn, async (c) => {
    const r = deskRequest(c, "sign-in");
    if (!sessionCookieName(new URL(c.req.url))) return page(c, "insecure", 403);
    const token = (await formValues(c)).token?.trim() ?? "";
    const principal =
      token !== "" && token.length <= 200 ? await principalForToken(c, token) : null;
    if (!principal) return page(c, "wrong", 401);
    await openSession(c, principal, "token");
    // A reader goes to the status page they signed in to read.
    const next = allows(principal, "write") ? paths.desk : paths.overview;
    return c.redirect(r.frame.links.to(next), 303);
  })
  .post(paths.deskSignOut, async (c) => {
    const r = deskRequest(c, "sign-in");
    await closeSession(c);
    return c.redirect(r.frame.links.to(paths.deskSignIn, { signed_out: "1" }), 303);
  });

import { Hono } from "hono";
import { listAudit } from "../../db/queries/audit";
import { HomePage } from "../../views/desk/home-page";
import { paths } from "../../views/links";
import { type DeskEnv, deskRequest, render, withWho } from "./context";

/** How many of their own changes the desk lists. */
const RECENT = 20;

export const homeRoutes = new Hono<DeskEnv>().get(paths.desk, async (c) => {
  const r = await withWho(c, deskRequest(c, "home"));
  const recent = r.principal
    ? await listAudit(c.var.db, { actor: r.principal.id, limit: RECENT })
    : [];
  const saved = Number(c.req.query("saved"));
  return render(
    c,
    <HomePage
      frame={r.frame}
      recent={recent}
      saved={
        Number.isInteger(saved) && saved >= 0 && c.req.query("saved") !== undefined ? saved : null
      }
    />,
  );
});

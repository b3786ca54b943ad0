// The figure form: check shows what saving would do; save writes through the same command as
// POST /api/actuals, audited as made with a form.
import { Hono } from "hono";
import { previewFigures } from "../../commands/preview";
import { recordFigures } from "../../commands/record-actuals";
import { FormReader } from "../../desk/fields";
import { readFigure } from "../../desk/figure-form";
import { nowIso, todayUtc } from "../../lib/clock";
import { allows } from "../../lib/principal";
import { FigureFormPage } from "../../views/desk/form-pages";
import { paths } from "../../views/links";
import {
  type DeskEnv,
  deskRequest,
  formValues,
  indicatorAccess,
  indicatorOptions,
  problemsOf,
  refuse,
  refuseError,
  render,
  withWho,
  writer,
} from "./context";

const PREFILL = ["indicator_id", "period", "period_start", "period_end"] as const;

export const figureRoutes = new Hono<DeskEnv>()
  .get(paths.deskFigure, async (c) => {
    const r = await withWho(c, deskRequest(c, "figure"));
    if (!r.principal) throw new Error("the desk guard lets no one in unsigned");
    const access = await indicatorAccess(c, r.principal);
    const values: Record<string, string> = { reported_at: todayUtc() };
    for (const name of PREFILL) {
      const v = c.req.query(name);
      if (v) values[name] = v;
    }
    return render(
      c,
      <FigureFormPage
        frame={r.frame}
        state={{ values, problems: [] }}
        indicators={indicatorOptions(r.l, access.writable)}
        preview={null}
      />,
    );
  })
  .post(paths.deskFigure, async (c) => {
    const r = await withWho(c, deskRequest(c, "figure"));
    const principal = r.principal;
    if (!principal) throw new Error("the desk guard lets no one in unsigned");
    if (!allows(principal, "write")) return refuse(c, r, "forbidden", "refused_read_only", 403);
    const values = await formValues(c);
    const access = await indicatorAccess(c, principal);
    const form = new FormReader(values, r.l.lang);
    const body = readFigure(form, access);
    const page = (
      problems = form.problems,
      preview: Parameters<typeof FigureFormPage>[0]["preview"] = null,
    ) =>
      render(
        c,
        <FigureFormPage
          frame={r.frame}
          state={{ values: { ...values, ...form.filled }, problems }}
          indicators={indicatorOptions(r.l, access.writable)}
          preview={preview}
        />,
        // A check that finds problems has done what it was asked; a save that cannot is refused.
        problems.length > 0 && values.action === "save" ? 422 : 200,
      );
    if (!body) return page();
    if (values.action !== "save") {
      const [preview] = await previewFigures(c.var.db, [body], nowIso(), todayUtc());
      return page([], preview ?? null);
    }
    try {
      const { inserted } = await recordFigures(
        c.var.db,
        [body],
        writer(c, "form"),
        (_i, field) => `/${field}`,
      );
      return c.redirect(r.frame.links.to(paths.desk, { saved: String(inserted.length) }), 303);
    } catch (err) {
      const problems = problemsOf(
        err,
        (path) => path.split("/").pop() || "value",
        access.scopeLimit,
      );
      if (problems) return page(problems);
      return refuseError(c, r, err);
    }
  });

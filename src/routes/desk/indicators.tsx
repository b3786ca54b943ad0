// The indicator form, aliases included: check shows whether saving creates, updates (which
// fields) or changes nothing; save writes through the same command as PUT /api/indicators/:id.
import { Hono } from "hono";
import { type IndicatorPreview, previewIndicator } from "../../commands/preview";
import { saveIndicator } from "../../commands/save-indicator";
import { getIndicator } from "../../db/queries/indicators";
import { FormReader } from "../../desk/fields";
import { readIndicatorForm } from "../../desk/indicator-form";
import { nowIso } from "../../lib/clock";
import { allows } from "../../lib/principal";
import { IndicatorFormPage } from "../../views/desk/form-pages";
import { paths } from "../../views/links";
import {
  type DeskEnv,
  deskRequest,
  formValues,
  indicatorAccess,
  problemsOf,
  refuse,
  refuseError,
  render,
  withWho,
  writer,
} from "./context";

export const indicatorRoutes = new Hono<DeskEnv>()
  .get(paths.deskIndicator, async (c) => {
    const r = await withWho(c, deskRequest(c, "indicator"));
    if (!r.principal) throw new Error("the desk guard lets no one in unsigned");
    const access = await indicatorAccess(c, r.principal);
    const limit = access.scopeLimit;
    const values: Record<string, string> = {
      scope_level: "locality",
      measure: "flow",
      cadence: "monthly",
    };
    const id = c.req.query("id");
    const stored = id ? await getIndicator(c.var.db, id) : undefined;
    const mine = stored && (limit === null || stored.scope === limit) ? stored : undefined;
    if (mine) {
      Object.assign(values, {
        id: mine.id,
        name: mine.name,
        name_vi: mine.nameVi ?? "",
        aliases: mine.aliases.join("\n"),
        unit: mine.unit,
        measure: mine.measure,
        cadence: mine.cadence,
        tags: mine.tags.join(" "),
        description: mine.description ?? "",
        source: mine.source ?? "",
        concept: mine.concept ?? "",
        release_rule: mine.releaseRule ? JSON.stringify(mine.releaseRule, null, 1) : "",
      });
    }
    // The place: the indicator opened, else the person's own scope as another indicator
    // of it names it.
    const place = mine ?? (limit ? access.writable[0] : undefined);
    if (place) {
      Object.assign(values, {
        scope: place.scope,
        scope_name: place.scopeName,
        scope_name_vi: place.scopeNameVi ?? "",
        scope_level: place.scopeLevel,
      });
    } else if (limit) {
      values.scope = limit;
    }
    return render(
      c,
      <IndicatorFormPage
        frame={r.frame}
        state={{ values, problems: [] }}
        preview={null}
        scopeFixed={limit !== null}
      />,
    );
  })
  .post(paths.deskIndicator, async (c) => {
    const r = await withWho(c, deskRequest(c, "indicator"));
    const principal = r.principal;
    if (!principal) throw new Error("the desk guard lets no one in unsigned");
    if (!allows(principal, "write")) return refuse(c, r, "forbidden", "refused_read_only", 403);
    const values = await formValues(c);
    const limit = principal.indicatorScope;
    const form = new FormReader(values, r.l.lang);
    const read = readIndicatorForm(form, limit);
    const page = (problems = form.problems, preview: IndicatorPreview | null = null) =>
      render(
        c,
        <IndicatorFormPage
          frame={r.frame}
          state={{ values, problems }}
          preview={preview}
          scopeFixed={limit !== null}
        />,
        // A check that finds problems has done what it was asked; a save that cannot is refused.
        problems.length > 0 && values.action === "save" ? 422 : 200,
      );
    if (!read) return page();
    const fieldOf = (path: string) => {
      const field = path.split("/")[1] ?? "";
      return field === "id" ? "scope" : field || "name";
    };
    try {
      if (values.action !== "save") {
        return page([], await previewIndicator(c.var.db, read.id, read.body, principal, nowIso()));
      }
      const change = await saveIndicator(c.var.db, read.id, read.body, writer(c, "form"));
      const saved = change.outcome === "unchanged" ? 0 : 1;
      return c.redirect(r.frame.links.to(paths.desk, { saved: String(saved) }), 303);
    } catch (err) {
      const problems = problemsOf(err, fieldOf, limit);
      if (problems) {
        // The one conflict a form can cause: a new measure for an indicator in use.
        const fixed = problems.map((p) =>
          p.field === "measure" ? { ...p, code: "measure_in_use" as const } : p,
        );
        return page(fixed);
      }
      return refuseError(c, r, err);
    }
  });

// The target form: check shows the new target or revision and how it would be judged on the
// figures on file; save writes through the same command as PUT /api/plans/:id.
import { Hono } from "hono";
import { type PlanPreview, previewPlan } from "../../commands/preview";
import { savePlan } from "../../commands/save-plan";
import { getPlan } from "../../db/queries/plans";
import { defaultPlanId } from "../../db/records";
import { FormReader, type FormValues, typedNumber } from "../../desk/fields";
import { readPlanForm, withStoredSettings } from "../../desk/plan-form";
import { nowIso, todayUtc } from "../../lib/clock";
import { allows } from "../../lib/principal";
import { planOut } from "../../presenters/plan";
import { PlanFormPage } from "../../views/desk/form-pages";
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

const PREFILL = [
  "indicator_id",
  "period",
  "period_start",
  "period_end",
  "target",
  "scale",
  "source",
  "id",
] as const;

/** The id the form suggests when none is typed. */
function suggestedId(values: FormValues): string {
  const indicator = values.indicator_id || "nghe-an.goods-exports";
  const start = values.period_start || "2024-01-01";
  const end = values.period_end || "2024-12-31";
  return /^\d{4}-\d{2}-\d{2}$/.test(start) && /^\d{4}-\d{2}-\d{2}$/.test(end)
    ? defaultPlanId({ indicator_id: indicator, period_start: start, period_end: end })
    : `${indicator}.2024`;
}

const API_FIELD: Readonly<Record<string, string>> = {
  baseline: "baseline_value",
  target: "target",
  indicator_id: "indicator_id",
};

export const planRoutes = new Hono<DeskEnv>()
  .get(paths.deskPlan, async (c) => {
    const r = await withWho(c, deskRequest(c, "plan"));
    if (!r.principal) throw new Error("the desk guard lets no one in unsigned");
    const access = await indicatorAccess(c, r.principal);
    const values: Record<string, string> = { comparator: "at_least" };
    for (const name of PREFILL) {
      const v = c.req.query(name);
      if (v) values[name] = v;
    }
    // Opening a stored target fills the form with it, ready to revise.
    const stored = values.id ? await getPlan(c.var.db, values.id) : undefined;
    if (stored && access.indicatorOf(stored.indicatorId)) {
      const plan = planOut(stored);
      Object.assign(values, {
        indicator_id: plan.indicator_id,
        period_start: plan.period_start,
        period_end: plan.period_end,
        target: typedNumber(plan.target, r.l.lang),
        scale: "",
        comparator: plan.comparator,
        title: plan.title ?? "",
        source: plan.source ?? "",
        note: plan.note ?? "",
        baseline_value: plan.baseline ? typedNumber(plan.baseline.value, r.l.lang) : "",
        baseline_date: plan.baseline?.date ?? "",
      });
    }
    return render(
      c,
      <PlanFormPage
        frame={r.frame}
        state={{ values, problems: [] }}
        indicators={indicatorOptions(r.l, access.writable)}
        preview={null}
        defaultId={suggestedId(values)}
      />,
    );
  })
  .post(paths.deskPlan, async (c) => {
    const r = await withWho(c, deskRequest(c, "plan"));
    const principal = r.principal;
    if (!principal) throw new Error("the desk guard lets no one in unsigned");
    if (!allows(principal, "write")) return refuse(c, r, "forbidden", "refused_read_only", 403);
    const values = await formValues(c);
    const access = await indicatorAccess(c, principal);
    const form = new FormReader(values, r.l.lang);
    const read = readPlanForm(form, access);
    const page = (problems = form.problems, preview: PlanPreview | null = null) =>
      render(
        c,
        <PlanFormPage
          frame={r.frame}
          state={{ values: { ...values, ...form.filled }, problems }}
          indicators={indicatorOptions(r.l, access.writable)}
          preview={preview}
          defaultId={suggestedId(values)}
        />,
        // A check that finds problems has done what it was asked; a save that cannot is refused.
        problems.length > 0 && values.action === "save" ? 422 : 200,
      );
    if (!read) return page();
    const fieldOf = (path: string) => API_FIELD[path.split("/")[1] ?? ""] ?? "target";
    try {
      const current = await getPlan(c.var.db, read.id);
      const body = withStoredSettings(read.body, current ? planOut(current) : undefined);
      if (values.action !== "save") {
        return page(
          [],
          await previewPlan(c.var.db, read.id, body, principal, nowIso(), todayUtc()),
        );
      }
      const change = await savePlan(c.var.db, read.id, body, writer(c, "form"));
      const saved = change.outcome === "unchanged" ? 0 : 1;
      return c.redirect(r.frame.links.to(paths.desk, { saved: String(saved) }), 303);
    } catch (err) {
      const problems = problemsOf(err, fieldOf, access.scopeLimit);
      if (problems) return page(problems);
      return refuseError(c, r, err);
    }
  });

// The target form: the fields of PUT /api/plans/:id.
import { defaultPlanId } from "../db/records";
import { COMPARATORS } from "../domain/vocabulary";
import { SlugSchema } from "../schemas/common";
import { type PlanBody, type PlanOut, PlanReviseSchema } from "../schemas/plan";
import type { FormReader } from "./fields";
import { type IndicatorAccess, readIndicator } from "./figure-form";

export interface PlanForm {
  id: string;
  body: PlanBody;
}

const COLUMN: Readonly<Record<string, string>> = {
  baseline: "baseline_value",
  target: "target",
  period_start: "period_start",
  period_end: "period_end",
};

/**
 * Reads the target form. Phasing and thresholds are set through the API, not on this form:
 * the caller carries the stored plan's over to a revision (withStoredSettings).
 */
export function readPlanForm(form: FormReader, access: IndicatorAccess): PlanForm | undefined {
  const indicator = readIndicator(form, "indicator_id", access);
  const typedId = form.raw("id");
  if (typedId !== "" && !SlugSchema.safeParse(typedId).success) form.fail("id", "slug");
  const title = form.text("title", 200);
  const period = form.period("period", "period_start", "period_end");
  const target = form.figure("target", "scale", true);
  const comparator = form.choice("comparator", COMPARATORS, "at_least");
  const baselineValue = form.figure("baseline_value", "scale");
  const baselineDate = form.date("baseline_date", baselineValue !== undefined);
  const source = form.text("source", 2000);
  const note = form.text("note", 4000);
  if (baselineDate && period && baselineDate > period.end)
    form.fail("baseline_date", "baseline_late");
  // Ratios (attainment, pace) need a positive target; a growth-rate target may be 0 or less.
  if (indicator && indicator.measure !== "rate") {
    if (target && !(target.value > 0)) form.fail("target", "target_positive");
    if (baselineValue && !(baselineValue.value > 0))
      form.fail("baseline_value", "baseline_positive");
  }
  if (form.problems.length > 0 || !indicator || !period || !target || !comparator) return undefined;
  const id =
    typedId ||
    defaultPlanId({
      indicator_id: indicator.id,
      period_start: period.start,
      period_end: period.end,
    });
  // The target and the baseline share one scale, as in the API.
  const scale = target.scale ?? baselineValue?.scale;
  const body = {
    indicator_id: indicator.id,
    ...(title ? { title } : {}),
    period_start: period.start,
    period_end: period.end,
    target: target.value,
    ...(scale ? { scale } : {}),
    comparator,
    ...(baselineValue && baselineDate
      ? { baseline: { value: baselineValue.value, date: baselineDate } }
      : {}),
    ...(source ? { source } : {}),
    ...(note ? { note } : {}),
  };
  const parsed = form.check(
    PlanReviseSchema,
    body,
    (path) => COLUMN[String(path[0])] ?? String(path[0] ?? "target"),
  );
  return parsed ? { id, body: parsed } : undefined;
}

/** A revision keeps the phasing and thresholds the stored plan has, which this form does not show. */
export function withStoredSettings(body: PlanBody, current: PlanOut | undefined): PlanBody {
  if (!current) return body;
  return {
    ...body,
    phasing: current.phasing,
    ...(current.thresholds ? { thresholds: current.thresholds } : {}),
  };
}

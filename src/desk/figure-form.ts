// The figure form, and each draft of a pasted bulletin: the fields of POST /api/actuals.
import type { IndicatorRow } from "../db/schema";
import { ACTUAL_STATUSES } from "../domain/vocabulary";
import { type ActualBody, ActualInputSchema } from "../schemas/actual";
import { type DeskLang, type FormReader, typedNumber, typedPercent } from "./fields";

/** Looks an indicator up, and says which scope the person may write (null: every scope). */
export interface IndicatorAccess {
  indicatorOf(id: string): IndicatorRow | undefined;
  scopeLimit: string | null;
}

/**
 * The indicator a form names, once it exists and lies within the writer's scope. A hostile
 * post naming another province's indicator gets a message, not a write.
 */
export function readIndicator(
  form: FormReader,
  field: string,
  access: IndicatorAccess,
): IndicatorRow | undefined {
  const id = form.raw(field);
  if (id === "") return form.fail(field, "required");
  const indicator = access.indicatorOf(id);
  if (!indicator) return form.fail(field, "indicator_unknown");
  if (access.scopeLimit !== null && indicator.scope !== access.scopeLimit) {
    return form.fail(field, "indicator_outside", {
      indicator: indicator.name,
      scope: indicator.scopeName,
    });
  }
  return indicator;
}

/** Reads one figure from fields named `<prefix><API field>`. */
export function readFigure(
  form: FormReader,
  access: IndicatorAccess,
  prefix = "",
): ActualBody | undefined {
  const f = (name: string) => `${prefix}${name}`;
  const indicator = readIndicator(form, f("indicator_id"), access);
  const period = form.period(f("period"), f("period_start"), f("period_end"));
  const figure = form.figure(f("value"), f("scale"), true);
  const status = form.choice(f("status"), ACTUAL_STATUSES);
  const reportedAt = form.date(f("reported_at"), true);
  const source = form.text(f("source"), 2000);
  const attainment = form.percent(f("reported_attainment"));
  const yoy = form.percent(f("reported_yoy"));
  const note = form.text(f("note"), 4000);
  if (period && reportedAt && reportedAt < period.start)
    form.fail(f("reported_at"), "reported_early");
  if (form.problems.some((p) => p.field.startsWith(prefix))) return undefined;
  if (!indicator || !period || !figure || !status || !reportedAt) return undefined;
  const body = {
    indicator_id: indicator.id,
    period_start: period.start,
    period_end: period.end,
    value: figure.value,
    ...(figure.scale ? { scale: figure.scale } : {}),
    status,
    reported_at: reportedAt,
    ...(source ? { source } : {}),
    ...(attainment !== undefined ? { reported_attainment: attainment } : {}),
    ...(yoy !== undefined ? { reported_yoy: yoy } : {}),
    ...(note ? { note } : {}),
  };
  return form.check(ActualInputSchema, body, (path) => f(String(path[0] ?? "value")));
}

/** A figure's fields as the form shows them, in the reader's notation. */
export function figureValues(
  figure: Partial<ActualBody> & { value?: number | null },
  lang: DeskLang,
  prefix = "",
): Record<string, string> {
  const f = (name: string) => `${prefix}${name}`;
  return {
    [f("indicator_id")]: figure.indicator_id ?? "",
    [f("period_start")]: figure.period_start ?? "",
    [f("period_end")]: figure.period_end ?? "",
    [f("value")]:
      figure.value === undefined || figure.value === null ? "" : typedNumber(figure.value, lang),
    [f("scale")]: figure.scale ?? "",
    [f("status")]: figure.status ?? "",
    [f("reported_at")]: figure.reported_at ?? "",
    [f("source")]: figure.source ?? "",
    [f("reported_attainment")]: typedPercent(figure.reported_attainment, lang),
    [f("reported_yoy")]: typedPercent(figure.reported_yoy, lang),
    [f("note")]: figure.note ?? "",
  };
}

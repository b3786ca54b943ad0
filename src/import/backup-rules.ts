// A backup held to the rules the API applies to the same data when it is sent: every row must
// be what the API itself could have stored. Each row is turned back into the request that would
// have created it, that request goes through the API's own schema and record builder, and the
// result must equal the row as it is in the backup, field by field. So a restore can never
// bring in an id that is not a slug, a date that is not a date, a target the measure refuses,
// text with a character the outputs cannot carry, or text the API would have trimmed: rows
// that, once stored, made every read that meets them fail.
import { areaRecord, indicatorRecord, planRecord, tableRow } from "../db/records";
import type { IndicatorRow } from "../db/schema";
import { contains } from "../domain/vocabulary";
import type { FieldError } from "../lib/errors";
import { indicatorRow } from "../presenters/indicator";
import { ActualInputSchema, type ActualOut } from "../schemas/actual";
import { AreaInputSchema, type AreaOut } from "../schemas/area";
import type { BackupDocument } from "../schemas/backup";
import { SlugSchema, TimestampSchema } from "../schemas/common";
import { IndicatorInputSchema, type IndicatorOut } from "../schemas/indicator";
import { PlanCreateSchema, type PlanOut } from "../schemas/plan";
import { DEFAULT_CSV_LIMITS } from "./csv-limits";
import { ProblemList } from "./problem-list";

type Path = (string | number)[];

class Problems {
  readonly list = new ProblemList<FieldError>(DEFAULT_CSV_LIMITS.problems);

  add(path: Path, message: string): void {
    if (this.list.count()) this.list.list({ path: `/${path.join("/")}`, message });
  }

  issues(base: Path, issues: readonly { path: PropertyKey[]; message: string }[]): void {
    for (const issue of issues) this.add([...base, ...issue.path.map(String)], issue.message);
  }

  /** A field whose value the API would have stored differently (trimmed, defaulted...). */
  differences(base: Path, stored: object, rebuilt: object): void {
    const a = stored as Record<string, unknown>;
    const b = rebuilt as Record<string, unknown>;
    for (const key of Object.keys(b)) {
      if (JSON.stringify(a[key]) !== JSON.stringify(b[key])) {
        this.add([...base, key], `The API stores this as ${JSON.stringify(b[key])}.`);
      }
    }
  }

  slug(path: Path, id: string): void {
    const parsed = SlugSchema.safeParse(id);
    if (!parsed.success) this.issues(path, parsed.error.issues);
  }

  timestamps(base: Path, row: Record<string, unknown>, keys: readonly string[]): void {
    for (const key of keys) {
      const parsed = TimestampSchema.safeParse(row[key]);
      if (!parsed.success) this.issues([...base, key], parsed.error.issues);
    }
  }
}

/** The request body that would have created `value`: nulls left out, as a client leaves them. */
function bodyOf<T extends object>(value: T, keys: readonly (keyof T)[]): Record<string, unknown> {
  return Object.fromEntries(
    keys.flatMap((k) => (value[k] === null || value[k] === undefined ? [] : [[k, value[k]]])),
  );
}

function checkArea(p: Problems, base: Path, area: AreaOut, byId: ReadonlyMap<string, AreaOut>) {
  p.slug([...base, "id"], area.id);
  p.timestamps(base, area, ["created_at", "updated_at"]);
  const parsed = AreaInputSchema.safeParse(bodyOf(area, ["name", "name_vi", "level", "parent_id"]));
  if (!parsed.success) {
    p.issues(base, parsed.error.issues);
    return;
  }
  const rebuilt = areaRecord(area.id, parsed.data, area.created_at, area.updated_at);
  p.differences(base, area, { name: rebuilt.name, name_vi: rebuilt.nameVi });
  const parent = area.parent_id === null ? undefined : byId.get(area.parent_id);
  if (parent && !contains(parent.level, area.level)) {
    p.add([...base, "parent_id"], `A ${area.level} lies in an area of a higher level.`);
  }
}

const INDICATOR_INPUT = [
  "name",
  "name_vi",
  "scope",
  "unit",
  "measure",
  "cadence",
  "tags",
  "description",
  "source",
] as const satisfies readonly (keyof IndicatorOut)[];

function checkIndicator(
  p: Problems,
  base: Path,
  ind: IndicatorOut,
  areas: ReadonlyMap<string, AreaOut>,
) {
  p.slug([...base, "id"], ind.id);
  p.timestamps(base, ind, ["created_at", "updated_at"]);
  const parsed = IndicatorInputSchema.safeParse(bodyOf(ind, INDICATOR_INPUT));
  if (!parsed.success) {
    p.issues(base, parsed.error.issues);
    return;
  }
  const rebuilt = indicatorRecord(ind.id, parsed.data, ind.created_at, ind.updated_at);
  p.differences(base, tableRow(indicatorRow(ind)), rebuilt);
  // An indicator shows its area's names: a backup that says otherwise is not one the API wrote.
  const area = areas.get(ind.scope);
  if (
    area &&
    (ind.scope_name !== area.name ||
      ind.scope_name_vi !== area.name_vi ||
      ind.scope_level !== area.level)
  ) {
    p.add([...base, "scope_name"], `Not the names and level of area '${area.id}'.`);
  }
}

const PLAN_INPUT = [
  "indicator_id",
  "title",
  "period_start",
  "period_end",
  "target",
  "comparator",
  "phasing",
  "thresholds",
  "baseline",
  "source",
  "note",
] as const satisfies readonly (keyof PlanOut)[];

function checkPlan(
  p: Problems,
  base: Path,
  plan: PlanOut,
  indicators: ReadonlyMap<string, IndicatorRow>,
) {
  p.slug([...base, "id"], plan.id);
  p.timestamps(base, plan, ["created_at", "updated_at"]);
  const parsed = PlanCreateSchema.safeParse(bodyOf(plan, PLAN_INPUT));
  if (!parsed.success) {
    p.issues(base, parsed.error.issues);
    return;
  }
  const indicator = indicators.get(plan.indicator_id);
  if (!indicator) return;
  const { id: _id, scale: _scale, ...input } = parsed.data;
  const record = planRecord(
    plan.id,
    input,
    indicator,
    plan.revision,
    plan.created_at,
    plan.updated_at,
  );
  if (!record.ok) {
    p.add([...base, ...record.field.split(".")], record.message);
    return;
  }
  p.differences(base, plan, record.plan);
}

const ACTUAL_INPUT = [
  "indicator_id",
  "period_start",
  "period_end",
  "value",
  "status",
  "reported_at",
  "source",
  "reported_attainment",
  "reported_yoy",
  "note",
] as const satisfies readonly (keyof ActualOut)[];

function checkActual(p: Problems, base: Path, actual: ActualOut) {
  p.timestamps(base, actual, ["created_at"]);
  const parsed = ActualInputSchema.safeParse(bodyOf(actual, ACTUAL_INPUT));
  if (!parsed.success) {
    p.issues(base, parsed.error.issues);
    return;
  }
  const rebuilt: Partial<Record<keyof ActualOut, unknown>> = {
    ...Object.fromEntries(ACTUAL_INPUT.map((k) => [k, null])),
    ...parsed.data,
  };
  p.differences(base, actual, rebuilt);
}

/** Every row of `doc` that the API would not have stored as it is: the first ones, and how many. */
export function backupProblems(doc: BackupDocument): { errors: FieldError[]; total: number } {
  const p = new Problems();
  const exported = TimestampSchema.safeParse(doc.exported_at);
  if (!exported.success) p.issues(["exported_at"], exported.error.issues);
  const areaById = new Map(doc.areas.map((a) => [a.id, a]));
  for (const [i, area] of doc.areas.entries()) checkArea(p, ["areas", i], area, areaById);
  for (const [i, ind] of doc.indicators.entries()) {
    checkIndicator(p, ["indicators", i], ind, areaById);
  }
  const indicators = new Map(doc.indicators.map((i) => [i.id, indicatorRow(i)]));
  doc.plans.forEach(({ plan, revisions }, i) => {
    checkPlan(p, ["plans", i, "plan"], plan, indicators);
    revisions.forEach((r, j) => {
      const parsed = TimestampSchema.safeParse(r.created_at);
      if (!parsed.success)
        p.issues(["plans", i, "revisions", j, "created_at"], parsed.error.issues);
      checkPlan(p, ["plans", i, "revisions", j, "plan"], r.plan, indicators);
    });
  });
  for (const [i, actual] of doc.actuals.entries()) checkActual(p, ["actuals", i], actual);
  return { errors: p.list.listed, total: p.list.total };
}

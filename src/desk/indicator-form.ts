// The indicator form: the fields of PUT /api/indicators/:id, aliases one per line.
import { CADENCES, MEASURES, SCOPE_LEVELS } from "../domain/vocabulary";
import { SlugSchema } from "../schemas/common";
import { type IndicatorBody, IndicatorInputSchema, MAX_ALIASES } from "../schemas/indicator";
import type { FormReader } from "./fields";

export interface IndicatorForm {
  id: string;
  body: IndicatorBody;
}

function lines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== "");
}

/** `scopeLimit`: the only scope the writer may define indicators in, or null for any. */
export function readIndicatorForm(
  form: FormReader,
  scopeLimit: string | null,
): IndicatorForm | undefined {
  const id = form.raw("id");
  if (id === "") form.fail("id", "required");
  else if (!SlugSchema.safeParse(id).success) form.fail("id", "slug");
  const name = form.text("name", 200, true);
  const nameVi = form.text("name_vi", 200);
  const aliases = lines(form.raw("aliases"));
  if (aliases.length > MAX_ALIASES) form.fail("aliases", "too_many", { max: MAX_ALIASES });
  const folded = aliases.map((a) => a.toLowerCase());
  if (new Set(folded).size !== folded.length) form.fail("aliases", "alias_twice");
  const scope = form.raw("scope");
  if (scope === "") form.fail("scope", "required");
  else if (!SlugSchema.safeParse(scope).success) form.fail("scope", "slug");
  else if (scopeLimit !== null && scope !== scopeLimit)
    form.fail("scope", "scope_outside", { scope: scopeLimit });
  const scopeName = form.text("scope_name", 120);
  const scopeNameVi = form.text("scope_name_vi", 120);
  const level = form.choice("scope_level", SCOPE_LEVELS);
  const unit = form.text("unit", 24, true);
  const measure = form.choice("measure", MEASURES);
  const cadence = form.choice("cadence", CADENCES);
  const tags = form
    .raw("tags")
    .split(/[\s,;]+/)
    .filter((t) => t !== "");
  const description = form.text("description", 4000);
  const source = form.text("source", 2000);
  const concept = form.raw("concept");
  if (concept !== "" && !SlugSchema.safeParse(concept).success) form.fail("concept", "slug");
  // The release rule is the API's JSON, so what an office's calendar says can be pasted as is;
  // an empty field is the default lag.
  const ruleText = form.raw("release_rule").trim();
  let releaseRule: unknown = null;
  if (ruleText !== "") {
    try {
      releaseRule = JSON.parse(ruleText);
    } catch {
      form.fail("release_rule", "invalid", { detail: "Not JSON." });
    }
  }
  if (form.problems.length > 0) return undefined;
  const body = {
    name,
    ...(nameVi ? { name_vi: nameVi } : {}),
    aliases,
    scope,
    ...(scopeName ? { scope_name: scopeName } : {}),
    ...(scopeNameVi ? { scope_name_vi: scopeNameVi } : {}),
    scope_level: level,
    unit,
    measure,
    cadence,
    tags,
    ...(description ? { description } : {}),
    ...(source ? { source } : {}),
    release_rule: releaseRule,
    concept: concept === "" ? null : concept,
  };
  const parsed = form.check(IndicatorInputSchema, body, (path) => String(path[0] ?? "name"));
  return parsed ? { id, body: parsed } : undefined;
}

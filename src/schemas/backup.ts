// The backup document: every area, every indicator, every plan with every revision of its
// target, and every vintage of every figure, ids and timestamps included, so that a restore
// reproduces the rows exactly. It is built from the same shapes the API returns (Area,
// Indicator, Plan, Actual), so a backup reads like the API and stays as public as the API is.
//
// Version 2 holds the areas; version 1 (before areas were rows of their own) is still
// restored, its areas taken from its indicators. This schema checks the document's shape and
// that it is whole (every reference resolves, nothing twice); a restore then holds every row
// to the rules the API itself applies (src/import/backup-rules.ts).
import { z } from "@hono/zod-openapi";
import { ActualSchema } from "./actual";
import { AreaSchema } from "./area";
import { IndicatorSchema } from "./indicator";
import { PlanSchema } from "./plan";

export const BACKUP_FORMAT = "target-monitor.backup";
export const BACKUP_FORMAT_VERSION = 2;

// Strict: a field this version does not know would be silently dropped on restore, which is
// exactly what a backup must never do. A newer format_version is refused for the same reason.
const BackupPlanSchema = PlanSchema.strict().openapi("BackupPlan");
const BackupRevisionSchema = z
  .object({ revision: z.number().int().min(1), created_at: z.string(), plan: BackupPlanSchema })
  .strict()
  .openapi("BackupPlanRevision");

const common = {
  format: z.literal(BACKUP_FORMAT),
  exported_at: z.string(),
  data_version: z.number().int().min(0).openapi({
    description:
      "The data version at export. A restore into a fresh database resumes from it, so /api/status answers the same data_version and ETag.",
  }),
  indicators: z.array(
    // A backup made before indicators had aliases, release rules or concepts restores without.
    IndicatorSchema.extend({
      aliases: z.array(z.string()).default([]),
      release_rule: IndicatorSchema.shape.release_rule.default(null),
      concept: z.string().nullable().default(null),
    })
      .strict()
      .openapi("BackupIndicator"),
  ),
  plans: z.array(
    z
      .object({ plan: BackupPlanSchema, revisions: z.array(BackupRevisionSchema).min(1) })
      .strict()
      .openapi("BackupPlanEntry"),
  ),
  actuals: z.array(
    ActualSchema.extend({ id: z.number().int().min(1) })
      .strict()
      .openapi("BackupActual"),
  ),
};

const BackupV2Shape = z
  .object({
    format: common.format,
    format_version: z.literal(BACKUP_FORMAT_VERSION),
    exported_at: common.exported_at,
    data_version: common.data_version,
    areas: z.array(AreaSchema.strict().openapi("BackupArea")),
    indicators: common.indicators,
    plans: common.plans,
    actuals: common.actuals,
  })
  .strict();

/** Before areas: each indicator carried its scope's names, which the restore makes areas of. */
const BackupV1Shape = z.object({ ...common, format_version: z.literal(1) }).strict();

export type BackupDocument = z.infer<typeof BackupV2Shape>;
export type BackupV1Document = z.infer<typeof BackupV1Shape>;

type Ctx = z.RefinementCtx;

function issue(ctx: Ctx, path: (string | number)[], message: string) {
  ctx.addIssue({ code: "custom", path, message });
}

/** What the tables' keys and foreign keys would refuse, reported by path before any write. */
function checkIntegrity(doc: BackupDocument | BackupV1Document, ctx: Ctx) {
  const areaIds = new Set<string>();
  if ("areas" in doc) {
    doc.areas.forEach((area, i) => {
      if (areaIds.has(area.id)) issue(ctx, ["areas", i, "id"], "Appears twice.");
      areaIds.add(area.id);
    });
    doc.areas.forEach((area, i) => {
      if (area.parent_id !== null && !areaIds.has(area.parent_id)) {
        issue(ctx, ["areas", i, "parent_id"], "No such area in this backup.");
      }
    });
  }
  const indicatorIds = new Set<string>();
  doc.indicators.forEach((ind, i) => {
    if (indicatorIds.has(ind.id)) issue(ctx, ["indicators", i, "id"], "Appears twice.");
    indicatorIds.add(ind.id);
    if ("areas" in doc && !areaIds.has(ind.scope)) {
      issue(ctx, ["indicators", i, "scope"], "No such area in this backup.");
    }
  });
  const planIds = new Set<string>();
  doc.plans.forEach(({ plan, revisions }, i) => {
    if (planIds.has(plan.id)) issue(ctx, ["plans", i, "plan", "id"], "Appears twice.");
    planIds.add(plan.id);
    if (!indicatorIds.has(plan.indicator_id)) {
      issue(ctx, ["plans", i, "plan", "indicator_id"], "No such indicator in this backup.");
    }
    let previous = 0;
    revisions.forEach((r, j) => {
      if (r.revision <= previous) {
        issue(ctx, ["plans", i, "revisions", j, "revision"], "Revisions must ascend.");
      }
      if (r.plan.id !== plan.id || r.plan.revision !== r.revision) {
        issue(ctx, ["plans", i, "revisions", j, "plan"], "Not this revision of this plan.");
      }
      previous = r.revision;
    });
    if (previous !== plan.revision) {
      issue(ctx, ["plans", i, "plan", "revision"], "The last revision must be the plan's.");
    }
  });
  const actualIds = new Set<number>();
  const vintages = new Set<string>();
  doc.actuals.forEach((a, i) => {
    if (actualIds.has(a.id)) issue(ctx, ["actuals", i, "id"], "Appears twice.");
    actualIds.add(a.id);
    if (!indicatorIds.has(a.indicator_id)) {
      issue(ctx, ["actuals", i, "indicator_id"], "No such indicator in this backup.");
    }
    // Everything the figure says is its identity (the actuals_vintage_uq index).
    const key = JSON.stringify([
      a.indicator_id,
      a.period_start,
      a.period_end,
      a.reported_at,
      a.status,
      a.value,
      a.source,
      a.reported_attainment,
      a.reported_yoy,
      a.note,
    ]);
    if (vintages.has(key)) issue(ctx, ["actuals", i], "The same vintage appears twice.");
    vintages.add(key);
  });
}

export const BackupDocumentSchema = z
  .discriminatedUnion("format_version", [BackupV2Shape, BackupV1Shape])
  .superRefine(checkIntegrity)
  .openapi("Backup", {
    description:
      "The whole dataset: GET /api/export writes it (format_version 2), POST /api/import (application/json) restores it (or a version 1 document) into an empty database.",
  });

export type AnyBackupDocument = z.infer<typeof BackupDocumentSchema>;

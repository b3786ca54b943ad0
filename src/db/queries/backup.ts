import { sql } from "drizzle-orm";
import { insertChunks } from "../chunks";
import type { Db } from "../client";
import {
  type ActualRow,
  type AreaRow,
  actuals,
  areas,
  type IndicatorTableRow,
  indicators,
  type PlanRow,
  planRevisions,
  plans,
  type RevisionRow,
} from "../schema";
import { type AuditedChange, auditEntries } from "./audit";
import { selectDataVersion } from "./meta";

/** Everything a backup holds, as rows. */
export interface Dataset {
  areas: AreaRow[];
  indicators: IndicatorTableRow[];
  plans: PlanRow[];
  revisions: RevisionRow[];
  actuals: ActualRow[];
}

/**
 * The whole dataset and its data version, read in ONE batch: a batch is one transaction, so
 * the backup is a consistent snapshot even while figures are being written.
 */
export async function readDataset(db: Db): Promise<{ data: Dataset; dataVersion: number }> {
  const [areaRows, indicatorRows, planRows, revisionRows, actualRows, version] = await db.batch([
    db.select().from(areas).orderBy(areas.id),
    db.select().from(indicators).orderBy(indicators.id),
    db.select().from(plans).orderBy(plans.id),
    db.select().from(planRevisions).orderBy(planRevisions.planId, planRevisions.revision),
    db.select().from(actuals).orderBy(actuals.id),
    selectDataVersion(db),
  ]);
  return {
    data: {
      areas: areaRows,
      indicators: indicatorRows,
      plans: planRows,
      revisions: revisionRows,
      actuals: actualRows,
    },
    dataVersion: version[0]?.value ?? 0,
  };
}

const HOLDS_DATA =
  "exists (select 1 from areas) or exists (select 1 from indicators) or exists (select 1 from plans) or exists (select 1 from plan_revisions) or exists (select 1 from actuals)";

/** Whether any area, indicator, plan, revision or figure is stored. */
export async function holdsData(db: Db): Promise<boolean> {
  const rows = await db.all<{ any: number }>(sql.raw(`select (${HOLDS_DATA}) as "any"`));
  return rows[0]?.any === 1;
}

/** Areas ordered so that every parent comes before the areas inside it. */
function parentsFirst(rows: readonly AreaRow[]): AreaRow[] {
  const byId = new Map(rows.map((r) => [r.id, r]));
  const placed = new Set<string>();
  const ordered: AreaRow[] = [];
  const place = (row: AreaRow, depth: number) => {
    if (placed.has(row.id) || depth > rows.length) return;
    const parent = row.parentId === null ? undefined : byId.get(row.parentId);
    if (parent) place(parent, depth + 1);
    placed.add(row.id);
    ordered.push(row);
  };
  for (const row of rows) place(row, 0);
  return ordered;
}

/**
 * Writes a whole dataset into an empty database in ONE batch (one transaction): every row or
 * none. The first statement makes the emptiness check part of that transaction: if anything is
 * stored by then (a write raced the caller's check), it inserts NULL into meta.value, a NOT NULL
 * column, and the constraint error rolls the whole batch back.
 *
 * The data version is SET rather than bumped once per statement: it resumes from the exported
 * version (so a fresh database answers the same /api/status, ETag included, as the one backed
 * up) and otherwise moves past the current one, so it still only ever grows.
 */
export async function restoreDataset(
  db: Db,
  data: Dataset,
  dataVersion: number,
  audit?: AuditedChange,
): Promise<void> {
  if (!Number.isSafeInteger(dataVersion) || dataVersion < 0) {
    throw new RangeError(`data version must be a non-negative integer: ${dataVersion}`);
  }
  const version = Math.max(dataVersion, 1);
  const guard = db.run(
    sql.raw(`insert into meta (key, value) select 'restore_guard', null where ${HOLDS_DATA}`),
  );
  // No bound parameters: drizzle's D1 batch cannot bind those of raw statements, and `version`
  // is a checked integer.
  const setVersion = db.run(
    sql.raw(
      `insert into meta (key, value) values ('data_version', ${version}) on conflict(key) do update set value = max(value + 1, ${version})`,
    ),
  );
  // Parents before the areas inside them, so each row's reference is already there.
  const writes = [
    ...insertChunks(areas, parentsFirst(data.areas)).map((c) => db.insert(areas).values(c)),
    ...insertChunks(indicators, data.indicators).map((c) => db.insert(indicators).values(c)),
    ...insertChunks(plans, data.plans).map((c) => db.insert(plans).values(c)),
    ...insertChunks(planRevisions, data.revisions).map((c) => db.insert(planRevisions).values(c)),
    ...insertChunks(actuals, data.actuals).map((c) => db.insert(actuals).values(c)),
  ];
  const entries = audit ? auditEntries(db, audit.ctx, [audit.entry]) : [];
  await db.batch([guard, setVersion, ...writes, ...entries]);
}

import { and, eq, inArray, notExists, sql } from "drizzle-orm";
import { idChunks } from "../chunks";
import type { Db } from "../client";
import { type AreaRow, apiTokens, areas, indicators } from "../schema";
import { type AuditedChange, auditIfChanged } from "./audit";
import { bumpDataVersionIfChanged } from "./meta";

export async function getArea(db: Db, id: string): Promise<AreaRow | undefined> {
  const rows = await db.select().from(areas).where(eq(areas.id, id));
  return rows[0];
}

export function listAreas(db: Db): Promise<AreaRow[]> {
  return db.select().from(areas).orderBy(areas.id);
}

/** The subset of `ids` that exist; chunked under D1's 100-parameter limit. */
export async function findAreas(db: Db, ids: readonly string[]): Promise<Map<string, AreaRow>> {
  const found = new Map<string, AreaRow>();
  const [first, ...rest] = idChunks(ids).map((part) =>
    db.select().from(areas).where(inArray(areas.id, part)),
  );
  if (!first) return found;
  for (const rows of await db.batch([first, ...rest]))
    for (const row of rows) found.set(row.id, row);
  return found;
}

/** The areas directly inside `id`. */
export function childAreas(db: Db, id: string): Promise<AreaRow[]> {
  return db.select().from(areas).where(eq(areas.parentId, id));
}

/**
 * Creates or replaces an area, recorded in the same batch. A replacement applies only while the
 * area is as it was read (`updatedAt`), so two admins renaming it at once cannot both win.
 * Returns false when that condition failed (or the row was created meanwhile).
 */
export async function writeArea(
  db: Db,
  row: AreaRow,
  before: AreaRow | undefined,
  audit: AuditedChange,
): Promise<boolean> {
  const { id, createdAt, ...changes } = row;
  const write = before
    ? db
        .update(areas)
        .set(changes)
        .where(and(eq(areas.id, id), eq(areas.updatedAt, before.updatedAt)))
        .returning({ id: areas.id })
    : db.insert(areas).values(row).onConflictDoNothing().returning({ id: areas.id });
  const [written] = await db.batch([
    write,
    auditIfChanged(db, audit.ctx, audit.entry),
    bumpDataVersionIfChanged(db),
  ]);
  return written.length > 0;
}

export type AreaDeleteOutcome = "deleted" | "missing" | "in_use";

/** Deletes an area only while no indicator, token or other area names it. */
export async function deleteArea(
  db: Db,
  id: string,
  audit: AuditedChange,
): Promise<AreaDeleteOutcome> {
  const child = db.select({ one: sql`1` }).from(areas).where(eq(areas.parentId, id));
  const [deleted] = await db.batch([
    db
      .delete(areas)
      .where(
        and(
          eq(areas.id, id),
          notExists(db.select({ one: sql`1` }).from(indicators).where(eq(indicators.scope, id))),
          notExists(
            db.select({ one: sql`1` }).from(apiTokens).where(eq(apiTokens.indicatorScope, id)),
          ),
          notExists(child),
        ),
      )
      .returning({ id: areas.id }),
    auditIfChanged(db, audit.ctx, audit.entry),
    bumpDataVersionIfChanged(db),
  ]);
  if (deleted.length > 0) return "deleted";
  return (await getArea(db, id)) ? "in_use" : "missing";
}

import { sql } from "drizzle-orm";
import {
  index,
  integer,
  primaryKey,
  real,
  sqliteTable,
  text,
  uniqueIndex,
} from "drizzle-orm/sqlite-core";

// Dates are ISO `YYYY-MM-DD` text and timestamps ISO-8601 text: they sort correctly as text,
// read plainly in a dump, and need no conversion between SQLite, JSON and the engine.
// Values are REAL in base units (USD, not million USD); the API applies scales on input.

export const indicators = sqliteTable("indicators", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  nameVi: text("name_vi"),
  scope: text("scope").notNull(),
  scopeName: text("scope_name").notNull(),
  scopeNameVi: text("scope_name_vi"),
  scopeLevel: text("scope_level", { enum: ["locality", "region", "country"] }).notNull(),
  unit: text("unit").notNull(),
  measure: text("measure", { enum: ["flow", "level", "rate"] }).notNull(),
  cadence: text("cadence", { enum: ["monthly", "quarterly", "annual"] }).notNull(),
  tags: text("tags", { mode: "json" }).$type<string[]>().notNull().default(sql`'[]'`),
  description: text("description"),
  source: text("source"),
  createdAt: text("created_at").notNull(),
  updatedAt: text("updated_at").notNull(),
});

/** The current revision of every plan; every revision, this one included, is in plan_revisions. */
export const plans = sqliteTable(
  "plans",
  {
    id: text("id").primaryKey(),
    indicatorId: text("indicator_id")
      .notNull()
      .references(() => indicators.id),
    revision: integer("revision").notNull(),
    title: text("title"),
    periodStart: text("period_start").notNull(),
    periodEnd: text("period_end").notNull(),
    target: real("target").notNull(),
    comparator: text("comparator", { enum: ["at_least", "at_most"] }).notNull(),
    /** `{"kind":"linear"}` or `{"kind":"monthly_weights","weights":[12 numbers]}` */
    phasing: text("phasing").notNull(),
    /** Partial thresholds as JSON, or null for the defaults. */
    thresholds: text("thresholds"),
    baselineValue: real("baseline_value"),
    baselineDate: text("baseline_date"),
    source: text("source"),
    note: text("note"),
    createdAt: text("created_at").notNull(),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [index("plans_indicator_idx").on(t.indicatorId)],
);

/** Append-only history of plan revisions: a changed target never erases the old one. */
export const planRevisions = sqliteTable(
  "plan_revisions",
  {
    planId: text("plan_id")
      .notNull()
      .references(() => plans.id),
    revision: integer("revision").notNull(),
    /** The plan as the API returned it at this revision (JSON). */
    snapshot: text("snapshot").notNull(),
    createdAt: text("created_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.planId, t.revision] })],
);

/**
 * Every vintage of every reported figure. A new row for the same indicator and period is a
 * revision; the latest `reported_at` (then the highest id) counts. Rows are never updated.
 */
export const actuals = sqliteTable(
  "actuals",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    indicatorId: text("indicator_id")
      .notNull()
      .references(() => indicators.id),
    periodStart: text("period_start").notNull(),
    periodEnd: text("period_end").notNull(),
    value: real("value").notNull(),
    status: text("status", { enum: ["estimate", "preliminary", "final"] }).notNull(),
    reportedAt: text("reported_at").notNull(),
    source: text("source"),
    reportedAttainment: real("reported_attainment"),
    reportedYoy: real("reported_yoy"),
    note: text("note"),
    createdAt: text("created_at").notNull(),
  },
  (t) => [
    // The same figure sent twice (a retried request, a re-run seed) is one vintage, not two.
    uniqueIndex("actuals_vintage_uq").on(
      t.indicatorId,
      t.periodStart,
      t.periodEnd,
      t.reportedAt,
      t.status,
      t.value,
    ),
    index("actuals_period_idx").on(t.indicatorId, t.periodStart, t.periodEnd, t.reportedAt),
  ],
);

/**
 * Small key/value counters. `data_version` goes up with every write batch, so GET /api/status
 * can answer 304 from one tiny query without reading or evaluating any plan.
 */
export const meta = sqliteTable("meta", {
  key: text("key").primaryKey(),
  value: integer("value").notNull(),
});

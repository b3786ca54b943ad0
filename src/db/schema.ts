import { sql } from "drizzle-orm";
import {
  type AnySQLiteColumn,
  index,
  integer,
  primaryKey,
  real,
  sqliteTable,
  text,
  uniqueIndex,
} from "drizzle-orm/sqlite-core";
import type { Phasing, ReleaseRule, Thresholds } from "../domain/types";
import {
  ACTUAL_STATUSES,
  AUDIT_CHANNELS,
  CADENCES,
  COMPARATORS,
  DELIVERY_STATUSES,
  EVENT_TYPES,
  MEASURES,
  MIN_SEVERITIES,
  type Permission,
  SCOPE_LEVELS,
  type ScopeLevel,
  SEVERITIES,
  SIGN_IN_METHODS,
  STATUSES,
  WEBHOOK_FORMATS,
} from "../domain/vocabulary";
import type { EvaluationFigures, EventData } from "../schemas/event";
import type { PlanOut } from "../schemas/plan";

// Dates are ISO `YYYY-MM-DD` text and timestamps ISO-8601 text: they sort correctly as text,
// read plainly in a dump, and need no conversion between SQLite, JSON and the engine.
// Values are REAL in base units (USD, not million USD); the API applies scales on input.

/**
 * The places indicators belong to (a province, a region, the country), keyed by the scope slug
 * indicators and tokens name. Only an admin sets an area's names, so no one writing figures for
 * one province can relabel another. `parent_id` names the area it lies in (a province's region).
 */
export const areas = sqliteTable(
  "areas",
  {
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    nameVi: text("name_vi"),
    level: text("level", { enum: SCOPE_LEVELS }).notNull(),
    parentId: text("parent_id").references((): AnySQLiteColumn => areas.id),
    createdAt: text("created_at").notNull(),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [index("areas_parent_idx").on(t.parentId)],
);

export const indicators = sqliteTable(
  "indicators",
  {
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    nameVi: text("name_vi"),
    /** The area (`areas.id`): its names and level are the ones every output shows. */
    scope: text("scope")
      .notNull()
      .references(() => areas.id),
    unit: text("unit").notNull(),
    measure: text("measure", { enum: MEASURES }).notNull(),
    cadence: text("cadence", { enum: CADENCES }).notNull(),
    tags: text("tags", { mode: "json" }).$type<string[]>().notNull().default(sql`'[]'`),
    description: text("description"),
    source: text("source"),
    createdAt: text("created_at").notNull(),
    updatedAt: text("updated_at").notNull(),
    /** Other names bulletins use for it ("kim ngạch nhập khẩu", "import turnover"). */
    aliases: text("aliases", { mode: "json" }).$type<string[]>().notNull().default(sql`'[]'`),
    /** When each period's figure is due (release-rules.ts); null for the cadence's default lag. */
    releaseRule: text("release_rule", { mode: "json" }).$type<ReleaseRule>(),
    /**
     * The measure this indicator is in its area ("goods-exports"): indicators sharing a concept
     * are the same measure in different places, ranked against each other and their region.
     */
    concept: text("concept"),
  },
  (t) => [index("indicators_scope_idx").on(t.scope), index("indicators_concept_idx").on(t.concept)],
);

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
    comparator: text("comparator", { enum: COMPARATORS }).notNull(),
    /** `{"kind":"linear"}` or `{"kind":"monthly_weights","weights":[12 numbers]}` */
    phasing: text("phasing", { mode: "json" }).$type<Phasing>().notNull(),
    /** Partial thresholds, or null for the defaults. */
    thresholds: text("thresholds", { mode: "json" }).$type<Partial<Thresholds>>(),
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
    /** The plan as the API returned it at this revision. */
    snapshot: text("snapshot", { mode: "json" }).$type<PlanOut>().notNull(),
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
    status: text("status", { enum: ACTUAL_STATUSES }).notNull(),
    reportedAt: text("reported_at").notNull(),
    source: text("source"),
    reportedAttainment: real("reported_attainment"),
    reportedYoy: real("reported_yoy"),
    note: text("note"),
    createdAt: text("created_at").notNull(),
  },
  (t) => [
    // The same figure sent twice (a retried request, a re-run seed) is one vintage, not two;
    // one that differs in anything it says (its source, note or printed ratios too) is a
    // correction, stored as a vintage of its own. The optional columns are indexed through
    // quote(), which writes NULL as the word NULL and text in quotes: NULLs themselves never
    // collide in a unique index, and quote() keeps every digit of a REAL.
    uniqueIndex("actuals_vintage_uq").on(
      t.indicatorId,
      t.periodStart,
      t.periodEnd,
      t.reportedAt,
      t.status,
      t.value,
      sql`quote("source")`,
      sql`quote("reported_attainment")`,
      sql`quote("reported_yoy")`,
      sql`quote("note")`,
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

// ---- The cron monitor: alert state, events, silences, webhooks and their outbox. ----

/**
 * What the monitor last saw and said about each plan. `version` goes up by one with every
 * change and every write is conditional on the version that was read, so two overlapping runs
 * cannot both move a plan (optimistic concurrency; events are keyed on the version too).
 */
export const planAlertStates = sqliteTable("plan_alert_states", {
  planId: text("plan_id")
    .primaryKey()
    .references(() => plans.id),
  version: integer("version").notNull(),
  status: text("status", { enum: STATUSES }).notNull(),
  stale: integer("stale", { mode: "boolean" }).notNull(),
  statusSince: text("status_since").notNull(),
  staleSince: text("stale_since"),
  /** When an open alert was last sent (not muted); null when none is open or it was never sent. */
  lastNotifiedAt: text("last_notified_at"),
  /** The evaluation's figures as canonical JSON: a different key means a new snapshot. */
  figuresKey: text("figures_key").notNull(),
  changedAt: text("changed_at").notNull(),
  /**
   * The run that wrote this version. The run's events and snapshots are inserted only where
   * its own write won, so a run that lost a race for a plan adds nothing about that plan.
   */
  writtenBy: text("written_by").notNull(),
});

/** One row per change of a plan's figures or alert state, for charts of how a target moved. */
export const evaluationSnapshots = sqliteTable(
  "evaluation_snapshots",
  {
    planId: text("plan_id")
      .notNull()
      .references(() => plans.id),
    version: integer("version").notNull(),
    recordedAt: text("recorded_at").notNull(),
    asOf: text("as_of").notNull(),
    status: text("status", { enum: STATUSES }).notNull(),
    stale: integer("stale", { mode: "boolean" }).notNull(),
    figures: text("figures", { mode: "json" }).$type<EvaluationFigures>().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.planId, t.version] }),
    // Retention prunes by age.
    index("evaluation_snapshots_recorded_idx").on(t.recordedAt),
  ],
);

/**
 * One row per cron run, keyed by its scheduled time: the same scheduled time never runs twice.
 * The lease (wall-clock ms, as it guards live processes) lets a later retry of a crashed run
 * take over.
 */
export const monitorRuns = sqliteTable("monitor_runs", {
  scheduledTime: text("scheduled_time").primaryKey(),
  holder: text("holder").notNull(),
  leaseExpiresAt: integer("lease_expires_at").notNull(),
  finishedAt: text("finished_at"),
  plansEvaluated: integer("plans_evaluated"),
  eventsCreated: integer("events_created"),
});

/**
 * The history of transitions, and the outbox's messages. The unique key (plan, state version,
 * type) makes a second writer of the same transition a no-op (INSERT ... ON CONFLICT DO NOTHING).
 */
export const events = sqliteTable(
  "events",
  {
    /** `evt_` + a ULID of the run's time: sorts by time, and is the webhook-id of every retry. */
    id: text("id").primaryKey(),
    planId: text("plan_id")
      .notNull()
      .references(() => plans.id),
    // No foreign key: history outlives an indicator that is later deleted.
    indicatorId: text("indicator_id").notNull(),
    scope: text("scope").notNull(),
    stateVersion: integer("state_version").notNull(),
    type: text("type", { enum: EVENT_TYPES }).notNull(),
    previousStatus: text("previous_status", { enum: STATUSES }),
    status: text("status", { enum: STATUSES }).notNull(),
    severity: text("severity", { enum: SEVERITIES }).notNull(),
    stale: integer("stale", { mode: "boolean" }).notNull(),
    /** Recorded while a silence matched: kept in the history, never delivered. */
    muted: integer("muted", { mode: "boolean" }).notNull(),
    occurredAt: text("occurred_at").notNull(),
    data: text("data", { mode: "json" }).$type<EventData>().notNull(),
    /**
     * A figure notice's key (figure.due / figure.late, indicator, period, vintage): a notice is
     * about a figure, not a transition of its plan, so it is sent once per key whatever run
     * decides it. Null for transitions.
     */
    noticeKey: text("notice_key"),
  },
  (t) => [
    uniqueIndex("events_transition_uq")
      .on(t.planId, t.stateVersion, t.type)
      .where(sql`notice_key is null`),
    uniqueIndex("events_notice_uq").on(t.noticeKey),
    index("events_occurred_idx").on(t.occurredAt),
    index("events_scope_idx").on(t.scope, t.id),
    index("events_plan_idx").on(t.planId, t.id),
  ],
);

/** Alertmanager-style mutes: every matcher given must match; muted while now < until. */
export const silences = sqliteTable("silences", {
  id: text("id").primaryKey(),
  // No foreign keys: a silence must not stop an indicator from being deleted.
  planId: text("plan_id"),
  indicatorId: text("indicator_id"),
  scope: text("scope"),
  until: text("until").notNull(),
  reason: text("reason").notNull(),
  createdAt: text("created_at").notNull(),
});

export const webhooks = sqliteTable("webhooks", {
  id: text("id").primaryKey(),
  url: text("url").notNull(),
  description: text("description"),
  enabled: integer("enabled", { mode: "boolean" }).notNull(),
  format: text("format", { enum: WEBHOOK_FORMATS }).notNull(),
  /** Filters; an empty list matches everything. */
  scopes: text("scopes", { mode: "json" }).$type<string[]>().notNull(),
  tags: text("tags", { mode: "json" }).$type<string[]>().notNull(),
  eventTypes: text("event_types", { mode: "json" }).$type<string[]>().notNull(),
  minSeverity: text("min_severity", { enum: MIN_SEVERITIES }).notNull(),
  /** `whsec_` + base64. Stored in clear because signing needs it; never returned after creation. */
  secret: text("secret").notNull(),
  /** The secret before the last rotation, still signed with until it expires. */
  previousSecret: text("previous_secret"),
  previousSecretExpiresAt: text("previous_secret_expires_at"),
  /** Why the monitor disabled it (e.g. the receiver answered 410 Gone). */
  disabledReason: text("disabled_reason"),
  createdAt: text("created_at").notNull(),
  updatedAt: text("updated_at").notNull(),
});

/** The outbox: one row per event and destination, written in the same batch as the event. */
export const deliveries = sqliteTable(
  "deliveries",
  {
    id: text("id").primaryKey(),
    eventId: text("event_id")
      .notNull()
      .references(() => events.id),
    webhookId: text("webhook_id")
      .notNull()
      .references(() => webhooks.id, { onDelete: "cascade" }),
    status: text("status", { enum: DELIVERY_STATUSES }).notNull(),
    attempts: integer("attempts").notNull(),
    /** `attempts` when the current round of retries began: 0, or the count at the last replay. */
    roundStart: integer("round_start").notNull(),
    nextAttemptAt: text("next_attempt_at").notNull(),
    lastAttemptAt: text("last_attempt_at"),
    lastStatusCode: integer("last_status_code"),
    lastError: text("last_error"),
    deliveredAt: text("delivered_at"),
    /** The drain that is sending it, and until when its claim holds. */
    claimedBy: text("claimed_by"),
    claimExpiresAt: text("claim_expires_at"),
    createdAt: text("created_at").notNull(),
  },
  (t) => [
    uniqueIndex("deliveries_event_webhook_uq").on(t.eventId, t.webhookId),
    index("deliveries_due_idx").on(t.status, t.nextAttemptAt),
    index("deliveries_webhook_idx").on(t.webhookId, t.id),
    // Only rows being sent carry a claim: a small index however long the history grows.
    index("deliveries_claim_idx").on(t.claimedBy).where(sql`claimed_by is not null`),
  ],
);

/** Every HTTP attempt, successful or not. */
export const deliveryAttempts = sqliteTable(
  "delivery_attempts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    deliveryId: text("delivery_id")
      .notNull()
      .references(() => deliveries.id, { onDelete: "cascade" }),
    attempt: integer("attempt").notNull(),
    attemptedAt: text("attempted_at").notNull(),
    statusCode: integer("status_code"),
    error: text("error"),
    durationMs: integer("duration_ms").notNull(),
    /** The first bytes of the response body (at most 1 KB are ever read). */
    responseExcerpt: text("response_excerpt"),
  },
  (t) => [
    index("delivery_attempts_delivery_idx").on(t.deliveryId, t.attempt),
    // Retention prunes by age.
    index("delivery_attempts_at_idx").on(t.attemptedAt),
  ],
);

// ---- API tokens and the audit log. ----

/**
 * API tokens an admin creates. Only the SHA-256 of the token is stored: the token itself is
 * shown once, at creation. Revoking keeps the row (revoked_at), so the audit log can still say
 * who a past write came from.
 */
export const apiTokens = sqliteTable("api_tokens", {
  /** `tok_` + a ULID; the token handed out is `<id>.<secret>`, so the id is not secret. */
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  /** Hex SHA-256 of the whole token string. */
  secretHash: text("secret_hash").notNull(),
  scopes: text("scopes", { mode: "json" }).$type<Permission[]>().notNull(),
  /** When set, the token writes only indicators (and their plans and figures) of this scope. */
  indicatorScope: text("indicator_scope"),
  /** `admin` (the ADMIN_TOKEN secret) or the id of the token that created this one. */
  createdBy: text("created_by").notNull(),
  createdAt: text("created_at").notNull(),
  expiresAt: text("expires_at"),
  /** Updated at most once an hour per token, so reads cost no write. */
  lastUsedAt: text("last_used_at"),
  revokedAt: text("revoked_at"),
  /**
   * The Cloudflare Access identity (e-mail, lower case) that signs in as this token, for a
   * deployment behind Access; null when the token is only ever typed in.
   */
  accessEmail: text("access_email").unique(),
});

/**
 * People signed in to the editor's desk. The cookie holds a random session id; only its SHA-256
 * is stored, so a copy of the database signs nobody in. A session acts as its token: revoking
 * the token ends it at once (every lookup joins the token), and so does rotating ADMIN_TOKEN
 * for a session opened with it.
 */
export const sessions = sqliteTable(
  "sessions",
  {
    /** Hex SHA-256 of the session id. */
    idHash: text("id_hash").primaryKey(),
    /** The token signed in with (`tok_...`), or `admin` for the ADMIN_TOKEN secret. */
    tokenId: text("token_id").notNull(),
    /** For `admin` only: SHA-256 of the secret signed in with, so a rotation ends the session. */
    credentialHash: text("credential_hash"),
    method: text("method", { enum: SIGN_IN_METHODS }).notNull(),
    createdAt: text("created_at").notNull(),
    /** Moved forward as the editor works (at most once a minute); idle expiry counts from it. */
    lastSeenAt: text("last_seen_at").notNull(),
    /** The absolute expiry: however active, a session ends here. */
    expiresAt: text("expires_at").notNull(),
  },
  (t) => [index("sessions_token_idx").on(t.tokenId), index("sessions_expires_idx").on(t.expiresAt)],
);

/**
 * Who changed what, when, with the values before and after. Written in the same D1 batch as the
 * change it records, so a change is never without its entry and a refused write leaves neither.
 */
export const auditLog = sqliteTable(
  "audit_log",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    at: text("at").notNull(),
    /** `admin` for the ADMIN_TOKEN secret, else the token id (`tok_...`). */
    actor: text("actor").notNull(),
    /** create, update, revise, correct, delete, rotate_secret, revoke, retry, restore */
    action: text("action").notNull(),
    /** indicator, plan, actual, webhook, silence, token, delivery, dataset */
    entity: text("entity").notNull(),
    entityId: text("entity_id"),
    /** The entity as the API showed it before and after, secrets left out. */
    oldValue: text("old_value", { mode: "json" }).$type<unknown>(),
    newValue: text("new_value", { mode: "json" }).$type<unknown>(),
    /** How the change was made: the JSON API, a CSV file, a desk form or a pasted bulletin. */
    via: text("via", { enum: AUDIT_CHANNELS }).notNull().default("api"),
  },
  (t) => [
    index("audit_log_entity_idx").on(t.entity, t.entityId, t.id),
    index("audit_log_actor_idx").on(t.actor, t.id),
    // Retention prunes by age.
    index("audit_log_at_idx").on(t.at),
  ],
);

export type AreaRow = typeof areas.$inferSelect;
/** An indicator as stored: its area's names live in `areas`. */
export type IndicatorTableRow = typeof indicators.$inferSelect;
/** An indicator as every output shows it, with the names and level of its area. */
export type IndicatorRow = IndicatorTableRow & {
  scopeName: string;
  scopeNameVi: string | null;
  scopeLevel: ScopeLevel;
};
export type PlanRow = typeof plans.$inferSelect;
export type RevisionRow = typeof planRevisions.$inferSelect;
export type ActualRow = typeof actuals.$inferSelect;
export type AlertStateRow = typeof planAlertStates.$inferSelect;
export type SnapshotRow = typeof evaluationSnapshots.$inferSelect;
export type EventRow = typeof events.$inferSelect;
export type SilenceRow = typeof silences.$inferSelect;
export type WebhookRow = typeof webhooks.$inferSelect;
export type DeliveryRow = typeof deliveries.$inferSelect;
export type AttemptRow = typeof deliveryAttempts.$inferSelect;
export type TokenRow = typeof apiTokens.$inferSelect;
export type AuditRow = typeof auditLog.$inferSelect;
export type SessionRow = typeof sessions.$inferSelect;

/**
 * When the cron must look at each plan again. A plan is due when its `next_check_at` has
 * passed: a date at which its judgment can change with no new data (src/domain/next-change.ts),
 * an alert reminder, a silence's end, or "now" when a write touched its figures, its plan or
 * its indicator. A quiet tick reads only the due rows of this index, whatever the number of
 * plans. No foreign key: a deleted plan's row is dropped by the tick that finds it gone.
 */
export const planSchedules = sqliteTable(
  "plan_schedules",
  {
    planId: text("plan_id").primaryKey(),
    /** ISO-8601 timestamp; null when no date will change the plan's judgment. */
    nextCheckAt: text("next_check_at"),
    /** The data version (meta `data_version`) the plan was last evaluated at. */
    evaluatedVersion: integer("evaluated_version").notNull(),
    evaluatedAt: text("evaluated_at").notNull(),
  },
  (t) => [index("plan_schedules_next_check_idx").on(t.nextCheckAt)],
);

export type PlanScheduleRow = typeof planSchedules.$inferSelect;

CREATE TABLE `areas` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`name_vi` text,
	`level` text NOT NULL,
	`parent_id` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`parent_id`) REFERENCES `areas`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `areas_parent_idx` ON `areas` (`parent_id`);--> statement-breakpoint
-- Backfill: one area per scope in use, named as the first indicator created in it named it
-- (before anyone else could relabel it), then one per token scope no indicator has yet, named
-- by its slug until an admin names it.
INSERT INTO `areas` (`id`, `name`, `name_vi`, `level`, `parent_id`, `created_at`, `updated_at`)
SELECT `scope`, `scope_name`, `scope_name_vi`, `scope_level`, NULL, `created_at`, `updated_at`
FROM (SELECT *, row_number() OVER (PARTITION BY `scope` ORDER BY `created_at`, `id`) AS `place` FROM `indicators`)
WHERE `place` = 1;--> statement-breakpoint
INSERT INTO `areas` (`id`, `name`, `name_vi`, `level`, `parent_id`, `created_at`, `updated_at`)
SELECT `indicator_scope`, `indicator_scope`, NULL, 'locality', NULL, min(`created_at`), min(`created_at`)
FROM `api_tokens`
WHERE `indicator_scope` IS NOT NULL AND `indicator_scope` NOT IN (SELECT `id` FROM `areas`)
GROUP BY `indicator_scope`;--> statement-breakpoint
DROP INDEX `actuals_vintage_uq`;--> statement-breakpoint
CREATE UNIQUE INDEX `actuals_vintage_uq` ON `actuals` (`indicator_id`,`period_start`,`period_end`,`reported_at`,`status`,`value`,quote("source"),quote("reported_attainment"),quote("reported_yoy"),quote("note"));--> statement-breakpoint
CREATE INDEX `audit_log_at_idx` ON `audit_log` (`at`);--> statement-breakpoint
CREATE INDEX `delivery_attempts_at_idx` ON `delivery_attempts` (`attempted_at`);--> statement-breakpoint
CREATE INDEX `evaluation_snapshots_recorded_idx` ON `evaluation_snapshots` (`recorded_at`);--> statement-breakpoint
-- D1 runs a migration in a transaction, where foreign_keys=OFF does nothing: the checks are
-- deferred to the commit instead, by which time every reference points at the new table.
PRAGMA defer_foreign_keys = on;--> statement-breakpoint
CREATE TABLE `__new_indicators` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`name_vi` text,
	`scope` text NOT NULL,
	`unit` text NOT NULL,
	`measure` text NOT NULL,
	`cadence` text NOT NULL,
	`tags` text DEFAULT '[]' NOT NULL,
	`description` text,
	`source` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`scope`) REFERENCES `areas`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
INSERT INTO `__new_indicators`("id", "name", "name_vi", "scope", "unit", "measure", "cadence", "tags", "description", "source", "created_at", "updated_at") SELECT "id", "name", "name_vi", "scope", "unit", "measure", "cadence", "tags", "description", "source", "created_at", "updated_at" FROM `indicators`;--> statement-breakpoint
DROP TABLE `indicators`;--> statement-breakpoint
ALTER TABLE `__new_indicators` RENAME TO `indicators`;--> statement-breakpoint
PRAGMA defer_foreign_keys = off;--> statement-breakpoint
CREATE INDEX `indicators_scope_idx` ON `indicators` (`scope`);
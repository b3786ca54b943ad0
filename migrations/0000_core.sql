CREATE TABLE `actuals` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`indicator_id` text NOT NULL,
	`period_start` text NOT NULL,
	`period_end` text NOT NULL,
	`value` real NOT NULL,
	`status` text NOT NULL,
	`reported_at` text NOT NULL,
	`source` text,
	`reported_attainment` real,
	`reported_yoy` real,
	`note` text,
	`created_at` text NOT NULL,
	FOREIGN KEY (`indicator_id`) REFERENCES `indicators`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `actuals_vintage_uq` ON `actuals` (`indicator_id`,`period_start`,`period_end`,`reported_at`,`status`,`value`);--> statement-breakpoint
CREATE INDEX `actuals_period_idx` ON `actuals` (`indicator_id`,`period_start`,`period_end`,`reported_at`);--> statement-breakpoint
CREATE TABLE `indicators` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`name_vi` text,
	`scope` text NOT NULL,
	`scope_name` text NOT NULL,
	`scope_name_vi` text,
	`scope_level` text NOT NULL,
	`unit` text NOT NULL,
	`measure` text NOT NULL,
	`cadence` text NOT NULL,
	`tags` text DEFAULT '[]' NOT NULL,
	`description` text,
	`source` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `meta` (
	`key` text PRIMARY KEY NOT NULL,
	`value` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `plan_revisions` (
	`plan_id` text NOT NULL,
	`revision` integer NOT NULL,
	`snapshot` text NOT NULL,
	`created_at` text NOT NULL,
	PRIMARY KEY(`plan_id`, `revision`),
	FOREIGN KEY (`plan_id`) REFERENCES `plans`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `plans` (
	`id` text PRIMARY KEY NOT NULL,
	`indicator_id` text NOT NULL,
	`revision` integer NOT NULL,
	`title` text,
	`period_start` text NOT NULL,
	`period_end` text NOT NULL,
	`target` real NOT NULL,
	`comparator` text NOT NULL,
	`phasing` text NOT NULL,
	`thresholds` text,
	`baseline_value` real,
	`baseline_date` text,
	`source` text,
	`note` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`indicator_id`) REFERENCES `indicators`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `plans_indicator_idx` ON `plans` (`indicator_id`);
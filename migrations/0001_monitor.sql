CREATE TABLE `deliveries` (
	`id` text PRIMARY KEY NOT NULL,
	`event_id` text NOT NULL,
	`webhook_id` text NOT NULL,
	`status` text NOT NULL,
	`attempts` integer NOT NULL,
	`round_start` integer NOT NULL,
	`next_attempt_at` text NOT NULL,
	`last_attempt_at` text,
	`last_status_code` integer,
	`last_error` text,
	`delivered_at` text,
	`claimed_by` text,
	`claim_expires_at` text,
	`created_at` text NOT NULL,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`webhook_id`) REFERENCES `webhooks`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `deliveries_event_webhook_uq` ON `deliveries` (`event_id`,`webhook_id`);--> statement-breakpoint
CREATE INDEX `deliveries_due_idx` ON `deliveries` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `deliveries_webhook_idx` ON `deliveries` (`webhook_id`,`id`);--> statement-breakpoint
CREATE INDEX `deliveries_claim_idx` ON `deliveries` (`claimed_by`) WHERE claimed_by is not null;--> statement-breakpoint
CREATE TABLE `delivery_attempts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`delivery_id` text NOT NULL,
	`attempt` integer NOT NULL,
	`attempted_at` text NOT NULL,
	`status_code` integer,
	`error` text,
	`duration_ms` integer NOT NULL,
	`response_excerpt` text,
	FOREIGN KEY (`delivery_id`) REFERENCES `deliveries`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `delivery_attempts_delivery_idx` ON `delivery_attempts` (`delivery_id`,`attempt`);--> statement-breakpoint
CREATE TABLE `evaluation_snapshots` (
	`plan_id` text NOT NULL,
	`version` integer NOT NULL,
	`recorded_at` text NOT NULL,
	`as_of` text NOT NULL,
	`status` text NOT NULL,
	`stale` integer NOT NULL,
	`figures` text NOT NULL,
	PRIMARY KEY(`plan_id`, `version`),
	FOREIGN KEY (`plan_id`) REFERENCES `plans`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `events` (
	`id` text PRIMARY KEY NOT NULL,
	`plan_id` text NOT NULL,
	`indicator_id` text NOT NULL,
	`scope` text NOT NULL,
	`state_version` integer NOT NULL,
	`type` text NOT NULL,
	`previous_status` text,
	`status` text NOT NULL,
	`severity` text NOT NULL,
	`stale` integer NOT NULL,
	`muted` integer NOT NULL,
	`occurred_at` text NOT NULL,
	`data` text NOT NULL,
	FOREIGN KEY (`plan_id`) REFERENCES `plans`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `events_transition_uq` ON `events` (`plan_id`,`state_version`,`type`);--> statement-breakpoint
CREATE INDEX `events_occurred_idx` ON `events` (`occurred_at`);--> statement-breakpoint
CREATE INDEX `events_scope_idx` ON `events` (`scope`,`id`);--> statement-breakpoint
CREATE INDEX `events_plan_idx` ON `events` (`plan_id`,`id`);--> statement-breakpoint
CREATE TABLE `monitor_runs` (
	`scheduled_time` text PRIMARY KEY NOT NULL,
	`holder` text NOT NULL,
	`lease_expires_at` integer NOT NULL,
	`finished_at` text,
	`plans_evaluated` integer,
	`events_created` integer
);
--> statement-breakpoint
CREATE TABLE `plan_alert_states` (
	`plan_id` text PRIMARY KEY NOT NULL,
	`version` integer NOT NULL,
	`status` text NOT NULL,
	`stale` integer NOT NULL,
	`status_since` text NOT NULL,
	`stale_since` text,
	`last_notified_at` text,
	`figures_key` text NOT NULL,
	`changed_at` text NOT NULL,
	`written_by` text NOT NULL,
	FOREIGN KEY (`plan_id`) REFERENCES `plans`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `silences` (
	`id` text PRIMARY KEY NOT NULL,
	`plan_id` text,
	`indicator_id` text,
	`scope` text,
	`until` text NOT NULL,
	`reason` text NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `webhooks` (
	`id` text PRIMARY KEY NOT NULL,
	`url` text NOT NULL,
	`description` text,
	`enabled` integer NOT NULL,
	`format` text NOT NULL,
	`scopes` text NOT NULL,
	`tags` text NOT NULL,
	`event_types` text NOT NULL,
	`min_severity` text NOT NULL,
	`secret` text NOT NULL,
	`previous_secret` text,
	`previous_secret_expires_at` text,
	`disabled_reason` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);

CREATE TABLE `sessions` (
	`id_hash` text PRIMARY KEY NOT NULL,
	`token_id` text NOT NULL,
	`credential_hash` text,
	`method` text NOT NULL,
	`created_at` text NOT NULL,
	`last_seen_at` text NOT NULL,
	`expires_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `sessions_token_idx` ON `sessions` (`token_id`);--> statement-breakpoint
CREATE INDEX `sessions_expires_idx` ON `sessions` (`expires_at`);--> statement-breakpoint
ALTER TABLE `api_tokens` ADD `access_email` text;--> statement-breakpoint
CREATE UNIQUE INDEX `api_tokens_access_email_unique` ON `api_tokens` (`access_email`);--> statement-breakpoint
ALTER TABLE `audit_log` ADD `via` text DEFAULT 'api' NOT NULL;--> statement-breakpoint
ALTER TABLE `indicators` ADD `aliases` text DEFAULT '[]' NOT NULL;
CREATE TABLE `plan_schedules` (
	`plan_id` text PRIMARY KEY NOT NULL,
	`next_check_at` text,
	`evaluated_version` integer NOT NULL,
	`evaluated_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `plan_schedules_next_check_idx` ON `plan_schedules` (`next_check_at`);
DROP INDEX `events_transition_uq`;--> statement-breakpoint
ALTER TABLE `events` ADD `notice_key` text;--> statement-breakpoint
CREATE UNIQUE INDEX `events_notice_uq` ON `events` (`notice_key`);--> statement-breakpoint
CREATE UNIQUE INDEX `events_transition_uq` ON `events` (`plan_id`,`state_version`,`type`) WHERE notice_key is null;--> statement-breakpoint
ALTER TABLE `indicators` ADD `release_rule` text;--> statement-breakpoint
ALTER TABLE `indicators` ADD `concept` text;--> statement-breakpoint
CREATE INDEX `indicators_concept_idx` ON `indicators` (`concept`);
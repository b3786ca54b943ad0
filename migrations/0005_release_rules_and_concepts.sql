ALTER TABLE `indicators` ADD `release_rule` text;--> statement-breakpoint
ALTER TABLE `indicators` ADD `concept` text;--> statement-breakpoint
CREATE INDEX `indicators_concept_idx` ON `indicators` (`concept`);
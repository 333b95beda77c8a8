CREATE TABLE `api_token_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` integer NOT NULL,
	`action` text NOT NULL,
	`token_id` integer NOT NULL,
	`token_name` text NOT NULL,
	`owner` text,
	`actor` text,
	`changes` text,
	`ip` text
);
--> statement-breakpoint
CREATE INDEX `api_token_events_token_id` ON `api_token_events` (`token_id`,`id`);--> statement-breakpoint
CREATE INDEX `api_token_events_action` ON `api_token_events` (`action`,`id`);--> statement-breakpoint
CREATE INDEX `api_token_events_at` ON `api_token_events` (`at`);--> statement-breakpoint
ALTER TABLE `api_tokens` ADD `enabled` integer DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE `api_tokens` ADD `previous_key_hash` text;--> statement-breakpoint
ALTER TABLE `api_tokens` ADD `previous_key_hint` text;--> statement-breakpoint
ALTER TABLE `api_tokens` ADD `previous_key_expires_at` integer;--> statement-breakpoint
ALTER TABLE `api_tokens` ADD `expiring_notice_at` integer;--> statement-breakpoint
ALTER TABLE `api_tokens` ADD `expired_notice_at` integer;--> statement-breakpoint
CREATE INDEX `api_tokens_previous_key_hash` ON `api_tokens` (`previous_key_hash`);
DROP INDEX `api_tokens_name_unique`;--> statement-breakpoint
ALTER TABLE `api_tokens` ADD `owner` text;--> statement-breakpoint
CREATE UNIQUE INDEX `api_tokens_owner_name` ON `api_tokens` (coalesce(`owner`, ''),`name`);--> statement-breakpoint
CREATE INDEX `api_tokens_name` ON `api_tokens` (`name`);
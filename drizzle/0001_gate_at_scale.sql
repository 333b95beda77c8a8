CREATE TABLE `api_token_usage` (
	`token_id` integer NOT NULL,
	`hour` integer NOT NULL,
	`requests` integer DEFAULT 0 NOT NULL,
	`refused` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`token_id`, `hour`),
	FOREIGN KEY (`token_id`) REFERENCES `api_tokens`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `api_token_revocations` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`token_id` integer NOT NULL,
	`at` integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE `api_tokens` ADD `allowed_ips` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `api_tokens` ADD `rate_limit` text;--> statement-breakpoint
CREATE INDEX `api_tokens_created_at` ON `api_tokens` (`created_at`);--> statement-breakpoint
CREATE INDEX `api_tokens_last_used_at` ON `api_tokens` (`last_used_at`);--> statement-breakpoint
CREATE INDEX `api_tokens_expires_at` ON `api_tokens` (`expires_at`);
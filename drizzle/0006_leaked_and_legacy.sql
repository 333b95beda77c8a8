ALTER TABLE `api_tokens` ADD `disabled_reason` text;--> statement-breakpoint
ALTER TABLE `api_tokens` ADD `legacy` text;
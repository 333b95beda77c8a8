DROP INDEX `api_tokens_name`;--> statement-breakpoint
CREATE INDEX `api_tokens_name_nocase` ON `api_tokens` ("name" collate nocase);
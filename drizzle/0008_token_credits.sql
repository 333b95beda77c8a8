-- Metered tokens (SPEC §13): the credits as configured, JSON; NULL = unmetered.
-- The live balance lives in the token's TokenCredits Durable Object.
ALTER TABLE `api_tokens` ADD `credits` text;

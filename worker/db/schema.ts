import { sql } from 'drizzle-orm'
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'
import {
  DISABLED_REASONS,
  LEGACY_FORMATS,
  TOKEN_EVENT_ACTIONS,
  TOKEN_TYPES,
  type EventActor,
  type EventChanges,
  type LeakedChanges,
} from '../../contract/api-tokens'
import type { CreditsConfig } from '../credits/credit-rules'

/**
 * One row per API token. The plaintext key is never stored: only its
 * HMAC-SHA-256 under `TOKEN_PEPPER` (hex) and a short display hint.
 * Times are epoch milliseconds so operators can read them in plain SQL.
 */
export const apiTokens = sqliteTable(
  'api_tokens',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull(),
    /** The customer the token belongs to (SPEC §8); `null` = none. */
    owner: text('owner'),
    description: text('description').notNull().default(''),
    type: text('type', { enum: TOKEN_TYPES }).notNull(),
    accessKeyHash: text('access_key_hash').notNull().unique(),
    keyHint: text('key_hint').notNull(),
    lifespan: integer('lifespan'),
    expiresAt: integer('expires_at'),
    lastUsedAt: integer('last_used_at'),
    createdAt: integer('created_at')
      .notNull()
      .default(sql`(unixepoch('subsec') * 1000)`),
    updatedAt: integer('updated_at')
      .notNull()
      .default(sql`(unixepoch('subsec') * 1000)`),
    /** A JSON array of IPv4/IPv6 addresses and CIDR ranges; `[]` = any address (SPEC §9). */
    allowedIps: text('allowed_ips', { mode: 'json' })
      .$type<string[]>()
      .notNull()
      .default(sql`'[]'`),
    /** A tier name from `RATE_LIMIT_TIERS`, or `null` = no limit. */
    rateLimit: text('rate_limit'),
    /** A JSON object of at most 1 KB handed to the origin as the assertion's `meta` (SPEC §13). */
    meta: text('meta', { mode: 'json' })
      .$type<Record<string, unknown>>()
      .notNull()
      .default(sql`'{}'`),
    /** A disabled token's key is refused (`DISABLED`) until it is enabled again (SPEC §7). */
    enabled: integer('enabled', { mode: 'boolean' }).notNull().default(true),
    /** Why the token was disabled when no admin did it: `leaked` (SPEC §12); cleared on enable. */
    disabledReason: text('disabled_reason', { enum: DISABLED_REASONS }),
    /** `strapi`: an imported Strapi key, hashed as Strapi does until first used (SPEC §12). */
    legacy: text('legacy', { enum: LEGACY_FORMATS }),
    /** The key a regenerate replaced, working until `previousKeyExpiresAt` (grace period). */
    previousKeyHash: text('previous_key_hash'),
    previousKeyHint: text('previous_key_hint'),
    previousKeyExpiresAt: integer('previous_key_expires_at'),
    /** When the scheduled job recorded `expiring` / `expired` for this key's lifetime. */
    expiringNoticeAt: integer('expiring_notice_at'),
    expiredNoticeAt: integer('expired_notice_at'),
    /**
     * A metered token's credits as configured (SPEC §13), JSON; `null` = unmetered. The
     * live balance is the token's `TokenCredits` Durable Object's.
     */
    credits: text('credits', { mode: 'json' }).$type<CreditsConfig>(),
  },
  // The list sorts by these (the id breaks ties: it is the rowid every index ends with),
  // so a page at a million tokens is an index walk, never a sort of the table.
  (table) => [
    index('api_tokens_created_at').on(table.createdAt),
    index('api_tokens_last_used_at').on(table.lastUsedAt),
    index('api_tokens_expires_at').on(table.expiresAt),
    index('api_tokens_previous_key_hash').on(table.previousKeyHash),
    // Names are unique per owner (tokens without owner share one namespace).
    uniqueIndex('api_tokens_owner_name').on(sql`coalesce(${table.owner}, '')`, table.name),
    // Names sort case-insensitively (SPEC §2): the list orders by `name COLLATE NOCASE`.
    index('api_tokens_name_nocase').on(sql`${table.name} collate nocase`),
  ],
)

/** The actions a `custom` token is granted: one row per action, gone with the token. */
export const apiTokenPermissions = sqliteTable(
  'api_token_permissions',
  {
    tokenId: integer('token_id')
      .notNull()
      .references(() => apiTokens.id, { onDelete: 'cascade' }),
    action: text('action').notNull(),
  },
  (table) => [primaryKey({ columns: [table.tokenId, table.action] })],
)

/**
 * The revocation feed (SPEC §9): one row per admin change that can narrow a key, written
 * in the change's own batch. Isolates read the rows past their position and evict those
 * tokens; rows older than a day are pruned.
 */
export const revocationFeed = sqliteTable('api_token_revocations', {
  seq: integer('seq').primaryKey({ autoIncrement: true }),
  tokenId: integer('token_id').notNull(),
  at: integer('at').notNull(),
})

/**
 * Requests per token and UTC hour (`hour` = epoch ms of the hour's start), passed and
 * refused, added to by the gate's flushes; gone with the token.
 */
export const apiTokenUsage = sqliteTable(
  'api_token_usage',
  {
    tokenId: integer('token_id')
      .notNull()
      .references(() => apiTokens.id, { onDelete: 'cascade' }),
    hour: integer('hour').notNull(),
    requests: integer('requests').notNull().default(0),
    refused: integer('refused').notNull().default(0),
  },
  (table) => [primaryKey({ columns: [table.tokenId, table.hour] })],
)

/**
 * The audit log (SPEC §7): one row per change, written in the change's own batch. No
 * foreign key: a deleted token's history stays readable.
 */
export const apiTokenEvents = sqliteTable(
  'api_token_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: integer('at').notNull(),
    action: text('action', { enum: TOKEN_EVENT_ACTIONS }).notNull(),
    tokenId: integer('token_id').notNull(),
    tokenName: text('token_name').notNull(),
    owner: text('owner'),
    /** `{sub, name?, email?}` from the admin JWT; `null` for the scheduled job. */
    actor: text('actor', { mode: 'json' }).$type<EventActor | null>(),
    /** Updated fields as `{field: [before, after]}`, never key material. */
    changes: text('changes', { mode: 'json' }).$type<EventChanges | LeakedChanges | null>(),
    ip: text('ip'),
    /**
     * The `owner` claim of the admin who made the change (`null`: an operator, or the
     * scheduled job): a scoped admin sees `actor` and `ip` only of its own owner's
     * changes (SPEC §10). Never shown itself.
     */
    actorOwner: text('actor_owner'),
  },
  (table) => [
    index('api_token_events_token_id').on(table.tokenId, table.id),
    index('api_token_events_action').on(table.action, table.id),
    index('api_token_events_at').on(table.at),
  ],
)

export type ApiTokenRow = typeof apiTokens.$inferSelect

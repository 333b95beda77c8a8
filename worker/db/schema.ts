import { sql } from 'drizzle-orm'
import { integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import { TOKEN_TYPES } from '../../contract/api-tokens'

/**
 * One row per API token. The plaintext key is never stored: only its
 * HMAC-SHA-256 under `TOKEN_PEPPER` (hex) and a short display hint.
 * Times are epoch milliseconds so operators can read them in plain SQL.
 */
export const apiTokens = sqliteTable('api_tokens', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull().unique(),
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
})

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

export type ApiTokenRow = typeof apiTokens.$inferSelect

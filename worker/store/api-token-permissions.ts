import { sql, type SQL } from 'drizzle-orm'
import { apiTokenPermissions, apiTokens } from '../db/schema'
import type { TokenDb } from '../db/token-db'

/**
 * Inserts one permission row per action, finding the token by `tokenMatch`. The
 * actions travel as one JSON parameter (`json_each`), clear of D1's 100-parameter limit.
 */
export function insertPermissions(db: TokenDb, tokenMatch: SQL, actions: string[]) {
  return db
    .insert(apiTokenPermissions)
    .select(
      sql`select ${apiTokens.id}, json_each.value from ${apiTokens}, json_each(${JSON.stringify(actions)}) where ${tokenMatch}`,
    )
}

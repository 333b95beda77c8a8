import { getTableColumns, inArray, isNull, and, sql, type SQL } from 'drizzle-orm'
import type { Lifespan, TokenType } from '../../contract/api-tokens'
import { apiTokenEvents, apiTokenPermissions, apiTokens } from '../db/schema'
import type { TokenDb } from '../db/token-db'
import { STRAPI_KEY_HINT } from '../keys/strapi-key'
import { tokenEventOf, type RecordedEvent } from '../tokens/token-event'
import type { AuditContext } from './api-token-events'

/** A Strapi token to store as it was: Strapi's hash, dates and actions (SPEC §12). */
export interface ImportedToken {
  name: string
  description: string
  type: TokenType
  lifespan: Lifespan
  expiresAt: number | null
  createdAt: number
  lastUsedAt: number | null
  /** Strapi's hash of the key, which the gate looks up until the key's first use. */
  accessKeyHash: string
  permissions: string[]
}

/** The tokens one D1 batch stores: 200 rows travel as one JSON parameter of about 200 KB. */
const ROWS_PER_BATCH = 200

/** What the audit log records of an import: the token's `legacy` set to `strapi`. */
export const IMPORT_EVENT_CHANGES = { legacy: [null, 'strapi'] } as const

/** The names already taken among tokens without owner, and the Strapi hashes already stored. */
export async function takenByImport(
  db: TokenDb,
  names: string[],
  hashes: string[],
): Promise<{ names: Set<string>; hashes: Set<string> }> {
  const nameList = sql`(select value from json_each(${JSON.stringify(names)}))`
  const hashList = sql`(select value from json_each(${JSON.stringify(hashes)}))`
  const [nameRows, hashRows] = await db.batch([
    db
      .select({ name: apiTokens.name })
      .from(apiTokens)
      .where(and(isNull(apiTokens.owner), inArray(apiTokens.name, nameList))),
    db
      .select({ hash: apiTokens.accessKeyHash })
      .from(apiTokens)
      .where(inArray(apiTokens.accessKeyHash, hashList)),
  ])
  return {
    names: new Set(nameRows.map((row) => row.name)),
    hashes: new Set(hashRows.map((row) => row.hash)),
  }
}

/** A field of the JSON row `json_each` walks. */
const field = (name: string) => sql`json_extract(rows.value, ${`$.${name}`})`

/**
 * The new `api_tokens` rows, every column in the table's order (drizzle's insert-select
 * lists them all): the row's own fields, the hint "Strapi key", `legacy: strapi`, no owner.
 */
function importedColumns(at: number): SQL {
  const values: Partial<Record<keyof typeof apiTokens.$inferInsert, SQL>> = {
    name: field('name'),
    description: field('description'),
    type: field('type'),
    accessKeyHash: field('accessKeyHash'),
    keyHint: sql`${STRAPI_KEY_HINT}`,
    lifespan: field('lifespan'),
    expiresAt: field('expiresAt'),
    lastUsedAt: field('lastUsedAt'),
    createdAt: field('createdAt'),
    updatedAt: sql`${at}`,
    allowedIps: sql`'[]'`,
    meta: sql`'{}'`,
    enabled: sql`1`,
    legacy: sql`'strapi'`,
  }
  const columns = Object.keys(getTableColumns(apiTokens)) as (keyof typeof values)[]
  return sql.join(
    columns.map((column) => values[column] ?? sql`null`),
    sql`, `,
  )
}

/** The token this batch inserted for a JSON row: its hash, name, hint and import time. */
function insertedFor(at: number): SQL {
  return sql`${apiTokens.accessKeyHash} = ${field('accessKeyHash')} and ${apiTokens.name} = ${field('name')} and ${apiTokens.keyHint} = ${STRAPI_KEY_HINT} and ${apiTokens.updatedAt} = ${at} and ${apiTokens.legacy} = 'strapi'`
}

/**
 * Stores imported tokens with their actions and `created` events, 200 to a D1 batch (one
 * transaction each), every batch four statements whatever its size: the rows travel as one
 * JSON parameter (`json_each`). A row whose name or hash another token took meanwhile is
 * skipped, not an error of the batch (`on conflict do nothing`): it is absent from the
 * answer, and the caller reports it.
 *
 * @example
 * const { inserted, events } = await insertImportedTokens(db, tokens, audit)
 */
export async function insertImportedTokens(
  db: TokenDb,
  tokens: ImportedToken[],
  audit: AuditContext,
): Promise<{
  inserted: { id: number; name: string; accessKeyHash: string }[]
  events: RecordedEvent[]
}> {
  const inserted: { id: number; name: string; accessKeyHash: string }[] = []
  const events: RecordedEvent[] = []
  const actor = audit.actor === null ? null : JSON.stringify(audit.actor)
  const changes = JSON.stringify(IMPORT_EVENT_CHANGES)
  for (let start = 0; start < tokens.length; start += ROWS_PER_BATCH) {
    const rows = sql`json_each(${JSON.stringify(tokens.slice(start, start + ROWS_PER_BATCH))}) as rows`
    const [stored, , recorded] = await db.batch([
      db
        .insert(apiTokens)
        // `where true`: SQLite's upsert after a SELECT needs a WHERE to parse.
        .select(sql`select ${importedColumns(audit.at)} from ${rows} where true`)
        .onConflictDoNothing()
        .returning({
          id: apiTokens.id,
          name: apiTokens.name,
          accessKeyHash: apiTokens.accessKeyHash,
        }),
      db
        .insert(apiTokenPermissions)
        .select(
          sql`select ${apiTokens.id}, actions.value from ${rows} join ${apiTokens} on ${insertedFor(audit.at)} join json_each(${field('permissions')}) as actions where true`,
        )
        .onConflictDoNothing(),
      // (id, at, action, token_id, token_name, owner, actor, changes, ip, actor_owner)
      db
        .insert(apiTokenEvents)
        .select(
          sql`select null, ${audit.at}, 'created', ${apiTokens.id}, ${apiTokens.name}, null, ${actor}, ${changes}, ${audit.ip}, ${audit.actorOwner} from ${rows} join ${apiTokens} on ${insertedFor(audit.at)}`,
        )
        .returning(),
    ])
    inserted.push(...stored)
    events.push(...recorded.map(tokenEventOf))
  }
  return { inserted, events }
}

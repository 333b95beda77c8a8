import type { CreditsConfig } from '../credits/credit-rules'
import { eq, getTableColumns, is, SQL, sql } from 'drizzle-orm'
import type {
  EventChanges,
  Lifespan,
  Token,
  TokenMeta,
  TokenSettings,
  TokenType,
} from '../../contract/api-tokens'
import { apiTokenEvents, apiTokenPermissions, apiTokens } from '../db/schema'
import type { TokenDb } from '../db/token-db'
import type { NewEvent } from '../tokens/token-edits'
import { tokenEventOf, type RecordedEvent } from '../tokens/token-event'
import { expiryFrom, isoOrNull } from '../tokens/token'
import { eventInsert, type AuditContext } from './api-token-events'
import { insertPermissions } from './api-token-permissions'
import { previousKeyOf, selectTokens, toToken, type TokenRecord } from './api-tokens'
import { announceChange } from './revocation-feed'

type EventRow = typeof apiTokenEvents.$inferSelect

export interface NewToken extends TokenSettings {
  owner: string | null
  meta: TokenMeta
  /** A custom expiry date (epoch ms) instead of `now + lifespan`. */
  expiresAt?: number | null
  accessKeyHash: string
  keyHint: string
  /** Credits as configured (SPEC §13); `null` = unmetered. */
  credits?: CreditsConfig | null
}

/** A change's result: the token as it now is, and the events recorded with it. */
export interface Recorded<T> {
  token: T
  events: RecordedEvent[]
}

/**
 * The insert of one `api_tokens` row as an INSERT … SELECT that inserts nothing unless
 * `when` holds at that moment: every column in the table's order (drizzle's insert-select
 * lists them all), given the value in `row`, else the column's default, else null (so
 * the id is assigned).
 */
function insertTokenWhere(db: TokenDb, row: typeof apiTokens.$inferInsert, when: SQL) {
  const values = Object.entries(getTableColumns(apiTokens)).map(([field, column]) => {
    const value = row[field as keyof typeof row]
    if (value !== undefined) return sql.param(value, column)
    if (column.default === undefined) return sql`null`
    return is(column.default, SQL) ? column.default : sql.param(column.default, column)
  })
  return db.insert(apiTokens).select(sql`select ${sql.join(values, sql`, `)} where ${when}`)
}

/**
 * Whether `owner` may have another token under `MAX_TOKENS_PER_OWNER` (`limit`; 0 = no
 * limit; tokens without owner have none), as a condition read inside the insert. The
 * count matches the unique index's `coalesce(owner, '')`, so it is an index range, not a
 * scan of the table.
 */
function belowOwnerLimit(owner: string | null, limit: number): SQL {
  if (owner === null || limit === 0) return sql`1`
  const owned = sql`(select count(*) from ${apiTokens} where coalesce(${apiTokens.owner}, '') = ${owner})`
  return sql`${owned} < ${limit}`
}

/**
 * Stores a token and its permissions in one D1 batch (one transaction) with its
 * `created` event: a failure leaves nothing behind. A second token with the same name
 * fails on the unique index ({@link isNameTaken}), so of two racing creates exactly one
 * wins. The owner's token limit is read by the insert itself, and the batch's other
 * statements find the token by its key hash, so they write nothing when it was not
 * inserted: however many creates race, an owner ends with at most `ownerLimit` tokens.
 * `null` when the owner is at the limit.
 */
export async function insertToken(
  db: TokenDb,
  token: NewToken,
  audit: AuditContext,
  ownerLimit: number,
): Promise<Recorded<Token> | null> {
  const byHash = sql`${apiTokens.accessKeyHash} = ${token.accessKeyHash}`
  const [, , events, [record]] = await db.batch([
    insertTokenWhere(
      db,
      {
        name: token.name,
        description: token.description,
        type: token.type,
        accessKeyHash: token.accessKeyHash,
        keyHint: token.keyHint,
        lifespan: token.lifespan,
        expiresAt: token.expiresAt ?? expiryFrom(audit.at, token.lifespan),
        allowedIps: token.allowedIps,
        rateLimit: token.rateLimit,
        enabled: token.enabled,
        owner: token.owner,
        meta: token.meta,
        credits: token.credits ?? null,
        createdAt: audit.at,
        updatedAt: audit.at,
      },
      belowOwnerLimit(token.owner, ownerLimit),
    ),
    insertPermissions(db, byHash, token.permissions),
    eventInsert(db, byHash, { action: 'created' }, audit),
    selectTokens(db).where(byHash),
  ])
  return record ? { token: toToken(record), events: events.map(tokenEventOf) } : null
}

export interface TokenChanges {
  name?: string
  description?: string
  type?: TokenType
  lifespan?: Lifespan
  allowedIps?: string[]
  rateLimit?: string | null
  enabled?: boolean
  meta?: TokenMeta
  /** New credits (SPEC §13), already set on the token's Durable Object; `null` = unmetered. */
  credits?: CreditsConfig | null
  /** The new permission set, replacing the old one; `[]` drops them all. */
  permissions?: string[]
  /** A new `expiresAt` (the duration changed), or absent to keep it. */
  expiresAt?: number | null
}

/**
 * Applies an edit, replaces the permission set and records `events`, atomically, with
 * its revocation feed row; `null` when the token is gone. A new expiry re-arms the
 * expiry notices; disabling ends a previous key's grace period.
 */
export async function updateToken(
  db: TokenDb,
  id: number,
  changes: TokenChanges,
  events: NewEvent[],
  audit: AuditContext,
): Promise<Recorded<Token> | null> {
  const { permissions, ...columns } = changes
  const byId = eq(apiTokens.id, id)
  const rearm =
    changes.expiresAt === undefined ? {} : { expiringNoticeAt: null, expiredNoticeAt: null }
  // Disabling ends a previous key's grace period; so does the token's expiry, for good:
  // extending an expired token does not bring its replaced key back.
  const expired = sql`${apiTokens.expiresAt} is not null and ${apiTokens.expiresAt} <= ${audit.at}`
  const unlessExpired = (column: SQL) => sql`case when ${expired} then null else ${column} end`
  const endGrace =
    changes.enabled === false
      ? { previousKeyHash: null, previousKeyHint: null, previousKeyExpiresAt: null }
      : changes.expiresAt !== undefined || changes.enabled === true
        ? {
            previousKeyHash: unlessExpired(sql`${apiTokens.previousKeyHash}`),
            previousKeyHint: unlessExpired(sql`${apiTokens.previousKeyHint}`),
            previousKeyExpiresAt: unlessExpired(sql`${apiTokens.previousKeyExpiresAt}`),
          }
        : {}
  // Enabling a token again answers why it was disabled (a leak, SPEC §12): no reason now.
  const reason = changes.enabled === true ? { disabledReason: null } : {}
  const update = db
    .update(apiTokens)
    .set({ ...columns, ...rearm, ...endGrace, ...reason, updatedAt: audit.at })
    .where(byId)
  const permissionWrites =
    permissions === undefined
      ? []
      : [
          db.delete(apiTokenPermissions).where(eq(apiTokenPermissions.tokenId, id)),
          insertPermissions(db, sql`${apiTokens.id} = ${id}`, permissions),
        ]
  const inserts = events.map((event) => eventInsert(db, sql`${apiTokens.id} = ${id}`, event, audit))
  const results = await db.batch([
    update,
    ...permissionWrites,
    announceChange(db, id, audit.at),
    ...inserts,
    selectTokens(db).where(byId),
  ] as const)
  const [record] = results.at(-1) as TokenRecord[]
  const recorded = results.slice(-1 - inserts.length, -1) as EventRow[][]
  return record ? { token: toToken(record), events: recorded.flat().map(tokenEventOf) } : null
}

/**
 * Deletes a token (its permissions and usage go with it) with its `deleted` event and
 * feed row, and returns what it was, or `null`.
 */
export async function deleteToken(
  db: TokenDb,
  id: number,
  audit: AuditContext,
): Promise<Recorded<Token> | null> {
  const byId = eq(apiTokens.id, id)
  const [[record], , events] = await db.batch([
    selectTokens(db).where(byId),
    announceChange(db, id, audit.at),
    eventInsert(db, sql`${apiTokens.id} = ${id}`, { action: 'deleted' }, audit),
    db.delete(apiTokens).where(byId),
  ])
  return record ? { token: toToken(record), events: events.map(tokenEventOf) } : null
}

/** The new key and lifetime of a regenerate, and how long the replaced key keeps working. */
export interface Rotation {
  key: { accessKeyHash: string; keyHint: string }
  lifespan: Lifespan
  expiresAt: number | null
  /** 0: the replaced key stops at once (it is forgotten). */
  gracePeriodMs: number
}

/** What a regenerate answers (SPEC §7). */
export interface Regenerated {
  id: number
  expiresAt: string | null
  previousKey: Token['previousKey']
}

/**
 * Swaps in a new key with its lifetime, keeping the replaced key's hash, hint and end
 * when there is a grace period (else forgetting any previous key: one at most), clearing
 * `disabledReason`, re-arming the expiry notices, with the `regenerated` event and the feed row, in one
 * batch. `null` when the token is gone.
 */
export async function replaceKey(
  db: TokenDb,
  id: number,
  rotation: Rotation,
  audit: AuditContext,
  changes?: EventChanges,
): Promise<Recorded<Regenerated> | null> {
  // Every right-hand side reads the row as it was. Only a live key (enabled, not
  // expired) is kept working, and never past the new key's own expiry: a rotation
  // never brings a disabled or expired key back.
  const alive = sql`(${apiTokens.enabled} and (${apiTokens.expiresAt} is null or ${apiTokens.expiresAt} > ${audit.at}))`
  const graceEnd =
    rotation.expiresAt === null
      ? audit.at + rotation.gracePeriodMs
      : Math.min(audit.at + rotation.gracePeriodMs, rotation.expiresAt)
  const keep = (value: SQL | number) =>
    rotation.gracePeriodMs > 0 ? sql`case when ${alive} then ${value} end` : null
  const [[row], , events] = await db.batch([
    db
      .update(apiTokens)
      .set({
        ...rotation.key,
        lifespan: rotation.lifespan,
        expiresAt: rotation.expiresAt,
        previousKeyHash: keep(sql`${apiTokens.accessKeyHash}`),
        previousKeyHint: keep(sql`${apiTokens.keyHint}`),
        previousKeyExpiresAt: keep(graceEnd),
        // A Tollgate key now: an imported Strapi token is no longer one (SPEC §12).
        legacy: null,
        expiringNoticeAt: null,
        expiredNoticeAt: null,
        // A leaked key is replaced: the token is no longer disabled for a leak (SPEC §12).
        disabledReason: null,
        updatedAt: audit.at,
      })
      .where(eq(apiTokens.id, id))
      .returning(),
    announceChange(db, id, audit.at),
    eventInsert(db, sql`${apiTokens.id} = ${id}`, { action: 'regenerated', changes }, audit),
  ])
  if (!row) return null
  return {
    token: {
      id: row.id,
      expiresAt: isoOrNull(row.expiresAt),
      previousKey: previousKeyOf(row, audit.at),
    },
    events: events.map(tokenEventOf),
  }
}

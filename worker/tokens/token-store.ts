import { and, asc, desc, eq, getTableColumns, is, isNull, or, SQL, sql } from 'drizzle-orm'
import { drizzle, type DrizzleD1Database } from 'drizzle-orm/d1'
import type { EventChanges, Lifespan, SortField, Token, TokenType } from '../../contract/api-tokens'
import { apiTokenEvents, apiTokenPermissions, apiTokens, revocationFeed } from '../db/schema'
import { eventInsert, type AuditContext, type NewEvent } from './audit-log'
import { tokenEventOf, type RecordedEvent } from './token-event'
import { expiryFrom, isoOrNull } from './token'
import type { GateToken } from './verified-key-cache'

/** The database handle every store function takes. */
export type TokenDb = DrizzleD1Database

const databases = new WeakMap<D1Database, TokenDb>()

/** The token store on a D1 binding, built once per binding (the gate's hot path asks often). */
export function tokenDb(d1: D1Database): TokenDb {
  let db = databases.get(d1)
  if (!db) databases.set(d1, (db = drizzle(d1)))
  return db
}

/** The columns an admin may see, with the granted actions folded into one JSON array. */
const tokenColumns = {
  id: apiTokens.id,
  name: apiTokens.name,
  description: apiTokens.description,
  type: apiTokens.type,
  lifespan: apiTokens.lifespan,
  expiresAt: apiTokens.expiresAt,
  lastUsedAt: apiTokens.lastUsedAt,
  createdAt: apiTokens.createdAt,
  updatedAt: apiTokens.updatedAt,
  keyHint: apiTokens.keyHint,
  allowedIps: apiTokens.allowedIps,
  rateLimit: apiTokens.rateLimit,
  enabled: apiTokens.enabled,
  owner: apiTokens.owner,
  previousKeyHint: apiTokens.previousKeyHint,
  previousKeyExpiresAt: apiTokens.previousKeyExpiresAt,
  permissions: sql<string>`(select json_group_array(${apiTokenPermissions.action}) from ${apiTokenPermissions} where ${apiTokenPermissions.tokenId} = ${apiTokens.id})`,
}

const selectTokens = (db: TokenDb) => db.select(tokenColumns).from(apiTokens)
type TokenRecord = Awaited<ReturnType<typeof selectTokens>>[number]
type EventRow = typeof apiTokenEvents.$inferSelect

/**
 * The replaced key while its grace period runs, else `null`: disabling or the token's
 * expiry ends it too (SPEC §7).
 */
function previousKeyOf(
  record: Pick<TokenRecord, 'enabled' | 'expiresAt' | 'previousKeyHint' | 'previousKeyExpiresAt'>,
  now: number,
): Token['previousKey'] {
  const { previousKeyHint: keyHint, previousKeyExpiresAt: until } = record
  const ended = !record.enabled || (record.expiresAt !== null && record.expiresAt <= now)
  if (ended || keyHint === null || until === null || until <= now) return null
  return { keyHint, expiresAt: new Date(until).toISOString() }
}

function toToken(record: TokenRecord): Token {
  return {
    id: record.id,
    name: record.name,
    description: record.description,
    type: record.type,
    lifespan: record.lifespan as Lifespan,
    expiresAt: isoOrNull(record.expiresAt),
    lastUsedAt: isoOrNull(record.lastUsedAt),
    createdAt: isoOrNull(record.createdAt)!,
    updatedAt: isoOrNull(record.updatedAt)!,
    permissions: (JSON.parse(record.permissions) as string[]).sort(),
    keyHint: record.keyHint,
    allowedIps: record.allowedIps,
    rateLimit: record.rateLimit,
    enabled: record.enabled,
    previousKey: previousKeyOf(record, Date.now()),
    owner: record.owner,
  }
}

/** Whether an error from D1 is the unique index on `name` refusing a second token. */
export function isNameTaken(error: unknown): boolean {
  return someCause(error, (e) =>
    /UNIQUE constraint failed: (api_tokens\.name|index 'api_tokens_owner_name')/.test(e.message),
  )
}

/** Whether an error, or any error in its `cause` chain (drizzle wraps D1's), matches. */
function someCause(error: unknown, test: (error: Error) => boolean): boolean {
  for (let e: unknown = error; e instanceof Error; e = e.cause) if (test(e)) return true
  return false
}

/**
 * Whether an error comes from the database (a D1 error, or drizzle's wrapper of one):
 * the token store is unavailable, a 503, never a 500 with SQL in it.
 */
export function isStoreFailure(error: unknown): boolean {
  return someCause(error, (e) => e.name === 'DrizzleQueryError' || /^D1_/.test(e.message))
}

/**
 * Inserts one permission row per action, finding the token by `tokenMatch`. The
 * actions travel as one JSON parameter (`json_each`), clear of D1's 100-parameter limit.
 */
function insertPermissions(db: TokenDb, tokenMatch: SQL, actions: string[]) {
  return db
    .insert(apiTokenPermissions)
    .select(
      sql`select ${apiTokens.id}, json_each.value from ${apiTokens}, json_each(${JSON.stringify(actions)}) where ${tokenMatch}`,
    )
}

/**
 * Appends token `id` to the revocation feed (SPEC §9) when it exists. Put it in the same
 * batch as the change it announces: no change without its feed row, no row without it.
 */
function announceChange(db: TokenDb, id: number, now: number) {
  // (seq, token_id, at): a null seq takes the next number.
  return db
    .insert(revocationFeed)
    .select(
      sql`select null, ${apiTokens.id}, ${now} from ${apiTokens} where ${apiTokens.id} = ${id}`,
    )
}

export interface ListQuery {
  sort: { field: SortField; direction: 'asc' | 'desc' }
  q?: string
  /** Only enabled (`true`) or disabled (`false`) tokens. */
  enabled?: boolean
  /** Only this owner's tokens (`null`: those without owner). */
  owner?: string | null
  /** The admin's scope: outside it nothing is listed. */
  scope?: OwnerScope
  page?: { page: number; pageSize: number }
}

/** Tokens in the requested order, filtered by `q`, one page of them when asked. */
export async function listTokens(
  db: TokenDb,
  query: ListQuery,
): Promise<{ tokens: Token[]; total: number }> {
  const order = query.sort.direction === 'asc' ? asc : desc
  const pattern = query.q ? `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : undefined
  const where = and(
    pattern
      ? or(
          sql`${apiTokens.name} like ${pattern} escape '\\'`,
          sql`${apiTokens.description} like ${pattern} escape '\\'`,
        )
      : undefined,
    query.enabled === undefined ? undefined : eq(apiTokens.enabled, query.enabled),
    query.owner === undefined
      ? undefined
      : query.owner === null
        ? isNull(apiTokens.owner)
        : eq(apiTokens.owner, query.owner),
    inScope(query.scope),
  )
  const base = selectTokens(db)
    .where(where)
    .orderBy(order(apiTokens[query.sort.field]), order(apiTokens.id))
  if (!query.page) {
    const records = await base
    return { tokens: records.map(toToken), total: records.length }
  }
  const { page, pageSize } = query.page
  const [records, [count]] = await db.batch([
    base.limit(pageSize).offset((page - 1) * pageSize),
    db
      .select({ total: sql<number>`count(*)` })
      .from(apiTokens)
      .where(where),
  ])
  return { tokens: records.map(toToken), total: count?.total ?? 0 }
}

/** One token, or `null`. */
/**
 * Whose tokens an admin sees (SPEC §8): an owner's only (a scoped admin), or every
 * token (`undefined`: an operator).
 */
export type OwnerScope = string | undefined

/** The condition that keeps a query inside `scope`. */
export function inScope(scope: OwnerScope): SQL | undefined {
  return scope === undefined ? undefined : eq(apiTokens.owner, scope)
}

/** One token within `scope`, or `null` (another owner's token is as absent as a missing one). */
export async function findToken(
  db: TokenDb,
  id: number,
  scope?: OwnerScope,
): Promise<Token | null> {
  const [record] = await selectTokens(db).where(and(eq(apiTokens.id, id), inScope(scope)))
  return record ? toToken(record) : null
}

/** Whether another token already uses this name. */
/** Whether another token of the same owner (or another without owner) uses this name. */
export async function nameInUse(
  db: TokenDb,
  name: string,
  owner: string | null,
  exceptId?: number,
): Promise<boolean> {
  const [row] = await db
    .select({ id: apiTokens.id })
    .from(apiTokens)
    .where(
      and(
        eq(apiTokens.name, name),
        owner === null ? isNull(apiTokens.owner) : eq(apiTokens.owner, owner),
      ),
    )
  return row !== undefined && row.id !== exceptId
}

export interface NewToken {
  name: string
  description: string
  type: TokenType
  lifespan: Lifespan
  permissions: string[]
  allowedIps: string[]
  rateLimit: string | null
  enabled: boolean
  owner: string | null
  /** A custom expiry date (epoch ms) instead of `now + lifespan`. */
  expiresAt?: number | null
  accessKeyHash: string
  keyHint: string
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
  const update = db
    .update(apiTokens)
    .set({ ...columns, ...rearm, ...endGrace, updatedAt: audit.at })
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
 * when there is a grace period (else forgetting any previous key: one at most),
 * re-arming the expiry notices, with the `regenerated` event and the feed row, in one
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
        expiringNoticeAt: null,
        expiredNoticeAt: null,
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

/**
 * The gate's lookup: the token a key hash belongs to, with its grants — by its current
 * key, or by the key a regenerate replaced (then with `previousKeyUntil`, the end of its
 * grace period, which the gate checks on every request) — or `null`.
 */
export async function findGateToken(db: TokenDb, keyHash: string): Promise<GateToken | null> {
  const [record] = await db
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      type: apiTokens.type,
      expiresAt: apiTokens.expiresAt,
      lastUsedAt: apiTokens.lastUsedAt,
      allowedIps: apiTokens.allowedIps,
      rateLimit: apiTokens.rateLimit,
      enabled: apiTokens.enabled,
      owner: apiTokens.owner,
      current: sql<number>`${apiTokens.accessKeyHash} = ${keyHash}`,
      previousKeyExpiresAt: apiTokens.previousKeyExpiresAt,
      permissions: tokenColumns.permissions,
    })
    .from(apiTokens)
    .where(or(eq(apiTokens.accessKeyHash, keyHash), eq(apiTokens.previousKeyHash, keyHash)))
  if (!record) return null
  const { current, previousKeyExpiresAt, permissions, ...token } = record
  return {
    ...token,
    permissions: new Set(JSON.parse(permissions) as string[]),
    ...(current ? {} : { previousKeyUntil: previousKeyExpiresAt ?? 0 }),
  }
}

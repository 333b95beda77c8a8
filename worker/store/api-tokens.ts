import type { TokenDb } from '../db/token-db'
import { someCause } from '../db/token-db'
import { and, asc, desc, eq, isNotNull, isNull, or, SQL, sql } from 'drizzle-orm'
import type { Lifespan, SortField, Token, TokenType } from '../../contract/api-tokens'
import { apiTokenPermissions, apiTokens } from '../db/schema'
import { isoOrNull } from '../tokens/token'
import { type GateToken } from '../tokens/gate-token'
import type { CreditsConfig } from '../credits/credit-rules'

/** The columns an admin may see, with the granted actions folded into one JSON array. */
export const tokenColumns = {
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
  meta: apiTokens.meta,
  disabledReason: apiTokens.disabledReason,
  legacy: apiTokens.legacy,
  previousKeyHint: apiTokens.previousKeyHint,
  previousKeyExpiresAt: apiTokens.previousKeyExpiresAt,
  credits: apiTokens.credits,
  permissions: sql<string>`(select json_group_array(${apiTokenPermissions.action}) from ${apiTokenPermissions} where ${apiTokenPermissions.tokenId} = ${apiTokens.id})`,
}

export const selectTokens = (db: TokenDb) => db.select(tokenColumns).from(apiTokens)
export type TokenRecord = Awaited<ReturnType<typeof selectTokens>>[number]

/**
 * The replaced key while its grace period runs, else `null`: disabling or the token's
 * expiry ends it too (SPEC §7).
 */
export function previousKeyOf(
  record: Pick<TokenRecord, 'enabled' | 'expiresAt' | 'previousKeyHint' | 'previousKeyExpiresAt'>,
  now: number,
): Token['previousKey'] {
  const { previousKeyHint: keyHint, previousKeyExpiresAt: until } = record
  const ended = !record.enabled || (record.expiresAt !== null && record.expiresAt <= now)
  if (ended || keyHint === null || until === null || until <= now) return null
  return { keyHint, expiresAt: new Date(until).toISOString() }
}

export function toToken(record: TokenRecord): Token {
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
    disabledReason: record.disabledReason,
    legacy: record.legacy,
    meta: record.meta,
    // As configured, without when: the live balance is the Durable Object's (live-credits.ts).
    credits: record.credits && {
      remaining: record.credits.remaining,
      refill: record.credits.refill,
    },
  }
}

/** The credits of tokens `ids` as stored, with when they were configured (SPEC §13), by id. */
export async function storedCredits(
  db: TokenDb,
  ids: number[],
): Promise<Map<number, CreditsConfig>> {
  if (ids.length === 0) return new Map()
  const rows = await db
    .select({ id: apiTokens.id, credits: apiTokens.credits })
    .from(apiTokens)
    // One JSON parameter however many ids: D1 binds at most 100 per statement.
    .where(
      and(
        sql`${apiTokens.id} in (select value from json_each(${JSON.stringify(ids)}))`,
        isNotNull(apiTokens.credits),
      ),
    )
  return new Map(rows.flatMap(({ id, credits }) => (credits ? [[id, credits] as const] : [])))
}

/** Whether an error from D1 is the unique index on `name` refusing a second token. */
export function isNameTaken(error: unknown): boolean {
  return someCause(error, (e) =>
    /UNIQUE constraint failed: (api_tokens\.name|index 'api_tokens_owner_name')/.test(e.message),
  )
}

export interface ListQuery {
  sort: { field: SortField; direction: 'asc' | 'desc' }
  q?: string
  /** Only enabled (`true`) or disabled (`false`) tokens. */
  enabled?: boolean
  /** Only tokens of this type. */
  type?: TokenType
  /** Only this owner's tokens (`null`: those without owner). */
  owner?: string | null
  /** The admin's scope: outside it nothing is listed. */
  scope?: OwnerScope
  page?: { page: number; pageSize: number }
}

/**
 * The column a sort field orders by. Names sort case-insensitively (SPEC §2), by the same
 * `COLLATE NOCASE` as their index (`api_tokens_name_nocase`), so the list stays an index walk.
 */
function sortKey(field: SortField) {
  return field === 'name' ? sql`${apiTokens.name} collate nocase` : apiTokens[field]
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
    query.type === undefined ? undefined : eq(apiTokens.type, query.type),
    query.owner === undefined
      ? undefined
      : query.owner === null
        ? isNull(apiTokens.owner)
        : eq(apiTokens.owner, query.owner),
    inScope(query.scope),
  )
  const base = selectTokens(db)
    .where(where)
    .orderBy(order(sortKey(query.sort.field)), order(apiTokens.id))
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
      meta: apiTokens.meta,
      credits: apiTokens.credits,
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

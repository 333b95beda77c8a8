import type { Settings } from '../config/settings'
import { storeUnavailable } from '../http/api-error'
import { isWellFormedApiKey } from '../keys/key-format'
import { hashApiKey } from '../keys/key-hash'
import { isStrapiFormatKey } from '../keys/strapi-key'
import { findGateToken } from '../store/api-tokens'
import { verifiedKeyCache } from './verified-key-cache'
import { catchUpWithFeed } from './revocation-poller'
import type { UnknownKeyGuard } from './unknown-key-limit'
import { type TokenDb } from '../db/token-db'
import { type GateToken } from '../tokens/gate-token'
import { findByStrapiHash } from './strapi-key-lookup'

/** The outcome of checking a key, in Unkey's fixed order: shape, existence, enabled, expiry. */
export type KeyVerdict =
  | { code: 'VALID'; token: GateToken }
  | { code: 'DISABLED' | 'EXPIRED'; token: GateToken }
  | { code: 'MALFORMED' | 'NOT_FOUND' }

/** What verification needs besides the key. */
export interface VerifyOptions {
  settings: Settings
  pepper: string
  /** The gate's D1 session, opened on first use: a warm key never opens one. */
  db: () => TokenDb
  now: number
  /** Runs work off the request path (`ctx.waitUntil`): feed polls, refreshes. */
  waitUntil: (work: Promise<unknown>) => void
  /** Charges unknown keys to the client address (the gate's; SPEC §10). */
  unknownKeys?: UnknownKeyGuard
  /**
   * `STRAPI_API_TOKEN_SALT`: when set, a key in Strapi's format is looked up by Strapi's
   * hash too, until its first use stores Tollgate's (SPEC §12).
   */
  strapiSalt?: string | undefined
}

/** A key's Tollgate hash, and the Strapi key itself when it has Strapi's format. */
interface KeyLookup {
  hash: string
  strapiKey?: string
}

/** Unknown keys are remembered for a fifth of the TTL: typos and probes stay cheap. */
const NEGATIVE_TTL_SHARE = 0.2
/** A known key in the last fifth of its life is served and refreshed in the background. */
const REFRESH_AHEAD_SHARE = 0.2
/** Keys being refreshed now: one refresh per key at a time. */
const refreshing = new Set<string>()

const messageOf = (error: unknown) => (error instanceof Error ? error.message : error)

async function lookUp(
  db: TokenDb,
  { hash, strapiKey }: KeyLookup,
  { strapiSalt, waitUntil }: VerifyOptions,
): Promise<GateToken | null> {
  try {
    const token = await findGateToken(db, hash)
    if (token || strapiKey === undefined || !strapiSalt) return token
    return await findByStrapiHash(db, {
      key: strapiKey,
      salt: strapiSalt,
      tollgateHash: hash,
      waitUntil,
    })
  } catch (error) {
    console.error('[tollgate] token lookup failed', messageOf(error))
    throw storeUnavailable()
  }
}

/**
 * Looks the key up in D1 and caches the answer for the TTL (a fifth of it when unknown).
 * An admin change that lands while D1 answers must not be undone by caching the answer
 * read before it: the cache refuses a result older than its last eviction.
 */
async function lookUpAndCache(
  lookup: KeyLookup,
  options: VerifyOptions,
): Promise<GateToken | null> {
  const { settings, db, now } = options
  const { hash } = lookup
  const ttl = settings.cacheTtlMs
  const generation = verifiedKeyCache.generation()
  const token = await lookUp(db(), lookup, options)
  if (ttl > 0) {
    const freshFor = token ? ttl : ttl * NEGATIVE_TTL_SHARE
    verifiedKeyCache.set(hash, token, now + freshFor, generation)
  }
  return token
}

function refreshAhead(lookup: KeyLookup, options: VerifyOptions): void {
  const { hash } = lookup
  if (refreshing.has(hash)) return
  refreshing.add(hash)
  options.waitUntil(
    lookUpAndCache(lookup, options)
      .catch(() => {
        // lookUp logged it; the entry stays until it expires, then D1 is asked again.
      })
      .finally(() => refreshing.delete(hash)),
  )
}

/**
 * Verifies an API key: shape and checksum first (no I/O), then the HMAC lookup through
 * the isolate cache (a miss or `CACHE_TTL_SECONDS=0` asks D1), then expiry, which is
 * evaluated on every request, cached or not. The cache is trusted only while the
 * isolate keeps up with the revocation feed (after an idle spell it reads the feed
 * first); a known key in the last fifth of its life is served and refreshed in the
 * background. A database failure is a 503: the gate fails closed. Unknown keys are
 * charged to their sender when `unknownKeys` is given (past its limit: 429). With
 * `strapiSalt`, a key that is not Tollgate's but has Strapi's format takes the same path,
 * with Strapi's hash looked up when Tollgate's finds nothing (SPEC §12); Tollgate's keys
 * are told apart first and pay nothing for it.
 *
 * @example
 * const verdict = await verifyApiKey(key, { settings, pepper, db, now: Date.now(), waitUntil })
 */
export async function verifyApiKey(key: string, options: VerifyOptions): Promise<KeyVerdict> {
  const { settings, pepper, now } = options
  let lookup: KeyLookup
  if (isWellFormedApiKey(key, settings.tokenPrefix)) {
    lookup = { hash: await hashApiKey(key, pepper) }
  } else if (options.strapiSalt && isStrapiFormatKey(key)) {
    lookup = { hash: await hashApiKey(key, pepper), strapiKey: key }
  } else {
    return { code: 'MALFORMED' }
  }
  const { hash } = lookup
  const ttl = settings.cacheTtlMs
  let token: GateToken | null
  const cached = ttl > 0 ? await trustedEntry(hash, options) : undefined
  if (cached) {
    token = cached.token
    if (token && now >= cached.freshUntil - ttl * REFRESH_AHEAD_SHARE) refreshAhead(lookup, options)
  } else {
    await options.unknownKeys?.beforeLookup()
    token = await lookUpAndCache(lookup, options)
  }
  // A replaced key works until its grace period ends, cached or not (SPEC §7).
  if (!token || (token.previousKeyUntil !== undefined && token.previousKeyUntil <= now)) {
    await options.unknownKeys?.unknown()
    return { code: 'NOT_FOUND' }
  }
  // Unkey's order (SPEC §7): not found → disabled → expired.
  if (!token.enabled) return { code: 'DISABLED', token }
  if (token.expiresAt !== null && token.expiresAt <= now) return { code: 'EXPIRED', token }
  return { code: 'VALID', token }
}

/** The cached entry for `hash`, once the isolate has caught up with the revocation feed. */
async function trustedEntry(hash: string, options: VerifyOptions) {
  const catchUp = catchUpWithFeed(options.now, {
    db: options.db,
    pollMs: options.settings.revocationPollMs,
    waitUntil: options.waitUntil,
  })
  if (catchUp) {
    try {
      await catchUp
    } catch (error) {
      console.error('[tollgate] revocation feed read failed', messageOf(error))
      throw storeUnavailable()
    }
  }
  return verifiedKeyCache.get(hash, options.now)
}

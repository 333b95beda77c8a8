import type { Settings } from '../config/settings'
import { storeUnavailable } from '../http/api-error'
import { isWellFormedApiKey } from '../keys/key-format'
import { hashApiKey } from '../keys/key-hash'
import { findGateToken } from '../store/api-tokens'
import { verifiedKeyCache } from './verified-key-cache'
import { catchUpWithFeed } from './revocation-poller'
import type { UnknownKeyGuard } from './unknown-key-limit'
import { type TokenDb } from '../db/token-db'
import { type GateToken } from '../tokens/gate-token'

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
}

/** Unknown keys are remembered for a fifth of the TTL: typos and probes stay cheap. */
const NEGATIVE_TTL_SHARE = 0.2
/** A known key in the last fifth of its life is served and refreshed in the background. */
const REFRESH_AHEAD_SHARE = 0.2
/** Keys being refreshed now: one refresh per key at a time. */
const refreshing = new Set<string>()

const messageOf = (error: unknown) => (error instanceof Error ? error.message : error)

async function lookUp(db: TokenDb, hash: string): Promise<GateToken | null> {
  try {
    return await findGateToken(db, hash)
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
  hash: string,
  { settings, db, now }: VerifyOptions,
): Promise<GateToken | null> {
  const ttl = settings.cacheTtlMs
  const generation = verifiedKeyCache.generation()
  const token = await lookUp(db(), hash)
  if (ttl > 0) {
    const freshFor = token ? ttl : ttl * NEGATIVE_TTL_SHARE
    verifiedKeyCache.set(hash, token, now + freshFor, generation)
  }
  return token
}

function refreshAhead(hash: string, options: VerifyOptions): void {
  if (refreshing.has(hash)) return
  refreshing.add(hash)
  options.waitUntil(
    lookUpAndCache(hash, options)
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
 * charged to their sender when `unknownKeys` is given (past its limit: 429).
 *
 * @example
 * const verdict = await verifyApiKey(key, { settings, pepper, db, now: Date.now(), waitUntil })
 */
export async function verifyApiKey(key: string, options: VerifyOptions): Promise<KeyVerdict> {
  const { settings, pepper, now } = options
  if (!isWellFormedApiKey(key, settings.tokenPrefix)) return { code: 'MALFORMED' }
  const hash = await hashApiKey(key, pepper)
  const ttl = settings.cacheTtlMs
  let token: GateToken | null
  const cached = ttl > 0 ? await trustedEntry(hash, options) : undefined
  if (cached) {
    token = cached.token
    if (token && now >= cached.freshUntil - ttl * REFRESH_AHEAD_SHARE) refreshAhead(hash, options)
  } else {
    await options.unknownKeys?.beforeLookup()
    token = await lookUpAndCache(hash, options)
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

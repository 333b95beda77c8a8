import type { Settings } from '../config/settings'
import { storeUnavailable } from '../http/api-error'
import { isWellFormedApiKey } from '../keys/key-format'
import { hashApiKey } from '../keys/key-hash'
import { findGateToken, type TokenDb } from '../tokens/token-store'
import { verifiedKeyCache, type GateToken } from '../tokens/verified-key-cache'

/** The outcome of checking a key, in Unkey's fixed order: shape, existence, expiry. */
export type KeyVerdict =
  | { code: 'VALID'; token: GateToken }
  | { code: 'EXPIRED'; token: GateToken }
  | { code: 'MALFORMED' | 'NOT_FOUND' }

/** Unknown keys are remembered for a fifth of the TTL: typos and probes stay cheap. */
const NEGATIVE_TTL_SHARE = 0.2

async function lookUp(db: TokenDb, hash: string): Promise<GateToken | null> {
  try {
    return await findGateToken(db, hash)
  } catch (error) {
    console.error('[tollgate] token lookup failed', error instanceof Error ? error.message : error)
    throw storeUnavailable()
  }
}

/**
 * Verifies an API key: shape and checksum first (no I/O), then the HMAC lookup through
 * the isolate cache (a miss or `CACHE_TTL_SECONDS=0` asks D1), then expiry, which is
 * evaluated on every request, cached or not. A database failure is a 503: the gate
 * fails closed.
 *
 * @example
 * const verdict = await verifyApiKey(key, { settings, pepper, db, now: Date.now() })
 */
export async function verifyApiKey(
  key: string,
  { settings, pepper, db, now }: { settings: Settings; pepper: string; db: TokenDb; now: number },
): Promise<KeyVerdict> {
  if (!isWellFormedApiKey(key, settings.tokenPrefix)) return { code: 'MALFORMED' }
  const hash = await hashApiKey(key, pepper)
  const ttl = settings.cacheTtlMs
  let token: GateToken | null
  const cached = ttl > 0 ? verifiedKeyCache.get(hash, now) : undefined
  if (cached) {
    token = cached.token
  } else {
    // An admin change that lands while D1 answers must not be undone by caching the
    // answer read before it: the cache refuses a result older than its last eviction.
    const generation = verifiedKeyCache.generation()
    token = await lookUp(db, hash)
    if (ttl > 0) {
      const freshFor = token ? ttl : ttl * NEGATIVE_TTL_SHARE
      verifiedKeyCache.set(hash, token, now + freshFor, generation)
    }
  }
  if (!token) return { code: 'NOT_FOUND' }
  if (token.expiresAt !== null && token.expiresAt <= now) return { code: 'EXPIRED', token }
  return { code: 'VALID', token }
}

import type { TokenType } from '../../contract/api-tokens'

/** What the gate needs of a token, as cached per isolate. */
export interface GateToken {
  id: number
  name: string
  type: TokenType
  expiresAt: number | null
  lastUsedAt: number | null
  permissions: ReadonlySet<string>
  /** Addresses and CIDR ranges the key may be used from; `[]` = any. */
  allowedIps: readonly string[]
  /** The rate-limit tier's name, or `null`. */
  rateLimit: string | null
  /** `false`: the key is refused with `DISABLED` (SPEC §7). */
  enabled: boolean
  /** The customer the token belongs to (SPEC §8), or `null`. */
  owner: string | null
  /**
   * Set when the key is the one a regenerate replaced: the end of its grace period
   * (epoch ms), checked on every request, cached or not.
   */
  previousKeyUntil?: number
}

interface Entry {
  token: GateToken | null
  freshUntil: number
}

/** How many keys an isolate remembers; the least recently used goes first. */
export const MAX_ENTRIES = 10_000
const entries = new Map<string, Entry>()
/** Bumped by every eviction: a lookup that began before one must not be cached. */
let evictions = 0

/**
 * The isolate's cache of key lookups, keyed by the key's HMAC (never the plaintext):
 * a bounded LRU of 10,000 entries. `null` is a negative entry (no such key). Strict
 * mode (`CACHE_TTL_SECONDS=0`) does not use it at all.
 */
export const verifiedKeyCache = {
  get(hash: string, now: number): Entry | undefined {
    const entry = entries.get(hash)
    if (!entry) return undefined
    entries.delete(hash)
    if (entry.freshUntil <= now) return undefined
    entries.set(hash, entry)
    return entry
  },

  /**
   * The eviction generation now: take it before a D1 lookup and pass it to
   * {@link verifiedKeyCache.set}, which drops the result if an admin change came between.
   */
  generation(): number {
    return evictions
  },

  set(hash: string, token: GateToken | null, freshUntil: number, generation: number): void {
    if (generation !== evictions) return
    entries.delete(hash)
    entries.set(hash, { token, freshUntil })
    if (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value!)
  },
}

/**
 * Drops every cached entry: the isolate fell behind the revocation feed (its position
 * precedes the oldest remaining row), so it cannot tell which entries a change touched.
 * Bumps the generation, as an eviction does, so lookups in flight are not cached.
 */
export function clearVerifiedKeys(): void {
  evictions += 1
  entries.clear()
}

/**
 * Drops every cached entry of token `id`: called by each admin change (update, delete,
 * regenerate) so that in this isolate it takes effect at once, and by the revocation
 * poller for the changes other isolates made.
 */
export function evictToken(id: number): void {
  evictions += 1
  for (const [hash, entry] of entries) {
    if (entry.token?.id === id) entries.delete(hash)
  }
}

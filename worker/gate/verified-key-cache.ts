import type { GateToken } from '../tokens/gate-token'

interface Entry {
  token: GateToken | null
  freshUntil: number
}

/** How many known keys an isolate remembers, and as many unknown ones; the least recently used goes first. */
export const MAX_ENTRIES = 10_000
/** Known keys, and apart from them unknown ones: a flood of unknown keys never evicts a known key. */
const known = new Map<string, Entry>()
const unknown = new Map<string, Entry>()
/** Bumped by every eviction: a lookup that began before one must not be cached. */
let evictions = 0

/**
 * The isolate's cache of key lookups, keyed by the key's HMAC (never the plaintext):
 * bounded LRUs of 10,000 known keys and 10,000 negative entries (`null`: no such key),
 * kept apart so that negative entries never evict positive ones (SPEC §10). Strict mode
 * (`CACHE_TTL_SECONDS=0`) does not use it at all.
 */
export const verifiedKeyCache = {
  get(hash: string, now: number): Entry | undefined {
    const entries = known.has(hash) ? known : unknown
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
    known.delete(hash)
    unknown.delete(hash)
    const entries = token ? known : unknown
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
  known.clear()
  unknown.clear()
}

/**
 * Drops every cached entry of token `id`: called by each admin change (update, delete,
 * regenerate) so that in this isolate it takes effect at once, and by the revocation
 * poller for the changes other isolates made.
 */
export function evictToken(id: number): void {
  evictions += 1
  for (const [hash, entry] of known) {
    if (entry.token?.id === id) known.delete(hash)
  }
}

import { clientLimiter } from '../http/rate-limit'
import { clientNetwork } from '../tokens/ip-allow-list'

/** Unknown keys a client address may try per minute (SPEC §10), unless the binding says otherwise. */
const UNKNOWN_KEYS_PER_MINUTE = 60
const WINDOW_MS = 60_000
const MAX_SUSPECTS = 10_000

const limiter = clientLimiter({
  limit: UNKNOWN_KEYS_PER_MINUTE,
  windowMs: WINDOW_MS,
  binding: 'UNKNOWN_KEY_RATE_LIMIT',
})
/** Addresses that sent an unknown key lately, and until when they are watched. */
const suspects = new Map<string, number>()

/** How a request's key lookups are charged to its client address. */
export interface UnknownKeyGuard {
  /** Before a key the isolate cannot answer from memory is looked up in D1. */
  beforeLookup(): Promise<void>
  /** The key is well-formed and unknown (from D1 or a negative cache entry). */
  unknown(): Promise<void>
}

/**
 * Makes well-formed unknown keys cost their sender (SPEC §10): each is counted per client
 * address (`CF-Connecting-IP`, an IPv6 address by its /64: {@link clientNetwork}) on the
 * `UNKNOWN_KEY_RATE_LIMIT` binding (60 a minute in the isolate without one), and past the
 * limit the answer is 429 `RateLimitError`. The address is read only when a key misses
 * the cache: a known key's request never pays for it. Once an address has sent
 * an unknown key, its next lookups are counted before D1 is asked, so past the limit it
 * costs no D1 read; an address that only sends known keys is never counted.
 *
 * @example
 * const unknownKeys = unknownKeyGuard(env, c.req.header('CF-Connecting-IP'), now)
 */
export function unknownKeyGuard(
  env: object,
  connectingIp: string | undefined,
  now: number,
): UnknownKeyGuard {
  let counted = false
  let network: string | undefined
  const client = () => (network ??= clientNetwork(connectingIp))
  const spend = async () => {
    if (counted) return
    counted = true
    if (suspects.size >= MAX_SUSPECTS) suspects.clear()
    suspects.set(client(), now + WINDOW_MS)
    await limiter.spend(env, client(), now)
  }
  return {
    async beforeLookup() {
      if ((suspects.get(client()) ?? 0) > now) await spend()
    },
    unknown: spend,
  }
}

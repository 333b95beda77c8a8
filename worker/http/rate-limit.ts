import { createMiddleware } from 'hono/factory'
import type { AppEnv } from '../env'
import { clientNetwork } from '../tokens/ip-allow-list'
import { tooManyRequests } from './api-error'

const MAX_CLIENTS = 10_000

/** A binding as `[[ratelimits]]` declares it. */
function isRateLimit(binding: unknown): binding is RateLimit {
  return (
    typeof binding === 'object' &&
    binding !== null &&
    typeof (binding as { limit?: unknown }).limit === 'function'
  )
}

/**
 * The Workers Rate Limiting binding `name` from the worker's env, or `undefined` when
 * none is declared under that name.
 */
export function rateLimitBinding(env: object, name: string): RateLimit | undefined {
  const binding: unknown = Reflect.get(env, name)
  return isRateLimit(binding) ? binding : undefined
}

/** What a per-client limit counts on, and how much it allows. */
export interface ClientLimit {
  limit: number
  windowMs: number
  /** The `[[ratelimits]]` binding's name; without one declared, the isolate counts. */
  binding?: string
}

/**
 * A per-client limit: `spend(env, client)` counts one request of `client` and throws 429
 * `RateLimitError` with `Retry-After` beyond the limit. When the env holds the Workers Rate
 * Limiting binding named `binding` (`[[ratelimits]]`), that binding counts (across the
 * location's isolates); else a fixed window kept in the isolate does (each isolate counts
 * its own clients: a bound on abuse, not an exact quota).
 *
 * @example
 * const limiter = clientLimiter({ limit: 60, windowMs: 60_000, binding: 'UNKNOWN_KEY_RATE_LIMIT' })
 * await limiter.spend(env, '203.0.113.7', Date.now())
 */
export function clientLimiter({ limit, windowMs, binding }: ClientLimit) {
  const windows = new Map<string, { start: number; count: number }>()
  return {
    async spend(env: object, client: string, now: number): Promise<void> {
      const limiter = binding === undefined ? undefined : rateLimitBinding(env, binding)
      if (limiter) {
        const { success } = await limiter.limit({ key: client })
        if (!success) throw tooManyRequests(Math.ceil(windowMs / 1000))
        return
      }
      let window = windows.get(client)
      if (!window || now - window.start >= windowMs) {
        if (windows.size >= MAX_CLIENTS) windows.clear()
        window = { start: now, count: 0 }
        windows.set(client, window)
      }
      window.count += 1
      if (window.count > limit) {
        throw tooManyRequests(Math.ceil((window.start + windowMs - now) / 1000))
      }
    },
  }
}

/**
 * A per-client limit on a route, keyed by the network of `CF-Connecting-IP`
 * ({@link clientNetwork}: an IPv6 client's /64) ({@link clientLimiter}).
 *
 * @example
 * app.post('/auth/verify', rateLimit({ limit: 60, windowMs: 60_000, binding: 'AUTH_VERIFY_RATE_LIMIT' }), handler)
 */
export function rateLimit(limit: ClientLimit) {
  const limiter = clientLimiter(limit)
  return createMiddleware<AppEnv>(async function rateLimit(c, next) {
    await limiter.spend(c.env, clientNetwork(c.req.header('CF-Connecting-IP')), Date.now())
    await next()
  })
}

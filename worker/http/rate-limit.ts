import { createMiddleware } from 'hono/factory'
import type { AppEnv } from '../env'
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

/**
 * A per-client limit, keyed by `CF-Connecting-IP`. When the env holds the Workers Rate
 * Limiting binding named `binding` (`[[ratelimits]]`), that binding counts (across the
 * location's isolates); else a fixed window kept in the isolate does (each isolate counts
 * its own clients: a bound on abuse, not an exact quota). Beyond it: 429
 * `RateLimitError` with `Retry-After`.
 *
 * @example
 * app.post('/auth/verify', rateLimit({ limit: 60, windowMs: 60_000, binding: 'AUTH_VERIFY_RATE_LIMIT' }), handler)
 */
export function rateLimit({
  limit,
  windowMs,
  binding,
}: {
  limit: number
  windowMs: number
  binding?: string
}) {
  const windows = new Map<string, { start: number; count: number }>()
  return createMiddleware<AppEnv>(async function rateLimit(c, next) {
    const client = c.req.header('CF-Connecting-IP') ?? 'unknown'
    const limiter = binding === undefined ? undefined : rateLimitBinding(c.env, binding)
    if (limiter) {
      const { success } = await limiter.limit({ key: client })
      if (!success) {
        throw tooManyRequests(Math.ceil(windowMs / 1000))
      }
      return next()
    }
    const now = Date.now()
    let window = windows.get(client)
    if (!window || now - window.start >= windowMs) {
      if (windows.size >= MAX_CLIENTS) windows.clear()
      window = { start: now, count: 0 }
      windows.set(client, window)
    }
    window.count += 1
    if (window.count > limit) {
      const retryAfter = Math.ceil((window.start + windowMs - now) / 1000)
      throw tooManyRequests(retryAfter)
    }
    await next()
  })
}

import { createMiddleware } from 'hono/factory'
import type { AppEnv } from '../env'
import { ApiError } from './api-error'

const MAX_CLIENTS = 10_000

/**
 * A per-client fixed-window limit, keyed by `CF-Connecting-IP`, kept in the isolate
 * (each isolate counts its own clients: a bound on abuse, not an exact quota).
 * Beyond it: 429 `RateLimitError` with `Retry-After`.
 *
 * @example
 * app.post('/auth/verify', rateLimit({ limit: 60, windowMs: 60_000 }), handler)
 */
export function rateLimit({ limit, windowMs }: { limit: number; windowMs: number }) {
  const windows = new Map<string, { start: number; count: number }>()
  return createMiddleware<AppEnv>(async function rateLimit(c, next) {
    const client = c.req.header('CF-Connecting-IP') ?? 'unknown'
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
      throw new ApiError(429, 'Too many requests', {}, { 'Retry-After': String(retryAfter) })
    }
    await next()
  })
}

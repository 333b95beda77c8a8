import { createMiddleware } from 'hono/factory'
import { cors } from 'hono/cors'
import type { AppEnv } from '../env'
import { ApiError } from '../http/api-error'

/**
 * CORS for the admin API: only the origins in `ALLOWED_ORIGINS` (default none) get
 * the `Access-Control-*` headers; a preflight from any other origin is refused with
 * a 403, so a misconfigured host sees why rather than an opaque browser error.
 */
export function adminCors() {
  const allow = cors({
    origin: (origin, c) => (c.var.settings.allowedOrigins.has(origin) ? origin : null),
    allowMethods: ['GET', 'POST', 'PUT', 'DELETE'],
    allowHeaders: ['Authorization', 'Content-Type'],
    maxAge: 600,
  })
  return createMiddleware<AppEnv>(async function adminCors(c, next) {
    const origin = c.req.header('Origin')
    if (c.req.method === 'OPTIONS' && origin && !c.var.settings.allowedOrigins.has(origin)) {
      throw new ApiError(403, `Origin ${origin} is not allowed: add it to ALLOWED_ORIGINS`)
    }
    return allow(c, next)
  })
}

import type { VerifiedToken, VerifyResult } from '../../contract/admin-wire'
import { Hono } from 'hono'
import { readCredits } from '../credits/spend-credits'
import { bodyLimit } from 'hono/body-limit'
import { z } from 'zod'
import type { AppEnv } from '../env'
import { ApiError } from '../http/api-error'
import { rateLimit } from '../http/rate-limit'
import { validate } from '../http/validation'
import { waitUntilOf } from '../http/wait-until'
import { pepperOf } from '../keys/pepper'
import { decide } from './decide'
import { gateSession } from './gate-session'
import { isAmbiguousPath, protectedBase } from './protected-paths'
import { matchRestAction } from './rest-action'
import { verifyApiKey } from './verify-api-key'
import { isAllowedIp } from '../tokens/ip-allow-list'
import { verifyKeyDoc } from '../openapi/edge-route-docs'

/**
 * The pathname of an absolute path (one leading `/`, no host, no backslash, parseable),
 * or `undefined`: `//[` and `//evil.example/x` name a host, not a path.
 */
function absolutePathname(path: string): string | undefined {
  if (!/^\/(?!\/)[^\s\\]*$/.test(path)) return undefined
  try {
    const url = new URL(path, 'http://tollgate.invalid')
    return url.host === 'tollgate.invalid' ? url.pathname : undefined
  } catch {
    return undefined
  }
}

const verifyBody = z.strictObject({
  // 256: an imported Strapi key's length (SPEC §12), the longest a key can be.
  key: z
    .string({ error: 'key is a required field' })
    .max(256, 'key must be at most 256 characters'),
  method: z
    .string({ error: 'method must be a string' })
    .regex(/^[A-Za-z]{1,10}$/, 'method must be an HTTP method')
    .transform((method) => method.toUpperCase())
    .optional(),
  path: z
    .string({ error: 'path must be a string' })
    .transform((path, ctx) => {
      const pathname = absolutePathname(path)
      if (pathname === undefined) {
        ctx.addIssue({
          code: 'custom',
          message: 'path must be an absolute path, such as /api/articles (no host, no //)',
        })
        return z.NEVER
      }
      return pathname
    })
    .optional(),
  ip: z
    .string({ error: 'ip must be a string' })
    .max(100, 'ip must be at most 100 characters')
    .optional(),
})

/**
 * `POST /auth/verify`: introspection for services that cannot route through the gate
 * (SPEC §3). Answers whether a key is valid — and, given `method` and `path`, whether
 * it may call that REST route; given `ip`, its client's address, whether the token's
 * `allowedIps` admit it (a token restricted to some addresses, asked about without `ip`,
 * fails closed: SPEC §10) — without counting as a use or spending a rate limit. 60
 * requests a minute per client address.
 */
export const verifyRoutes = new Hono<AppEnv>().post(
  '/verify',
  verifyKeyDoc,
  rateLimit({ limit: 60, windowMs: 60_000, binding: 'AUTH_VERIFY_RATE_LIMIT' }),
  bodyLimit({
    maxSize: 8 * 1024,
    onError: () => {
      throw new ApiError(413, 'Request body is larger than 8 KiB')
    },
  }),
  validate('json', verifyBody),
  async (c) => {
    const { key, method = 'GET', path, ip } = c.req.valid('json')
    const { settings } = c.var
    const verdict = await verifyApiKey(key, {
      settings,
      pepper: pepperOf(c.env),
      strapiSalt: c.env.STRAPI_API_TOKEN_SALT,
      db: gateSession(c),
      now: Date.now(),
      waitUntil: waitUntilOf(c),
    })
    if (verdict.code !== 'VALID') {
      return c.json({ valid: false, code: verdict.code } satisfies VerifyResult)
    }

    const { token } = verdict
    const summary: VerifiedToken = {
      id: token.id,
      name: token.name,
      type: token.type,
      expiresAt: token.expiresAt === null ? null : new Date(token.expiresAt).toISOString(),
      permissions: [...token.permissions].sort(),
      owner: token.owner,
      meta: token.meta,
    }
    // The caller's client address is judged as the gate judges `CF-Connecting-IP` (SPEC
    // §9): the caller's own address says nothing about its client. A restricted token
    // with no address to judge fails closed, as the gate does without one (SPEC §10): a
    // caller that forgot `ip` must not learn "valid" for a key the gate would refuse.
    if (!isAllowedIp(ip, token.allowedIps)) {
      return c.json({
        valid: false,
        code: 'FORBIDDEN',
        reason: 'ip',
        token: summary,
      } satisfies VerifyResult)
    }
    if (path !== undefined) {
      const inScope =
        protectedBase(path, settings.protectedPaths) !== undefined && !isAmbiguousPath(path)
      const action = matchRestAction(settings.catalog, method, path)
      const decision = decide({ api: 'rest', method, action }, token, settings.catalog)
      if (!inScope || !decision.allowed) {
        return c.json({ valid: false, code: 'FORBIDDEN', token: summary } satisfies VerifyResult)
      }
    }
    const previousKey = token.previousKeyUntil !== undefined ? { previousKey: true as const } : {}
    // A metered token's balance, read only: verifying is not a use (SPEC §13).
    const remaining = token.credits
      ? { remaining: await readCredits(c.env.TOKEN_CREDITS, token.id, token.credits, Date.now()) }
      : {}
    return c.json({
      valid: true,
      code: 'VALID',
      token: summary,
      ...remaining,
      ...previousKey,
    } satisfies VerifyResult)
  },
)

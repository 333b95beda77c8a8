import type { Context } from 'hono'
import { createMiddleware } from 'hono/factory'
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  errors as joseErrors,
  jwtVerify,
  type JWTPayload,
  type JWTVerifyGetKey,
} from 'jose'
import { ConfigError } from '../config/config-error'
import type { Settings } from '../config/settings'
import type { AppEnv, Bindings } from '../env'
import { ApiError } from '../http/api-error'
import { ADMIN_ACTIONS, type AdminAction, type EventActor } from '../../contract/api-tokens'
import type { AdminIdentity } from './admin-actions'
import { grantableOf } from './grant-policy'
import { OWNER_SHAPE } from './token-input'

const resolvers = new Map<string, JWTVerifyGetKey>()

/**
 * The verification key material for admin JWTs, built once per configuration:
 * the HS256 secret, or a JWKS given inline (`ADMIN_JWKS`) or by URL (`ADMIN_JWKS_URL`,
 * fetched and cached by jose).
 */
function keyResolverFor(env: Bindings): { key: JWTVerifyGetKey; algorithms: string[] } {
  if (env.ADMIN_JWT_SECRET) {
    const cacheKey = `secret:${env.ADMIN_JWT_SECRET}`
    let key = resolvers.get(cacheKey)
    if (!key) {
      const secret = new TextEncoder().encode(env.ADMIN_JWT_SECRET)
      resolvers.set(cacheKey, (key = () => secret))
    }
    return { key, algorithms: ['HS256'] }
  }
  const jwks = env.ADMIN_JWKS || env.ADMIN_JWKS_URL
  if (!jwks) {
    throw new ConfigError(
      'The admin API is not configured: set ADMIN_JWT_SECRET, ADMIN_JWKS or ADMIN_JWKS_URL',
    )
  }
  const cacheKey = `jwks:${jwks}`
  let key = resolvers.get(cacheKey)
  if (!key) {
    if (env.ADMIN_JWKS) {
      try {
        key = createLocalJWKSet(JSON.parse(env.ADMIN_JWKS))
      } catch {
        throw new ConfigError('ADMIN_JWKS is not a valid JSON Web Key Set')
      }
    } else {
      key = createRemoteJWKSet(new URL(jwks))
    }
    resolvers.set(cacheKey, key)
  }
  return { key, algorithms: ['RS256', 'ES256'] }
}

function actionsOf(payload: JWTPayload, settings: Settings): Set<AdminAction> {
  const granted = new Set<string>()
  if (Array.isArray(payload.permissions)) {
    for (const action of payload.permissions) if (typeof action === 'string') granted.add(action)
  }
  if (Array.isArray(payload.roles)) {
    // A Map holds own entries only: `constructor` or `__proto__` grant nothing.
    for (const role of payload.roles) {
      if (typeof role !== 'string') continue
      for (const action of settings.adminRoles.get(role) ?? []) granted.add(action)
    }
  }
  return new Set(ADMIN_ACTIONS.filter((action) => granted.has(action)))
}

/**
 * Verifies the host-issued admin JWT in `Authorization: Bearer <jwt>` (`exp` required,
 * `aud` holding `ADMIN_JWT_AUDIENCE`, `iss` when configured) and returns the admin's
 * actions. Any failure is a 401: the host's token is missing, forged, expired, minted for
 * another of the host's services (RFC 7519 §4.1.3: a JWT whose `aud` does not name us
 * must be rejected), or lives longer than `ADMIN_JWT_MAX_TTL_SECONDS` (a leaked
 * long-lived JWT would be an admin for years).
 */
async function authenticateAdmin(c: Context<AppEnv>): Promise<AdminIdentity> {
  const { key, algorithms } = keyResolverFor(c.env)
  const jwt = c.req.header('Authorization')?.match(/^Bearer\s+(\S+)$/i)?.[1]
  if (!jwt) throw new ApiError(401, 'Missing or invalid credentials')
  const options = {
    algorithms,
    requiredClaims: ['exp'],
    issuer: c.env.ADMIN_JWT_ISSUER || undefined,
    audience: c.var.settings.adminJwtAudience,
  }
  try {
    const { payload } = await jwtVerify(jwt, key, options)
    const { adminJwtMaxTtlSeconds } = c.var.settings
    if (payload.exp! - Date.now() / 1000 > adminJwtMaxTtlSeconds) {
      throw new ApiError(
        401,
        `Admin session too long: the JWT must expire within ${adminJwtMaxTtlSeconds} seconds`,
      )
    }
    const { owner } = payload
    if (owner !== undefined && !(typeof owner === 'string' && OWNER_SHAPE.test(owner))) {
      throw new ApiError(
        401,
        'Invalid owner claim: it must be 1–128 visible ASCII characters (no spaces)',
      )
    }
    const grantable = grantableOf(payload['grantable'])
    if (grantable === null) {
      throw new ApiError(401, 'Invalid grantable claim: it must be an array of strings')
    }
    return {
      subject: payload.sub,
      actions: actionsOf(payload, c.var.settings),
      actor: actorOf(payload),
      owner,
      grantable,
    }
  } catch (error) {
    if (error instanceof joseErrors.JWTExpired) throw new ApiError(401, 'Admin session expired')
    if (error instanceof joseErrors.JOSEError) {
      throw new ApiError(401, 'Missing or invalid credentials')
    }
    throw error
  }
}

/** A claim the audit log repeats: a string, trimmed, at most 200 characters. */
function claim(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined
  const trimmed = value.trim().slice(0, 200)
  return trimmed || undefined
}

/** The audit log's actor from the JWT: `sub` and, when present, `name` and `email`. */
function actorOf(payload: JWTPayload): EventActor | null {
  const sub = claim(payload.sub)
  if (sub === undefined) return null
  const name = claim(payload.name)
  const email = claim(payload.email)
  return { sub, ...(name ? { name } : {}), ...(email ? { email } : {}) }
}

/**
 * Authenticates the admin and puts their actions in `c.var.admin`: the guard of the
 * routes any admin may call.
 *
 * @example
 * admin.get('/users/me/permissions', adminAuth(), handler)
 */
export function adminAuth() {
  return createMiddleware<AppEnv>(async function adminAuth(c, next) {
    c.set('admin', await authenticateAdmin(c))
    await next()
  })
}

/**
 * Authenticates the admin, then lets the request through only when they hold
 * `action`; otherwise 403.
 *
 * @example
 * tokens.get('/', requireAdminAction('admin::api-tokens.read'), handler)
 */
export function requireAdminAction(action: AdminAction) {
  return createMiddleware<AppEnv>(async function requireAdminAction(c, next) {
    const admin = await authenticateAdmin(c)
    c.set('admin', admin)
    if (!admin.actions.has(action)) {
      throw new ApiError(403, 'Forbidden', { action })
    }
    await next()
  })
}

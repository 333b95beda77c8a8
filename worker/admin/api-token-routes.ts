import { Hono, type Context } from 'hono'
import type { Settings } from '../config/settings'
import type { AppEnv } from '../env'
import { ApiError, fieldError } from '../http/api-error'
import { adminDb } from '../db/d1-sessions'
import { validate } from '../http/validation'
import { issueKey } from '../keys/issue-key'
import { pepperOf } from '../keys/pepper'
import type { EventChanges, Lifespan, Token, TokenUsage } from '../../contract/api-tokens'
import { waitUntilOf } from '../http/wait-until'
import { publishEvents } from '../webhooks/publish-events'
import { editEvents, listEvents, type AuditContext } from '../tokens/audit-log'
import type { RecordedEvent } from '../tokens/token-event'
import { paginationOf } from './pagination'
import { expiryFrom, isoOrNull } from '../tokens/token'
import { evictToken } from '../tokens/verified-key-cache'
import {
  deleteToken,
  findToken,
  insertToken,
  isNameTaken,
  listTokens,
  nameInUse,
  type OwnerScope,
  replaceKey,
  updateToken,
  type TokenChanges,
  type TokenDb,
} from '../tokens/token-store'
import { requireAdminAction } from './admin-auth'
import { readUsage } from '../tokens/usage-store'
import { unflushedUsage } from '../tokens/usage-recorder'
import {
  createTokenBody,
  listTokensQuery,
  expiryProblem,
  regenerateTokenBody,
  tokenEventsQuery,
  tokenIdParam,
  updateTokenBody,
  usageQuery,
} from './token-input'

const notFound = () => new ApiError(404, 'API Token not found')

/**
 * Runs a write that gives a token `name` (or keeps its name, when `undefined`): a name
 * another token holds is a 400 "Name already taken" — checked first for a clear answer,
 * and on the unique index too, so that of two racing writes exactly one wins.
 */
async function withUniqueName<T>(
  db: TokenDb,
  name: string | undefined,
  owner: string | null,
  exceptId: number | undefined,
  write: () => Promise<T>,
): Promise<T> {
  const nameTaken = () => fieldError('name', 'Name already taken')
  if (name !== undefined && (await nameInUse(db, name, owner, exceptId))) throw nameTaken()
  try {
    return await write()
  } catch (error) {
    if (isNameTaken(error)) throw nameTaken()
    throw error
  }
}

/**
 * The permission rules of SPEC §2 for a token's final type and permission set:
 * custom tokens need catalogued actions, the others none.
 */
function checkPermissions(
  type: Token['type'],
  permissions: string[] | undefined,
  settings: Settings,
): void {
  if (type !== 'custom') {
    if (permissions?.length) {
      throw fieldError('permissions', 'Non-custom tokens should not reference permissions')
    }
    return
  }
  if (!permissions?.length) {
    throw fieldError('permissions', 'Missing permissions attribute for custom token')
  }
  const unknown = permissions.filter((action) => !settings.catalog.actions.has(action))
  if (unknown.length) {
    throw fieldError('permissions', `Unknown permissions provided: ${unknown.join(', ')}`)
  }
}

/**
 * A token's `rateLimit` must name one of `RATE_LIMIT_TIERS` (or be `null`); a tier the
 * token already has passes even if no longer declared, so a form that saves every
 * field can still save it.
 */
function checkRateLimit(
  rateLimit: string | null | undefined,
  settings: Settings,
  stored?: string | null,
): void {
  if (rateLimit === null || rateLimit === undefined || rateLimit === stored) return
  if (settings.rateLimitTiers.has(rateLimit)) return
  const tiers = [...settings.rateLimitTiers.keys()]
  throw fieldError(
    'rateLimit',
    tiers.length
      ? `rateLimit must be null or one of the following values: ${tiers.join(', ')}`
      : 'rateLimit must be null: no rate-limit tiers are declared',
  )
}

/** Who changes a token, from where, and when: the audit log's context (SPEC §7). */
function auditOf(c: Context<AppEnv>): AuditContext {
  return {
    actor: c.var.admin.actor,
    actorOwner: c.var.admin.owner ?? null,
    ip: c.req.header('CF-Connecting-IP') ?? null,
    at: Date.now(),
  }
}

/** Sends a change's events as webhooks, off the request path: the admin never waits. */
function publish(c: Context<AppEnv>, events: RecordedEvent[]): void {
  if (events.length) waitUntilOf(c)(publishEvents(c.env, events))
}

/**
 * The lifetime of a regenerated key (SPEC §7): the `lifespan` or `expiresAt` asked for;
 * else a lifespan restarts, unlimited stays unlimited, and a custom date is kept while it
 * lies ahead.
 */
function newLifetime(
  current: Token,
  body: { lifespan?: Lifespan; expiresAt?: number },
  now: number,
): { lifespan: Lifespan; expiresAt: number | null } {
  if (body.expiresAt !== undefined) return { lifespan: null, expiresAt: body.expiresAt }
  const lifespan = body.lifespan !== undefined ? body.lifespan : current.lifespan
  if (body.lifespan !== undefined || current.lifespan !== null || current.expiresAt === null) {
    return { lifespan, expiresAt: expiryFrom(now, lifespan) }
  }
  const customDate = Date.parse(current.expiresAt)
  if (customDate <= now) {
    throw fieldError('expiresAt', 'expiresAt has passed: choose a new lifespan or expiresAt')
  }
  return { lifespan: null, expiresAt: customDate }
}

/**
 * The owner of a token being created (SPEC §8): a scoped admin's own owner (sending
 * `owner` is a 400), or what an operator gives (none by default).
 */
function ownerOfNewToken(asked: string | null | undefined, scope: OwnerScope): string | null {
  if (scope === undefined) return asked ?? null
  if (asked !== undefined) {
    throw fieldError('owner', 'owner is not an allowed field: this admin is scoped to an owner')
  }
  return scope
}

/** `/admin/api-tokens`: list, read, create, edit, regenerate and delete tokens (SPEC §2). */
export const apiTokenRoutes = new Hono<AppEnv>()
  .get(
    '/',
    requireAdminAction('admin::api-tokens.read'),
    validate('query', listTokensQuery),
    async (c) => {
      const query = c.req.valid('query')
      const { tokens, total } = await listTokens(adminDb(c.env.DB), {
        ...query,
        scope: c.var.admin.owner,
      })
      if (!query.page) return c.json({ data: tokens })
      return c.json({ data: tokens, meta: { pagination: { ...query.page, total } } })
    },
  )
  .get(
    '/:id',
    requireAdminAction('admin::api-tokens.read'),
    validate('param', tokenIdParam),
    async (c) => {
      const token = await findToken(adminDb(c.env.DB), c.req.valid('param').id, c.var.admin.owner)
      if (!token) throw notFound()
      return c.json({ data: token })
    },
  )
  .post(
    '/',
    requireAdminAction('admin::api-tokens.create'),
    validate('json', createTokenBody),
    async (c) => {
      const body = c.req.valid('json')
      checkPermissions(body.type, body.permissions, c.var.settings)
      checkRateLimit(body.rateLimit, c.var.settings)
      const db = adminDb(c.env.DB)
      const { accessKey, ...key } = await issueKey(c.var.settings.tokenPrefix, pepperOf(c.env))
      const owner = ownerOfNewToken(body.owner, c.var.admin.owner)
      // `MAX_TOKENS_PER_OWNER` (0 = no limit) is checked by the insert itself: a check
      // before it would let parallel creates all pass (SPEC §10).
      const limit = c.var.settings.maxTokensPerOwner
      const created = await withUniqueName(db, body.name, owner, undefined, () =>
        insertToken(
          db,
          {
            ...body,
            lifespan: body.lifespan ?? null,
            permissions: body.permissions ?? [],
            owner,
            ...key,
          },
          auditOf(c),
          limit,
        ),
      )
      if (!created) throw new ApiError(400, 'Token limit reached', { limit })
      publish(c, created.events)
      return c.json({ data: { ...created.token, accessKey } }, 201)
    },
  )
  .get(
    '/:id/events',
    requireAdminAction('admin::api-tokens.read'),
    validate('param', tokenIdParam),
    validate('query', tokenEventsQuery),
    async (c) => {
      const { id } = c.req.valid('param')
      const db = adminDb(c.env.DB)
      const scope = c.var.admin.owner
      const query = { ...c.req.valid('query'), tokenId: id, scope }
      const { events, total } = await listEvents(db, query)
      // A deleted token's history stays readable; a token that never was is a 404.
      if (total === 0 && !(await findToken(db, id, scope))) throw notFound()
      return c.json({ data: events, meta: { pagination: paginationOf(query, total) } })
    },
  )
  .get(
    '/:id/usage',
    requireAdminAction('admin::api-tokens.read'),
    validate('param', tokenIdParam),
    validate('query', usageQuery),
    async (c) => {
      const { id } = c.req.valid('param')
      const db = adminDb(c.env.DB)
      if (!(await findToken(db, id, c.var.admin.owner))) throw notFound()
      const days = await readUsage(db, id, {
        days: c.req.valid('query').days,
        now: Date.now(),
        extra: unflushedUsage(id),
      })
      const total = { requests: 0, refused: 0 }
      for (const day of days) {
        total.requests += day.requests
        total.refused += day.refused
      }
      return c.json({ data: { days, total } satisfies TokenUsage })
    },
  )
  .put(
    '/:id',
    requireAdminAction('admin::api-tokens.update'),
    validate('param', tokenIdParam),
    validate('json', updateTokenBody),
    async (c) => {
      const { id } = c.req.valid('param')
      const body = c.req.valid('json')
      const db = adminDb(c.env.DB)
      const current = await findToken(db, id, c.var.admin.owner)
      if (!current) throw notFound()
      checkRateLimit(body.rateLimit, c.var.settings, current.rateLimit)

      const type = body.type ?? current.type
      const changes: TokenChanges = { ...body }
      if (type !== 'custom') {
        checkPermissions(type, body.permissions, c.var.settings)
        if (current.permissions.length) changes.permissions = []
      } else {
        checkPermissions(type, body.permissions ?? current.permissions, c.var.settings)
      }
      const audit = auditOf(c)
      const customDate = current.lifespan === null && current.expiresAt !== null
      const storedDate = current.expiresAt === null ? null : Date.parse(current.expiresAt)
      if (body.expiresAt !== undefined && body.expiresAt === storedDate && customDate) {
        delete changes.expiresAt // the stored custom date, sent back unchanged
      } else if (body.expiresAt !== undefined) {
        const problem = expiryProblem(body.expiresAt, audit.at)
        if (problem) throw fieldError('expiresAt', problem)
        changes.lifespan = null
      } else if (
        body.lifespan !== undefined &&
        (body.lifespan !== current.lifespan || customDate)
      ) {
        // A new duration restarts the lifetime; `lifespan: null` on a custom date makes
        // the token unlimited (the one case where the stored value changes something).
        changes.expiresAt = expiryFrom(audit.at, body.lifespan)
      }
      const after: Token = {
        ...current,
        ...changes,
        expiresAt:
          changes.expiresAt === undefined ? current.expiresAt : isoOrNull(changes.expiresAt),
        permissions: [...(changes.permissions ?? current.permissions)].sort(),
      }
      const renamed = body.name !== undefined && body.name !== current.name
      const name = renamed ? body.name : undefined
      const updated = await withUniqueName(db, name, current.owner, id, () =>
        updateToken(db, id, changes, editEvents(current, after), audit),
      )
      if (!updated) throw notFound()
      evictToken(id)
      publish(c, updated.events)
      return c.json({ data: updated.token })
    },
  )
  .delete(
    '/:id',
    requireAdminAction('admin::api-tokens.delete'),
    validate('param', tokenIdParam),
    async (c) => {
      const { id } = c.req.valid('param')
      const db = adminDb(c.env.DB)
      // Another owner's token is as absent as a missing one: nothing changes.
      if (c.var.admin.owner !== undefined && !(await findToken(db, id, c.var.admin.owner))) {
        return c.json({ data: null })
      }
      const deleted = await deleteToken(db, id, auditOf(c))
      evictToken(id)
      if (deleted) publish(c, deleted.events)
      return c.json({ data: deleted?.token ?? null })
    },
  )
  .post(
    '/:id/regenerate',
    requireAdminAction('admin::api-tokens.regenerate'),
    validate('param', tokenIdParam),
    validate('json', regenerateTokenBody, { optional: true }),
    async (c) => {
      const { id } = c.req.valid('param')
      const body = c.req.valid('json')
      const db = adminDb(c.env.DB)
      const current = await findToken(db, id, c.var.admin.owner)
      if (!current) throw notFound()
      const audit = auditOf(c)
      const lifetime = newLifetime(current, body, audit.at)
      const { accessKey, ...key } = await issueKey(c.var.settings.tokenPrefix, pepperOf(c.env))
      const changes: EventChanges = {}
      if (lifetime.lifespan !== current.lifespan) {
        changes.lifespan = [current.lifespan, lifetime.lifespan]
      }
      const expiresAt = isoOrNull(lifetime.expiresAt)
      if (expiresAt !== current.expiresAt) changes.expiresAt = [current.expiresAt, expiresAt]
      const regenerated = await replaceKey(
        db,
        id,
        { key, ...lifetime, gracePeriodMs: body.gracePeriod * 1000 },
        audit,
        Object.keys(changes).length ? changes : undefined,
      )
      if (!regenerated) throw notFound()
      evictToken(id)
      publish(c, regenerated.events)
      return c.json({ data: { ...regenerated.token, accessKey } }, 201)
    },
  )

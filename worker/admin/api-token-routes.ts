import type {
  CreatedToken,
  EventPageBody,
  RegeneratedKey,
  TokenPageBody,
} from '../../contract/admin-wire'
import { Hono } from 'hono'
import type { AppEnv } from '../env'
import { ApiError } from '../http/api-error'
import { adminDb } from '../db/d1-sessions'
import { validate } from '../http/validation'
import { issueKey } from '../keys/issue-key'
import { pepperOf } from '../keys/pepper'
import type { EventChanges, TokenUsage } from '../../contract/api-tokens'
import { listEvents } from '../store/api-token-events'
import { auditOf, publish } from './change-context'
import { creditsOfEdit } from './credits-edit'
import { paginationOf } from './pagination'
import { expiryFrom, isoOrNull } from '../tokens/token'
import { evictToken } from '../gate/verified-key-cache'
import { findToken, listTokens } from '../store/api-tokens'
import { withLiveCredit, withLiveCredits } from '../credits/live-credits'
import { onCredits, requireCreditsBinding } from '../credits/credits-stub'
import { waitUntilOf } from '../http/wait-until'
import { requireAdminAction } from './admin-auth'
import { checkEditGrantable, checkGrantable } from './grant-policy'
import { cappedDefault, checkLifetimeCap, fieldOf, isBeyondCap } from './lifetime-cap'
import { readUsage } from '../store/api-token-usage'
import { unflushedUsage } from '../gate/usage-recorder'
import {
  createTokenBody,
  listTokensQuery,
  regenerateTokenBody,
  tokenEventsQuery,
  tokenIdParam,
  updateTokenBody,
  usageQuery,
} from './token-input'
import { editEvents } from '../tokens/token-edits'
import {
  checkPermissions,
  checkRateLimit,
  editOf,
  newLifetime,
  notFound,
  ownerOfNewToken,
  withUniqueName,
} from './token-rules'
import { deleteToken, insertToken, replaceKey, updateToken } from '../store/api-token-changes'
import {
  createTokenDoc,
  deleteTokenDoc,
  getTokenDoc,
  listTokensDoc,
  regenerateTokenDoc,
  tokenEventsDoc,
  tokenUsageDoc,
  updateTokenDoc,
} from '../openapi/admin-route-docs'

/** `/admin/api-tokens`: list, read, create, edit, regenerate and delete tokens (SPEC §2). */
export const apiTokenRoutes = new Hono<AppEnv>()
  .get(
    '/',
    listTokensDoc,
    requireAdminAction('admin::api-tokens.read'),
    validate('query', listTokensQuery),
    async (c) => {
      const query = c.req.valid('query')
      const db = adminDb(c.env.DB)
      const listed = await listTokens(db, { ...query, scope: c.var.admin.owner })
      const tokens = await withLiveCredits(c.env.TOKEN_CREDITS, db, listed.tokens)
      const total = listed.total
      if (!query.page) return c.json({ data: tokens })
      return c.json({
        data: tokens,
        meta: { pagination: { ...query.page, total } },
      } satisfies TokenPageBody)
    },
  )
  .get(
    '/:id',
    getTokenDoc,
    requireAdminAction('admin::api-tokens.read'),
    validate('param', tokenIdParam),
    async (c) => {
      const db = adminDb(c.env.DB)
      const token = await findToken(db, c.req.valid('param').id, c.var.admin.owner)
      if (!token) throw notFound()
      return c.json({ data: await withLiveCredit(c.env.TOKEN_CREDITS, db, token) })
    },
  )
  .post(
    '/',
    createTokenDoc,
    requireAdminAction('admin::api-tokens.create'),
    validate('json', createTokenBody),
    async (c) => {
      const body = c.req.valid('json')
      checkPermissions(body.type, body.permissions, c.var.settings)
      checkRateLimit(body.rateLimit, c.var.settings)
      checkGrantable(body.type, body.permissions ?? [], c.var.admin.grantable)
      // Under MAX_LIFESPAN_DAYS a create that asks no lifetime gets the longest allowed.
      const now = Date.now()
      const asked = body.lifespan !== undefined || body.expiresAt !== undefined
      const lifetime = (!asked && cappedDefault(c.var.settings, now)) || {
        lifespan: body.lifespan ?? null,
        expiresAt: body.expiresAt ?? expiryFrom(now, body.lifespan ?? null),
      }
      checkLifetimeCap(fieldOf(body), lifetime, c.var.settings, now)
      const db = adminDb(c.env.DB)
      const { accessKey, ...key } = await issueKey(c.var.settings.tokenPrefix, pepperOf(c.env))
      const owner = ownerOfNewToken(body.owner, c.var.admin.owner)
      if (body.credits) requireCreditsBinding(c.env.TOKEN_CREDITS)
      const credits = body.credits && { ...body.credits, configuredAt: now }
      // `MAX_TOKENS_PER_OWNER` (0 = no limit) is checked by the insert itself: a check
      // before it would let parallel creates all pass (SPEC §10).
      const limit = c.var.settings.maxTokensPerOwner
      const created = await withUniqueName(db, body.name, owner, undefined, () =>
        insertToken(
          db,
          {
            ...body,
            lifespan: lifetime.lifespan,
            // A custom date, asked or the cap's; a duration counts from the insert.
            ...(lifetime.lifespan === null && lifetime.expiresAt !== null
              ? { expiresAt: lifetime.expiresAt }
              : {}),
            permissions: body.permissions ?? [],
            owner,
            credits,
            ...key,
          },
          auditOf(c),
          limit,
        ),
      )
      if (!created) throw new ApiError(400, 'Token limit reached', { limit })
      publish(c, created.events)
      return c.json({ data: { ...created.token, accessKey } satisfies CreatedToken }, 201)
    },
  )
  .get(
    '/:id/events',
    tokenEventsDoc,
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
      return c.json({
        data: events,
        meta: { pagination: paginationOf(query, total) },
      } satisfies EventPageBody)
    },
  )
  .get(
    '/:id/usage',
    tokenUsageDoc,
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
    updateTokenDoc,
    requireAdminAction('admin::api-tokens.update'),
    validate('param', tokenIdParam),
    validate('json', updateTokenBody),
    async (c) => {
      const { id } = c.req.valid('param')
      const body = c.req.valid('json')
      const db = adminDb(c.env.DB)
      const current = await findToken(db, id, c.var.admin.owner)
      if (!current) throw notFound()
      const audit = auditOf(c)
      const { changes, after } = editOf(current, body, c.var.settings, audit.at)
      checkEditGrantable(current, after, c.var.admin.grantable)
      if (changes.expiresAt !== undefined) {
        const lifetime = { lifespan: after.lifespan, expiresAt: changes.expiresAt }
        checkLifetimeCap(fieldOf(body), lifetime, c.var.settings, audit.at)
      }
      // New credits replace the balance (SPEC §13) once they are in D1: the Durable Object
      // starts again from them on its next call. The audit log compares them with the
      // live balance.
      let before = current
      if (body.credits !== undefined) {
        if (body.credits) requireCreditsBinding(c.env.TOKEN_CREDITS)
        before = await withLiveCredit(c.env.TOKEN_CREDITS, db, current)
        const { stored, shown } = creditsOfEdit(before.credits, body.credits, audit.at)
        changes.credits = stored
        after.credits = shown
      }
      const renamed = body.name !== undefined && body.name !== current.name
      const name = renamed ? body.name : undefined
      const updated = await withUniqueName(db, name, current.owner, id, () =>
        updateToken(db, id, changes, editEvents(before, after), audit),
      )
      if (!updated) throw notFound()
      evictToken(id)
      publish(c, updated.events)
      return c.json({ data: await withLiveCredit(c.env.TOKEN_CREDITS, db, updated.token) })
    },
  )
  .delete(
    '/:id',
    deleteTokenDoc,
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
      // A metered token's balance goes with it, off the request path (ids are never reused).
      if (deleted?.token.credits) {
        const forget = onCredits(c.env.TOKEN_CREDITS, id, (stub) => stub.forget())
        waitUntilOf(c)(forget.catch(() => undefined))
      }
      return c.json({ data: deleted?.token ?? null })
    },
  )
  .post(
    '/:id/regenerate',
    regenerateTokenDoc,
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
      let lifetime = newLifetime(current, body, audit.at)
      if (body.lifespan !== undefined || body.expiresAt !== undefined) {
        checkLifetimeCap(fieldOf(body), lifetime, c.var.settings, audit.at)
      } else if (isBeyondCap(lifetime, c.var.settings, audit.at)) {
        // The lifetime kept from before the cap is too long: the longest allowed instead.
        lifetime = cappedDefault(c.var.settings, audit.at) ?? lifetime
      }
      const { accessKey, ...key } = await issueKey(c.var.settings.tokenPrefix, pepperOf(c.env))
      // The new key's hint and the grace period given to the replaced key, so the log can
      // say which key replaced which and for how long the old one kept working (SPEC §7).
      const changes: EventChanges = {
        keyHint: [current.keyHint, key.keyHint],
        gracePeriod: [null, body.gracePeriod],
      }
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
        changes,
      )
      if (!regenerated) throw notFound()
      evictToken(id)
      publish(c, regenerated.events)
      return c.json({ data: { ...regenerated.token, accessKey } satisfies RegeneratedKey }, 201)
    },
  )

import { Hono } from 'hono'
import { eq, sql } from 'drizzle-orm'
import type { AppEnv } from '../env'
import { ApiError } from '../http/api-error'
import { adminDb } from '../db/d1-sessions'
import { apiTokens } from '../db/schema'
import { validate } from '../http/validation'
import { waitUntilOf } from '../http/wait-until'
import { publishEvents } from '../webhooks/publish-events'
import { eventInsert } from '../store/api-token-events'
import { tokenEventOf } from '../tokens/token-event'
import { findToken } from '../store/api-tokens'
import { evictToken } from '../gate/verified-key-cache'
import { creditsStub } from '../credits/credits-stub'
import type { CreditsConfig } from '../credits/credit-rules'
import { requireAdminAction } from './admin-auth'
import { creditsChangeBody, tokenIdParam } from './token-input'
import { notFound } from './token-rules'
import { changeCreditsDoc } from '../openapi/admin-route-docs'

function creditsUnavailable(): ApiError {
  return new ApiError(503, 'Credits unavailable')
}

/**
 * `POST /admin/api-tokens/:id/credits` (SPEC §13): `{"add": n}` or `{"set": n}` on the
 * token's Durable Object, the new balance written back to D1 (what the list shows) with
 * an `updated` audit event whose `changes.credits` holds the balance before and after.
 */
export const apiTokenCreditsRoutes = new Hono<AppEnv>().post(
  '/:id/credits',
  changeCreditsDoc,
  requireAdminAction('admin::api-tokens.update'),
  validate('param', tokenIdParam),
  validate('json', creditsChangeBody),
  async (c) => {
    const { id } = c.req.valid('param')
    const body = c.req.valid('json')
    const db = adminDb(c.env.DB)
    const current = await findToken(db, id, c.var.admin.owner)
    if (!current) throw notFound()
    const config = current.credits
    if (!config) {
      throw new ApiError(400, 'Token has no credits: set credits on the token first', {
        errors: [
          {
            path: ['credits'],
            name: 'ValidationError',
            message: 'Token has no credits: set credits on the token first',
            code: 'invalid_value',
          },
        ],
      })
    }
    const namespace = c.env.TOKEN_CREDITS
    if (!namespace) throw creditsUnavailable()
    const stub = creditsStub(namespace, id)
    let before: number
    let remaining: number
    try {
      before = await stub.peek(config)
      remaining =
        'add' in body ? await stub.add(body.add, config) : await stub.set(body.set, config)
    } catch (error) {
      console.error('[tollgate] credits unavailable', error)
      throw creditsUnavailable()
    }
    const after: CreditsConfig = { ...config, remaining }
    const at = Date.now()
    const audit = {
      actor: c.var.admin.actor,
      actorOwner: c.var.admin.owner ?? null,
      ip: c.req.header('CF-Connecting-IP') ?? null,
      at,
    }
    const byId = sql`${apiTokens.id} = ${id}`
    const [, events] = await db.batch([
      db.update(apiTokens).set({ credits: after }).where(eq(apiTokens.id, id)),
      eventInsert(
        db,
        byId,
        { action: 'updated', changes: { credits: [before, remaining] } },
        audit,
      ),
    ])
    evictToken(id)
    const recorded = events.map(tokenEventOf)
    if (recorded.length) waitUntilOf(c)(publishEvents(c.env, recorded))
    return c.json({ data: { ...current, credits: after } })
  },
)

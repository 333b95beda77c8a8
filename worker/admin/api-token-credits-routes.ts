import { Hono } from 'hono'
import { MAX_CREDITS, type EventChanges } from '../../contract/api-tokens'
import type { AppEnv } from '../env'
import { fieldError } from '../http/api-error'
import { adminDb } from '../db/d1-sessions'
import { validate } from '../http/validation'
import { findToken, storedCredits } from '../store/api-tokens'
import { eventInsert } from '../store/api-token-events'
import { tokenEventOf } from '../tokens/token-event'
import { apiTokens } from '../db/schema'
import { sql } from 'drizzle-orm'
import { onCredits } from '../credits/credits-stub'
import type { ChangeResult } from '../credits/token-credits'
import { requireAdminAction } from './admin-auth'
import { auditOf, publish } from './change-context'
import { creditsChangeBody, tokenIdParam } from './token-input'
import { notFound } from './token-rules'
import { changeCreditsDoc } from '../openapi/admin-route-docs'

/**
 * `POST /admin/api-tokens/:id/credits` (SPEC §13): `{"add": n}` or `{"set": n}` on the
 * token's balance in its Durable Object, with an `updated` audit event whose
 * `changes.credits` holds the credits before and after. D1 keeps the credits as
 * configured: the balance lives in the Durable Object alone.
 */
export const apiTokenCreditsRoutes = new Hono<AppEnv>().post(
  '/:id/credits',
  changeCreditsDoc,
  requireAdminAction('admin::api-tokens.update'),
  validate('param', tokenIdParam),
  validate('json', creditsChangeBody),
  async (c) => {
    const { id } = c.req.valid('param')
    const change = c.req.valid('json')
    const db = adminDb(c.env.DB)
    const token = await findToken(db, id, c.var.admin.owner)
    if (!token) throw notFound()
    const config = (await storedCredits(db, [id])).get(id)
    if (!config) {
      const message = 'Token has no credits: set credits on the token first'
      throw fieldError('credits', message, 'invalid_value')
    }
    const audit = auditOf(c)
    const result: ChangeResult = await onCredits(c.env.TOKEN_CREDITS, id, async (stub) =>
      stub.change(change, config, audit.at),
    )
    if (!result.ok) {
      const message = `add would take the balance past ${MAX_CREDITS}`
      throw fieldError('add', message, 'invalid_value')
    }
    const before = { ...result.credits, remaining: result.before }
    const changes: EventChanges = { credits: [before, result.credits] }
    const event = { action: 'updated' as const, changes }
    const rows = await eventInsert(db, sql`${apiTokens.id} = ${id}`, event, audit)
    publish(c, rows.map(tokenEventOf))
    return c.json({ data: { ...token, credits: result.credits } })
  },
)

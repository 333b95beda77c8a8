import { Hono } from 'hono'
import type { EventChanges } from '../../contract/api-tokens'
import type { AppEnv } from '../env'
import { ApiError } from '../http/api-error'
import { adminDb } from '../db/d1-sessions'
import { validate } from '../http/validation'
import { findToken } from '../store/api-tokens'
import { updateToken } from '../store/api-token-changes'
import { evictToken } from '../gate/verified-key-cache'
import { onCredits } from '../credits/credits-stub'
import { requireAdminAction } from './admin-auth'
import { auditOf, publish } from './change-context'
import { creditsChangeBody, tokenIdParam } from './token-input'
import { notFound } from './token-rules'
import { changeCreditsDoc } from '../openapi/admin-route-docs'

const NOT_METERED = 'Token has no credits: set credits on the token first'

/**
 * `POST /admin/api-tokens/:id/credits` (SPEC §13): `{"add": n}` or `{"set": n}` on the
 * token's Durable Object, the new balance written back to D1 (what the list shows) with
 * an `updated` audit event whose `changes.credits` holds the credits before and after.
 */
export const apiTokenCreditsRoutes = new Hono<AppEnv>().post(
  '/:id/credits',
  changeCreditsDoc,
  requireAdminAction('admin::api-tokens.update'),
  validate('param', tokenIdParam),
  validate('json', creditsChangeBody),
  async (c) => {
    const { id } = c.req.valid('param')
    const db = adminDb(c.env.DB)
    const current = await findToken(db, id, c.var.admin.owner)
    if (!current) throw notFound()
    const config = current.credits
    if (!config) {
      throw new ApiError(400, NOT_METERED, {
        errors: [
          {
            path: ['credits'],
            name: 'ValidationError',
            message: NOT_METERED,
            code: 'invalid_value',
          },
        ],
      })
    }
    const audit = auditOf(c)
    const { before, remaining } = await onCredits(c.env.TOKEN_CREDITS, id, (stub) =>
      stub.change(c.req.valid('json'), config, audit.at),
    )
    const credits = { ...config, remaining }
    const changes: EventChanges = { credits: [{ ...config, remaining: before }, credits] }
    const updated = await updateToken(db, id, { credits }, [{ action: 'updated', changes }], audit)
    if (!updated) throw notFound()
    evictToken(id)
    publish(c, updated.events)
    return c.json({ data: updated.token })
  },
)

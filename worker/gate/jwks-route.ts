import { Hono } from 'hono'
import type { AppEnv } from '../env'
import { ApiError } from '../http/api-error'
import { assertionKeys } from './assertion-signer'
import { jwksDoc } from '../openapi/edge-route-docs'

/**
 * `GET /.well-known/jwks.json` (SPEC §11): the public keys that verify the gate's
 * assertions when it signs with `ORIGIN_ASSERTION_KEY` — the current one first and,
 * during a rotation, `ORIGIN_ASSERTION_PREVIOUS_KEY`'s — so that origins hold no secret.
 * 404 while assertions are signed HS256 (or not at all). Cached for five minutes: an
 * origin meeting an unknown `kid` fetches again anyway.
 *
 * @example
 * app.route('/.well-known/jwks.json', jwksRoute)
 */
export const jwksRoute = new Hono<AppEnv>().get('/', jwksDoc, async (c) => {
  const { jwks } = await assertionKeys(c.env)
  if (!jwks)
    throw new ApiError(404, 'No assertion keys: the gate signs with ORIGIN_ASSERTION_SECRET')
  return c.json({ keys: jwks }, 200, { 'Cache-Control': 'public, max-age=300' })
})

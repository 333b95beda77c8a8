import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { z } from 'zod'
import { MAX_REVOKED_KEYS, type RevokeResult } from '../../contract/leaked-keys'
import type { AppEnv } from '../env'
import { ApiError } from '../http/api-error'
import { rateLimit } from '../http/rate-limit'
import { validate } from '../http/validation'
import { revokeDoc } from '../openapi/leaked-key-route-docs'
import { reportLeakedKeys } from './report-leaks'

/** The longest entry taken: any key format fits (a Strapi key is 256 characters). */
const MAX_ENTRY_LENGTH = 512
/** 1000 entries of the longest length, in JSON, with room to spare. */
const MAX_BODY_BYTES = 640 * 1024

const revokeBody = z.strictObject({
  keys: z
    .array(
      z
        .string({ error: 'keys must hold strings' })
        .max(MAX_ENTRY_LENGTH, `each key must be at most ${MAX_ENTRY_LENGTH} characters`),
      { error: 'keys is a required field' },
    )
    .min(1, 'keys must hold at least one key')
    .max(MAX_REVOKED_KEYS, `keys must hold at most ${MAX_REVOKED_KEYS} keys`),
})

/**
 * `POST /revoke` (SPEC §12): anyone holding a key may kill it, as with GitHub's own
 * `POST /credentials/revoke`. The answer is always 202 with the number of entries
 * received, whatever was known; each entry costs the same work whether its key exists
 * or not (one hash, one place in the same batched lookup), so neither the answer nor its
 * timing says which keys were real. 30 requests a minute per client address, or what
 * `REVOKE_RATE_LIMIT` allows when declared.
 */
export const revokeRoutes = new Hono<AppEnv>().post(
  '/',
  revokeDoc,
  rateLimit({ limit: 30, windowMs: 60_000, binding: 'REVOKE_RATE_LIMIT' }),
  bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: () => {
      throw new ApiError(413, 'Request body is larger than 640 KiB')
    },
  }),
  validate('json', revokeBody),
  async (c) => {
    const { keys } = c.req.valid('json')
    await reportLeakedKeys(
      c,
      keys.map((key) => ({ key })),
      'revoke',
    )
    return c.json({ data: { received: keys.length } satisfies RevokeResult }, 202)
  },
)

import { Hono } from 'hono'
import { createMiddleware } from 'hono/factory'
import { z } from 'zod'
import type { GithubAlertVerdict } from '../../contract/leaked-keys'
import type { AppEnv } from '../env'
import { ApiError } from '../http/api-error'
import { readLimitedBytes } from '../http/read-limited-bytes'
import { validate } from '../http/validation'
import { githubAlertsDoc } from '../openapi/leaked-key-route-docs'
import { derToRawSignature } from './ecdsa-der'
import { githubSigningKey } from './github-signing-keys'
import { reportLeakedKeys } from './report-leaks'

/** The most one alert batch may weigh: GitHub sends many matches in one request. */
const MAX_BODY_BYTES = 1024 * 1024

const githubAlertsBody = z
  .array(
    // GitHub may add members: they are kept out of the way, not refused.
    z.object({
      token: z.string({ error: 'token is a required field' }),
      type: z.string({ error: 'type is a required field' }),
      url: z.string({ error: 'url must be a string' }).optional(),
      source: z.string({ error: 'source must be a string' }).optional(),
    }),
    { error: 'the body must be a list of alerts' },
  )
  .meta({ id: 'GithubSecretAlerts' })

const unsigned = (message: string) => new ApiError(401, message)

/** The signature header's DER, base64-decoded, as r||s; `null` when it is not one. */
function rawSignatureOf(header: string): Uint8Array | null {
  try {
    return derToRawSignature(Uint8Array.from(atob(header), (char) => char.charCodeAt(0)))
  } catch {
    return null
  }
}

/**
 * Lets through only a body GitHub signed (SPEC §12): `Github-Public-Key-Signature`, a
 * base64 DER ECDSA P-256 SHA-256 signature over the raw body bytes — never a re-serialised
 * JSON — by the key `Github-Public-Key-Identifier` names in GitHub's list. Anything else
 * is a 401 before the body is parsed. The bytes read are put back for the validator.
 */
const githubSignature = createMiddleware<AppEnv>(async function githubSignature(c, next) {
  const identifier = c.req.header('Github-Public-Key-Identifier')?.trim()
  const signature = c.req.header('Github-Public-Key-Signature')?.trim()
  if (!identifier || !signature) {
    throw unsigned('Github-Public-Key-Identifier and Github-Public-Key-Signature are required')
  }
  const raw = identifier.length <= 200 ? rawSignatureOf(signature) : null
  if (!raw) throw unsigned('Github-Public-Key-Signature is not a P-256 signature')
  const body = await readLimitedBytes(
    c.req.raw,
    MAX_BODY_BYTES,
    () => new ApiError(413, 'Request body is larger than 1 MiB'),
  )
  const url = c.var.settings.githubSecretScanningKeysUrl
  const key = await githubSigningKey(url, identifier, Date.now())
  if (!key) throw unsigned('Github-Public-Key-Identifier names no key GitHub publishes')
  const signed = await crypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, key, raw, body)
  if (!signed) throw unsigned('Github-Public-Key-Signature does not match the body')
  c.req.raw = new Request(c.req.raw, { body })
  await next()
})

/**
 * `POST /secret-scanning/github` (SPEC §12): GitHub's secret scanning partner alerts.
 * Signed alerts are acted on as `POST /revoke` does (`source: "github"`, with the
 * alert's `url`), and answered in GitHub's feedback format: one verdict per alert,
 * `true_positive` when its key was a token's current key or a replaced key in its grace
 * period.
 */
export const githubAlertRoutes = new Hono<AppEnv>().post(
  '/github',
  githubAlertsDoc,
  githubSignature,
  validate('json', githubAlertsBody),
  async (c) => {
    const alerts = c.req.valid('json')
    const known = await reportLeakedKeys(
      c,
      alerts.map(({ token, url }) => ({ key: token, url })),
      'github',
    )
    return c.json(
      alerts.map(({ token, type }): GithubAlertVerdict => ({
        token_raw: token,
        token_type: type,
        label: known.has(token) ? 'true_positive' : 'false_positive',
      })),
    )
  },
)

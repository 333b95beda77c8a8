// Strapi v5 API tokens as a Strapi site holds them, for the import and gate tests: keys
// made and hashed as Strapi makes and hashes them (node:crypto, not the worker's code).
import { createHmac, randomBytes } from 'node:crypto'
import { env } from 'cloudflare:workers'
import { adminJwt, uniqueName } from './helpers'

/** The Strapi site's `API_TOKEN_SALT`, set as `STRAPI_API_TOKEN_SALT` where the tests need it. */
export const STRAPI_SALT = 'strapi-test-salt-Zm9vYmFy'

/** A new Strapi key: `crypto.randomBytes(128).toString('hex')`, as Strapi v5 generates it. */
export function strapiKey(): string {
  return randomBytes(128).toString('hex')
}

/** What Strapi stores of `key`: `createHmac('sha512', salt).update(key).digest('hex')`. */
export function strapiHash(key: string, salt = STRAPI_SALT): string {
  return createHmac('sha512', salt).update(key).digest('hex')
}

/** What Tollgate stores of `key`: HMAC-SHA-256 under the test `TOKEN_PEPPER`, in hex. */
export function tollgateHash(key: string): string {
  return createHmac('sha256', env.TOKEN_PEPPER!).update(key).digest('hex')
}

/** A row of the import body for `key` (a new one unless given), read-only unless told. */
export function strapiRow(fields: Record<string, unknown> = {}, key = strapiKey()) {
  return {
    key,
    row: {
      name: uniqueName('strapi'),
      description: 'Imported from Strapi',
      type: 'read-only',
      lifespan: null,
      expiresAt: null,
      createdAt: '2025-03-01T10:00:00.000Z',
      lastUsedAt: '2025-06-01T08:30:00.000Z',
      accessKey: strapiHash(key),
      permissions: [],
      ...fields,
    },
  }
}

/** An admin JWT scoped to `owner` (SPEC §8), with every admin action. */
export function scopedAdminJwt(owner: string): Promise<string> {
  return adminJwt({ claims: { owner } })
}

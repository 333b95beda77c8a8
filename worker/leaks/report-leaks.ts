import type { Context } from 'hono'
import type { LeakSource } from '../../contract/api-tokens'
import { adminDb } from '../db/d1-sessions'
import type { AppEnv } from '../env'
import { waitUntilOf } from '../http/wait-until'
import { isWellFormedApiKey } from '../keys/key-format'
import { hashApiKey } from '../keys/key-hash'
import { isStrapiFormatKey, strapiKeyHash } from '../keys/strapi-key'
import { pepperOf } from '../keys/pepper'
import { evictToken } from '../gate/verified-key-cache'
import { disableLeakedKeys } from '../store/leaked-keys'
import { publishEvents } from '../webhooks/publish-events'

/** One key someone reported, with where it was found when the reporter said. */
export interface ReportedKey {
  key: string
  url?: string
}

/** The longest `url` kept in a `leaked` event; a longer one is left out. */
const MAX_URL_LENGTH = 2048

const urlOf = (url: string | undefined) =>
  url && url.length <= MAX_URL_LENGTH && /^https?:\/\//i.test(url) ? url : null

/**
 * Acts on a report of leaked keys (SPEC §12): keys not of this deployment's format, or
 * with a wrong checksum, are dropped before any hashing or D1 read; the rest are hashed
 * and disabled in one D1 batch ({@link disableLeakedKeys}), which writes the revocation
 * feed for the other isolates — this one forgets the tokens at once — and the `leaked`
 * events go out as webhooks off the request path. Returns the reported keys that were a
 * token's current key or a replaced key in its grace period.
 *
 * @example
 * const known = await reportLeakedKeys(c, body.keys.map((key) => ({ key })), 'revoke')
 */
export async function reportLeakedKeys(
  c: Context<AppEnv>,
  reported: ReportedKey[],
  source: LeakSource,
): Promise<Set<string>> {
  const prefix = c.var.settings.tokenPrefix
  // An imported Strapi key counts too when the salt is set (SPEC §12).
  const salt = c.env.STRAPI_API_TOKEN_SALT
  const isKey = (key: string) =>
    isWellFormedApiKey(key, prefix) || (salt !== undefined && isStrapiFormatKey(key))
  const wellFormed = new Map<string, string | null>()
  for (const { key, url } of reported) {
    if (!wellFormed.has(key) && isKey(key)) wellFormed.set(key, urlOf(url))
  }
  if (wellFormed.size === 0) return new Set()
  const pepper = pepperOf(c.env)
  // A Strapi key is stored under Strapi's hash until its first use, Tollgate's after.
  const hashesOf = async (key: string) =>
    salt !== undefined && isStrapiFormatKey(key)
      ? [await hashApiKey(key, pepper), await strapiKeyHash(key, salt)]
      : [await hashApiKey(key, pepper)]
  const hashed = (
    await Promise.all(
      [...wellFormed].map(async ([key, url]) =>
        (await hashesOf(key)).map((hash) => ({ key, url, hash })),
      ),
    )
  ).flat()
  // A D1 failure is the one onError's 503: nothing was changed.
  const outcome = await disableLeakedKeys(adminDb(c.env.DB), hashed, source, Date.now())
  for (const event of outcome.events) evictToken(event.tokenId)
  if (outcome.events.length) waitUntilOf(c)(publishEvents(c.env, outcome.events))
  return new Set(hashed.filter(({ hash }) => outcome.known.has(hash)).map(({ key }) => key))
}

import { strapiKeyHash, strapiKeyHintOf } from '../keys/strapi-key'
import { findGateToken } from '../store/api-tokens'
import { adoptStrapiKey } from '../store/strapi-keys'
import type { TokenDb } from '../db/token-db'
import type { GateToken } from '../tokens/gate-token'

/** What the second lookup of a Strapi-format key needs. */
export interface StrapiKeyLookup {
  /** The plaintext key: 256 lowercase hex characters. */
  key: string
  /** `STRAPI_API_TOKEN_SALT`: Strapi's `API_TOKEN_SALT`. */
  salt: string
  /** The key's Tollgate hash, which found nothing. */
  tollgateHash: string
  /** Runs the re-hash off the request path. */
  waitUntil: (work: Promise<unknown>) => void
}

/**
 * The token of a Strapi key not yet seen by the gate, looked up by the hash Strapi stored
 * (HMAC-SHA-512 under `STRAPI_API_TOKEN_SALT`): one HMAC and one D1 read more than any
 * key, once. When found, Tollgate's hash replaces Strapi's off the request path
 * ({@link adoptStrapiKey}), so the key's next lookup is an ordinary one; until that write
 * lands, a lookup simply finds the token this way again. `null` when no token has it.
 *
 * @example
 * const token = (await findGateToken(db, hash)) ?? (await findByStrapiHash(db, { key, salt, tollgateHash: hash, waitUntil }))
 */
export async function findByStrapiHash(
  db: TokenDb,
  { key, salt, tollgateHash, waitUntil }: StrapiKeyLookup,
): Promise<GateToken | null> {
  const strapiHash = await strapiKeyHash(key, salt)
  const token = await findGateToken(db, strapiHash)
  if (!token) return null
  const adoption = { tokenId: token.id, strapiHash, tollgateHash, keyHint: strapiKeyHintOf(key) }
  waitUntil(
    adoptStrapiKey(db, adoption).catch((error: unknown) => {
      // The key keeps working through this path; the next first use tries again.
      console.error(
        '[tollgate] re-hashing a Strapi key failed',
        error instanceof Error ? error.message : error,
      )
    }),
  )
  return token
}

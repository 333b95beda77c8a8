import { and, eq, or, sql } from 'drizzle-orm'
import { apiTokens } from '../db/schema'
import type { TokenDb } from '../db/token-db'
import { STRAPI_KEY_HINT } from '../keys/strapi-key'

/** How the gate re-hashes a Strapi key it has just verified. */
export interface StrapiKeyAdoption {
  /** The token the key belongs to. */
  tokenId: number
  /** The key as Strapi stored it: HMAC-SHA-512 under `STRAPI_API_TOKEN_SALT`. */
  strapiHash: string
  /** The key as Tollgate stores it: HMAC-SHA-256 under `TOKEN_PEPPER`. */
  tollgateHash: string
  /** The key's hint, for a token still showing {@link STRAPI_KEY_HINT}. */
  keyHint: string
}

/**
 * Stores Tollgate's hash in place of Strapi's for the key the gate has just verified
 * (SPEC §12): its current key, or the one a regenerate replaced while it still works.
 * From then on the key is an ordinary lookup. The hint shows the key's ends instead of
 * "Strapi key"; nothing else changes — not `updatedAt`, not `legacy` (a regenerate
 * clears it), and no event: the token is what the admin imported. A second adoption
 * (another isolate, a replica behind) finds no Strapi hash and changes nothing.
 *
 * @example
 * waitUntil(adoptStrapiKey(db, { tokenId, strapiHash, tollgateHash, keyHint }))
 */
export async function adoptStrapiKey(db: TokenDb, adoption: StrapiKeyAdoption): Promise<void> {
  const { tokenId, strapiHash, tollgateHash, keyHint } = adoption
  const current = sql`${apiTokens.accessKeyHash} = ${strapiHash}`
  await db
    .update(apiTokens)
    .set({
      // Every right-hand side reads the row as it was.
      accessKeyHash: sql`case when ${current} then ${tollgateHash} else ${apiTokens.accessKeyHash} end`,
      keyHint: sql`case when ${current} and ${apiTokens.keyHint} = ${STRAPI_KEY_HINT} then ${keyHint} else ${apiTokens.keyHint} end`,
      previousKeyHash: sql`case when ${apiTokens.previousKeyHash} = ${strapiHash} then ${tollgateHash} else ${apiTokens.previousKeyHash} end`,
    })
    .where(
      and(
        eq(apiTokens.id, tokenId),
        or(eq(apiTokens.accessKeyHash, strapiHash), eq(apiTokens.previousKeyHash, strapiHash)),
      ),
    )
}

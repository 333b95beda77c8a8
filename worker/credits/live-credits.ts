import type { Token } from '../../contract/api-tokens'
import type { TokenDb } from '../db/token-db'
import { storedCredits } from '../store/api-tokens'
import type { TokenCredits } from './token-credits'
import { onCredits } from './credits-stub'

/**
 * `tokens` with each metered one's live credits, read from its Durable Object (SPEC §13);
 * unmetered tokens never touch it. A balance that cannot be read leaves the token's
 * stored credits: an admin's read does not fail for it.
 */
export async function withLiveCredits<T extends Token>(
  namespace: DurableObjectNamespace<TokenCredits> | undefined,
  db: TokenDb,
  tokens: T[],
): Promise<T[]> {
  const metered = tokens.filter((token) => token.credits !== null)
  if (metered.length === 0) return tokens
  const configs = await storedCredits(
    db,
    metered.map((token) => token.id),
  )
  return Promise.all(
    tokens.map(async (token) => {
      const config = configs.get(token.id)
      if (!config) return token
      const credits = await onCredits(namespace, token.id, (stub) => stub.peek(config)).catch(
        () => token.credits,
      )
      return { ...token, credits }
    }),
  )
}

/** One token with its live credits (see {@link withLiveCredits}). */
export async function withLiveCredit<T extends Token>(
  namespace: DurableObjectNamespace<TokenCredits> | undefined,
  db: TokenDb,
  token: T,
): Promise<T> {
  return (await withLiveCredits(namespace, db, [token]))[0] ?? token
}

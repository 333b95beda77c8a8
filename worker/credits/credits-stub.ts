import { ApiError } from '../http/api-error'
import { ConfigError } from '../config/config-error'
import type { TokenCredits } from './token-credits'

/**
 * The Durable Object holding token `tokenId`'s balance (SPEC §13): one per metered
 * token, by name, so every isolate reaches the same one.
 */
export function creditsStub(
  namespace: DurableObjectNamespace<TokenCredits>,
  tokenId: number,
): DurableObjectStub<TokenCredits> {
  return namespace.get(namespace.idFromName(String(tokenId)))
}

/**
 * Runs `call` on token `tokenId`'s balance. A Durable Object that cannot be reached (or
 * none bound) is a 503 `Credits unavailable`: the gate and the admin API fail closed.
 */
export async function onCredits<T>(
  namespace: DurableObjectNamespace<TokenCredits> | undefined,
  tokenId: number,
  call: (stub: DurableObjectStub<TokenCredits>) => Promise<T>,
): Promise<T> {
  if (!namespace) throw new ApiError(503, 'Credits unavailable')
  try {
    return await call(creditsStub(namespace, tokenId))
  } catch (error) {
    console.error('[tollgate] credits unavailable', error)
    throw new ApiError(503, 'Credits unavailable')
  }
}

/**
 * Refuses to meter a token where no `TOKEN_CREDITS` is bound: every request of it would be
 * a 503. A 500 naming the binding, as for the other settings.
 */
export function requireCreditsBinding(
  namespace: DurableObjectNamespace<TokenCredits> | undefined,
): void {
  if (!namespace) {
    throw new ConfigError(
      'TOKEN_CREDITS is not bound: metered tokens need the TokenCredits Durable Object',
    )
  }
}

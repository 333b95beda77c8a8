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

import type { Credits } from '../../contract/api-tokens'
import type { TokenCredits } from './token-credits'
import { creditsStub } from './credits-stub'

/**
 * A token's credits with the live balance read from its Durable Object (SPEC §13);
 * unmetered tokens never touch it. When the Durable Object cannot be read the last
 * balance written to D1 stands: an admin's read does not fail for it.
 */
export async function liveCredits(
  namespace: DurableObjectNamespace<TokenCredits> | undefined,
  token: { id: number; credits?: Credits | null },
): Promise<Credits | null> {
  const config = token.credits ?? null
  if (!config || !namespace) return config
  try {
    return { ...config, remaining: await creditsStub(namespace, token.id).peek(config) }
  } catch (error) {
    console.error('[tollgate] credits unavailable', error)
    return config
  }
}

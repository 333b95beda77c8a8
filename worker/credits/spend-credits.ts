import { ApiError } from '../http/api-error'
import type { Catalog } from '../catalog/catalog'
import type { TokenCredits } from './token-credits'
import type { CreditsConfig } from './credit-rules'
import { onCredits } from './credits-stub'

/** The header a metered token's forwarded answers carry: its balance after the request. */
export const REMAINING_HEADER = 'X-Api-Token-Remaining'

/** What a request costs a metered token: its REST route's `cost` in the catalog, else 1. */
export function requestCost(catalog: Catalog, action: string | undefined): number {
  return (action === undefined ? undefined : catalog.costs.get(action)) ?? 1
}

/**
 * Takes `cost` credits from a metered token's Durable Object and answers its balance
 * after it. An empty balance is a 429 `USAGE_EXCEEDED`; an unreachable Durable Object
 * (or none bound) a 503: the gate fails closed (SPEC §13).
 */
export async function spendCredits(
  namespace: DurableObjectNamespace<TokenCredits> | undefined,
  token: { id: number; credits: CreditsConfig },
  cost: number,
  now: number,
): Promise<number> {
  const result = await onCredits(namespace, token.id, (stub) =>
    stub.spend(cost, token.credits, now),
  )
  if (!result.ok) {
    throw new ApiError(
      429,
      'Usage exceeded',
      { code: 'USAGE_EXCEEDED' },
      { [REMAINING_HEADER]: String(result.remaining) },
    )
  }
  return result.remaining
}

/**
 * A metered token's balance, read without spending (`/auth/verify`); a Durable Object
 * that cannot be read is a 503, as at the gate.
 */
export function readCredits(
  namespace: DurableObjectNamespace<TokenCredits> | undefined,
  token: { id: number; credits: CreditsConfig },
  now: number,
): Promise<number> {
  return onCredits(namespace, token.id, (stub) => stub.peek(token.credits, now))
}

/** The origin's answer with the token's balance in `X-Api-Token-Remaining`. */
export function withRemaining(response: Response, remaining: number | undefined): Response {
  if (remaining === undefined || response.webSocket) return response
  const answer = new Response(response.body, response)
  answer.headers.set(REMAINING_HEADER, String(remaining))
  return answer
}

import { ApiError } from '../http/api-error'
import type { Catalog } from '../catalog/catalog'
import type { RequestIntent } from '../gate/decide'
import type { TokenCredits } from './token-credits'
import type { CreditsConfig } from './credit-rules'
import { onCredits } from './credits-stub'

/** The header a metered token's forwarded answers carry: its balance after the request. */
export const REMAINING_HEADER = 'X-Api-Token-Remaining'

/**
 * What a request costs a metered token (SPEC §13): 1, or what its priced actions cost.
 * A price belongs to an action, so every route and GraphQL field of that action costs
 * it; a GraphQL request pays for each root field it runs (aliases run a field again),
 * and at least 1.
 */
export function requestCost(catalog: Catalog, intent: RequestIntent | undefined): number {
  if (intent?.api === 'rest') {
    return (intent.action === undefined ? undefined : catalog.costs.get(intent.action)) ?? 1
  }
  if (intent?.api !== 'graphql') return 1
  let priced = 0
  for (const [field, runs] of intent.operation.runs) {
    const action = catalog.graphqlFields.get(field)?.action
    priced += (action === undefined ? 0 : (catalog.costs.get(action) ?? 0)) * runs
  }
  return Math.max(1, priced)
}

/** A spend made: the balance left, and how to give it back. */
export interface Charge {
  remaining: number
  refund: () => Promise<unknown>
}

/**
 * Takes `cost` credits from a metered token's Durable Object. An empty balance is a 429
 * `USAGE_EXCEEDED`; an unreachable Durable Object (or none bound) a 503: the gate fails
 * closed (SPEC §13).
 */
export async function chargeCredits(
  namespace: DurableObjectNamespace<TokenCredits> | undefined,
  tokenId: number,
  credits: CreditsConfig,
  cost: number,
  now: number,
): Promise<Charge> {
  const result = await onCredits(namespace, tokenId, (stub) => stub.spend(cost, credits, now))
  if (!result.ok) {
    throw new ApiError(
      429,
      'Usage exceeded',
      { code: 'USAGE_EXCEEDED' },
      { [REMAINING_HEADER]: String(result.remaining) },
    )
  }
  const refund = () =>
    onCredits(namespace, tokenId, (stub) => stub.refund(cost, credits)).catch(() => undefined)
  return { remaining: result.remaining, refund }
}

/**
 * A metered token's balance, read without spending (`/auth/verify`); a Durable Object
 * that cannot be read is a 503, as at the gate.
 */
export async function readCredits(
  namespace: DurableObjectNamespace<TokenCredits> | undefined,
  tokenId: number,
  credits: CreditsConfig,
  now: number,
): Promise<number> {
  return (await onCredits(namespace, tokenId, (stub) => stub.peek(credits, now))).remaining
}

/** The origin's answer with the token's balance in `X-Api-Token-Remaining`. */
export function withRemaining(response: Response, remaining: number | undefined): Response {
  if (remaining === undefined || response.webSocket) return response
  const answer = new Response(response.body, response)
  answer.headers.set(REMAINING_HEADER, String(remaining))
  return answer
}

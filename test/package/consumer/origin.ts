// tollgate/origin, as the API behind the gate uses it (SPEC §11).
import { verifyAssertion, tollgate, type TollgateClaims } from 'tollgate/origin'

/** The token a request came with, once its assertion is verified. */
export async function callerOf(request: Request): Promise<string> {
  const claims: TollgateClaims = await verifyAssertion(request, { secret: 'assertion-secret' })
  const actions: string[] = claims.act
  return `${claims.sub} (${claims.typ}) may ${actions.join(', ')}`
}

/** The middleware, for Hono and Express alike. */
export const requireGate = tollgate({ jwksUrl: 'https://gate.example.com/.well-known/jwks.json' })

// An origin API behind Tollgate, in Hono: every /api request must carry a valid assertion
// from the gate, and each route reads who asked from it (docs/origin.md).
import { Hono } from 'hono'
import { tollgate, type TollgateVariables } from 'tollgate/origin'

/** The origin's settings: the gate's JWKS (asymmetric assertions) or its HS256 secret. */
export interface OriginOptions {
  jwksUrl?: string
  secret?: string
}

/** The example origin: `/api/articles` answers the caller's token and granted actions. */
export function createOrigin({ jwksUrl, secret }: OriginOptions) {
  const app = new Hono<{ Variables: TollgateVariables }>()
  app.use('/api/*', tollgate(jwksUrl ? { jwksUrl } : { secret }))
  app.get('/api/articles', (c) => {
    const { sub, typ, act, own } = c.get('tollgate')
    return c.json({ data: [], meta: { token: sub, type: typ, actions: act, owner: own ?? null } })
  })
  return app
}

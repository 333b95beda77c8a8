import type { Context, MiddlewareHandler, Next } from 'hono'
import { TollgateAssertionError } from './assertion-error'
import {
  verifyAssertion,
  type NodeRequestLike,
  type TollgateClaims,
  type VerifyAssertionOptions,
} from './verify-assertion'

/** What the Hono middleware adds to the context: `c.get('tollgate')`. */
export interface TollgateVariables {
  tollgate: TollgateClaims
}

/** Express's `res` or Node's `ServerResponse`: what the middleware uses of it. */
export interface NodeResponseLike {
  statusCode: number
  setHeader(name: string, value: string): unknown
  end(body: string): unknown
}

/** A Node request once verified: Express's `req.tollgate`. */
export type VerifiedNodeRequest = NodeRequestLike & { tollgate?: TollgateClaims }

/** Both middlewares in one: Hono's `(c, next)` and Express/Node's `(req, res, next)`. */
export type TollgateMiddleware = MiddlewareHandler<{ Variables: TollgateVariables }> &
  ((req: VerifiedNodeRequest, res: NodeResponseLike, next: (error?: unknown) => void) => void)

/** The §2 error shape of the 401, with the assertion's refusal code. */
function refusal(error: TollgateAssertionError) {
  return {
    data: null,
    error: {
      status: 401,
      name: 'UnauthorizedError',
      message: error.message,
      details: { code: error.code },
    },
  }
}

const isHonoContext = (
  value: Context<{ Variables: TollgateVariables }> | VerifiedNodeRequest,
): value is Context<{ Variables: TollgateVariables }> =>
  typeof value === 'object' && value !== null && 'req' in value && 'json' in value

/**
 * Middleware that lets a request in only with a valid assertion from the gate
 * ({@link verifyAssertion}), for Hono (`c.get('tollgate')` holds the claims) and for
 * Express or plain Node (`req.tollgate`). A missing, forged, expired or replayed
 * assertion is answered 401 in SPEC §2's error shape with `details.code`.
 *
 * @example
 * app.use('/api/*', tollgate({ jwksUrl: 'https://gate.example.com/.well-known/jwks.json' })) // Hono
 * app.use(tollgate({ secret: process.env.ORIGIN_ASSERTION_SECRET })) // Express
 */
export function tollgate(options: VerifyAssertionOptions): TollgateMiddleware {
  async function hono(c: Context<{ Variables: TollgateVariables }>, next: Next) {
    try {
      c.set('tollgate', await verifyAssertion(c.req.raw, options))
    } catch (error) {
      if (error instanceof TollgateAssertionError) return c.json(refusal(error), 401)
      throw error
    }
    await next()
  }
  function node(
    req: VerifiedNodeRequest,
    res: NodeResponseLike,
    next: (error?: unknown) => void,
  ): void {
    verifyAssertion(req, options).then(
      (claims) => {
        req.tollgate = claims
        next()
      },
      (error: unknown) => {
        if (!(error instanceof TollgateAssertionError)) return next(error)
        res.statusCode = 401
        res.setHeader('Content-Type', 'application/json')
        res.end(JSON.stringify(refusal(error)))
      },
    )
  }
  return function tollgateMiddleware(
    first: Context<{ Variables: TollgateVariables }> | VerifiedNodeRequest,
    second: Next | NodeResponseLike,
    third?: (error?: unknown) => void,
  ) {
    if (isHonoContext(first)) return hono(first, second as Next)
    node(first, second as NodeResponseLike, third ?? (() => undefined))
    return undefined
  } as TollgateMiddleware
}

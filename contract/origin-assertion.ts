// What the gate tells the origin about a request it let through (SPEC §3 step 5, §10, §11):
// the claims of `X-Tollgate-Assertion`, shared by the worker that signs them and the
// origin kit (`tollgate/origin`) that verifies them. Plain types and constants only.

/** The header the assertion travels in. */
export const ASSERTION_HEADER = 'X-Tollgate-Assertion'
/** The assertion's issuer (`iss`). */
export const ASSERTION_ISSUER = 'tollgate'
/** Where the gate serves its public assertion keys when it signs with `ORIGIN_ASSERTION_KEY`. */
export const ASSERTION_JWKS_PATH = '/.well-known/jwks.json'

/** The claims of an assertion, besides `iss`, `iat` and `exp`. */
export interface AssertionClaims {
  /** The token id, or `"public"` for a request without a key. */
  sub: string
  /** The token's type, or `"public"`. */
  typ: 'read-only' | 'full-access' | 'custom' | 'public'
  /** The catalog actions the request was judged as (every GraphQL root field's). */
  act: string[]
  /** The request's method and path (no query): the assertion is good for this request only. */
  htm: string
  htu: string
  /** The key is the one a regenerate replaced, in its grace period (SPEC §7). */
  prev?: true
  /** The token's owner (SPEC §8). */
  own?: string
  /** The client address the gate judged (`CF-Connecting-IP`, SPEC §10). */
  cip?: string
  /** The token's `meta` (SPEC §13), when it holds anything. */
  meta?: Record<string, unknown>
}

import { SignJWT } from 'jose'
import { hmacSha256Key } from '../keys/hmac-key'

/** The claims of `X-Tollgate-Assertion` (SPEC §3, step 5), besides `iss`, `iat` and `exp`. */
export interface AssertionClaims {
  /** The token id; absent for a request without a key (`sub: "public"`). */
  sub?: string
  typ: string
  act: string[]
  /** The request's method and path (no query): the assertion is good for this request only. */
  htm: string
  htu: string
  /** The key is the one a regenerate replaced, in its grace period (SPEC §7). */
  prev?: boolean
  /** The token's owner (SPEC §8). */
  own?: string
  /** The client address the gate judged (`CF-Connecting-IP`, SPEC §10). */
  cip?: string
}

const ASSERTION_LIFETIME_SECONDS = 60
/** Distinct assertions kept per second; a burst over many paths signs the rest afresh. */
const MAX_REUSED_PER_SECOND = 1_000
let currentSecond = 0
let signedThisSecond = new Map<string, Promise<string>>()

/**
 * The HS256 JWT that proves to the origin that this very request passed the gate:
 * `iss: "tollgate"`, the token id as `sub`, its type as `typ` (`"public"` without a
 * key), the matched actions as `act`, the method and path as `htm` and `htu` (bound
 * to the request as in DPoP, RFC 9449 §4.2), the client address it judged as `cip`, valid 60 s. HS256 is deterministic, so
 * within one second the same claims give the same JWT: it is signed once and reused.
 *
 * @example
 * await signAssertion(secret, { sub: '7', typ: 'custom', act: [find], htm: 'GET', htu: '/api/articles' }, Date.now())
 */
export function signAssertion(
  secret: string,
  claims: AssertionClaims,
  nowMs: number,
): Promise<string> {
  const iat = Math.floor(nowMs / 1000)
  if (iat !== currentSecond) {
    currentSecond = iat
    signedThisSecond = new Map()
  }
  const cacheKey = JSON.stringify([
    secret,
    claims.sub,
    claims.typ,
    claims.act,
    claims.htm,
    claims.htu,
    claims.prev,
    claims.own,
    claims.cip,
  ])
  let jwt = signedThisSecond.get(cacheKey)
  if (!jwt) {
    jwt = hmacSha256Key(secret).then((key) =>
      new SignJWT({
        typ: claims.typ,
        act: claims.act,
        htm: claims.htm,
        htu: claims.htu,
        ...(claims.prev ? { prev: true } : {}),
        ...(claims.own ? { own: claims.own } : {}),
        ...(claims.cip ? { cip: claims.cip } : {}),
      })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setIssuer('tollgate')
        .setSubject(claims.sub ?? 'public')
        .setIssuedAt(iat)
        .setExpirationTime(iat + ASSERTION_LIFETIME_SECONDS)
        .sign(key),
    )
    if (signedThisSecond.size < MAX_REUSED_PER_SECOND) signedThisSecond.set(cacheKey, jwt)
  }
  return jwt
}

import { SignJWT } from 'jose'
import { hmacSha256Key } from '../keys/hmac-key'

/** The claims of `X-Tollgate-Assertion` (SPEC §3, step 5), besides `iss`, `iat` and `exp`. */
export interface AssertionClaims {
  sub?: string
  typ: string
  act: string[]
}

const ASSERTION_LIFETIME_SECONDS = 60
let currentSecond = 0
let signedThisSecond = new Map<string, Promise<string>>()

/**
 * The HS256 JWT that proves to the origin a request passed the gate: `iss: "tollgate"`,
 * the token id as `sub`, its type as `typ` (`"public"` without a key), the matched
 * actions as `act`, valid 60 s. HS256 is deterministic, so within one second the same
 * claims give the same JWT: it is signed once per second and reused.
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
  const cacheKey = `${claims.sub ?? ''}|${claims.typ}|${claims.act.join(',')}|${secret}`
  let jwt = signedThisSecond.get(cacheKey)
  if (!jwt) {
    jwt = hmacSha256Key(secret).then((key) =>
      new SignJWT({ typ: claims.typ, act: claims.act })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setIssuer('tollgate')
        .setSubject(claims.sub ?? 'public')
        .setIssuedAt(iat)
        .setExpirationTime(iat + ASSERTION_LIFETIME_SECONDS)
        .sign(key),
    )
    signedThisSecond.set(cacheKey, jwt)
  }
  return jwt
}

import { SignJWT } from 'jose'
import { ASSERTION_ISSUER, type AssertionClaims } from '../../contract/origin-assertion'
import type { AssertionSigner } from './assertion-signer'

export type { AssertionClaims }

const ASSERTION_LIFETIME_SECONDS = 60
/** Distinct assertions kept per second; a burst over many paths signs the rest afresh. */
const MAX_REUSED_PER_SECOND = 1_000
let currentSecond = 0
let signedThisSecond = new Map<string, Promise<string>>()

/**
 * The JWT that proves to the origin that this very request passed the gate: `iss:
 * "tollgate"`, the token id as `sub` (`"public"` without a key), its type as `typ`, the
 * matched actions as `act`, the method and path as `htm` and `htu` (bound to the request
 * as in DPoP, RFC 9449 §4.2), the client address it judged as `cip`, the token's `meta` (when not empty) as `meta`,
 * valid 60 s. Signed
 * HS256 with `ORIGIN_ASSERTION_SECRET`, or EdDSA/ES256 with `ORIGIN_ASSERTION_KEY` and its
 * `kid` ({@link AssertionSigner}). Within one second the same claims give the same JWT:
 * it is signed once and reused.
 *
 * @example
 * await signAssertion(signer, { sub: '7', typ: 'custom', act: [find], htm: 'GET', htu: '/api/articles' }, Date.now())
 */
export function signAssertion(
  signer: AssertionSigner,
  claims: AssertionClaims,
  nowMs: number,
): Promise<string> {
  const iat = Math.floor(nowMs / 1000)
  if (iat !== currentSecond) {
    currentSecond = iat
    signedThisSecond = new Map()
  }
  const { sub, typ, act, htm, htu, prev, own, cip, meta } = claims
  const cacheKey = JSON.stringify([signer.id, sub, typ, act, htm, htu, prev, own, cip, meta])
  let jwt = signedThisSecond.get(cacheKey)
  if (!jwt) {
    jwt = new SignJWT({
      typ,
      act,
      htm,
      htu,
      ...(prev ? { prev: true } : {}),
      ...(own ? { own } : {}),
      ...(cip ? { cip } : {}),
      ...(meta ? { meta } : {}),
    })
      .setProtectedHeader({
        alg: signer.alg,
        typ: 'JWT',
        ...(signer.kid ? { kid: signer.kid } : {}),
      })
      .setIssuer(ASSERTION_ISSUER)
      .setSubject(sub)
      .setIssuedAt(iat)
      .setExpirationTime(iat + ASSERTION_LIFETIME_SECONDS)
      .sign(signer.key)
    if (signedThisSecond.size < MAX_REUSED_PER_SECOND) signedThisSecond.set(cacheKey, jwt)
  }
  return jwt
}

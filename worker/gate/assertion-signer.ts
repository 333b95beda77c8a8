import { calculateJwkThumbprint, importJWK, type JWK } from 'jose'
import { ConfigError } from '../config/config-error'
import type { Bindings } from '../env'
import { hmacSha256Key } from '../keys/hmac-key'

/** How assertions are signed: the HS256 secret, or a private key the origin verifies by its public half. */
export interface AssertionSigner {
  alg: 'HS256' | 'EdDSA' | 'ES256'
  /** The key id in the JWT header (asymmetric keys only): the JWKS entry to verify with. */
  kid?: string
  key: CryptoKey
  /** Tells signers apart in the per-second reuse of signed assertions. */
  id: string
}

/** An environment's assertion keys: how to sign, and what `/.well-known/jwks.json` serves. */
export interface AssertionKeys {
  signer?: AssertionSigner
  /** The public keys, current first; only with `ORIGIN_ASSERTION_KEY`. */
  jwks?: PublicJwk[]
}

/** A public key as `/.well-known/jwks.json` lists it. */
export type PublicJwk = JWK & { kid: string; alg: 'EdDSA' | 'ES256'; use: 'sig' }

const PUBLIC_MEMBERS = ['kty', 'crv', 'x', 'y'] as const

/** The algorithm a JWK signs with: Ed25519 → EdDSA, P-256 → ES256; anything else is refused. */
function algorithmOf(jwk: JWK, name: string): 'EdDSA' | 'ES256' {
  if (jwk.kty === 'OKP' && jwk.crv === 'Ed25519') return 'EdDSA'
  if (jwk.kty === 'EC' && jwk.crv === 'P-256') return 'ES256'
  throw new ConfigError(`${name} must be an Ed25519 (OKP) or P-256 (EC) JWK`)
}

function parseJwk(text: string, name: string): JWK {
  let jwk: unknown
  try {
    jwk = JSON.parse(text)
  } catch {
    throw new ConfigError(`${name} is not JSON: it must be a JWK`)
  }
  if (typeof jwk !== 'object' || jwk === null || Array.isArray(jwk)) {
    throw new ConfigError(`${name} must be a JWK (a JSON object)`)
  }
  return jwk as JWK
}

/**
 * The public half of a JWK with its `kid` (its own, else its RFC 7638 thumbprint), `alg` and
 * `use`: never `d`, whatever the JWK held.
 */
async function publicJwkOf(jwk: JWK, name: string): Promise<PublicJwk> {
  const alg = algorithmOf(jwk, name)
  const members = Object.fromEntries(
    PUBLIC_MEMBERS.filter((member) => jwk[member] !== undefined).map((member) => [
      member,
      jwk[member],
    ]),
  ) as JWK
  const kid =
    typeof jwk.kid === 'string' && jwk.kid ? jwk.kid : await calculateJwkThumbprint(members)
  return { ...members, kid, alg, use: 'sig' }
}

async function loadAssertionKeys(env: Bindings): Promise<AssertionKeys> {
  const privateText = env.ORIGIN_ASSERTION_KEY
  if (!privateText) {
    const secret = env.ORIGIN_ASSERTION_SECRET
    if (!secret) return {}
    return { signer: { alg: 'HS256', key: await hmacSha256Key(secret), id: `hs256:${secret}` } }
  }
  const jwk = parseJwk(privateText, 'ORIGIN_ASSERTION_KEY')
  const alg = algorithmOf(jwk, 'ORIGIN_ASSERTION_KEY')
  if (typeof jwk.d !== 'string') {
    throw new ConfigError('ORIGIN_ASSERTION_KEY must be a private JWK (with "d")')
  }
  const current = await publicJwkOf(jwk, 'ORIGIN_ASSERTION_KEY')
  const previousText = env.ORIGIN_ASSERTION_PREVIOUS_KEY
  const previous = previousText
    ? [
        await publicJwkOf(
          parseJwk(previousText, 'ORIGIN_ASSERTION_PREVIOUS_KEY'),
          'ORIGIN_ASSERTION_PREVIOUS_KEY',
        ),
      ]
    : []
  let key: CryptoKey
  try {
    key = (await importJWK({ ...jwk, alg }, alg)) as CryptoKey
  } catch {
    throw new ConfigError('ORIGIN_ASSERTION_KEY cannot be imported as a private key')
  }
  return {
    signer: { alg, kid: current.kid, key, id: `jwk:${current.kid}` },
    jwks: [current, ...previous],
  }
}

const loaded = new WeakMap<Bindings, Promise<AssertionKeys>>()

/**
 * The assertion keys of an environment, read once per isolate (SPEC §11):
 * `ORIGIN_ASSERTION_KEY` (a private JWK, Ed25519 or P-256) signs with its `kid`, and is
 * served with `ORIGIN_ASSERTION_PREVIOUS_KEY`'s public half during a rotation as the
 * JWKS; without it `ORIGIN_ASSERTION_SECRET` signs HS256; with neither, nothing signs. A
 * key that cannot sign rejects with a `ConfigError`: the gate then forwards nothing,
 * rather than requests the origin cannot verify.
 *
 * @example
 * const { signer, jwks } = await assertionKeys(c.env)
 */
export function assertionKeys(env: Bindings): Promise<AssertionKeys> {
  // Per `env` object, as settingsFor: one lookup on the hot path, no key text handled.
  let keys = loaded.get(env)
  if (!keys) {
    keys = loadAssertionKeys(env)
    loaded.set(env, keys)
  }
  return keys
}

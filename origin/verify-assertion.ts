import {
  createRemoteJWKSet,
  createLocalJWKSet,
  customFetch,
  errors,
  jwtVerify,
  type JSONWebKeySet,
  type JWTPayload,
  type JWTVerifyGetKey,
} from 'jose'
import {
  ASSERTION_HEADER,
  ASSERTION_ISSUER,
  type AssertionClaims,
} from '../contract/origin-assertion'
import { TollgateAssertionError } from './assertion-error'

/** The claims the origin can trust once verified: SPEC §3's, with `iat` and `exp`. */
export type TollgateClaims = AssertionClaims & { iss: 'tollgate'; iat: number; exp: number }

/** A Node request (`http.IncomingMessage`, Express's `req`): what the kit reads of it. */
export interface NodeRequestLike {
  method?: string
  url?: string
  /** Express: the URL before a mounted router cut its prefix. */
  originalUrl?: string
  headers: Record<string, string | string[] | undefined>
}

/** How to verify: exactly one of `secret`, `jwksUrl` or `jwks`. */
export interface VerifyAssertionOptions {
  /** The gate's `ORIGIN_ASSERTION_SECRET` (HS256). */
  secret?: string
  /** The gate's `/.well-known/jwks.json` (EdDSA or ES256): fetched, cached, fetched again for an unknown `kid`. */
  jwksUrl?: string | URL
  /** The gate's public keys, given rather than fetched. */
  jwks?: JSONWebKeySet
  /** What fetches `jwksUrl` (e.g. a service binding's `fetch`); the global `fetch` by default. */
  fetch?: (url: string, init: RequestInit) => Promise<Response>
  /** The path `ORIGIN_URL` puts before the request's path (`https://api.internal/v1` → `/v1`). */
  pathPrefix?: string
  /** How long after fetching `jwksUrl` an unknown `kid` may fetch it again; 30 s by default. */
  jwksCooldownMs?: number
  /** Seconds of clock difference tolerated on `exp` and `iat`; 5 by default. */
  clockTolerance?: number
}

const remoteSets = new Map<string, JWTVerifyGetKey>()

/** The key set of a JWKS URL, one per URL and cooldown, so that its cache lives across requests. */
function remoteSet({ jwksUrl, fetch, jwksCooldownMs }: VerifyAssertionOptions): JWTVerifyGetKey {
  const id = `${String(jwksUrl)} ${jwksCooldownMs ?? ''}`
  let set = remoteSets.get(id)
  if (!set) {
    set = createRemoteJWKSet(new URL(String(jwksUrl)), {
      ...(jwksCooldownMs !== undefined ? { cooldownDuration: jwksCooldownMs } : {}),
      ...(fetch ? { [customFetch]: (input: string, init: RequestInit) => fetch(input, init) } : {}),
    })
    remoteSets.set(id, set)
  }
  return set
}

/** Verifies a JWT's signature, issuer, algorithm and times as `options` say; answers its payload. */
function verifierFor(options: VerifyAssertionOptions): (jwt: string) => Promise<JWTPayload> {
  const given = [options.secret, options.jwksUrl, options.jwks].filter((v) => v !== undefined)
  if (given.length !== 1) {
    throw new TypeError('verifyAssertion needs exactly one of secret, jwksUrl or jwks')
  }
  const checks = {
    issuer: ASSERTION_ISSUER,
    clockTolerance: options.clockTolerance ?? 5,
    requiredClaims: ['exp', 'iat', 'sub'],
  }
  if (options.secret !== undefined) {
    const secret = new TextEncoder().encode(options.secret)
    return async (jwt) =>
      (await jwtVerify(jwt, secret, { ...checks, algorithms: ['HS256'] })).payload
  }
  const keys = options.jwks ? createLocalJWKSet(options.jwks) : remoteSet(options)
  return async (jwt) =>
    (await jwtVerify(jwt, keys, { ...checks, algorithms: ['EdDSA', 'ES256'] })).payload
}

/** A Fetch `Request` (any realm's: Hono's Node adapter has its own), not a Node request. */
const isFetchRequest = (request: Request | NodeRequestLike): request is Request =>
  typeof (request.headers as Headers).get === 'function'

function headerOf(request: Request | NodeRequestLike): string | undefined {
  if (isFetchRequest(request)) return request.headers.get(ASSERTION_HEADER) ?? undefined
  const value = request.headers[ASSERTION_HEADER.toLowerCase()]
  return Array.isArray(value) ? undefined : value
}

/** The request's method and path (no query), as the gate signed them. */
function methodAndPath(request: Request | NodeRequestLike): { method: string; path: string } {
  if (isFetchRequest(request)) {
    return { method: request.method, path: new URL(request.url).pathname }
  }
  const target = request.originalUrl ?? request.url ?? '/'
  return { method: request.method ?? 'GET', path: new URL(target, 'http://origin').pathname }
}

function isClaims(payload: JWTPayload): payload is JWTPayload & TollgateClaims {
  return (
    typeof payload.sub === 'string' &&
    typeof payload.typ === 'string' &&
    Array.isArray(payload.act) &&
    payload.act.every((action) => typeof action === 'string') &&
    typeof payload.htm === 'string' &&
    typeof payload.htu === 'string'
  )
}

/**
 * Verifies the `X-Tollgate-Assertion` of a request that reached the origin (SPEC §11): its
 * signature (HS256 with the gate's secret, or EdDSA/ES256 against its JWKS), `iss:
 * "tollgate"`, `exp`, and that `htm` and `htu` are this request's method and path — an
 * assertion replayed on another request is refused. Takes a Fetch `Request` or a Node
 * request (`IncomingMessage`, Express's `req`). Returns the typed claims; throws
 * {@link TollgateAssertionError} (`MISSING`, `INVALID`, `EXPIRED`, `WRONG_REQUEST`).
 *
 * @example
 * const claims = await verifyAssertion(request, { jwksUrl: 'https://gate.example.com/.well-known/jwks.json' })
 * claims.act // ['api::article.article.find']
 */
export async function verifyAssertion(
  request: Request | NodeRequestLike,
  options: VerifyAssertionOptions,
): Promise<TollgateClaims> {
  const verify = verifierFor(options)
  const jwt = headerOf(request)
  if (!jwt) throw new TollgateAssertionError('MISSING', `No ${ASSERTION_HEADER} header`)
  let payload: JWTPayload
  try {
    payload = await verify(jwt)
  } catch (error) {
    if (error instanceof errors.JWTExpired) {
      throw new TollgateAssertionError('EXPIRED', 'The assertion has expired')
    }
    // The JWKS unreachable is no verdict on the assertion: it propagates (fail closed).
    if (error instanceof errors.JOSEError && !(error instanceof errors.JWKSTimeout)) {
      throw new TollgateAssertionError('INVALID', 'The assertion is not valid for this origin')
    }
    throw error
  }
  if (!isClaims(payload)) {
    throw new TollgateAssertionError('INVALID', 'The assertion lacks Tollgate claims')
  }
  const { method, path } = methodAndPath(request)
  const prefix = options.pathPrefix?.replace(/\/+$/, '') ?? ''
  if (payload.htm !== method || prefix + payload.htu !== path) {
    throw new TollgateAssertionError(
      'WRONG_REQUEST',
      'The assertion was signed for another method or path',
    )
  }
  return payload
}

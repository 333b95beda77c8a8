// SPEC §11 "tollgate/origin" and "Asymmetric assertions": the origin kit verifies real
// assertions taken from the gate — HS256, Ed25519 and P-256 through the gate's own JWKS,
// across a key rotation — and refuses a replay on another request, an expired one, a
// wrong key and a missing one; its Hono middleware lets in only what verifies.
import { env } from 'cloudflare:workers'
import { Hono } from 'hono'
import { exportJWK, generateKeyPair, type JWK } from 'jose'
import { describe, expect, it } from 'vitest'
import {
  tollgate,
  TollgateAssertionError,
  verifyAssertion,
  type TollgateMiddleware,
  type TollgateVariables,
  type VerifyAssertionOptions,
} from '../../origin'
import { createOrigin } from '../../examples/origin-hono'
import { bearer, gateEnv } from './gate-helpers'
import { createToken } from './helpers'

const FIND = 'api::article.article.find'

/** A private JWK of a fresh key pair, with a kid when given. */
async function privateJwk(alg: 'EdDSA' | 'ES256', kid?: string): Promise<JWK> {
  const { privateKey } = await generateKeyPair(alg, {
    extractable: true,
    ...(alg === 'EdDSA' ? { crv: 'Ed25519' } : {}),
  })
  return { ...(await exportJWK(privateKey)), ...(kid ? { kid } : {}) }
}

/** A request through the gate, and the request the origin received, as the origin would see it. */
async function throughGate(gate: ReturnType<typeof gateEnv>, path = '/api/articles') {
  const { accessKey } = await createToken({ type: 'read-only' })
  const response = await gate.fetch(path, { headers: bearer(accessKey) })
  expect(response.status).toBe(200)
  const seen = gate.seen.at(-1)!
  return new Request(seen.url, { method: seen.method, headers: seen.headers })
}

/** The same assertion on another request: `method`, `path`. */
function replayed(request: Request, method: string, path: string): Request {
  const url = new URL(request.url)
  url.pathname = path
  return new Request(url, { method, headers: request.headers })
}

async function refusal(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(TollgateAssertionError)
  return (error as TollgateAssertionError).code
}

const secret = () => ({ secret: env.ORIGIN_ASSERTION_SECRET! })

describe('verifyAssertion with the HS256 secret', () => {
  it('answers the typed claims of a request the gate let through', async () => {
    const request = await throughGate(gateEnv())
    const claims = await verifyAssertion(request, secret())
    expect(claims).toMatchObject({ iss: 'tollgate', typ: 'read-only', act: [FIND] })
    expect(claims.htm).toBe('GET')
    expect(claims.htu).toBe('/api/articles')
    expect(Number(claims.sub)).toBeGreaterThan(0)
  })

  it('refuses it replayed on another path or method, expired, under a wrong key, or missing', async () => {
    const request = await throughGate(gateEnv())
    expect(
      await refusal(verifyAssertion(replayed(request, 'GET', '/api/categories'), secret())),
    ).toBe('WRONG_REQUEST')
    expect(
      await refusal(verifyAssertion(replayed(request, 'DELETE', '/api/articles'), secret())),
    ).toBe('WRONG_REQUEST')
    expect(
      await refusal(verifyAssertion(request, { secret: 'another-secret-of-32-bytes-or-more!' })),
    ).toBe('INVALID')
    const old = await throughGate(gateEnv({}, { now: () => Date.now() - 5 * 60_000 }))
    expect(await refusal(verifyAssertion(old, secret()))).toBe('EXPIRED')
    expect(await refusal(verifyAssertion(new Request(request.url), secret()))).toBe('MISSING')
  })

  it('checks the path behind ORIGIN_URL’s prefix', async () => {
    const request = await throughGate(gateEnv())
    const behindPrefix = replayed(request, 'GET', '/v1/api/articles')
    expect((await verifyAssertion(behindPrefix, { ...secret(), pathPrefix: '/v1/' })).htu).toBe(
      '/api/articles',
    )
    expect(await refusal(verifyAssertion(behindPrefix, secret()))).toBe('WRONG_REQUEST')
  })

  it('reads a Node request (IncomingMessage, Express) by its original URL', async () => {
    const request = await throughGate(gateEnv())
    const nodeRequest = {
      method: 'GET',
      url: '/articles?page=2', // Express cut the router's mount point
      originalUrl: '/api/articles?page=2',
      headers: Object.fromEntries(request.headers),
    }
    expect((await verifyAssertion(nodeRequest, secret())).act).toEqual([FIND])
    expect(await refusal(verifyAssertion({ ...nodeRequest, method: 'POST' }, secret()))).toBe(
      'WRONG_REQUEST',
    )
  })
})

describe('asymmetric assertions (ORIGIN_ASSERTION_KEY) and the JWKS', () => {
  for (const alg of ['EdDSA', 'ES256'] as const) {
    it(`signs ${alg} with the key's kid; the origin verifies against /.well-known/jwks.json`, async () => {
      const jwk = await privateJwk(alg)
      const gate = gateEnv({ ORIGIN_ASSERTION_KEY: JSON.stringify(jwk) })
      const jwksResponse = await gate.fetch('/.well-known/jwks.json')
      expect(jwksResponse.status).toBe(200)
      const { keys } = (await jwksResponse.json()) as { keys: JWK[] }
      expect(keys).toHaveLength(1)
      expect(keys[0]).toMatchObject({ alg, use: 'sig', kty: jwk.kty, crv: jwk.crv, x: jwk.x })
      expect(keys[0]).not.toHaveProperty('d')
      expect(keys[0]!.kid).toMatch(/^[A-Za-z0-9_-]{43}$/) // its RFC 7638 thumbprint

      const request = await throughGate(gate)
      const options: VerifyAssertionOptions = {
        jwksUrl: `https://gate-${alg}.test/.well-known/jwks.json`,
        fetch: (url) => gate.fetch(new URL(url).pathname),
      }
      expect((await verifyAssertion(request, options)).act).toEqual([FIND])
      expect((await verifyAssertion(request, { jwks: { keys } })).act).toEqual([FIND])
      // The HS256 secret no longer verifies it, nor does another key pair.
      expect(await refusal(verifyAssertion(request, secret()))).toBe('INVALID')
      const stranger = await privateJwk(alg)
      const strangerKeys = { keys: [{ ...stranger, d: undefined, kid: keys[0]!.kid }] }
      expect(await refusal(verifyAssertion(request, { jwks: strangerKeys }))).toBe('INVALID')
    })
  }

  it('serves no JWKS while assertions are HS256', async () => {
    expect((await gateEnv().fetch('/.well-known/jwks.json')).status).toBe(404)
  })

  it('rotates: the previous key stays listed, and an unknown kid fetches the JWKS again', async () => {
    const before = await privateJwk('EdDSA', 'before')
    const after = await privateJwk('EdDSA', 'after')
    let gate = gateEnv({ ORIGIN_ASSERTION_KEY: JSON.stringify(before) })
    let fetches = 0
    const options: VerifyAssertionOptions = {
      jwksUrl: 'https://gate-rotation.test/.well-known/jwks.json',
      jwksCooldownMs: 0,
      fetch: (url) => {
        fetches += 1
        return gate.fetch(new URL(url).pathname)
      },
    }
    const signedBefore = await throughGate(gate)
    await verifyAssertion(signedBefore, options)
    expect(fetches).toBe(1)

    gate = gateEnv({
      ORIGIN_ASSERTION_KEY: JSON.stringify(after),
      ORIGIN_ASSERTION_PREVIOUS_KEY: JSON.stringify(before),
    })
    const { keys } = (await (await gate.fetch('/.well-known/jwks.json')).json()) as { keys: JWK[] }
    expect(keys.map((key) => key.kid)).toEqual(['after', 'before'])
    expect(keys.every((key) => key.d === undefined)).toBe(true)

    const signedAfter = await throughGate(gate)
    await verifyAssertion(signedAfter, options) // kid "after": unknown, fetched again
    expect(fetches).toBe(2)
    await verifyAssertion(signedBefore, options) // still listed: no fetch
    expect(fetches).toBe(2)
  })

  it('refuses a key that cannot sign: the gate forwards nothing', async () => {
    const gate = gateEnv({
      ORIGIN_ASSERTION_KEY: JSON.stringify({ kty: 'RSA', n: 'x', e: 'AQAB' }),
    })
    const { accessKey } = await createToken({ type: 'read-only' })
    const response = await gate.fetch('/api/articles', { headers: bearer(accessKey) })
    expect(response.status).toBe(500)
    expect(gate.seen).toHaveLength(0)
  })
})

describe('the tollgate() middleware for Hono', () => {
  const origin = new Hono<{ Variables: TollgateVariables }>()
    .use('/api/*', tollgate(secret()))
    .get('/api/articles', (c) => c.json({ sub: c.get('tollgate').sub, act: c.get('tollgate').act }))

  it('lets in a request the gate signed, with its claims', async () => {
    const request = await throughGate(gateEnv())
    const response = await origin.fetch(request)
    expect(response.status).toBe(200)
    expect(((await response.json()) as { act: string[] }).act).toEqual([FIND])
  })

  it('answers 401 in the §2 shape to a missing or replayed assertion', async () => {
    const request = await throughGate(gateEnv())
    const missing = await origin.fetch(new Request(request.url))
    expect(missing.status).toBe(401)
    expect(await missing.json()).toMatchObject({
      data: null,
      error: { status: 401, name: 'UnauthorizedError', details: { code: 'MISSING' } },
    })
    const elsewhere = new Hono<{ Variables: TollgateVariables }>()
      .use(tollgate(secret()))
      .get('/api/categories', (c) => c.json(c.get('tollgate')))
    const replay = await elsewhere.fetch(replayed(request, 'GET', '/api/categories'))
    expect(replay.status).toBe(401)
    expect(await replay.json()).toMatchObject({ error: { details: { code: 'WRONG_REQUEST' } } })
  })
})

describe('the tollgate() middleware for Express and Node', () => {
  /** Express's `req`, `res` and `next` as the middleware meets them, recorded. */
  function nodeCall(request: Request, originalUrl = new URL(request.url).pathname) {
    const req = {
      method: request.method,
      url: originalUrl,
      originalUrl,
      headers: Object.fromEntries(request.headers),
    } as Parameters<TollgateMiddleware>[0] & { tollgate?: unknown }
    const res = { statusCode: 200, headers: {} as Record<string, string>, body: '' }
    const done = new Promise<unknown>((resolve) => {
      const response = {
        statusCode: 200,
        setHeader: (name: string, value: string) => (res.headers[name] = value),
        end: (body: string) => {
          res.statusCode = response.statusCode
          res.body = body
          resolve('ended')
        },
      }
      ;(tollgate(secret()) as (r: unknown, s: unknown, n: (e?: unknown) => void) => void)(
        req,
        response,
        (error?: unknown) => resolve(error ?? 'next'),
      )
    })
    return { req, res, done }
  }

  it('sets req.tollgate and calls next() for a request the gate signed', async () => {
    const { req, done } = nodeCall(await throughGate(gateEnv()))
    expect(await done).toBe('next')
    expect(req.tollgate).toMatchObject({ typ: 'read-only', act: [FIND] })
  })

  it('answers 401 JSON itself to a replayed assertion, without next()', async () => {
    const { req, res, done } = nodeCall(await throughGate(gateEnv()), '/api/categories')
    expect(await done).toBe('ended')
    expect(req.tollgate).toBeUndefined()
    expect(res.statusCode).toBe(401)
    expect(res.headers['Content-Type']).toBe('application/json')
    expect(JSON.parse(res.body)).toMatchObject({ error: { details: { code: 'WRONG_REQUEST' } } })
  })
})

describe('examples/origin-hono.ts (docs/origin.md)', () => {
  it('answers who asked, from a real assertion; 401 without one', async () => {
    const jwk = await privateJwk('EdDSA')
    const gate = gateEnv({ ORIGIN_ASSERTION_KEY: JSON.stringify(jwk) })
    const jwksUrl = 'https://gate-example.test/.well-known/jwks.json'
    const realFetch = globalThis.fetch
    // The example fetches its JWKS with the global fetch: this gate answers it.
    globalThis.fetch = ((input: RequestInfo | URL) =>
      String(input instanceof Request ? input.url : input).startsWith('https://gate-example.test')
        ? gate.fetch(new URL(String(input instanceof Request ? input.url : input)).pathname)
        : realFetch(input)) as typeof fetch
    try {
      const origin = createOrigin({ jwksUrl })
      const response = await origin.fetch(await throughGate(gate))
      expect(response.status).toBe(200)
      expect(await response.json()).toMatchObject({
        meta: { type: 'read-only', actions: [FIND], owner: null },
      })
      expect((await origin.fetch(new Request('https://origin.test/api/articles'))).status).toBe(401)
    } finally {
      globalThis.fetch = realFetch
    }
  })
})

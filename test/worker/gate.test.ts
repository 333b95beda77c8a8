import { env } from 'cloudflare:workers'
import { jwtVerify } from 'jose'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { generateApiKey } from '../../worker/keys/key-format'
import { NO_PEPPER, STORE_UNAVAILABLE, admin, createToken, failingDatabase } from './helpers'
import { bearer, gateEnv, graphqlPost, keysOfEachType } from './gate-helpers'

const FIND = 'api::article.article.find'
const FIND_ONE = 'api::article.article.findOne'
const RELATED = 'api::article.article.related'

async function errorOf(response: Response) {
  return (
    (await response.json()) as {
      error: { status: number; message: string; details: { code?: string } }
    }
  ).error
}

async function expectRefusal(response: Response, status: number, code: string, message?: string) {
  expect(response.status).toBe(status)
  const error = await errorOf(response)
  expect(error.details.code).toBe(code)
  if (message) expect(error.message).toBe(message)
}

afterEach(() => {
  vi.restoreAllMocks()
})

/** Replaces global `fetch` (used for `ORIGIN_URL`) with `answer`, recording each request. */
function stubGlobalFetch(answer: (request: Request) => Promise<Response>) {
  const requests: Request[] = []
  const spy = vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const request = new Request(input, init)
    requests.push(request)
    return answer(request)
  })
  return { spy, requests }
}

describe('refusal codes', () => {
  const gate = gateEnv()

  it('MISSING: no Authorization header', async () => {
    await expectRefusal(
      await gate.fetch('/api/articles'),
      401,
      'MISSING',
      'Missing or invalid credentials',
    )
    expect(gate.seen).toHaveLength(0)
  })

  it('MALFORMED: another scheme, a bad shape, a bad checksum', async () => {
    const key = generateApiKey('tg')
    const badChecksum = key.slice(0, -1) + (key.endsWith('A') ? 'B' : 'A')
    for (const header of [
      `Basic ${btoa('a:b')}`,
      'Bearer',
      'Bearer not-a-key',
      `Bearer ${badChecksum}`,
      `Bearer ${key} extra`,
    ]) {
      await expectRefusal(
        await gate.fetch('/api/articles', { headers: { Authorization: header } }),
        401,
        'MALFORMED',
        'Missing or invalid credentials',
      )
    }
  })

  it('NOT_FOUND: a well-formed key nobody issued', async () => {
    await expectRefusal(
      await gate.fetch('/api/articles', { headers: bearer(generateApiKey('tg')) }),
      401,
      'NOT_FOUND',
      'Missing or invalid credentials',
    )
  })

  it('EXPIRED: a key past its expiry', async () => {
    const token = await createToken({ lifespan: 604_800_000 })
    await env.DB.prepare('update api_tokens set expires_at = ? where id = ?')
      .bind(Date.now() - 1000, token.id)
      .run()
    await expectRefusal(
      await gate.fetch('/api/articles', { headers: bearer(token.accessKey) }),
      401,
      'EXPIRED',
      'Token expired',
    )
  })

  it('FORBIDDEN: a custom token outside its grants', async () => {
    const token = await createToken({ type: 'custom', permissions: [FIND] })
    await expectRefusal(
      await gate.fetch('/api/articles', {
        method: 'POST',
        headers: bearer(token.accessKey),
        body: '{}',
      }),
      403,
      'FORBIDDEN',
      'Forbidden',
    )
    expect(gate.seen).toHaveLength(0)
  })
})

describe('REST decisions', () => {
  const gate = gateEnv()
  let readOnly: string
  let fullAccess: string
  let custom: string

  beforeAll(async () => {
    ;({ readOnly, fullAccess, custom } = await keysOfEachType([FIND, FIND_ONE, RELATED]))
  })

  const status = async (key: string, method: string, path: string) =>
    (
      await gate.fetch(path, {
        method,
        headers: bearer(key),
        body: method === 'GET' || method === 'HEAD' ? undefined : '{}',
      })
    ).status

  it('read-only passes GET and HEAD anywhere under the protected paths, nothing else', async () => {
    expect(await status(readOnly, 'GET', '/api/articles')).toBe(200)
    expect(await status(readOnly, 'HEAD', '/api/articles/1')).toBe(200)
    expect(await status(readOnly, 'GET', '/api/not-in-catalog')).toBe(200)
    expect(await status(readOnly, 'POST', '/api/articles')).toBe(403)
    expect(await status(readOnly, 'PUT', '/api/articles/1')).toBe(403)
    expect(await status(readOnly, 'DELETE', '/api/articles/1')).toBe(403)
  })

  it('full access passes everything under the protected paths', async () => {
    for (const [method, path] of [
      ['POST', '/api/articles'],
      ['DELETE', '/api/articles/1'],
      ['PATCH', '/api/anything/else'],
    ] as const) {
      expect(await status(fullAccess, method, path)).toBe(200)
    }
  })

  it('custom passes exactly its granted actions, with params, trailing slashes and queries', async () => {
    expect(await status(custom, 'GET', '/api/articles')).toBe(200)
    expect(await status(custom, 'GET', '/api/articles/')).toBe(200)
    expect(await status(custom, 'GET', '/api/articles?sort=title&page=2')).toBe(200)
    expect(await status(custom, 'HEAD', '/api/articles/7')).toBe(200)
    expect(await status(custom, 'GET', '/api/articles/7/related')).toBe(200)
    expect(await status(custom, 'POST', '/api/articles')).toBe(403)
    expect(await status(custom, 'PUT', '/api/articles/7')).toBe(403)
    expect(await status(custom, 'GET', '/api/categories')).toBe(403)
    expect(await status(custom, 'GET', '/api/not-in-catalog')).toBe(403)
    expect(await status(custom, 'GET', '/api//articles')).toBe(400)
    expect(await status(custom, 'GET', '/api/articles/7/8')).toBe(403)
  })

  it('matches whole path segments only', async () => {
    expect((await gate.fetch('/apiary', { headers: bearer(fullAccess) })).status).toBe(404)
    expect((await gate.fetch('/graphqlx')).status).toBe(404)
  })

  it('forwards the path and query, method and body to the origin', async () => {
    gate.seen.length = 0
    const response = await gate.fetch('/api/articles?x=1', {
      method: 'POST',
      headers: bearer(fullAccess, { 'Content-Type': 'application/json' }),
      body: '{"title":"Hello"}',
    })
    expect(response.headers.get('X-Origin')).toBe('echo')
    expect(gate.seen[0]).toMatchObject({
      method: 'POST',
      url: 'https://gate.test/api/articles?x=1',
      body: '{"title":"Hello"}',
    })
  })
})

describe('forwarding headers', () => {
  it('strips Authorization and spoofed headers, and adds the token headers and a verifiable assertion', async () => {
    const gate = gateEnv()
    const token = await createToken({ type: 'custom', permissions: [FIND] })
    await gate.fetch('/api/articles', {
      headers: bearer(token.accessKey, {
        'X-Api-Token-Id': '999',
        'X-Api-Token-Type': 'full-access',
        'X-Tollgate-Assertion': 'forged',
        'X-Tollgate-Anything': 'forged',
        'X-Request-Id': 'kept',
      }),
    })
    const headers = gate.seen[0]!.headers
    expect(headers.authorization).toBeUndefined()
    expect(headers['x-tollgate-anything']).toBeUndefined()
    expect(headers['x-request-id']).toBe('kept')
    expect(headers['x-api-token-id']).toBe(String(token.id))
    expect(headers['x-api-token-type']).toBe('custom')
    const { payload, protectedHeader } = await jwtVerify(
      headers['x-tollgate-assertion']!,
      new TextEncoder().encode(env.ORIGIN_ASSERTION_SECRET),
      { issuer: 'tollgate', algorithms: ['HS256'] },
    )
    expect(protectedHeader.alg).toBe('HS256')
    expect(payload).toMatchObject({ sub: String(token.id), typ: 'custom', act: [FIND] })
    expect(payload.exp! - payload.iat!).toBe(60)
  })

  it('keeps Authorization when FORWARD_AUTHORIZATION is on, and omits the assertion without a secret', async () => {
    const gate = gateEnv({ FORWARD_AUTHORIZATION: 'true', ORIGIN_ASSERTION_SECRET: undefined })
    const token = await createToken({ type: 'full-access' })
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    await gate.fetch('/api/articles', { headers: bearer(token.accessKey) })
    await gate.fetch('/api/articles', { headers: bearer(token.accessKey) })
    expect(gate.seen).toHaveLength(2)
    for (const seen of gate.seen) {
      expect(seen.headers.authorization).toBe(`Bearer ${token.accessKey}`)
      expect(seen.headers['x-tollgate-assertion']).toBeUndefined()
      expect(seen.headers['x-api-token-type']).toBe('full-access')
    }
    expect(warn).toHaveBeenCalledTimes(1)
    expect(warn).toHaveBeenCalledWith(
      '[tollgate] neither ORIGIN_ASSERTION_KEY nor ORIGIN_ASSERTION_SECRET is set: requests reach the origin without X-Tollgate-Assertion',
    )
  })

  it('sends preflights to the origin unchecked', async () => {
    const gate = gateEnv()
    const response = await gate.fetch('/api/articles', {
      method: 'OPTIONS',
      headers: { Origin: 'https://app.example', 'Access-Control-Request-Method': 'GET' },
    })
    expect(response.status).toBe(200)
    expect(gate.seen[0]!.method).toBe('OPTIONS')
  })
})

describe('forwarding to ORIGIN_URL', () => {
  it('prefixes the path of ORIGIN_URL and sends the gate headers, with global fetch', async () => {
    const gate = gateEnv({ ORIGIN: undefined, ORIGIN_URL: 'http://origin.test/v1/' })
    const token = await createToken({ type: 'full-access' })
    const { spy, requests } = stubGlobalFetch(async () =>
      Response.json({ from: 'origin' }, { status: 201, headers: { 'X-Origin': 'url' } }),
    )
    const response = await gate.fetch('/api/articles?x=1', {
      method: 'POST',
      headers: bearer(token.accessKey, {
        'Content-Type': 'application/json',
        'X-Request-Id': 'kept',
        'X-Api-Token-Type': 'forged',
      }),
      body: '{"title":"Hello"}',
    })
    expect(response.status).toBe(201)
    expect(response.headers.get('X-Origin')).toBe('url')
    expect(await response.json()).toEqual({ from: 'origin' })
    expect(spy).toHaveBeenCalledTimes(1)
    const request = requests[0]!
    expect(request.url).toBe('http://origin.test/v1/api/articles?x=1')
    expect(request.method).toBe('POST')
    expect(request.redirect).toBe('manual')
    expect(await request.text()).toBe('{"title":"Hello"}')
    expect(request.headers.get('Authorization')).toBeNull()
    expect(request.headers.get('Content-Type')).toBe('application/json')
    expect(request.headers.get('X-Request-Id')).toBe('kept')
    expect(request.headers.get('X-Api-Token-Type')).toBe('full-access')
    expect(request.headers.get('X-Api-Token-Id')).toBe(String(token.id))
    const { payload } = await jwtVerify(
      request.headers.get('X-Tollgate-Assertion')!,
      new TextEncoder().encode(env.ORIGIN_ASSERTION_SECRET),
      { issuer: 'tollgate', algorithms: ['HS256'] },
    )
    expect(payload).toMatchObject({ sub: String(token.id), typ: 'full-access' })
    expect(gate.seen).toHaveLength(0)
  })

  it('joins ORIGIN_URL paths with or without a trailing slash, and a bare host', async () => {
    const token = await createToken({ type: 'read-only' })
    const { requests } = stubGlobalFetch(async () => new Response('ok'))
    for (const originUrl of [
      'http://origin.test/v1',
      'http://origin.test',
      'http://origin.test/',
    ]) {
      const gate = gateEnv({ ORIGIN: undefined, ORIGIN_URL: originUrl })
      const response = await gate.fetch('/api/articles/7?x=1', { headers: bearer(token.accessKey) })
      expect(response.status).toBe(200)
      expect(await response.text()).toBe('ok')
    }
    expect(requests.map((request) => request.url)).toEqual([
      'http://origin.test/v1/api/articles/7?x=1',
      'http://origin.test/api/articles/7?x=1',
      'http://origin.test/api/articles/7?x=1',
    ])
  })

  it('prefers the ORIGIN binding over ORIGIN_URL', async () => {
    const gate = gateEnv({ ORIGIN_URL: 'http://origin.test/v1/' })
    const token = await createToken({ type: 'read-only' })
    const { spy } = stubGlobalFetch(async () => new Response('from ORIGIN_URL'))
    const response = await gate.fetch('/api/articles', { headers: bearer(token.accessKey) })
    expect(response.headers.get('X-Origin')).toBe('echo')
    expect(gate.seen.map((seen) => seen.url)).toEqual(['https://gate.test/api/articles'])
    expect(spy).not.toHaveBeenCalled()
  })

  it('answers 502 when the origin is unreachable, and logs why', async () => {
    const gate = gateEnv({ ORIGIN: undefined, ORIGIN_URL: 'http://origin.test/v1/' })
    const token = await createToken({ type: 'full-access' })
    stubGlobalFetch(async () => {
      throw new Error('connect ECONNREFUSED')
    })
    const error = vi.spyOn(console, 'error').mockImplementation(() => {})
    const response = await gate.fetch('/api/articles', { headers: bearer(token.accessKey) })
    expect(response.status).toBe(502)
    expect(await response.json()).toEqual({
      data: null,
      error: { status: 502, name: 'ApplicationError', message: 'Origin unreachable', details: {} },
    })
    expect(error).toHaveBeenCalledTimes(1)
    expect(error).toHaveBeenCalledWith('[tollgate] origin unreachable', 'connect ECONNREFUSED')
  })

  it('answers 500 naming the settings when neither ORIGIN nor ORIGIN_URL is set', async () => {
    const gate = gateEnv({ ORIGIN: undefined, ORIGIN_URL: undefined })
    const token = await createToken({ type: 'full-access' })
    const { spy } = stubGlobalFetch(async () => new Response('unexpected'))
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {})
    const response = await gate.fetch('/api/articles', { headers: bearer(token.accessKey) })
    expect(response.status).toBe(500)
    expect(await response.json()).toEqual({
      data: null,
      error: {
        status: 500,
        name: 'ApplicationError',
        message:
          'Tollgate is misconfigured: No origin is configured: bind ORIGIN or set ORIGIN_URL',
        details: {},
      },
    })
    expect(spy).not.toHaveBeenCalled()
    expect(logged).toHaveBeenCalledWith(
      '[tollgate] No origin is configured: bind ORIGIN or set ORIGIN_URL',
    )
  })
})

describe('passthrough paths', () => {
  const gate = gateEnv({ PASSTHROUGH_PATHS: '["/health"]' })

  it('forwards a passthrough path and the paths below it without a key, headers but Authorization kept', async () => {
    gate.seen.length = 0
    const response = await gate.fetch('/health?probe=1', {
      headers: { 'X-Request-Id': 'abc', Authorization: 'Bearer whatever' },
    })
    expect(response.status).toBe(200)
    expect(response.headers.get('X-Origin')).toBe('echo')
    const below = await gate.fetch('/health/x', { method: 'POST', body: 'ping' })
    expect(below.status).toBe(200)
    expect(gate.seen).toHaveLength(2)
    expect(gate.seen[0]).toMatchObject({ method: 'GET', url: 'https://gate.test/health?probe=1' })
    expect(gate.seen[0]!.headers['x-request-id']).toBe('abc')
    // A key sent to a passthrough path stays with the gate unless FORWARD_AUTHORIZATION.
    expect(gate.seen[0]!.headers.authorization).toBeUndefined()
    expect(gate.seen[1]).toMatchObject({
      method: 'POST',
      url: 'https://gate.test/health/x',
      body: 'ping',
    })
  })

  it('keeps Authorization on a passthrough path with FORWARD_AUTHORIZATION', async () => {
    const keeping = gateEnv({ PASSTHROUGH_PATHS: '["/health"]', FORWARD_AUTHORIZATION: 'true' })
    await keeping.fetch('/health', { headers: { Authorization: 'Basic eDp5' } })
    expect(keeping.seen[0]!.headers.authorization).toBe('Basic eDp5')
  })

  it('refuses an encoded separator on a passthrough path', async () => {
    gate.seen.length = 0
    for (const path of ['/health/..%2fapi/articles', '/health/%5Capi', '/health//x']) {
      await expectRefusal(await gate.fetch(path), 400, 'MALFORMED')
    }
    expect(gate.seen).toHaveLength(0)
  })

  it('adds no token headers and strips spoofed ones on a passthrough path', async () => {
    gate.seen.length = 0
    await gate.fetch('/health', {
      headers: { 'X-Api-Token-Type': 'full-access', 'X-Tollgate-Assertion': 'forged' },
    })
    const headers = gate.seen[0]!.headers
    expect(headers['x-api-token-type']).toBeUndefined()
    expect(headers['x-api-token-id']).toBeUndefined()
    expect(headers['x-tollgate-assertion']).toBeUndefined()
  })

  it('matches passthrough paths on whole segments', async () => {
    gate.seen.length = 0
    const response = await gate.fetch('/healthz')
    expect(response.status).toBe(404)
    expect(await response.json()).toEqual({
      data: null,
      error: { status: 404, name: 'NotFoundError', message: 'Not Found', details: {} },
    })
    expect(gate.seen).toHaveLength(0)
  })

  it('still verifies protected paths', async () => {
    gate.seen.length = 0
    await expectRefusal(await gate.fetch('/api/articles'), 401, 'MISSING')
    expect(gate.seen).toHaveLength(0)
    const token = await createToken({ type: 'read-only' })
    expect((await gate.fetch('/api/articles', { headers: bearer(token.accessKey) })).status).toBe(
      200,
    )
    expect(gate.seen[0]!.headers['x-api-token-type']).toBe('read-only')
  })

  it('does not open a path that is also protected', async () => {
    const overlapping = gateEnv({ PASSTHROUGH_PATHS: '["/api/articles"]' })
    await expectRefusal(await overlapping.fetch('/api/articles'), 401, 'MISSING')
    expect(overlapping.seen).toHaveLength(0)
  })

  it('forwards passthrough paths to ORIGIN_URL with its path prefixed', async () => {
    const byUrl = gateEnv({
      ORIGIN: undefined,
      ORIGIN_URL: 'http://origin.test/v1/',
      PASSTHROUGH_PATHS: '["/health"]',
    })
    const { requests } = stubGlobalFetch(async () => new Response('up'))
    const response = await byUrl.fetch('/health/deep?x=1', { headers: { 'X-Request-Id': 'abc' } })
    expect(await response.text()).toBe('up')
    expect(requests.map((request) => request.url)).toEqual([
      'http://origin.test/v1/health/deep?x=1',
    ])
    expect(requests[0]!.headers.get('X-Request-Id')).toBe('abc')
    expect(requests[0]!.headers.get('X-Api-Token-Type')).toBeNull()
  })
})

describe('public actions', () => {
  const gate = gateEnv({ PUBLIC_ACTIONS: `${FIND},${FIND_ONE}` })

  it('lets requests without a key reach public actions only, asserting typ public', async () => {
    expect((await gate.fetch('/api/articles')).status).toBe(200)
    expect(gate.seen[0]!.headers['x-api-token-type']).toBe('public')
    expect(gate.seen[0]!.headers['x-api-token-id']).toBeUndefined()
    await expectRefusal(
      await gate.fetch('/api/articles', { method: 'POST', body: '{}' }),
      401,
      'MISSING',
    )
    await expectRefusal(await gate.fetch('/api/categories'), 401, 'MISSING')
    expect(
      (await gate.fetch('/graphql', graphqlPost(undefined, '{ articles { id } }'))).status,
    ).toBe(200)
    await expectRefusal(
      await gate.fetch('/graphql', graphqlPost(undefined, 'mutation { createArticle { id } }')),
      401,
      'MISSING',
    )
  })

  it('judges a request that carries a key by its key alone', async () => {
    await expectRefusal(
      await gate.fetch('/api/articles', { headers: bearer(generateApiKey('tg')) }),
      401,
      'NOT_FOUND',
    )
  })
})

describe('failing closed', () => {
  it('answers 503 when D1 fails, and never forwards', async () => {
    const token = await createToken({ type: 'full-access' })
    const broken = failingDatabase(new Error('D1_ERROR: Network connection lost.'))
    const gate = gateEnv({ DB: broken, CACHE_TTL_SECONDS: '0' })
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {})
    const response = await gate.fetch('/api/articles', { headers: bearer(token.accessKey) })
    expect(response.status).toBe(503)
    expect(await response.json()).toEqual(STORE_UNAVAILABLE)
    expect(logged).toHaveBeenCalledTimes(1)
    expect(logged).toHaveBeenCalledWith(
      '[tollgate] token lookup failed',
      'D1_ERROR: Network connection lost.',
    )
    expect(gate.seen).toHaveLength(0)
  })

  it('answers 500 naming TOKEN_PEPPER when it is missing', async () => {
    const gate = gateEnv({ TOKEN_PEPPER: undefined })
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {})
    const response = await gate.fetch('/api/articles', { headers: bearer(generateApiKey('tg')) })
    expect(response.status).toBe(500)
    expect(await response.json()).toEqual(NO_PEPPER)
    expect(logged).toHaveBeenCalledTimes(1)
    expect(logged.mock.calls[0]![0]).toContain('TOKEN_PEPPER is not set')
    expect(gate.seen).toHaveLength(0)
  })
})

describe('admin changes', () => {
  it('revokes a deleted key at once in this isolate', async () => {
    const gate = gateEnv()
    const token = await createToken({ type: 'full-access' })
    expect((await gate.fetch('/api/articles', { headers: bearer(token.accessKey) })).status).toBe(
      200,
    )
    await admin('DELETE', `/admin/api-tokens/${token.id}`)
    await expectRefusal(
      await gate.fetch('/api/articles', { headers: bearer(token.accessKey) }),
      401,
      'NOT_FOUND',
    )
  })
})

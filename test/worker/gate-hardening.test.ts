// SPEC §3 "Hardening": each rule, for every token type and for requests without a key.
import { env } from 'cloudflare:workers'
import { jwtVerify } from 'jose'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { originTarget } from '../../worker/gate/forward'
import { admin, createToken } from './helpers'
import { bearer, countingDb, gateEnv, graphqlPost, holdingDb, keysOfEachType } from './gate-helpers'

const FIND = 'api::article.article.find'
const FIND_ONE = 'api::article.article.findOne'

async function codeOf(response: Response): Promise<string | undefined> {
  const body = (await response.json()) as { error?: { details?: { code?: string } } }
  return body.error?.details?.code
}

/** Records what global `fetch` (the `ORIGIN_URL` path) was asked for, answering 200. */
function recordOriginFetch() {
  const requests: Request[] = []
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    requests.push(new Request(input, init))
    return new Response('from the origin')
  })
  return requests
}

afterEach(() => {
  vi.restoreAllMocks()
})

let keys: Awaited<ReturnType<typeof keysOfEachType>>
beforeAll(async () => {
  keys = await keysOfEachType([FIND, FIND_ONE])
})
const everyKey = () => [keys.readOnly, keys.fullAccess, keys.custom]

describe('the origin is fixed', () => {
  it('never resolves the request path against the origin', () => {
    const origin = { origin: 'http://origin.test', prefix: '/v1' }
    for (const path of ['//evil.example/x', '/\\evil.example/x', '//evil.example:8080/x?y=1']) {
      const target = originTarget(new URL(path, 'https://gate.test'), origin, false)
      expect(target.host).toBe('origin.test')
      expect(target.pathname.startsWith('/v1/')).toBe(true)
    }
    expect(originTarget(new URL('https://gate.test/api/a?b=1'), origin, false).href).toBe(
      'http://origin.test/v1/api/a?b=1',
    )
  })

  it('refuses //host, /\\host, %2F and %5C under PROTECTED_PATHS=["/"], with or without a key', async () => {
    const seen = recordOriginFetch()
    const gate = gateEnv({
      ORIGIN: undefined,
      ORIGIN_URL: 'http://origin.test',
      PROTECTED_PATHS: '["/"]',
    })
    const paths = [
      '//other-host:9999/x',
      '/\\other-host/x',
      '/api/articles/1%2F..%2F..%2Fadmin',
      '/api/articles/1%2f2',
      '/api/articles/1%5C2',
      '/api//articles',
    ]
    for (const path of paths) {
      for (const headers of [{}, ...everyKey().map((key) => bearer(key))]) {
        const response = await gate.fetch(path, { headers })
        expect(response.status, path).toBe(400)
        expect(await codeOf(response)).toBe('MALFORMED')
      }
      const preflight = await gate.fetch(path, {
        method: 'OPTIONS',
        headers: { Origin: 'https://app.example', 'Access-Control-Request-Method': 'GET' },
      })
      expect(preflight.status, path).toBe(400)
    }
    expect(seen).toHaveLength(0)
  })

  it('keeps a passthrough path on the origin host, and refuses //host there too', async () => {
    const seen = recordOriginFetch()
    const gate = gateEnv({
      ORIGIN: undefined,
      ORIGIN_URL: 'http://origin.test',
      PASSTHROUGH_PATHS: '["/"]',
    })
    expect((await gate.fetch('//evil.example/x?y=1')).status).toBe(400)
    expect((await gate.fetch('/x?y=1')).status).toBe(200)
    expect(seen.map((request) => request.url)).toEqual(['http://origin.test/x?y=1'])
  })
})

describe('the longest protected base wins', () => {
  const gate = gateEnv({ PROTECTED_PATHS: '["/api", "/api/graphql"]' })

  it('judges /api/graphql as GraphQL beside /api', async () => {
    const mutation = '/api/graphql?query=' + encodeURIComponent('mutation { createArticle { id } }')
    const viaGet = await gate.fetch(mutation, { headers: bearer(keys.readOnly) })
    expect(viaGet.status).toBe(405)
    const viaPost = await gate.fetch(
      '/api/graphql',
      graphqlPost(keys.readOnly, 'mutation { createArticle { id } }'),
    )
    expect(viaPost.status).toBe(403)
    expect(((await viaPost.json()) as { errors: unknown[] }).errors).toHaveLength(1)
    expect(gate.seen).toHaveLength(0)
  })
})

describe('preflights only', () => {
  const gate = gateEnv()
  const preflightHeaders = {
    Origin: 'https://app.example',
    'Access-Control-Request-Method': 'POST',
    'Access-Control-Request-Headers': 'authorization, content-type',
  }

  it('forwards a CORS preflight without a key, body, Authorization or Cookie', async () => {
    gate.seen.length = 0
    const response = await gate.fetch('/graphql', {
      method: 'OPTIONS',
      headers: {
        ...preflightHeaders,
        Authorization: 'Bearer stolen',
        Cookie: 'session=1',
        'Content-Type': 'application/json',
      },
      body: JSON.stringify({ query: 'mutation { createCategory(data: {}) { id } }' }),
    })
    expect(response.status).toBe(200)
    expect(gate.seen).toHaveLength(1)
    const seen = gate.seen[0]!
    expect(seen.method).toBe('OPTIONS')
    expect(seen.body).toBe('')
    expect(seen.headers.authorization).toBeUndefined()
    expect(seen.headers.cookie).toBeUndefined()
    expect(seen.headers.origin).toBe('https://app.example')
    expect(seen.headers['access-control-request-method']).toBe('POST')
  })

  it('judges any other OPTIONS like any other method', async () => {
    gate.seen.length = 0
    const mutation = { query: 'mutation { createCategory(data: {}) { id } }' }
    const keyless = await gate.fetch('/graphql', {
      method: 'OPTIONS',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(mutation),
    })
    expect(keyless.status).toBe(401)
    expect(await codeOf(keyless)).toBe('MISSING')
    const onlyOrigin = await gate.fetch('/api/articles', {
      method: 'OPTIONS',
      headers: { Origin: 'https://app.example' },
    })
    expect(await codeOf(onlyOrigin)).toBe('MISSING')
    for (const key of [keys.readOnly, keys.custom]) {
      const response = await gate.fetch('/api/articles', {
        method: 'OPTIONS',
        headers: bearer(key),
      })
      expect(response.status).toBe(403)
      expect(await codeOf(response)).toBe('FORBIDDEN')
    }
    expect(gate.seen).toHaveLength(0)
    const full = await gate.fetch('/api/articles', {
      method: 'OPTIONS',
      headers: bearer(keys.fullAccess),
    })
    expect(full.status).toBe(200)
    expect(gate.seen[0]?.headers['x-api-token-type']).toBe('full-access')
  })
})

describe('upgrades need full access', () => {
  const gate = gateEnv({ PUBLIC_ACTIONS: `["${FIND}"]` })
  const upgrade = { Upgrade: 'websocket', Connection: 'Upgrade', 'Sec-WebSocket-Version': '13' }

  it('refuses an upgrade without a key (401) or with a read-only or custom key (403)', async () => {
    gate.seen.length = 0
    for (const path of ['/graphql?query=%7B__typename%7D', '/api/articles']) {
      const keyless = await gate.fetch(path, { headers: upgrade })
      expect(keyless.status).toBe(401)
      expect(await codeOf(keyless)).toBe('MISSING')
      for (const key of [keys.readOnly, keys.custom]) {
        const response = await gate.fetch(path, { headers: bearer(key, upgrade) })
        expect(response.status).toBe(403)
        expect(await codeOf(response)).toBe('FORBIDDEN')
      }
      const h2c = await gate.fetch(path, { headers: bearer(keys.readOnly, { Upgrade: 'h2c' }) })
      expect(h2c.status).toBe(403)
    }
    expect(gate.seen).toHaveLength(0)
  })

  it('forwards a full-access upgrade with its Upgrade header, without parsing GraphQL', async () => {
    gate.seen.length = 0
    const response = await gate.fetch('/graphql', { headers: bearer(keys.fullAccess, upgrade) })
    expect(response.status).toBe(200)
    expect(gate.seen[0]?.headers.upgrade).toBe('websocket')
    expect(gate.seen[0]?.headers['x-api-token-type']).toBe('full-access')
  })
})

describe('no method override', () => {
  const gate = gateEnv()

  it('refuses override headers in any casing or separator, and ?_method=', async () => {
    gate.seen.length = 0
    const overrides: [string, Record<string, string>][] = [
      ['/api/articles', { 'X-HTTP-Method-Override': 'DELETE' }],
      ['/api/articles', { 'X-HTTP-Method': 'DELETE' }],
      ['/api/articles', { 'X-Method-Override': 'DELETE' }],
      ['/api/articles', { X_HTTP_Method_Override: 'DELETE' }],
      ['/api/articles?_method=DELETE', {}],
      ['/graphql?query=%7Barticles%7Bid%7D%7D&_method=POST', {}],
    ]
    for (const [path, headers] of overrides) {
      for (const key of everyKey()) {
        const response = await gate.fetch(path, { headers: bearer(key, headers) })
        expect(response.status, JSON.stringify(headers)).toBe(400)
        const body = (await response.json()) as { error: { message: string; details: object } }
        expect(body.error).toMatchObject({
          message: 'Method override is not allowed',
          details: { code: 'MALFORMED' },
        })
      }
    }
    expect(gate.seen).toHaveLength(0)
  })
})

describe("the gate's own headers", () => {
  const gate = gateEnv()

  it('drops spoofed gate headers in any casing or separator, and hop-by-hop headers', async () => {
    gate.seen.length = 0
    const response = await gate.fetch('/api/articles', {
      headers: bearer(keys.readOnly, {
        'X-Api-Token_Type': 'full-access',
        x_api_token_id: '1',
        'X-API-TOKEN-ID': '1',
        X_Tollgate_Assertion: 'forged',
        'x-tollgate_anything': 'forged',
        Connection: 'keep-alive, X-Secret-Hop',
        'X-Secret-Hop': 'hop',
        'Keep-Alive': 'timeout=5',
        TE: 'trailers',
        'Proxy-Authorization': 'Basic eDp5',
        'X-Plain': 'kept',
      }),
    })
    expect(response.status).toBe(200)
    const headers = gate.seen[0]!.headers
    const names = Object.keys(headers)
    expect(names.filter((name) => /^x[-_](api[-_]token|tollgate)[-_]/i.test(name)).sort()).toEqual([
      'x-api-token-id',
      'x-api-token-type',
      'x-tollgate-assertion',
    ])
    expect(headers['x-api-token-type']).toBe('read-only')
    for (const hop of ['connection', 'x-secret-hop', 'keep-alive', 'te', 'proxy-authorization']) {
      expect(headers[hop], hop).toBeUndefined()
    }
    expect(headers['x-plain']).toBe('kept')
  })
})

describe('one operation per name', () => {
  const gate = gateEnv()

  it('refuses documents the origin could run otherwise than judged', async () => {
    gate.seen.length = 0
    const documents: [string, string | undefined][] = [
      ['query Op { articles { id } } mutation Op { createArticle { id } }', 'Op'],
      ['mutation Op { createArticle { id } } query Op { articles { id } }', 'Op'],
      ['{ articles { id } } query Named { articles { id } }', 'Named'],
      ['query Q { ...F } fragment F on Query { articles { id } } fragment F on Query { x }', 'Q'],
    ]
    for (const [query, operationName] of documents) {
      for (const key of everyKey()) {
        const response = await gate.fetch('/graphql', graphqlPost(key, query, operationName))
        expect(response.status, query).toBe(400)
        expect(await codeOf(response)).toBe('MALFORMED')
      }
    }
    expect(gate.seen).toHaveLength(0)
  })

  it('refuses a body or URL that names the query twice', async () => {
    gate.seen.length = 0
    for (const body of [
      `{"query":"mutation { createArticle { id } }","query":"{ articles { id } }"}`,
      `{"query":"mutation { createArticle { id } }","\\u0071uery":"{ articles { id } }"}`,
    ]) {
      const response = await gate.fetch('/graphql', {
        method: 'POST',
        headers: bearer(keys.readOnly, { 'Content-Type': 'application/json' }),
        body,
      })
      expect(response.status, body).toBe(400)
    }
    const repeated = await gate.fetch(
      '/graphql?query=%7Barticles%7Bid%7D%7D&query=mutation%7BcreateArticle%7Bid%7D%7D',
      { headers: bearer(keys.readOnly) },
    )
    expect(repeated.status).toBe(400)
    const postWithUrlQuery = await gate.fetch('/graphql?operationName=Other', {
      ...graphqlPost(keys.readOnly, '{ articles { id } }'),
    })
    expect(postWithUrlQuery.status).toBe(400)
    expect(gate.seen).toHaveLength(0)
  })

  it('forwards the document it judged, re-printed, with the variables exactly as sent', async () => {
    gate.seen.length = 0
    const body =
      '{"query":"{ articles { id } } # all","variables":{"big":12345678901234567890,"f":1.50}}'
    const response = await gate.fetch('/graphql', {
      method: 'POST',
      headers: bearer(keys.readOnly, { 'Content-Type': 'application/json' }),
      body,
    })
    expect(response.status).toBe(200)
    expect(gate.seen[0]!.body).toBe(
      '{"query":"{\\n  articles {\\n    id\\n  }\\n}","variables":{"big":12345678901234567890,"f":1.50}}',
    )
    const invalidUtf8 = await gate.fetch('/graphql', {
      method: 'POST',
      headers: bearer(keys.readOnly, { 'Content-Type': 'application/graphql' }),
      // A comment holding a byte that is not UTF-8: a lenient decoder would pass it on.
      body: new Uint8Array([...new TextEncoder().encode('{ articles { id } } #'), 0xff]),
    })
    expect(invalidUtf8.status).toBe(400)
  })
})

describe('no stale revival', () => {
  it('never caches a lookup that began before an admin change to its token', async () => {
    const token = await createToken({ type: 'full-access' })
    // A D1 whose lookups answer only when released: the lookup reads the old row, then
    // the token is deleted, then the answer arrives.
    const holding = holdingDb(env.DB)
    holding.hold()
    const gate = gateEnv({ DB: holding.db })
    const inFlight = gate.fetch('/api/articles', { headers: bearer(token.accessKey) })
    while (holding.state.waiting === 0) await new Promise((resolve) => setTimeout(resolve, 1))
    expect((await admin('DELETE', `/admin/api-tokens/${token.id}`)).status).toBe(200)
    holding.release()
    expect((await inFlight).status).toBe(200)

    const counter = countingDb(env.DB)
    const after = gateEnv({ DB: counter.db })
    const response = await after.fetch('/api/articles', { headers: bearer(token.accessKey) })
    expect(response.status).toBe(401)
    expect(await codeOf(response)).toBe('NOT_FOUND')
    expect(counter.statements.some((sql) => sql.includes('access_key_hash'))).toBe(true)
  })
})

describe('the assertion is bound to the request', () => {
  const gate = gateEnv()

  it('carries htm and htu, the method and the path without the query', async () => {
    gate.seen.length = 0
    await gate.fetch('/api/articles/7?fields=title', { headers: bearer(keys.readOnly) })
    await gate.fetch('/api/articles', { method: 'HEAD', headers: bearer(keys.readOnly) })
    const secret = new TextEncoder().encode(env.ORIGIN_ASSERTION_SECRET)
    const claims = await Promise.all(
      gate.seen.map(async (seen) => {
        const { payload } = await jwtVerify(seen.headers['x-tollgate-assertion']!, secret, {
          issuer: 'tollgate',
        })
        return { htm: payload.htm, htu: payload.htu, act: payload.act }
      }),
    )
    expect(claims).toEqual([
      { htm: 'GET', htu: '/api/articles/7', act: [FIND_ONE] },
      { htm: 'HEAD', htu: '/api/articles', act: [FIND] },
    ])
  })
})

describe('bodies read alike at the gate and at the origin', () => {
  const gate = gateEnv()
  const smuggled = (contentType: string) => ({
    method: 'POST',
    headers: bearer(keys.readOnly, { 'Content-Type': contentType }),
    // UTF-7 reads this as a second "query" key; a form parser as a query= field.
    body: '{"query":"{ articles { id } }","x":"+ACIALAAiAHEAdQBlAHIAeQAiADoAIg-mutation { deleteArticle(id: 1) { id } }&query=mutation{deleteArticle(id:1){id}}"}',
  })

  it('refuses a GraphQL body in another charset or media type than JSON or GraphQL in UTF-8', async () => {
    gate.seen.length = 0
    for (const type of [
      'application/json; charset=utf-7',
      'application/json;charset=UTF-16LE',
      'application/graphql; charset=iso-8859-1',
      'application/x-www-form-urlencoded',
      'text/plain',
      'multipart/form-data; boundary=x',
      'application/json, application/graphql',
    ]) {
      const response = await gate.fetch('/graphql', smuggled(type))
      expect(response.status, type).toBe(400)
      expect(await codeOf(response)).toBe('MALFORMED')
    }
    expect(gate.seen).toHaveLength(0)
    for (const type of ['application/json', 'application/json; charset="UTF-8"']) {
      expect((await gate.fetch('/graphql', smuggled(type))).status, type).toBe(200)
    }
  })

  it('refuses a mutation of introspection alone for read-only and keyless callers', async () => {
    const withPublic = gateEnv({ PUBLIC_ACTIONS: `["${FIND}"]` })
    const readOnly = await withPublic.fetch(
      '/graphql',
      graphqlPost(keys.readOnly, 'mutation { __typename }'),
    )
    expect(readOnly.status).toBe(403)
    const keyless = await withPublic.fetch(
      '/graphql',
      graphqlPost(undefined, 'mutation M { t: __typename }'),
    )
    expect(keyless.status).toBe(401)
    const custom = await withPublic.fetch(
      '/graphql',
      graphqlPost(keys.custom, 'mutation { __typename }'),
    )
    expect(custom.status).toBe(403)
    expect(withPublic.seen).toHaveLength(0)
  })
})

describe('paths other servers read otherwise', () => {
  it('refuses dot segments with parameters (/..;/), on protected and passthrough paths', async () => {
    const gate = gateEnv({ PASSTHROUGH_PATHS: '["/health"]' })
    for (const path of ['/health/..;/api/articles', '/api/x/..;/articles', '/api/%2e%2e;/x']) {
      const response = await gate.fetch(path, { method: 'DELETE', headers: bearer(keys.custom) })
      expect(response.status, path).toBe(400)
    }
    expect(gate.seen).toHaveLength(0)
  })

  it('guards a protected base in any casing', async () => {
    const gate = gateEnv()
    const keyless = await gate.fetch('/API/articles/1', { method: 'DELETE' })
    expect(keyless.status).toBe(401)
    const custom = await gate.fetch('/Api/Articles/1', {
      method: 'DELETE',
      headers: bearer(keys.custom),
    })
    expect(custom.status).toBe(403)
    expect(gate.seen).toHaveLength(0)
  })
})

describe('routes other servers match otherwise', () => {
  const catalog = {
    contentTypes: [
      { uid: 'api::article.article', displayName: 'Article', rest: '/api/articles' },
      { uid: 'api::category.category', displayName: 'Category', rest: '/api/categories' },
    ],
    routes: [{ method: 'GET', path: '/api/articles/count', action: 'api::article.article.count' }],
  }
  const gate = gateEnv({ API_CATALOG: JSON.stringify(catalog) })

  it('judges a literal route in any casing, percent-encoded or with a format suffix', async () => {
    gate.seen.length = 0
    for (const path of [
      '/api/articles/count',
      '/api/articles/COUNT',
      '/api/articles/%63ount',
      '/api/articles/count.json',
    ]) {
      const response = await gate.fetch(path, { headers: bearer(keys.custom) })
      expect(response.status, path).toBe(403)
    }
    expect(gate.seen).toHaveLength(0)
    const refused = await gate.fetch('/api/articles/count;x', { headers: bearer(keys.custom) })
    expect(refused.status).toBe(400)
    expect(
      (await gate.fetch('/api/articles/7.json', { headers: bearer(keys.custom) })).status,
    ).toBe(200)
  })

  it('refuses a form POST that overrides its method with a _method field', async () => {
    const creator = await createToken({
      type: 'custom',
      permissions: ['api::category.category.create'],
    })
    gate.seen.length = 0
    for (const [type, body] of [
      ['application/x-www-form-urlencoded', 'name=x&_method=DELETE'],
      ['application/x-www-form-urlencoded; charset=utf-8', '_method=PUT'],
    ] as const) {
      const response = await gate.fetch('/api/categories', {
        method: 'POST',
        headers: bearer(creator.accessKey, { 'Content-Type': type }),
        body,
      })
      expect(response.status, body).toBe(400)
    }
    const multipart = new FormData()
    multipart.set('_method', 'DELETE')
    const viaMultipart = await gate.fetch('/api/categories', {
      method: 'POST',
      headers: bearer(creator.accessKey),
      body: multipart,
    })
    expect(viaMultipart.status).toBe(400)
    expect(gate.seen).toHaveLength(0)
    const plain = await gate.fetch('/api/categories', {
      method: 'POST',
      headers: bearer(creator.accessKey, { 'Content-Type': 'application/x-www-form-urlencoded' }),
      body: 'name=x',
    })
    expect(plain.status).toBe(200)
    expect(gate.seen[0]!.body).toBe('name=x')
  })

  it('refuses GraphQL keys that differ only in case, and compressed GraphQL bodies', async () => {
    gate.seen.length = 0
    const cased = await gate.fetch('/graphql', {
      method: 'POST',
      headers: bearer(keys.readOnly, { 'Content-Type': 'application/json' }),
      body: '{"query":"{ articles { id } }","QUERY":"mutation { deleteArticle(id: 1) { id } }"}',
    })
    expect(cased.status).toBe(400)
    const compressed = await gate.fetch('/graphql', {
      method: 'POST',
      headers: bearer(keys.readOnly, {
        'Content-Type': 'application/json',
        'Content-Encoding': 'gzip',
      }),
      body: '{"query":"{ articles { id } }"}',
    })
    expect(compressed.status).toBe(400)
    expect(gate.seen).toHaveLength(0)
  })
})

// Property-based tests of the gate (fast-check). The invariant: nothing reaches the
// origin that the token does not allow — judged again on what the origin received, by an
// independent model of SPEC §3 (./gate-oracle), never by the gate's own functions.
import { env } from 'cloudflare:workers'
import fc from 'fast-check'
import { getOperationAST, parse } from 'graphql'
import { jwtVerify } from 'jose'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import type { Bindings } from '../../worker/env'
import { fuzzParameters } from './fuzz'
import {
  actionOfSegments,
  catalogModel,
  graphqlJs,
  judgeGraphql,
  judgeRest,
  protectedBaseOf,
  readGraphql,
  restActionOf,
  servesGraphql,
  type CatalogDeclaration,
  type ModelPrincipal,
  type Verdict,
} from './gate-oracle'
import { gateEnv, type Echo } from './gate-helpers'
import { createToken, type JsonBody } from './helpers'

const ORIGIN = 'http://origin.test'
const PREFIX = '/prefix'
const GRANTED = [
  'api::article.article.find',
  'api::article.article.findOne',
  'api::article.article.related',
  'api::category.category.create',
]
const PUBLIC = ['api::category.category.find']

/** What the origin (reached through `ORIGIN_URL` with global fetch) received. */
interface Received {
  method: string
  url: URL
  headers: Headers
  body: string
}

function recordOrigin(): Received[] {
  const received: Received[] = []
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const request = new Request(input, init)
    received.push({
      method: request.method,
      url: new URL(request.url),
      headers: request.headers,
      body: new TextDecoder().decode(await request.arrayBuffer()),
    })
    return new Response('origin')
  })
  return received
}

type Who = 'none' | 'malformed' | 'read-only' | 'full-access' | 'custom'
const principals = new Map<Who, { key?: string; principal?: ModelPrincipal; id?: number }>()

beforeAll(async () => {
  principals.set('none', { principal: { type: 'public', grants: new Set(PUBLIC) } })
  principals.set('malformed', { key: 'tg_not-a-key' })
  for (const type of ['read-only', 'full-access', 'custom'] as const) {
    const permissions = type === 'custom' ? GRANTED : []
    const token = await createToken({ type, permissions })
    principals.set(type, {
      key: token.accessKey,
      id: token.id,
      principal: { type, grants: new Set(permissions) },
    })
  }
})

afterEach(() => {
  vi.restoreAllMocks()
})

// The demo catalog plus a literal route beside `/:id`, where lenient routers differ.
const demoCatalog = env.API_CATALOG as CatalogDeclaration
const catalogWithCount: CatalogDeclaration = {
  ...demoCatalog,
  routes: [
    ...(demoCatalog.routes ?? []),
    { method: 'GET', path: '/api/articles/count', action: 'api::article.article.count' },
  ],
}
const PROTECTED = ['/api', '/graphql', '/api/graphql']
const overrides: Partial<Bindings> = {
  ORIGIN: undefined,
  ORIGIN_URL: `${ORIGIN}${PREFIX}`,
  PROTECTED_PATHS: JSON.stringify(PROTECTED),
  PUBLIC_ACTIONS: JSON.stringify(PUBLIC),
  API_CATALOG: JSON.stringify(catalogWithCount),
}
const catalog = catalogModel(catalogWithCount)
const GATE_OWNED = /^x[-_](api[-_]token|tollgate)[-_]/i
const OVERRIDE = /^x[-_](http[-_]method([-_]override)?|method[-_]override)$/i

const decodeSegment = (segment: string) => {
  try {
    return decodeURIComponent(segment)
  } catch {
    return segment
  }
}

/** The operation a request to a GraphQL base asks for, as the model reads it. */
function graphqlIntentAtOrigin(received: Received) {
  let query: string | null
  let operationName: string | null = null
  if (received.method === 'GET' || received.method === 'HEAD') {
    const queries = received.url.searchParams.getAll('query')
    expect(queries.length).toBeLessThanOrEqual(1)
    query = queries[0] ?? null
    operationName = received.url.searchParams.get('operationName')
  } else if (received.headers.get('Content-Type')?.startsWith('application/graphql')) {
    query = received.body
  } else {
    const payload = JSON.parse(received.body) as { query: string; operationName?: string }
    query = payload.query
    operationName = payload.operationName ?? null
  }
  expect(query).not.toBeNull()
  return readGraphql(graphqlJs, query!, operationName)
}

/** Asserts that one request the origin received is one the token allows (SPEC §3). */
async function expectAllowed(received: Received, who: Who, sent: Headers) {
  const { principal, id } = principals.get(who)!
  expect(received.url.origin).toBe(ORIGIN)
  expect(received.url.pathname.startsWith(`${PREFIX}/`)).toBe(true)
  const path = received.url.pathname.slice(PREFIX.length)
  expect(path).not.toMatch(/\/\/|\\|%2f|%5c/i)
  expect(received.url.searchParams.has('_method')).toBe(false)
  expect([...received.headers.keys()].some((name) => OVERRIDE.test(name))).toBe(false)
  const base = protectedBaseOf(path, PROTECTED)
  expect(base).toBeDefined()

  const owned = [...received.headers.keys()].filter((name) => GATE_OWNED.test(name)).sort()
  if (received.method === 'OPTIONS' && owned.length === 0) {
    // The one keyless pass: a CORS preflight, stripped of credentials and body.
    expect(sent.has('Origin') && sent.has('Access-Control-Request-Method')).toBe(true)
    expect(received.headers.has('Authorization')).toBe(false)
    expect(received.headers.has('Cookie')).toBe(false)
    expect(received.body).toBe('')
    return
  }
  expect(principal).toBeDefined()
  expect(received.headers.get('X-Api-Token-Type')).toBe(principal!.type)
  expect(received.headers.get('X-Api-Token-Id')).toBe(id === undefined ? null : String(id))
  const { payload } = await jwtVerify(
    received.headers.get('X-Tollgate-Assertion')!,
    new TextEncoder().encode(env.ORIGIN_ASSERTION_SECRET),
    { issuer: 'tollgate' },
  )
  expect({ htm: payload.htm, htu: payload.htu, typ: payload.typ }).toEqual({
    htm: received.method,
    htu: path,
    typ: principal!.type,
  })

  if (received.headers.has('Upgrade')) {
    expect(principal!.type).toBe('full-access')
    return
  }
  if (servesGraphql(base!)) {
    if (principal!.type === 'full-access') return
    const reading = graphqlIntentAtOrigin(received)
    const verdict = judgeGraphql(principal!, received.method, reading, catalog)
    expect(verdict.forward, JSON.stringify(reading)).toBe(true)
    return
  }
  // Every way an origin's router may read the path must land on an allowed action.
  for (const action of actionsAtOrigin(received.method, path)) {
    const verdict = judgeRest(principal!, received.method, action)
    expect(verdict.forward, `${received.method} ${path} as ${action}`).toBe(true)
  }
}

/** How routers read a segment: as written; decoded; case-folded; without `;…` or `.ext`. */
const SEGMENT_READINGS: ((segment: string) => string)[] = [
  (segment) => segment,
  (segment) => decodeSegment(segment),
  (segment) => decodeSegment(segment).toLowerCase(),
  (segment) => segment.replace(/;.*$/, ''),
  (segment) =>
    decodeSegment(segment)
      .toLowerCase()
      .replace(/\.[^.]*$/, ''),
]

/**
 * The catalogued actions an origin's router may run for this request, under each
 * reading of its segments (the model's router, not the gate's). A reading that matches
 * no route runs nothing the catalog guards (the origin's own 404); when none matches,
 * the request is one outside the catalog.
 */
function actionsAtOrigin(method: string, path: string): (string | undefined)[] {
  const actions = new Set<string | undefined>()
  for (const read of SEGMENT_READINGS) {
    const segments = path.split('/').slice(1).map(read)
    if (segments.length > 1 && segments.at(-1) === '') segments.pop()
    const action = actionOfSegments(catalog, method.toUpperCase(), segments)
    if (action) actions.add(action)
  }
  // Under no reading a catalogued route: judged as a route outside the catalog.
  return actions.size ? [...actions] : [undefined]
}

/** Mostly plausible parts, sometimes a hostile one: most requests should get through. */
const usually = <T>(plain: fc.Arbitrary<T>, hostile: fc.Arbitrary<T>) =>
  fc.oneof({ arbitrary: plain, weight: 4 }, { arbitrary: hostile, weight: 1 })
const segment = usually(
  fc.constantFrom('articles', 'categories', 'count', '1', '42', 'related', 'graphql', 'api'),
  fc.constantFrom(
    'COUNT',
    '%63ount',
    'count.json',
    'count;x',
    '7.json',
    '..',
    '.',
    '',
    '%2F',
    '%2f',
    '%5C',
    '%2e%2e',
    '.%2E',
    '..;',
    '%252F',
    '%61rticles',
    'ARTICLES',
    'admin',
    'auth',
    'components',
    'apiary',
    'x;y',
    '%00',
    'a b',
    '%E2%80%AE',
  ),
)
const separator = usually(
  fc.constant('/'),
  fc.constantFrom('//', '\\', '/./', '/../', '/%2e/', '/..;/'),
)
const start = usually(
  fc.constantFrom('/api/', '/graphql', '/api/graphql/', '/api/articles/'),
  fc.constantFrom('/', '//', '/\\', '/API/', '/Api/Articles/'),
)
const tail = usually(
  fc.constantFrom('', '/', '?x=1', '?query=%7Barticles%7Bid%7D%7D'),
  fc.constantFrom(
    '?_method=DELETE',
    '?query=mutation%7BcreateArticle%7Bid%7D%7D',
    '?query=%7Barticles%7Bid%7D%7D&query=mutation%7BdeleteArticle%7Bid%7D%7D',
    '?operationName=B',
    '#fragment',
  ),
)
const path = fc
  .tuple(start, fc.array(fc.tuple(segment, separator), { maxLength: 3 }), segment, tail)
  .map(([head, parts, last, end]) => head + parts.map(([s, sep]) => s + sep).join('') + last + end)

const method = fc.constantFrom(
  'GET',
  'HEAD',
  'POST',
  'PUT',
  'PATCH',
  'DELETE',
  'OPTIONS',
  'patch',
  'PROPFIND',
)
/** A catalogued route with its params filled in and one segment written otherwise. */
const twists: ((segment: string) => string)[] = [
  (segment) => segment,
  (segment) => segment.toUpperCase(),
  (segment) => `%${segment.charCodeAt(0).toString(16)}${segment.slice(1)}`,
  (segment) => `${segment}.json`,
  (segment) => `${segment};x`,
]
const catalogRequest = fc
  .tuple(
    fc.constantFrom(...catalog.routes),
    fc.constantFrom('1', '42', 'count', 'COUNT', '%63ount', '7.json'),
    fc.nat(),
    fc.constantFrom(...twists),
    fc.boolean(),
  )
  .map(([route, param, at, twist, sameMethod]): [string, string] => {
    const segments = route.path
      .split('/')
      .slice(1)
      .map((part) => (part.startsWith(':') ? param : part))
    const i = at % segments.length
    segments[i] = twist(segments[i]!)
    return [sameMethod ? route.method : 'GET', `/${segments.join('/')}`]
  })
const request = fc.oneof(fc.tuple(method, path), catalogRequest)

const extraHeaders = fc.array(
  fc.constantFrom<[string, string]>(
    ['X-Api-Token-Type', 'full-access'],
    ['X_Api_Token_Id', '1'],
    ['x-tollgate-assertion', 'forged'],
    ['X-Tollgate_Assertion', 'forged'],
    ['X-HTTP-Method-Override', 'DELETE'],
    ['x_http_method', 'PUT'],
    ['Upgrade', 'websocket'],
    ['Connection', 'upgrade, x-api-token-type'],
    ['Origin', 'https://app.example'],
    ['Access-Control-Request-Method', 'DELETE'],
    ['Cookie', 'session=1'],
    ['Content-Type', 'application/json'],
    ['Content-Type', 'application/graphql'],
    ['Content-Type', 'application/json; charset=utf-7'],
    ['Content-Type', 'application/x-www-form-urlencoded'],
  ),
  { maxLength: 3 },
)
const body = fc.constantFrom(
  '',
  '{}',
  '{"title":"x"}',
  '{"query":"{ articles { id } }"}',
  '{"query":"mutation { createArticle { id } }"}',
  '{"query":"query A { articles { id } } mutation B { deleteArticle { id } }","operationName":"A"}',
  '{"query":"mutation { createCategory { id } }"}',
  '{ articles { id } }',
  'mutation { deleteArticle { id } }',
)
const who = fc.constantFrom<Who>('none', 'malformed', 'read-only', 'full-access', 'custom')

describe('property: nothing reaches the origin that the token does not allow', () => {
  it('for random methods, paths, headers, bodies and token types', async () => {
    const gate = gateEnv(overrides)
    let forwarded = 0
    await fc.assert(
      fc.asyncProperty(request, extraHeaders, body, who, async ([m, p], extra, b, w) => {
        let request: Request
        try {
          const headers = new Headers(extra)
          const key = principals.get(w)!.key
          if (key) headers.set('Authorization', `Bearer ${key}`)
          const hasBody = m !== 'GET' && m !== 'HEAD'
          request = new Request(`https://gate.test${p}`, {
            method: m,
            headers,
            body: hasBody ? b : undefined,
          })
        } catch {
          return // not a request a client could send
        }
        const received = recordOrigin()
        const response = await gate.fetch(request.url.slice('https://gate.test'.length), {
          method: request.method,
          headers: request.headers,
          body: request.body,
        })
        expect(response.status).toBeLessThan(500)
        expect(received.length).toBeLessThanOrEqual(1)
        for (const r of received) await expectAllowed(r, w, request.headers)
        forwarded += received.length
        vi.restoreAllMocks()
      }),
      fuzzParameters(),
    )
    // Not vacuous: a good share of the generated requests did reach the origin.
    expect(forwarded).toBeGreaterThan(Number(env.FUZZ_RUNS) / 50)
  })
})

// ---------------------------------------------------------------------------------
// GraphQL documents, random and mutated, with a read-only key.

const fieldName = fc.constantFrom(
  'articles',
  'article',
  'createArticle',
  'deleteArticle',
  'updateArticle',
  'categories',
  'createCategory',
  '__typename',
  '__schema',
  'homepage',
  'unknownField',
)
const field = fc
  .tuple(fc.option(fc.constantFrom('a', 'articles', 'deleteArticle')), fieldName, fc.boolean())
  .map(
    ([alias, name, directive]) =>
      `${alias ? `${alias}: ` : ''}${name}${directive ? ' @skip(if: false)' : ''} { id }`,
  )
const selection = fc
  .array(
    fc.oneof(field, fc.constantFrom('...F', '...G', '... on Mutation { deleteArticle { id } }')),
    { minLength: 1, maxLength: 3 },
  )
  .map((items) => `{ ${items.join(' ')} }`)
const operation = fc
  .tuple(
    fc.constantFrom('query', 'mutation', 'subscription', ''),
    fc.option(fc.constantFrom('A', 'B', 'Op')),
    selection,
  )
  .map(([type, name, set]) => (type === '' ? set : `${type}${name ? ` ${name}` : ''} ${set}`))
const fragments = fc
  .tuple(
    fc.constantFrom('Query', 'Mutation'),
    selection,
    fc.constantFrom('Query', 'Mutation'),
    selection,
  )
  .map(([onF, setF, onG, setG]) => [`fragment F on ${onF} ${setF}`, `fragment G on ${onG} ${setG}`])
const noise = fc.constantFrom(
  ' ',
  '\n',
  ',',
  ' # mutation { deleteArticle { id } }\n',
  '\ufeff',
  '\u00a0',
)
const document = fc
  .tuple(fc.array(operation, { minLength: 1, maxLength: 2 }), fragments, noise)
  .map(([operations, defined, gap]) => [...operations, ...defined].join(gap))
const mutatedDocument = fc
  .tuple(
    document,
    fc.nat(),
    fc.nat(3),
    fc.constantFrom('', 'mutation ', '{', '}', '#', '"', 'query ', 'subscription '),
  )
  .map(([doc, at, cut, insert]) => {
    const i = at % (doc.length + 1)
    return doc.slice(0, i) + insert + doc.slice(i + cut)
  })
const operationName = fc.constantFrom(undefined, 'A', 'B', 'Op', '')
const transport = fc.constantFrom(
  'get',
  'json',
  'graphql',
  'json-twice',
  'json-url-name',
  'json-cased',
  'json-utf7',
  'form',
)

function graphqlRequest(doc: string, name: string | undefined, via: string, key: string) {
  const auth = { Authorization: `Bearer ${key}` }
  const params = new URLSearchParams({ query: doc })
  if (name !== undefined) params.set('operationName', name)
  switch (via) {
    case 'get':
      return { path: `/graphql?${params}`, init: { headers: auth } }
    case 'graphql':
      return {
        path: '/graphql',
        init: {
          method: 'POST',
          headers: { ...auth, 'Content-Type': 'application/graphql' },
          body: doc,
        },
      }
    case 'json-twice':
      return {
        path: '/graphql',
        init: {
          method: 'POST',
          headers: { ...auth, 'Content-Type': 'application/json' },
          body: `{"query":${JSON.stringify('{ articles { id } }')},"query":${JSON.stringify(doc)}}`,
        },
      }
    case 'json-cased':
      return {
        path: '/graphql',
        init: {
          method: 'POST',
          headers: { ...auth, 'Content-Type': 'application/json' },
          body: `{"query":${JSON.stringify('{ articles { id } }')},"QUERY":${JSON.stringify(doc)}}`,
        },
      }
    case 'json-utf7':
    case 'form':
      return {
        path: '/graphql',
        init: {
          method: 'POST',
          headers: {
            ...auth,
            'Content-Type':
              via === 'form'
                ? 'application/x-www-form-urlencoded'
                : 'application/json; charset=utf-7',
          },
          body: JSON.stringify({ query: '{ articles { id } }', x: `&query=${doc}&+ACI-` }),
        },
      }
    case 'json-url-name':
      return {
        path: `/graphql?operationName=${encodeURIComponent(name ?? 'B')}`,
        init: {
          method: 'POST',
          headers: { ...auth, 'Content-Type': 'application/json' },
          body: JSON.stringify({ query: doc }),
        },
      }
    default:
      return {
        path: '/graphql',
        init: {
          method: 'POST',
          headers: { ...auth, 'Content-Type': 'application/json' },
          body: JSON.stringify({ query: doc, operationName: name }),
        },
      }
  }
}

/**
 * The members of a JSON object text in order, repeated keys kept: `[key, value]`.
 * Written here (not the gate's scanner) to read bodies as a lenient parser would.
 */
function topLevelMembers(json: string): [string, unknown][] {
  const members: [string, unknown][] = []
  let depth = 0
  let start = -1
  let key: string | undefined
  for (let i = 0; i < json.length; i++) {
    const char = json[i]!
    if (char === '"') {
      const from = i
      for (i++; json[i] !== '"'; i++) if (json[i] === '\\') i++
      if (depth === 1 && key === undefined && start === -1)
        key = JSON.parse(json.slice(from, i + 1))
    } else if (char === ':' && depth === 1 && start === -1) {
      start = i + 1
    } else if ((char === ',' || char === '}') && depth === 1 && start !== -1) {
      members.push([key!, JSON.parse(json.slice(start, i))])
      key = undefined
      start = -1
    }
    if (char === '{' || char === '[') depth++
    if (char === '}' || char === ']') depth--
  }
  return members
}

/**
 * Every (document, operationName) an origin might read from a request: graphql-js
 * servers differ on repeated parameters, duplicate JSON keys and URL fallbacks.
 */
function readingsAtOrigin(received: Received): [string, string | undefined][] {
  const url = received.url.searchParams
  const urlNames = url.getAll('operationName')
  const readings: [string, string | undefined][] = []
  if (received.method === 'GET' || received.method === 'HEAD') {
    for (const query of url.getAll('query')) {
      for (const name of [undefined, ...urlNames]) readings.push([query, name || undefined])
    }
    return readings
  }
  // Only bodies every server reads alike may pass: JSON or GraphQL text, in UTF-8.
  const [media, ...params] = (received.headers.get('Content-Type') ?? '').split(';')
  expect(['application/json', 'application/graphql']).toContain(media!.trim().toLowerCase())
  for (const param of params) expect(param.trim().toLowerCase()).toMatch(/^charset="?utf-8"?$/)
  if (media!.trim().toLowerCase() === 'application/graphql') {
    for (const name of [undefined, ...urlNames]) readings.push([received.body, name || undefined])
    return readings
  }
  // JSON parsers differ on repeated keys (first or last wins) and on their casing
  // (Go's encoding/json matches "QUERY" to query): take every such reading.
  const members = topLevelMembers(received.body)
  const valuesOf = (name: string) =>
    members.filter(([key]) => key.toLowerCase() === name).map(([, value]) => value)
  const names = [...valuesOf('operationname'), ...urlNames].filter((n) => typeof n === 'string')
  for (const query of valuesOf('query')) {
    if (typeof query !== 'string') continue
    for (const name of [undefined, ...names]) readings.push([query, name || undefined])
  }
  return readings
}

describe('property: a read-only key never gets a mutation or subscription to the origin', () => {
  it('for random and mutated documents over GET, JSON and application/graphql', async () => {
    const gate = gateEnv({ ORIGIN: undefined, ORIGIN_URL: ORIGIN })
    const key = principals.get('read-only')!.key!
    let forwarded = 0
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(document, mutatedDocument),
        operationName,
        transport,
        async (doc, name, via) => {
          const received = recordOrigin()
          const { path: target, init } = graphqlRequest(doc, name, via, key)
          const response = await gate.fetch(target, init)
          expect(response.status).toBeLessThan(500)
          for (const r of received) {
            for (const [query, opName] of readingsAtOrigin(r)) {
              let executed
              try {
                executed = getOperationAST(parse(query), opName)
              } catch {
                continue // the origin cannot parse it: nothing runs
              }
              if (executed) expect(executed.operation, query).toBe('query')
            }
          }
          forwarded += received.length
          vi.restoreAllMocks()
        },
      ),
      fuzzParameters(),
    )
    expect(forwarded).toBeGreaterThan(Number(env.FUZZ_RUNS) / 50)
  })
})

// ---------------------------------------------------------------------------------
// The gate's verdict is the model's: for plainly written requests (catalogued routes,
// routes outside the catalog, GraphQL documents over every transport) and every kind of
// caller, the status, what the origin receives, and the assertion's `act` are what
// SPEC §3 step 4 says, as ./gate-oracle models it.

/** Grants of the custom tokens the verdict properties ask with. */
const CUSTOM_GRANTS: string[][] = [
  GRANTED,
  ['api::article.article.find'],
  ['api::article.article.create', 'api::article.article.delete', 'api::category.category.find'],
  ['api::homepage.homepage.find', 'api::homepage.homepage.update', 'api::article.article.update'],
  [
    'api::category.category.findOne',
    'api::category.category.update',
    'api::article.article.related',
  ],
]

interface Caller {
  label: string
  key: string | undefined
  id: number | undefined
  principal: ModelPrincipal
}
const callers: Caller[] = []

beforeAll(async () => {
  callers.push({
    label: 'no key',
    key: undefined,
    id: undefined,
    principal: { type: 'public', grants: new Set(PUBLIC) },
  })
  for (const type of ['read-only', 'full-access'] as const) {
    const token = await createToken({ type })
    callers.push({
      label: type,
      key: token.accessKey,
      id: token.id,
      principal: { type, grants: new Set() },
    })
  }
  for (const grants of CUSTOM_GRANTS) {
    const token = await createToken({ type: 'custom', permissions: grants })
    callers.push({
      label: `custom ${grants.join(' ')}`,
      key: token.accessKey,
      id: token.id,
      principal: { type: 'custom', grants: new Set(grants) },
    })
  }
})

const verdictOverrides: Partial<Bindings> = {
  PROTECTED_PATHS: JSON.stringify(PROTECTED),
  PUBLIC_ACTIONS: JSON.stringify(PUBLIC),
  API_CATALOG: JSON.stringify(catalogWithCount),
}
const caller = fc.nat().map((i) => callers[i % callers.length]!)

/** Whether a request path (query string and all) is under a GraphQL base. */
function isGraphqlPath(path: string): boolean {
  const base = protectedBaseOf(path.split('?')[0]!, PROTECTED)
  return base !== undefined && servesGraphql(base)
}

/**
 * Asserts a response and what the origin saw against the model's verdict: a pass is
 * forwarded once, as sent, with the caller's type, id and the actions the model
 * matched; a refusal reaches nothing and carries the status and code of SPEC §3.
 */
async function expectVerdict(
  response: Response,
  seen: Echo[],
  verdict: Verdict,
  who: Caller,
  sent: { method: string; path: string },
) {
  const body = (await response.json().catch(() => null)) as JsonBody
  if (!verdict.forward) {
    expect(seen, JSON.stringify(body)).toHaveLength(0)
    expect(response.status, JSON.stringify(body)).toBe(verdict.status)
    if (verdict.status === 405 || sent.method === 'HEAD') return
    expect(body.error.details.code).toBe(verdict.code)
    if (verdict.status === 403 && isGraphqlPath(sent.path)) {
      const denied = [...body.errors[0].extensions.denied].sort()
      if (verdict.denied) expect(denied).toEqual(verdict.denied)
      else expect(denied.length).toBeGreaterThan(0)
    }
    return
  }
  expect(response.status, JSON.stringify(body)).toBe(200)
  expect(seen).toHaveLength(1)
  const [received] = seen as [Echo]
  const url = new URL(received.url)
  expect(received.method).toBe(sent.method)
  // A GraphQL request's document reaches the origin re-printed (SPEC §10, its own tests).
  if (isGraphqlPath(sent.path)) expect(url.pathname).toBe(sent.path.split('?')[0])
  else expect(`${url.pathname}${url.search}`).toBe(sent.path)
  expect(received.headers['x-api-token-type']).toBe(who.principal.type)
  expect(received.headers['x-api-token-id']).toBe(who.id === undefined ? undefined : String(who.id))
  const { payload } = await jwtVerify(
    received.headers['x-tollgate-assertion']!,
    new TextEncoder().encode(env.ORIGIN_ASSERTION_SECRET),
    { issuer: 'tollgate' },
  )
  expect({ htm: payload.htm, htu: payload.htu, typ: payload.typ }).toEqual({
    htm: sent.method,
    htu: url.pathname,
    typ: who.principal.type,
  })
  if (verdict.actions) expect([...(payload.act as string[])].sort()).toEqual(verdict.actions)
}

// REST: catalogued routes with their params filled, under any method, and paths
// outside the catalog or outside the protected bases, all written plainly.
const restMethod = fc.constantFrom('GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS')
const catalogued = fc
  .tuple(fc.constantFrom(...catalog.routes), fc.constantFrom('1', '42', 'abc', 'count'))
  .map(([route, param]) => ({
    method: route.method,
    path: route.path.replace(/:\w+/g, param),
  }))
const plainPath = fc.oneof(
  catalogued.map(({ path }) => path),
  fc.constantFrom(
    '/api',
    '/api/drafts',
    '/api/articles/1/comments',
    '/api/homepage/1',
    '/api/categories/1/related',
    '/apiary/articles',
  ),
)
const restRequest = fc.oneof(
  fc
    .tuple(catalogued, fc.boolean())
    .map(([route, same]) => (same ? route : { ...route, method: 'GET' })),
  fc.record({ method: restMethod, path: plainPath }),
)
const restSuffix = fc.constantFrom('', '', '/', '?page=2', '/?sort=title')

// GraphQL: one or two operations over catalogued fields of both kinds, introspection and
// unknown fields, aliases, inline fragments and fragment spreads; and, for a caller, an
// operation of any kind over the fields its grants bind (where a kind mix-up would pass).
const anyField = fc.constantFrom(
  ...[...catalog.fields.keys()],
  '__typename',
  '__schema',
  '__type',
  'unknownField',
)
const fieldsOf = (who: Caller) => [
  ...[...catalog.fields]
    .filter(([, bound]) => who.principal.grants.has(bound.action))
    .map(([name]) => name),
  '__typename',
  '__schema',
  'articles',
]
const rootSelection = (field: fc.Arbitrary<string>) =>
  fc
    .array(
      fc.oneof(
        {
          arbitrary: fc.tuple(fc.option(fc.constantFrom('a', 'articles', 'deleteArticle')), field),
          weight: 4,
        },
        { arbitrary: fc.tuple(fc.constant('inline'), field), weight: 1 },
        { arbitrary: fc.tuple(fc.constant('spread'), fc.constantFrom('F', 'G')), weight: 1 },
      ),
      { minLength: 1, maxLength: 3 },
    )
    .map((items) =>
      items
        .map(([how, name]) => {
          if (how === 'inline') return `... on Query { ${name} { id } }`
          if (how === 'spread') return `...${name}`
          return `${how ? `${how}: ` : ''}${name} { id }`
        })
        .join(' '),
    )
const operationKind = fc.constantFrom('query', 'query', 'mutation', 'mutation', 'subscription', '')
const operationText = (field: fc.Arbitrary<string>, name: fc.Arbitrary<string | undefined>) =>
  fc
    .tuple(operationKind, name, rootSelection(field))
    .map(([kind, name, set]) =>
      kind === '' ? `{ ${set} }` : `${kind}${name ? ` ${name}` : ''} { ${set} }`,
    )
const fragmentTexts = fc
  .tuple(
    fc.constantFrom('Query', 'Mutation'),
    anyField,
    fc.constantFrom('Query', 'Mutation'),
    anyField,
  )
  .map(
    ([onF, inF, onG, inG]) =>
      `fragment F on ${onF} { ${inF} { id } } fragment G on ${onG} { ${inG} ...F }`,
  )
/** Operations and the operationName sent: mostly one to run, sometimes none or two. */
const operationsAndName = (field: fc.Arbitrary<string>) =>
  fc.oneof(
    {
      weight: 3,
      arbitrary: fc.record({
        operations: fc.tuple(operationText(field, fc.constantFrom(undefined, 'A'))),
        operationName: fc.constantFrom(undefined, undefined, undefined, undefined, 'A', 'B'),
      }),
    },
    {
      weight: 2,
      arbitrary: fc.record({
        operations: fc.tuple(
          operationText(field, fc.constant('A')),
          operationText(field, fc.constantFrom('B', 'B', 'B', 'B', 'B', 'A', undefined)),
        ),
        operationName: fc.constantFrom('A', 'B', 'B', undefined),
      }),
    },
  )
const graphqlDocument = (field: fc.Arbitrary<string>) =>
  fc
    .tuple(
      operationsAndName(field),
      fc.option(fragmentTexts, { freq: 8 }),
      fc.constantFrom(' ', '\n', ', ', '\n# mutation { deleteArticle(id: 1) { id } }\n'),
    )
    .map(([{ operations, operationName }, fragments, gap]) => ({
      doc: [...operations, ...(fragments ? [fragments] : [])].join(gap),
      operationName,
    }))
const graphqlCase = caller.chain((who) =>
  fc.record({
    who: fc.constant(who),
    document: fc.oneof(
      graphqlDocument(anyField),
      graphqlDocument(fc.constantFrom(...fieldsOf(who))),
    ),
    via: fc.constantFrom('json', 'json', 'graphql', 'get'),
    endpoint: fc.constantFrom('/graphql', '/api/graphql'),
  }),
)

/** A GraphQL request as a client sends it, and the operationName the gate can read. */
function sendGraphql(
  doc: string,
  operationName: string | undefined,
  via: string,
  endpoint: string,
  key: string | undefined,
) {
  const auth: Record<string, string> = key ? { Authorization: `Bearer ${key}` } : {}
  if (via === 'get') {
    const params = new URLSearchParams({ query: doc })
    if (operationName !== undefined) params.set('operationName', operationName)
    const path = `${endpoint}?${params}`
    return { method: 'GET', path, init: { headers: auth }, operationName }
  }
  if (via === 'graphql') {
    const headers = { ...auth, 'Content-Type': 'application/graphql' }
    return { method: 'POST', path: endpoint, init: { method: 'POST', headers, body: doc } }
  }
  const headers = { ...auth, 'Content-Type': 'application/json' }
  const body = JSON.stringify({ query: doc, operationName })
  return { method: 'POST', path: endpoint, init: { method: 'POST', headers, body }, operationName }
}

describe('the gate decides as the model of SPEC §3 step 4', () => {
  it('refuses a custom key its granted query fields sent as a mutation', async () => {
    const gate = gateEnv(verdictOverrides)
    const who = callers.find((c) => c.label === 'custom api::article.article.find')!
    for (const doc of [
      'mutation { articles { id } }',
      'mutation M { posts: articles_connection { nodes { id } } }',
      'mutation { ...F } fragment F on Mutation { articles { id } }',
    ]) {
      const response = await gate.fetch(
        '/graphql',
        sendGraphql(doc, undefined, 'json', '/graphql', who.key).init,
      )
      expect(response.status, doc).toBe(403)
      expect(gate.seen, doc).toHaveLength(0)
    }
    // The same fields as a query pass.
    const ok = sendGraphql('query { articles { id } }', undefined, 'json', '/graphql', who.key)
    expect((await gate.fetch('/graphql', ok.init)).status).toBe(200)
  })

  it('refuses a keyless mutation of a public query field', async () => {
    const gate = gateEnv(verdictOverrides)
    const send = sendGraphql(
      'mutation { categories { id } }',
      undefined,
      'json',
      '/graphql',
      undefined,
    )
    expect((await gate.fetch('/graphql', send.init)).status).toBe(401)
    expect(gate.seen).toHaveLength(0)
  })

  it('lets every valid key introspect, and a request without a key only __typename', async () => {
    const gate = gateEnv(verdictOverrides)
    const post = (doc: string, who: Caller) =>
      gate.fetch('/graphql', sendGraphql(doc, undefined, 'json', '/graphql', who.key).init)
    const keyless = callers[0]!
    for (const who of callers.slice(1)) {
      expect(
        (await post('{ __schema { types { name } } __type(name: "A") { name } }', who)).status,
      ).toBe(200)
    }
    expect((await post('{ __typename categories { id } }', keyless)).status).toBe(200)
    expect((await post('{ __schema { types { name } } }', keyless)).status).toBe(401)
    expect(
      (await post('{ __type(name: "Article") { name } categories { id } }', keyless)).status,
    ).toBe(401)
  })

  it('property: for REST requests written plainly', async () => {
    const gate = gateEnv(verdictOverrides)
    const outcomes = new Map<string, number>()
    await fc.assert(
      fc.asyncProperty(restRequest, restSuffix, caller, async ({ method, path }, suffix, who) => {
        gate.seen.length = 0
        const target = `${path}${suffix}`
        const hasBody = method !== 'GET' && method !== 'HEAD' && method !== 'OPTIONS'
        const headers: Record<string, string> = who.key
          ? { Authorization: `Bearer ${who.key}` }
          : {}
        if (hasBody) headers['Content-Type'] = 'application/json'
        const response = await gate.fetch(target, {
          method,
          headers,
          body: hasBody ? '{"data":{}}' : undefined,
        })
        const base = protectedBaseOf(path, PROTECTED)
        if (base === undefined) {
          // Not under a protected path: the worker's own 404, nothing forwarded.
          expect(response.status).toBe(404)
          expect(gate.seen).toHaveLength(0)
          return
        }
        const verdict = judgeRest(who.principal, method, restActionOf(catalog, method, target))
        const outcome = verdict.forward ? 'forward' : String(verdict.status)
        outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1)
        await expectVerdict(response, gate.seen, verdict, who, { method, path: target })
      }),
      fuzzParameters(),
    )
    // Not vacuous: both passes and refusals of each kind occurred.
    expect(outcomes.get('forward')).toBeGreaterThan(Number(env.FUZZ_RUNS) / 20)
    expect(outcomes.get('403')).toBeGreaterThan(0)
    expect(outcomes.get('401')).toBeGreaterThan(0)
  })

  it('property: for GraphQL documents over JSON, application/graphql and GET', async () => {
    const gate = gateEnv(verdictOverrides)
    const outcomes = new Map<string, number>()
    await fc.assert(
      fc.asyncProperty(graphqlCase, async ({ who, document, via, endpoint }) => {
        const { doc, operationName } = document
        gate.seen.length = 0
        const send = sendGraphql(doc, operationName, via, endpoint, who.key)
        const response = await gate.fetch(send.path, send.init)
        const reading = readGraphql(graphqlJs, doc, send.operationName)
        const verdict = judgeGraphql(who.principal, send.method, reading, catalog)
        const outcome = verdict.forward ? 'forward' : String(verdict.status)
        outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1)
        await expectVerdict(response, gate.seen, verdict, who, send)
      }),
      fuzzParameters(),
    )
    expect(outcomes.get('forward')).toBeGreaterThan(Number(env.FUZZ_RUNS) / 20)
    for (const status of ['400', '401', '403', '405'])
      expect(outcomes.get(status)).toBeGreaterThan(0)
  })
})

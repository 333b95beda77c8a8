// Property-based test of the admin API and /auth/verify (fast-check): whatever a caller
// sends, the answer is a 2xx or a Strapi-shaped 4xx — never a 5xx.
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import { fuzzParameters } from './fuzz'
import { adminJwt, call, createToken } from './helpers'

let existingId: number
let existingKey: string
beforeAll(async () => {
  const token = await createToken()
  existingId = token.id
  existingKey = token.accessKey
})

/** Role claims, names of Object.prototype's members among them. */
const roles = fc.option(
  fc.array(fc.constantFrom('constructor', '__proto__', 'toString', 'editor', ''), {
    maxLength: 3,
  }),
  { nil: undefined },
)

/** Plausible values for a field, mixed with any JSON at all. */
const fieldValue = (...plausible: unknown[]) =>
  fc.oneof(
    fc.constantFrom(...plausible),
    fc.jsonValue(),
    fc.string(),
    fc.string({ unit: 'binary' }),
  )

const tokenBody = fc.oneof(
  fc.record(
    {
      name: fieldValue('a', '  spaced  ', 'x'.repeat(101), 'gnp\u202Eexe', ''),
      description: fieldValue(null, '', 'line\nbreak', 'd'.repeat(300)),
      type: fieldValue('read-only', 'full-access', 'custom', 'admin'),
      lifespan: fieldValue(null, 604_800_000, 2_592_000_000, 7_776_000_000, 1, -1, 1e308),
      permissions: fieldValue(
        [],
        ['api::article.article.find'],
        ['api::nope.nope.find'],
        [1, 2],
        ['api::article.article.find', 'api::article.article.find'],
      ),
      extra: fc.jsonValue(),
    },
    { requiredKeys: [] },
  ),
  fc.jsonValue(),
)

const rawBody = fc.oneof(
  tokenBody.map((body) => JSON.stringify(body)),
  fc.string(),
  fc.constantFrom(
    '',
    '{',
    '[]',
    'null',
    '{"name":"a","type":"read-only"',
    '\u0000',
    '{"__proto__":{"x":1}}',
  ),
)

const id = fc.oneof(
  fc.constant(() => String(existingId)),
  fc
    .oneof(
      fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }).map(String),
      fc.constantFrom('0', '-1', '1.5', '1e3', 'abc', '%00', '9007199254740992', '00001', ' 1'),
      fc.string({ minLength: 1, maxLength: 12 }).map(encodeURIComponent),
    )
    .map((value) => () => value),
)

const listQuery = fc
  .dictionary(
    fc.constantFrom('sort', 'q', 'page', 'pageSize', 'x', 'filters[name]'),
    fc.oneof(
      fc.constantFrom(
        'name:asc',
        'createdAt:desc',
        'lastUsedAt',
        'expiresAt:up',
        '0',
        '101',
        '2',
        '-1',
      ),
      fc.string(),
      fc.string({ unit: 'binary' }),
    ),
  )
  .map((query) => new URLSearchParams(query).toString())

const contentType = fc.constantFrom(
  'application/json',
  'application/json; charset=utf-8',
  'text/plain',
  'application/x-www-form-urlencoded',
  '',
)

const adminRequest = fc.oneof(
  fc.record({
    method: fc.constant('POST'),
    path: fc.constant(() => '/admin/api-tokens'),
    body: rawBody,
    type: contentType,
  }),
  fc.record({
    method: fc.constantFrom('PUT', 'GET', 'DELETE'),
    path: id.map((i) => () => `/admin/api-tokens/${i()}`),
    body: rawBody,
    type: contentType,
  }),
  fc.record({
    method: fc.constant('POST'),
    path: id.map((i) => () => `/admin/api-tokens/${i()}/regenerate`),
    body: rawBody,
    type: contentType,
  }),
  fc.record({
    method: fc.constant('GET'),
    path: listQuery.map((q) => () => `/admin/api-tokens?${q}`),
    body: fc.constant(''),
    type: contentType,
  }),
  fc.record({
    method: fc.constantFrom('PATCH', 'OPTIONS', 'HEAD'),
    path: fc.constant(() => '/admin/api-tokens'),
    body: fc.constant(''),
    type: contentType,
  }),
)

describe('property: the admin API never answers 5xx', () => {
  it('for random bodies, ids, query strings, content types and methods', async () => {
    await fc.assert(
      fc.asyncProperty(adminRequest, roles, async ({ method, path, body, type }, claimed) => {
        const hasBody = method === 'POST' || method === 'PUT'
        const jwt = await adminJwt(claimed ? { roles: claimed } : {})
        const headers: Record<string, string> = { Authorization: `Bearer ${jwt}` }
        if (type) headers['Content-Type'] = type
        const response = await call(path(), {
          method,
          headers,
          body: hasBody ? body : undefined,
        })
        const text = await response.text()
        expect(response.status, `${method} ${path()} ${body} → ${text}`).toBeLessThan(500)
        if (response.status >= 400 && method !== 'HEAD') {
          const error = (JSON.parse(text) as { error: { status: number; name: string } }).error
          expect(error.status).toBe(response.status)
        }
      }),
      fuzzParameters(),
    )
  })
})

describe('property: /auth/verify never answers 5xx', () => {
  it('for random bodies', async () => {
    let client = 0
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.record(
            {
              key: fieldValue('tg_x', 'tg_' + 'A'.repeat(49), 'EXISTING_KEY'),
              method: fieldValue('GET', 'post', 'TOOLONGMETHOD', ''),
              path: fieldValue('/api/articles', '//[', '/\\x', '', '/%', '/api/%E0%A4%A'),
              extra: fc.jsonValue(),
            },
            { requiredKeys: [] },
          ),
          fc.jsonValue(),
        ),
        async (body) => {
          client += 1
          const response = await call('/auth/verify', {
            method: 'POST',
            headers: {
              'Content-Type': 'application/json',
              'CF-Connecting-IP': `10.0.${client >> 8}.${client & 255}`,
            },
            body: JSON.stringify(body).replace('"EXISTING_KEY"', JSON.stringify(existingKey)),
          })
          expect(response.status, JSON.stringify(body)).toBeLessThan(500)
        },
      ),
      fuzzParameters(),
    )
  })
})

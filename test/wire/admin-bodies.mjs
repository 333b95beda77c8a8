// The admin API over the wire: every route as curl and as Node's fetch send it, and the
// bodies an HTTP client really sends — none, `Content-Length: 0`, empty or not chunked,
// under any content type (SPEC §2, §10 "Empty means absent").
import {
  adminAuth,
  curl,
  expectAnswer,
  expectEqual,
  json,
  step,
  viaFetch,
  viaSocket,
  wire,
} from './steps.mjs'

const JSON_TYPE = 'Content-Type: application/json'
let named = 0
const uniqueName = (label) => `${label} ${++named}`

/** Node's fetch's headers for the admin API: the JWT, and JSON when there is a body. */
const fetchHeaders = (body = false) => ({
  Authorization: `Bearer ${wire.jwt}`,
  ...(body ? { 'Content-Type': 'application/json' } : {}),
})

/**
 * A fresh token for one step (made with Node's fetch), so no step depends on another.
 * @returns {Promise<{ id: number, accessKey: string }>}
 */
async function newToken(type = 'read-only') {
  const answer = await viaFetch('/admin/api-tokens', {
    method: 'POST',
    headers: fetchHeaders(true),
    body: JSON.stringify({ name: uniqueName('wire'), type }),
  })
  return expectAnswer('POST /admin/api-tokens (setup)', answer, { status: 201 }).data
}

/**
 * Sends one request as curl (`-H 'Content-Type: application/json' -d <json>` when there
 * is a body) and as Node's fetch; both must answer `status`. `body` is called once for
 * each.
 * @param {string} method
 * @param {string} path
 * @param {{ body?: () => unknown, status: number }} expected
 * @returns {Promise<any[]>} both JSON bodies, curl's first
 */
async function curlAndFetch(method, path, { body, status }) {
  const text = () => (body === undefined ? undefined : JSON.stringify(body()))
  const headers = [adminAuth(), ...(body === undefined ? [] : [JSON_TYPE])]
  const byCurl = await viaSocket(curl(method, path, { headers, body: text() }))
  const byFetch = await viaFetch(path, {
    method,
    headers: fetchHeaders(body !== undefined),
    body: text(),
  })
  return [
    expectAnswer(`curl -X ${method} ${path}`, byCurl, { status }),
    expectAnswer(`fetch ${method} ${path}`, byFetch, { status }),
  ]
}

step('the demo login answers curl -X POST (no body) with an admin JWT for "tollgate"', async () => {
  const answer = await viaSocket(curl('POST', '/admin/demo/login'))
  const { data } = expectAnswer('curl -X POST /admin/demo/login', answer, { status: 200 })
  const claims = JSON.parse(Buffer.from(data.token.split('.')[1], 'base64url').toString())
  expectEqual('its aud', true, [claims.aud].flat().includes('tollgate'))
})

step('the admin API refuses curl without a JWT: 401 UnauthorizedError', async () => {
  const answer = await viaSocket(curl('GET', '/admin/api-tokens'))
  expectAnswer('curl /admin/api-tokens without a JWT', answer, { status: 401 })
})

step('GET /admin/users/me/permissions answers curl and fetch with every admin action', async () => {
  const every = ['access', 'read', 'create', 'update', 'regenerate', 'delete']
  const path = '/admin/users/me/permissions'
  for (const { data } of await curlAndFetch('GET', path, { status: 200 })) {
    const actions = data.map((granted) => granted.action)
    expectEqual(
      'the actions',
      every.map((action) => `admin::api-tokens.${action}`),
      actions,
    )
  }
})

step('POST /admin/api-tokens creates a token from curl and from fetch', async () => {
  const made = await curlAndFetch('POST', '/admin/api-tokens', {
    body: () => ({ name: uniqueName('created'), type: 'read-only' }),
    status: 201,
  })
  for (const { data } of made) expectEqual('a key', true, /^tg_\w{49}$/.test(data.accessKey))
})

// A create body is JSON whatever the framing; its declared type must say so.
for (const [contentType, status] of /** @type {const} */ ([
  ['application/x-www-form-urlencoded', 400], // curl -d without -H
  ['text/plain', 400],
  ['application/json; charset=utf-8', 201],
  ['application/vnd.api+json', 201],
  ['', 400],
])) {
  const declared = contentType ? `Content-Type: ${contentType}` : 'no Content-Type'
  step(`POST /admin/api-tokens with a JSON body as ${declared} is ${status}`, async () => {
    const body = JSON.stringify({ name: uniqueName('typed'), type: 'read-only' })
    const headers = [adminAuth(), `Content-Type:${contentType ? ` ${contentType}` : ''}`]
    const answer = await viaSocket(curl('POST', '/admin/api-tokens', { headers, body }))
    expectAnswer(`POST /admin/api-tokens as ${declared}`, answer, { status })
  })
}

step('POST /admin/api-tokens with a chunked JSON body is 201', async () => {
  const body = JSON.stringify({ name: uniqueName('chunked'), type: 'read-only' })
  const headers = [adminAuth(), JSON_TYPE, 'Transfer-Encoding: chunked']
  const answer = await viaSocket(curl('POST', '/admin/api-tokens', { headers, body }))
  expectAnswer('a chunked POST /admin/api-tokens', answer, { status: 201 })
})

step('GET /admin/api-tokens/:id reads a token; an unknown id is a 404 NotFoundError', async () => {
  const { id } = await newToken()
  for (const { data } of await curlAndFetch('GET', `/admin/api-tokens/${id}`, { status: 200 })) {
    expectEqual('the token read', id, data.id)
  }
  const missing = await viaSocket(
    curl('GET', '/admin/api-tokens/999999', { headers: [adminAuth()] }),
  )
  expectAnswer('GET /admin/api-tokens/999999', missing, {
    status: 404,
    message: /^API Token not found$/,
  })
})

step('PUT /admin/api-tokens/:id edits a token from curl and from fetch', async () => {
  const { id } = await newToken()
  const description = 'edited over the wire'
  for (const { data } of await curlAndFetch('PUT', `/admin/api-tokens/${id}`, {
    body: () => ({ description }),
    status: 200,
  })) {
    expectEqual('the description', description, data.description)
  }
})

/** Ways to send no body at all, as curl sends them. */
const EMPTY_BODIES = [
  { framing: 'no body and no Content-Length (as curl -X sends it)', headers: [], body: undefined },
  { framing: 'Content-Length: 0', headers: ['Content-Type:'], body: '' },
  {
    framing: 'an empty chunked body',
    headers: ['Content-Type:', 'Transfer-Encoding: chunked'],
    body: '',
  },
]

for (const { framing, headers, body } of EMPTY_BODIES) {
  step(`regenerate with ${framing} is 201`, async () => {
    const { id, accessKey } = await newToken()
    const path = `/admin/api-tokens/${id}/regenerate`
    const answer = await viaSocket(curl('POST', path, { headers: [adminAuth(), ...headers], body }))
    const { data } = expectAnswer(`POST ${path} with ${framing}`, answer, { status: 201 })
    expectEqual('a new key', true, data.accessKey !== accessKey && /^tg_/.test(data.accessKey))
  })
}

/** A read-only token holding `remaining` credits (SPEC §13), through the admin API. */
async function meteredToken(remaining) {
  const answer = await viaFetch('/admin/api-tokens', {
    method: 'POST',
    headers: fetchHeaders(true),
    body: JSON.stringify({
      name: uniqueName('wire metered'),
      type: 'read-only',
      credits: { remaining },
    }),
  })
  return expectAnswer('POST /admin/api-tokens (metered setup)', answer, { status: 201 }).data
}

for (const { framing, headers, body } of EMPTY_BODIES) {
  step(`POST /credits with ${framing} is a 400 that changes nothing`, async () => {
    const { id } = await meteredToken(4)
    const path = `/admin/api-tokens/${id}/credits`
    const answer = await viaSocket(curl('POST', path, { headers: [adminAuth(), ...headers], body }))
    expectAnswer(`POST ${path} with ${framing}`, answer, { status: 400 })
    const read = await viaFetch(`/admin/api-tokens/${id}`, { headers: fetchHeaders(false) })
    expectEqual('the balance', 4, expectAnswer('GET', read, { status: 200 }).data.credits.remaining)
  })
}

step('POST /credits with a chunked JSON body adds, as curl sends it', async () => {
  const { id } = await meteredToken(4)
  const path = `/admin/api-tokens/${id}/credits`
  const headers = [adminAuth(), 'Content-Type: application/json', 'Transfer-Encoding: chunked']
  const answer = await viaSocket(curl('POST', path, { headers, body: '{"add": 3}' }))
  const { data } = expectAnswer(`POST ${path} chunked`, answer, { status: 200 })
  expectEqual('the balance', { remaining: 7, refill: null }, data.credits)
})

step(
  "regenerate with Node's fetch, with no body and with body '' (text/plain), is 201",
  async () => {
    for (const body of [undefined, '']) {
      const { id } = await newToken()
      const path = `/admin/api-tokens/${id}/regenerate`
      const answer = await viaFetch(path, { method: 'POST', headers: fetchHeaders(), body })
      expectAnswer(`fetch POST ${path} with body ${JSON.stringify(body)}`, answer, { status: 201 })
    }
  },
)

// "Whatever its Content-Type": an empty body is no body (SPEC §10).
for (const contentType of [
  'application/x-www-form-urlencoded', // curl -X POST -d ''
  'text/plain;charset=UTF-8', // Node's fetch with body ''
  'application/json; charset=utf-8',
  'application/vnd.api+json',
  'application/json',
]) {
  step(`regenerate with an empty body as ${contentType} is 201`, async () => {
    const { id } = await newToken()
    const path = `/admin/api-tokens/${id}/regenerate`
    const headers = [adminAuth(), `Content-Type: ${contentType}`]
    const answer = await viaSocket(curl('POST', path, { headers, body: '' }))
    expectAnswer(`POST ${path} with an empty ${contentType} body`, answer, { status: 201 })
  })
}

step('regenerate with a chunked JSON body keeps the old key for its grace period', async () => {
  const { id } = await newToken()
  const path = `/admin/api-tokens/${id}/regenerate`
  const headers = [adminAuth(), JSON_TYPE, 'Transfer-Encoding: chunked']
  const body = JSON.stringify({ gracePeriod: 3600 })
  const answer = await viaSocket(curl('POST', path, { headers, body }))
  const { data } = expectAnswer(`a chunked POST ${path}`, answer, { status: 201 })
  expectEqual('a previous key in its grace period', true, data.previousKey !== null)
})

for (const { framing, headers, body } of EMPTY_BODIES) {
  step(`PUT /admin/api-tokens/:id with ${framing} stays a 400 (a body is required)`, async () => {
    const { id } = await newToken()
    const path = `/admin/api-tokens/${id}`
    const answer = await viaSocket(curl('PUT', path, { headers: [adminAuth(), ...headers], body }))
    expectAnswer(`PUT ${path} with ${framing}`, answer, { status: 400 })
  })
}

/** The read routes; `id` is a token made for the step. */
const READ_ROUTES = [
  (id) => `/admin/api-tokens/${id}/events`,
  () => '/admin/api-token-events',
  (id) => `/admin/api-tokens/${id}/usage`,
  () => '/admin/api-tokens',
  () => '/admin/content-api/permissions',
  () => '/admin/content-api/routes',
  () => '/admin/rate-limit-tiers',
]

for (const route of READ_ROUTES) {
  step(`GET ${route(':id')} answers curl and fetch with its data`, async () => {
    const { id } = await newToken()
    for (const body of await curlAndFetch('GET', route(id), { status: 200 })) {
      expectEqual('a data member', true, body?.data !== undefined && body.data !== null)
    }
  })
}

step(
  'DELETE /admin/api-tokens/:id from curl and from fetch; again it is {data: null}',
  async () => {
    for (const send of [
      (path) => viaSocket(curl('DELETE', path, { headers: [adminAuth()] })),
      (path) => viaFetch(path, { method: 'DELETE', headers: fetchHeaders() }),
    ]) {
      const { id } = await newToken()
      const path = `/admin/api-tokens/${id}`
      const deleted = expectAnswer(`DELETE ${path}`, await send(path), { status: 200 })
      expectEqual('the deleted id', id, deleted.data.id)
      const again = expectAnswer(`DELETE ${path} again`, await send(path), { status: 200 })
      expectEqual('deleted again', null, again.data)
    }
  },
)

step('POST /auth/verify answers curl and fetch: the key is VALID', async () => {
  const { accessKey } = await newToken()
  const body = () => ({ key: accessKey })
  for (const { valid, code } of await curlAndFetch('POST', '/auth/verify', { body, status: 200 })) {
    expectEqual('the verdict', { valid: true, code: 'VALID' }, { valid, code })
  }
})

step('POST /auth/verify with no body is a 400 ValidationError (a body is required)', async () => {
  const answer = await viaSocket(curl('POST', '/auth/verify', { headers: [JSON_TYPE] }))
  expectAnswer('curl -X POST /auth/verify with no body', answer, { status: 400 })
  expectEqual('no verdict', undefined, json(answer).valid)
})

step(
  'GET /admin/api-tokens?type= filters over the wire; a bad type is a 400 with its code',
  async () => {
    const list = (query) =>
      viaSocket(curl('GET', `/admin/api-tokens${query}`, { headers: [adminAuth()] }))
    const { data } = expectAnswer('?type=read-only', await list('?type=read-only'), { status: 200 })
    expectEqual(
      'only read-only tokens',
      true,
      data.length > 0 && data.every((t) => t.type === 'read-only'),
    )
    const bad = expectAnswer('?type=root', await list('?type=root'), { status: 400 })
    expectEqual('the error names type, with a code', ['type'], bad.error.details.errors[0].path)
    expectEqual('a machine code', 'string', typeof bad.error.details.errors[0].code)
  },
)

step('a create sent chunked with a taken name answers 400 name_taken', async () => {
  const body = JSON.stringify({ name: 'wire-taken', type: 'read-only' })
  const headers = [adminAuth(), 'Content-Type: application/json', 'Transfer-Encoding: chunked']
  const send = () => viaSocket(curl('POST', '/admin/api-tokens', { headers, body }))
  expectAnswer('the first create', await send(), { status: 201 })
  const taken = expectAnswer('the second create', await send(), { status: 400 })
  expectEqual('code', 'name_taken', taken.error.details.errors[0].code)
})

// SPEC §10, the admin side: plain owners, the per-owner limit under concurrency, staff
// details hidden from customers, an empty body as no body, /auth/verify failing closed
// without an address, and the admin JWT's audience.
import { env } from 'cloudflare:workers'
import { decodeJwt, SignJWT, type JWTPayload } from 'jose'
import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { ADMIN_ACTIONS } from '../../contract/api-tokens'
import { parseSettings } from '../../worker/config/settings'
import { handleError } from '../../worker/http/error-handler'
import { validate } from '../../worker/http/validation'
import { recordExpiryNotices } from '../../worker/jobs/expiry-notices'
import type { WebhookPayload } from '../../worker/webhooks/webhook-payload'
import { bearer, gateEnv } from './gate-helpers'
import { admin, adminJwt, call, UNAUTHORIZED, uniqueName, type JsonBody } from './helpers'
import { tokenDb } from '../../worker/db/token-db'

/**
 * An admin JWT with exactly these claims besides `exp` (5 minutes): no default `aud`,
 * `sub` or permissions, so each test says what it sends.
 */
function signedJwt(claims: JWTPayload): Promise<string> {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setExpirationTime('5m')
    .sign(new TextEncoder().encode(env.ADMIN_JWT_SECRET))
}

/** An admin of `owner` (`undefined`: an operator), with every action and the right audience. */
function jwtOf(owner: string | undefined, claims: JWTPayload = {}): Promise<string> {
  return signedJwt({
    permissions: [...ADMIN_ACTIONS],
    aud: 'tollgate',
    sub: `admin-of-${owner ?? 'operator'}`,
    ...(owner === undefined ? {} : { owner }),
    ...claims,
  })
}

/** `GET /admin/users/me/permissions` with `jwt` in the given environment (the test one by default). */
async function whoAmI(jwt: string, worker: { fetch: typeof call } = { fetch: call }) {
  const response = await worker.fetch('/admin/users/me/permissions', {
    headers: { Authorization: `Bearer ${jwt}` },
  })
  return { status: response.status, body: (await response.json()) as JsonBody }
}

describe('admin JWT audience (SPEC §10)', () => {
  it('defaults ADMIN_JWT_AUDIENCE to "tollgate", set or blank', () => {
    expect(parseSettings({}).adminJwtAudience).toBe('tollgate')
    expect(parseSettings({ ADMIN_JWT_AUDIENCE: '  ' }).adminJwtAudience).toBe('tollgate')
    expect(parseSettings({ ADMIN_JWT_AUDIENCE: 'acme-admin' }).adminJwtAudience).toBe('acme-admin')
  })

  it('refuses an admin JWT without aud with 401', async () => {
    const jwt = await signedJwt({ permissions: [...ADMIN_ACTIONS], sub: 'no-aud' })
    expect(await whoAmI(jwt)).toEqual({ status: 401, body: UNAUTHORIZED })
    expect(
      await admin('GET', '/admin/api-tokens', undefined, await adminJwt({ audience: null })),
    ).toMatchObject({ status: 401, body: UNAUTHORIZED })
  })

  it('refuses an admin JWT whose aud does not hold "tollgate" with 401', async () => {
    for (const aud of ['other', 'Tollgate', 'tollgate ', '', ['other', 'api'], []]) {
      const jwt = await signedJwt({ permissions: [...ADMIN_ACTIONS], aud })
      expect(await whoAmI(jwt), JSON.stringify(aud)).toEqual({ status: 401, body: UNAUTHORIZED })
    }
  })

  it('accepts "tollgate" as the aud string or in an aud array', async () => {
    for (const aud of ['tollgate', ['tollgate'], ['billing', 'tollgate']]) {
      const jwt = await signedJwt({ permissions: ['admin::api-tokens.read'], aud })
      expect(await whoAmI(jwt), JSON.stringify(aud)).toEqual({
        status: 200,
        body: {
          data: [{ action: 'admin::api-tokens.read' }],
          meta: { owner: null, grantable: null, maxLifespanDays: null },
        },
      })
    }
  })

  it('checks a custom ADMIN_JWT_AUDIENCE instead of the default', async () => {
    const custom = gateEnv({ ADMIN_JWT_AUDIENCE: 'acme-admin' })
    const as = async (aud: string | string[]) =>
      (await whoAmI(await signedJwt({ permissions: [...ADMIN_ACTIONS], aud }), custom)).status
    expect(await as('acme-admin')).toBe(200)
    expect(await as(['tollgate', 'acme-admin'])).toBe(200)
    expect(await as('tollgate')).toBe(401)
    expect(await as(['tollgate'])).toBe(401)
  })

  it('has the demo login mint JWTs for the configured audience, which the worker accepts', async () => {
    for (const [worker, aud] of [
      [{ fetch: call }, 'tollgate'],
      [gateEnv({ ADMIN_JWT_AUDIENCE: 'acme-admin' }), 'acme-admin'],
    ] as const) {
      const login = await worker.fetch('/admin/demo/login', { method: 'POST' })
      const { token } = ((await login.json()) as JsonBody).data as { token: string }
      expect(decodeJwt(token).aud).toBe(aud)
      expect((await whoAmI(token, worker)).status).toBe(200)
    }
  })
})

/** Values that are not 1–128 characters of visible ASCII. */
const NOT_PLAIN_OWNERS = [
  '',
  ' ',
  ' acme',
  'acme ',
  'ac me',
  'acme\t',
  'acme\r\nX-Evil: 1',
  'acme\n',
  'acme\u0000',
  'acme\u007f',
  'acmé',
  'ａｃｍｅ',
  'acme\u200b',
  '😀',
  'x'.repeat(129),
]

/** Values that are: the extremes of the range, every punctuation mark, 128 characters. */
const PLAIN_OWNERS = [
  '!',
  '~',
  'x'.repeat(128),
  'org_42:team/a.b-c@d+e',
  '!"#$%&\'()*,;<=>?[\\]^`{|}',
]

describe('owners are plain (SPEC §10)', () => {
  it('refuses an owner in a create body that is not 1–128 visible ASCII characters (400 naming owner)', async () => {
    const operator = await jwtOf(undefined)
    const message = 'owner must be 1–128 visible ASCII characters (no spaces), or null'
    for (const owner of [...NOT_PLAIN_OWNERS, 42, ['acme']]) {
      const response = await admin(
        'POST',
        '/admin/api-tokens',
        { name: uniqueName(), type: 'read-only', owner },
        operator,
      )
      expect(response, JSON.stringify(owner)).toMatchObject({
        status: 400,
        body: {
          data: null,
          error: {
            status: 400,
            name: 'ValidationError',
            message,
            details: { errors: [{ path: ['owner'], name: 'ValidationError', message }] },
          },
        },
      })
    }
  })

  it('stores a plain owner exactly as sent, and forwards it as X-Api-Token-Owner byte for byte', async () => {
    const operator = await jwtOf(undefined)
    const gate = gateEnv()
    for (const owner of PLAIN_OWNERS) {
      const created = await admin(
        'POST',
        '/admin/api-tokens',
        { name: uniqueName(), type: 'read-only', owner },
        operator,
      )
      expect(created.status, owner).toBe(201)
      expect(created.body.data.owner).toBe(owner)
      const response = await gate.fetch('/api/articles', {
        headers: bearer(created.body.data.accessKey),
      })
      expect(response.status).toBe(200)
      expect(gate.seen.at(-1)!.headers['x-api-token-owner']).toBe(owner)
    }
  })

  it('refuses a ?owner= filter that is not plain (400 naming owner); ?owner= alone still lists tokens without owner', async () => {
    const operator = await jwtOf(undefined)
    const message = 'owner must be 1–128 visible ASCII characters (no spaces), or empty'
    for (const owner of NOT_PLAIN_OWNERS.filter(Boolean)) {
      const response = await admin(
        'GET',
        `/admin/api-tokens?owner=${encodeURIComponent(owner)}`,
        undefined,
        operator,
      )
      expect(response, JSON.stringify(owner)).toMatchObject({
        status: 400,
        body: {
          error: {
            name: 'ValidationError',
            message,
            details: { errors: [{ path: ['owner'], name: 'ValidationError', message }] },
          },
        },
      })
    }
    const stem = uniqueName('plain-filter')
    const owned = await admin(
      'POST',
      '/admin/api-tokens',
      { name: `${stem}-owned`, type: 'read-only', owner: 'plain~owner' },
      operator,
    )
    const unowned = await admin(
      'POST',
      '/admin/api-tokens',
      { name: `${stem}-none`, type: 'read-only' },
      operator,
    )
    const ids = async (query: string) =>
      (
        (await admin('GET', `/admin/api-tokens?q=${stem}${query}`, undefined, operator)).body
          .data as JsonBody[]
      ).map((token) => token.id)
    expect(await ids('&owner=')).toEqual([unowned.body.data.id])
    expect(await ids('&owner=plain~owner')).toEqual([owned.body.data.id])
    // A scoped admin's filter is checked too.
    const scoped = await admin(
      'GET',
      '/admin/api-tokens?owner=a%20b',
      undefined,
      await jwtOf('plain~owner'),
    )
    expect(scoped.status).toBe(400)
  })

  it('makes an admin JWT whose owner claim is not plain invalid (401)', async () => {
    for (const owner of NOT_PLAIN_OWNERS) {
      const response = await whoAmI(await jwtOf(owner))
      expect(response.status, JSON.stringify(owner)).toBe(401)
      expect(response.body.error).toMatchObject({ status: 401, name: 'UnauthorizedError' })
    }
    for (const owner of PLAIN_OWNERS) {
      expect(await whoAmI(await jwtOf(owner)), owner).toMatchObject({
        status: 200,
        body: { meta: { owner } },
      })
    }
  })
})

describe('the per-owner limit under concurrency (SPEC §10)', () => {
  it('leaves exactly MAX_TOKENS_PER_OWNER tokens after 8 parallel creates, the other 5 a 400 "Token limit reached"', async () => {
    const limited = gateEnv({ MAX_TOKENS_PER_OWNER: '3' })
    const owner = uniqueName('racing-owner')
    const jwt = await jwtOf(owner)
    const responses = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        limited.fetch('/admin/api-tokens', {
          method: 'POST',
          headers: { Authorization: `Bearer ${jwt}`, 'Content-Type': 'application/json' },
          body: JSON.stringify({
            name: `${owner}-${i}`,
            type: 'custom',
            permissions: ['api::article.article.find'],
          }),
        }),
      ),
    )
    const answers = await Promise.all(
      responses.map(async (response) => ({
        status: response.status,
        body: (await response.json()) as JsonBody,
      })),
    )
    expect(answers.filter((answer) => answer.status === 201)).toHaveLength(3)
    const refused = answers.filter((answer) => answer.status !== 201)
    expect(refused).toHaveLength(5)
    for (const answer of refused) {
      expect(answer).toEqual({
        status: 400,
        body: {
          data: null,
          error: {
            status: 400,
            name: 'ValidationError',
            message: 'Token limit reached',
            details: { limit: 3 },
          },
        },
      })
    }

    // Only the three tokens exist, each with its permission and one `created` event.
    const listed = (await admin('GET', '/admin/api-tokens', undefined, jwt)).body.data as JsonBody[]
    expect(listed.map((token) => token.id).sort()).toEqual(
      answers
        .filter((answer) => answer.status === 201)
        .map((answer) => answer.body.data.id)
        .sort(),
    )
    expect(listed.every((token) => token.permissions[0] === 'api::article.article.find')).toBe(true)
    const events = (await admin('GET', '/admin/api-token-events?pageSize=100', undefined, jwt)).body
      .data as JsonBody[]
    expect(events.map((event) => event.action)).toEqual(['created', 'created', 'created'])
    const orphans = await env.DB.prepare(
      'select count(*) as n from api_token_permissions where token_id not in (select id from api_tokens)',
    ).first<{ n: number }>()
    expect(orphans?.n).toBe(0)

    // At the limit, one more is refused too; another owner is not held by this one's count.
    const oneMore = await limited.fetch('/admin/api-tokens', {
      method: 'POST',
      headers: { Authorization: `Bearer ${jwt}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: uniqueName(), type: 'read-only' }),
    })
    expect(oneMore.status).toBe(400)
    const other = await limited.fetch('/admin/api-tokens', {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${await jwtOf(uniqueName('other-owner'))}`,
        'Content-Type': 'application/json',
      },
      body: JSON.stringify({ name: uniqueName(), type: 'read-only' }),
    })
    expect(other.status).toBe(201)
  })

  it('holds an operator creating for an owner to the same limit, and tokens without owner to none', async () => {
    const limited = gateEnv({ MAX_TOKENS_PER_OWNER: '2' })
    const operator = await jwtOf(undefined)
    const owner = uniqueName('operator-made')
    const create = (fields: Record<string, unknown>) =>
      limited.fetch('/admin/api-tokens', {
        method: 'POST',
        headers: { Authorization: `Bearer ${operator}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ name: uniqueName(), type: 'read-only', ...fields }),
      })
    const statuses = (await Promise.all([1, 2, 3, 4].map(() => create({ owner })))).map(
      (response) => response.status,
    )
    expect(statuses.sort()).toEqual([201, 201, 400, 400])
    const unowned = await Promise.all([1, 2, 3].map(() => create({})))
    expect(unowned.map((response) => response.status)).toEqual([201, 201, 201])
  })
})

describe('customers see no staff details (SPEC §10)', () => {
  const STAFF = { sub: 'staff-7', name: 'Sam Staff', email: 'sam@host.example' }
  const CUSTOMER = { sub: 'cust-1', name: 'Carla Customer' }
  const STAFF_IP = '198.51.100.7'
  const CUSTOMER_IP = '203.0.113.5'

  /** A worker with a recording webhook queue, and one owned token changed by both sides. */
  async function historyOfAnOwnedToken() {
    const sent: WebhookPayload[] = []
    const queue = {
      sendBatch: async (messages: Iterable<{ body: WebhookPayload }>) => {
        for (const message of messages) sent.push(message.body)
      },
    }
    const worker = gateEnv({
      WEBHOOK_URL: 'https://hooks.example/tollgate',
      WEBHOOK_QUEUE: queue as unknown as Queue<WebhookPayload>,
    })
    const owner = uniqueName('customer')
    const staff = await jwtOf(undefined, STAFF)
    const customer = await jwtOf(owner, CUSTOMER)
    const send = async (jwt: string, ip: string, method: string, path: string, body?: object) => {
      const response = await worker.fetch(path, {
        method,
        headers: {
          Authorization: `Bearer ${jwt}`,
          'CF-Connecting-IP': ip,
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      })
      return { status: response.status, body: (await response.json()) as JsonBody }
    }
    const created = await send(staff, STAFF_IP, 'POST', '/admin/api-tokens', {
      name: uniqueName(),
      type: 'read-only',
      owner,
    })
    expect(created.status).toBe(201)
    const id = created.body.data.id as number
    const path = `/admin/api-tokens/${id}`
    expect((await send(customer, CUSTOMER_IP, 'PUT', path, { description: 'ours' })).status).toBe(
      200,
    )
    expect((await send(staff, STAFF_IP, 'PUT', path, { enabled: false })).status).toBe(200)
    expect((await send(customer, CUSTOMER_IP, 'POST', `${path}/regenerate`)).status).toBe(201)
    return { id, owner, staff, customer, send, sent }
  }

  const whoAndWhere = (events: JsonBody[]) =>
    events.map((event) => ({ action: event.action, actor: event.actor, ip: event.ip }))

  it('shows a scoped admin the actor and ip of its own admins only; staff changes are {"name": "Operator"} with ip null', async () => {
    const { id, customer, send } = await historyOfAnOwnedToken()
    const expected = [
      { action: 'regenerated', actor: CUSTOMER, ip: CUSTOMER_IP },
      { action: 'disabled', actor: { name: 'Operator' }, ip: null },
      { action: 'updated', actor: CUSTOMER, ip: CUSTOMER_IP },
      { action: 'created', actor: { name: 'Operator' }, ip: null },
    ]
    const ofToken = await send(customer, CUSTOMER_IP, 'GET', `/admin/api-tokens/${id}/events`)
    expect(ofToken.status).toBe(200)
    expect(whoAndWhere(ofToken.body.data)).toEqual(expected)
    const all = await send(customer, CUSTOMER_IP, 'GET', `/admin/api-token-events?tokenId=${id}`)
    expect(all.status).toBe(200)
    expect(whoAndWhere(all.body.data)).toEqual(expected)
    // The rest of each event is untouched: the same fields, and nothing more.
    for (const event of [...ofToken.body.data, ...all.body.data] as JsonBody[]) {
      expect(Object.keys(event).sort()).toEqual(
        ['action', 'actor', 'at', 'id', 'ip', 'owner', 'tokenId', 'tokenName']
          .concat(event.changes === undefined ? [] : ['changes'])
          .sort(),
      )
    }
  })

  it('shows operators and webhooks every actor and address, and no field more', async () => {
    const { id, staff, send, sent } = await historyOfAnOwnedToken()
    const expected = [
      { action: 'regenerated', actor: CUSTOMER, ip: CUSTOMER_IP },
      { action: 'disabled', actor: STAFF, ip: STAFF_IP },
      { action: 'updated', actor: CUSTOMER, ip: CUSTOMER_IP },
      { action: 'created', actor: STAFF, ip: STAFF_IP },
    ]
    const ofToken = await send(staff, STAFF_IP, 'GET', `/admin/api-tokens/${id}/events`)
    expect(whoAndWhere(ofToken.body.data)).toEqual(expected)
    const all = await send(staff, STAFF_IP, 'GET', `/admin/api-token-events?tokenId=${id}`)
    expect(whoAndWhere(all.body.data)).toEqual(expected)
    for (const event of ofToken.body.data as JsonBody[]) {
      expect(event).not.toHaveProperty('actorOwner')
      expect(event).not.toHaveProperty('actor_owner')
    }
    expect(sent.map((payload) => [payload.type, payload.data.actor])).toEqual([
      ['api-token.created', STAFF],
      ['api-token.updated', CUSTOMER],
      ['api-token.disabled', STAFF],
      ['api-token.regenerated', CUSTOMER],
    ])
  })

  it('keeps the scheduled job’s notices as they are for a scoped admin: actor null, ip null', async () => {
    const { id, customer, send } = await historyOfAnOwnedToken()
    const expiresAt = new Date(Date.now() + 2 * 24 * 3600_000).toISOString()
    expect(
      (await send(customer, CUSTOMER_IP, 'PUT', `/admin/api-tokens/${id}`, { expiresAt })).status,
    ).toBe(200)
    const notices = await recordExpiryNotices(tokenDb(env.DB), Date.now(), 7 * 24 * 3600_000)
    expect(notices.some((event) => event.tokenId === id && event.action === 'expiring')).toBe(true)
    const events = await send(customer, CUSTOMER_IP, 'GET', `/admin/api-tokens/${id}/events`)
    expect(whoAndWhere(events.body.data)[0]).toEqual({ action: 'expiring', actor: null, ip: null })
  })
})

describe('empty means absent (SPEC §10)', () => {
  /** A stream that yields these chunks, then ends (`[]`: nothing at all). */
  const streamOf = (...chunks: string[]) =>
    new ReadableStream<Uint8Array>({
      start(controller) {
        for (const chunk of chunks) controller.enqueue(new TextEncoder().encode(chunk))
        controller.close()
      },
    })

  /** Regenerates a fresh token with `init`'s body and headers (plus the admin JWT). */
  async function regenerate(init: { body?: BodyInit | null; headers?: Record<string, string> }) {
    const token = await admin('POST', '/admin/api-tokens', {
      name: uniqueName(),
      type: 'read-only',
    })
    const response = await call(`/admin/api-tokens/${token.body.data.id}/regenerate`, {
      method: 'POST',
      body: init.body,
      headers: { Authorization: `Bearer ${await adminJwt()}`, ...init.headers },
    })
    return {
      id: token.body.data.id as number,
      status: response.status,
      body: await response.json<JsonBody>(),
    }
  }

  const ODD_TYPES = [
    undefined,
    'application/json',
    'application/json; charset=utf-8',
    'APPLICATION/JSON',
    'application/x-www-form-urlencoded',
    'text/plain',
    'application/octet-stream',
    'multipart/form-data; boundary=x',
    'nonsense',
  ]

  const EMPTY_BODIES: [
    string,
    () => { body?: BodyInit | null; headers?: Record<string, string> },
  ][] = [
    ['no body', () => ({})],
    ['body: null', () => ({ body: null })],
    ["body: ''", () => ({ body: '' })],
    ['an empty ArrayBuffer', () => ({ body: new ArrayBuffer(0) })],
    ['Content-Length: 0', () => ({ body: '', headers: { 'Content-Length': '0' } })],
    ['a stream that yields nothing', () => ({ body: streamOf() })],
    ['a chunked stream of empty chunks', () => ({ body: streamOf('', '', '') })],
    [
      'a chunked stream, Transfer-Encoding: chunked',
      () => ({ body: streamOf(''), headers: { 'Transfer-Encoding': 'chunked' } }),
    ],
  ]

  it('regenerates with the defaults for a body with no bytes, whatever its Content-Type', async () => {
    for (const [kind, init] of EMPTY_BODIES) {
      for (const type of ODD_TYPES) {
        const { body, headers } = init()
        const response = await regenerate({
          body,
          headers: { ...headers, ...(type === undefined ? {} : { 'Content-Type': type }) },
        })
        expect(
          response.status,
          `${kind}, ${type ?? 'no Content-Type'}: ${JSON.stringify(response.body)}`,
        ).toBe(201)
        expect(response.body.data).toMatchObject({ id: response.id, previousKey: null })
        expect(response.body.data.accessKey).toMatch(/^tg_/)
      }
    }
    // Dozens of requests in a row: on a loaded machine they take longer than vitest's 5 s.
  }, 30_000)

  it('still reads a non-empty body, streamed or not, as JSON with a JSON Content-Type', async () => {
    for (const body of ['{"gracePeriod":3600}', streamOf('{"grace', 'Period":3600}')]) {
      const response = await regenerate({ body, headers: { 'Content-Type': 'application/json' } })
      expect(response.status).toBe(201)
      expect(response.body.data.previousKey).toMatchObject({ keyHint: expect.any(String) })
    }
  })

  it('refuses a non-empty body without a JSON Content-Type, or that is not JSON', async () => {
    const notDeclared = {
      data: null,
      error: {
        status: 400,
        name: 'ValidationError',
        message: 'Send the body as JSON, with Content-Type: application/json',
        details: {},
      },
    }
    for (const type of [undefined, 'text/plain', 'application/x-www-form-urlencoded']) {
      for (const body of ['{"gracePeriod":3600}', streamOf('{}'), 'gracePeriod=3600']) {
        const response = await regenerate({
          body,
          headers: type === undefined ? {} : { 'Content-Type': type },
        })
        expect(response, `${type}`).toMatchObject({ status: 400, body: notDeclared })
      }
    }
    for (const body of [' ', '\n', '{', streamOf(' ')]) {
      const response = await regenerate({ body, headers: { 'Content-Type': 'application/json' } })
      expect(response.status, JSON.stringify(body)).toBe(400)
      expect(response.body.error.message).toBe('Invalid request body: expected JSON')
    }
    const unknown = await regenerate({
      body: '{"grace":1}',
      headers: { 'Content-Type': 'application/json' },
    })
    expect(unknown.status).toBe(400)
    expect(unknown.body.error.details.errors[0].path).toEqual(['grace'])
  })

  it('answers 413 for an optional body over 64 KiB, streamed without a length', async () => {
    const response = await regenerate({
      body: streamOf('{"gracePeriod":', ' '.repeat(70 * 1024), '0}'),
      headers: { 'Content-Type': 'application/json' },
    })
    expect(response.status).toBe(413)
  })

  it('bounds what validate() reads of an optional body itself: 413 past 64 KiB, with no bodyLimit before it', async () => {
    const app = new Hono()
      .onError(handleError)
      .post(
        '/x',
        validate('json', z.strictObject({ n: z.number().optional() }), { optional: true }),
        (c) => c.json(c.req.valid('json')),
      )
    const post = (body: BodyInit, type = 'application/json') =>
      app.request('/x', { method: 'POST', body, headers: { 'Content-Type': type } })
    expect((await post(streamOf('{"n":', ' '.repeat(64 * 1024), '1}'))).status).toBe(413)
    const fits = await post(streamOf('{"n":', ' '.repeat(60 * 1024), '1}'))
    expect(await fits.json()).toEqual({ n: 1 })
    expect(await (await post(streamOf(), 'text/plain')).json()).toEqual({})
  })

  it('refuses at construction an optional body whose schema does not accept {}', () => {
    expect(() => validate('json', z.strictObject({ n: z.number() }), { optional: true })).toThrow(
      'validate: an optional JSON body needs a schema that accepts {}',
    )
  })

  it('keeps a required body required: an empty create is a 400', async () => {
    for (const body of ['', streamOf()]) {
      const response = await call('/admin/api-tokens', {
        method: 'POST',
        body,
        headers: {
          Authorization: `Bearer ${await adminJwt()}`,
          'Content-Type': 'application/json',
        },
      })
      expect(response.status).toBe(400)
    }
  })
})

describe('/auth/verify fails closed (SPEC §10)', () => {
  let client = 0
  /** POST /auth/verify from its own address (each call another, clear of the rate limit). */
  const verify = async (body: object, callerIp?: string) => {
    client += 1
    const response = await call('/auth/verify', {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'CF-Connecting-IP': callerIp ?? `192.0.2.${client}`,
      },
      body: JSON.stringify(body),
    })
    return { status: response.status, body: (await response.json()) as JsonBody }
  }

  it('refuses a restricted token asked about without ip: 200 {valid: false, code: FORBIDDEN, reason: ip, token}', async () => {
    const created = await admin('POST', '/admin/api-tokens', {
      name: uniqueName(),
      type: 'custom',
      permissions: ['api::article.article.find'],
      allowedIps: ['203.0.113.0/24'],
    })
    const token = created.body.data
    const summary = {
      id: token.id,
      name: token.name,
      type: 'custom',
      expiresAt: token.expiresAt,
      permissions: ['api::article.article.find'],
      owner: null,
      meta: {},
    }
    const refused = { valid: false, code: 'FORBIDDEN', reason: 'ip', token: summary }
    expect(await verify({ key: token.accessKey })).toEqual({ status: 200, body: refused })
    expect(await verify({ key: token.accessKey, method: 'GET', path: '/api/articles' })).toEqual({
      status: 200,
      body: refused,
    })
    // The caller's own address, even inside the list, is not its client's.
    expect(await verify({ key: token.accessKey }, '203.0.113.9')).toEqual({
      status: 200,
      body: refused,
    })
    // Given a client address inside the list, it is judged as before.
    expect(await verify({ key: token.accessKey, ip: '203.0.113.9' })).toEqual({
      status: 200,
      body: { valid: true, code: 'VALID', token: summary },
    })
  })

  it('still answers valid without ip for a token with allowedIps [] (any address)', async () => {
    const created = await admin('POST', '/admin/api-tokens', {
      name: uniqueName(),
      type: 'read-only',
    })
    expect((await verify({ key: created.body.data.accessKey })).body).toMatchObject({
      valid: true,
      code: 'VALID',
    })
  })
})

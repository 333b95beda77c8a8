import { expect } from '@open-wc/testing'
import { TollgateApiError, createTollgateClient, isAbort } from '../../client'
import { bodyOf } from '../../components/internal/token-draft'
import { fieldErrorsOf } from '../../components/internal/api-errors'

interface Sent {
  url: string
  authorization: string | null
  signal: AbortSignal | null | undefined
}

/** A stub `fetch` answering each call with the next response; records what was sent. */
function stubFetch(...responses: (() => Response | Promise<Response>)[]) {
  const sent: Sent[] = []
  const original = window.fetch
  window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    const headers = new Headers(init?.headers)
    sent.push({
      url: String(input),
      authorization: headers.get('Authorization'),
      signal: init?.signal,
    })
    const next = responses.shift()
    if (!next) return Promise.reject(new Error('unexpected fetch'))
    return Promise.resolve(next())
  }
  return { sent, restore: () => (window.fetch = original) }
}

const unauthorized = () =>
  Response.json(
    {
      data: null,
      error: {
        status: 401,
        name: 'UnauthorizedError',
        message: 'Missing or invalid credentials',
        details: {},
      },
    },
    { status: 401 },
  )

let stub: ReturnType<typeof stubFetch> | undefined
afterEach(() => stub?.restore())

/** A client of `https://gate.test` whose JWT is `jwt` (or what `jwt()` gives). */
function clientOf(jwt: () => string = () => 'jwt') {
  return createTollgateClient({ baseUrl: 'https://gate.test', getAuthToken: jwt })
}

describe('createTollgateClient', () => {
  it('asks for the JWT before every request and sends it as a Bearer', async () => {
    stub = stubFetch(() => Response.json({ data: [{ action: 'admin::api-tokens.read' }] }))
    let asked = 0
    const client = clientOf(() => `jwt-${++asked}`)
    const me = await client.me()
    expect(me.data).to.deep.equal([{ action: 'admin::api-tokens.read' }])
    expect(stub.sent).to.deep.equal([
      {
        url: 'https://gate.test/admin/users/me/permissions',
        authorization: 'Bearer jwt-1',
        signal: undefined,
      },
    ])
  })

  it('on a 401 asks for the JWT again and retries once', async () => {
    stub = stubFetch(unauthorized, () => Response.json({ data: { id: 3 } }))
    let asked = 0
    const client = clientOf(() => `jwt-${++asked}`)
    expect(await client.tokens.get(3)).to.deep.equal({ id: 3 })
    expect(stub.sent.map((s) => s.authorization)).to.deep.equal(['Bearer jwt-1', 'Bearer jwt-2'])
  })

  it('retries only once: a second 401 is an TollgateApiError with the worker’s error object', async () => {
    stub = stubFetch(unauthorized, unauthorized, unauthorized)
    const client = clientOf()
    const error = await client.tokens.get(3).catch((e: unknown) => e)
    expect(error).to.be.instanceOf(TollgateApiError)
    expect({ ...(error as TollgateApiError).toJSON() }).to.deep.equal({
      status: 401,
      name: 'UnauthorizedError',
      message: 'Missing or invalid credentials',
      details: {},
    })
    expect(stub.sent).to.have.length(2)
  })

  it('passes the AbortSignal to fetch and rejects with the AbortError when aborted', async () => {
    const controller = new AbortController()
    stub = stubFetch(
      () =>
        new Promise<Response>((_resolve, reject) => {
          const signal = stub!.sent[0]!.signal!
          signal.addEventListener('abort', () => reject(signal.reason))
        }),
    )
    const client = clientOf()
    const pending = client.tokens.get(1, { signal: controller.signal }).catch((e: unknown) => e)
    await new Promise((resolve) => setTimeout(resolve))
    expect(stub.sent[0]!.signal).to.equal(controller.signal)
    controller.abort()
    const error = await pending
    expect(isAbort(error), String(error)).to.equal(true)
    expect(error).not.to.be.instanceOf(TollgateApiError)
  })

  it('does not retry a 401 once the signal is aborted', async () => {
    const controller = new AbortController()
    stub = stubFetch(() => {
      controller.abort()
      return unauthorized()
    })
    const client = clientOf()
    const error = await client.tokens.get(1, { signal: controller.signal }).catch((e: unknown) => e)
    expect(isAbort(error)).to.equal(true)
    expect(stub.sent).to.have.length(1)
  })

  it('turns a network failure into a NetworkError with status 0', async () => {
    stub = stubFetch(() => Promise.reject(new TypeError('Failed to fetch')))
    const client = clientOf()
    const error = (await client.tokens.get(1).catch((e: unknown) => e)) as TollgateApiError
    expect(error.toJSON()).to.deep.equal({
      status: 0,
      name: 'NetworkError',
      message: 'Could not reach the API Tokens service',
      details: {},
    })
  })

  it('describes an error response that is not JSON by its status', async () => {
    stub = stubFetch(() => new Response('<html>Bad gateway</html>', { status: 502 }))
    const client = clientOf()
    const error = (await client.tokens.get(1).catch((e: unknown) => e)) as TollgateApiError
    expect(error.status).to.equal(502)
    expect(error.name).to.equal('ApplicationError')
  })

  it('the section sends no permissions for a non-custom token', async () => {
    const bodies: unknown[] = []
    const original = window.fetch
    window.fetch = (_input: RequestInfo | URL, init?: RequestInit) => {
      bodies.push(JSON.parse(String(init?.body)))
      return Promise.resolve(Response.json({ data: { id: 1, accessKey: 'k' } }, { status: 201 }))
    }
    try {
      const client = clientOf()
      await client.tokens.create(
        bodyOf({
          name: 'n',
          description: '',
          type: 'read-only',
          lifespan: null,
          permissions: ['api::article.article.find'],
          allowedIps: ['10.0.0.0/8'],
          rateLimit: 'standard',
          enabled: true,
          meta: [],
        }),
      )
      expect(bodies).to.deep.equal([
        {
          name: 'n',
          description: '',
          type: 'read-only',
          lifespan: null,
          permissions: [],
          allowedIps: ['10.0.0.0/8'],
          rateLimit: 'standard',
          enabled: true,
          meta: {},
        },
      ])
    } finally {
      window.fetch = original
    }
  })

  it('the section reads field errors from a 400 only', () => {
    const errors = [
      {
        path: ['name'],
        name: 'ValidationError' as const,
        message: 'Name already taken',
        code: 'name_taken' as const,
      },
    ]
    const invalid = new TollgateApiError({
      status: 400,
      name: 'ValidationError',
      message: 'Name already taken',
      details: { errors },
    })
    expect(fieldErrorsOf(invalid)).to.deep.equal(errors)
    const bare = new TollgateApiError({
      status: 400,
      name: 'ValidationError',
      message: 'Bad',
      details: {},
    })
    expect(fieldErrorsOf(bare)).to.deep.equal([
      { path: [], name: 'ValidationError', message: 'Bad', code: 'invalid_value' },
    ])
    const missing = new TollgateApiError({
      status: 404,
      name: 'NotFoundError',
      message: 'x',
      details: {},
    })
    expect(fieldErrorsOf(missing)).to.deep.equal([])
  })

  it('carries the §2 error as status, name, message and details', async () => {
    const details = {
      errors: [{ path: ['name'], name: 'ValidationError', message: 'taken', code: 'name_taken' }],
    }
    stub = stubFetch(() =>
      Response.json(
        { data: null, error: { status: 400, name: 'ValidationError', message: 'taken', details } },
        { status: 400 },
      ),
    )
    const error = await clientOf()
      .tokens.create({ name: 'n', type: 'read-only' })
      .catch((e: unknown) => e)
    expect(error).to.be.instanceOf(TollgateApiError)
    expect(error).to.be.instanceOf(Error)
    const { status, name, message } = error as TollgateApiError
    expect({ status, name, message }).to.deep.equal({
      status: 400,
      name: 'ValidationError',
      message: 'taken',
    })
    expect((error as TollgateApiError).details).to.deep.equal(details)
  })

  it('puts each route at its path, with its query and only the values given', async () => {
    const ok = () => Response.json({ data: [], meta: { pagination: {} } })
    stub = stubFetch(ok, ok, ok, ok, ok, ok, ok)
    const client = clientOf()
    await client.tokens.list()
    await client.tokens.list({ sort: 'expiresAt:desc', q: 'ci', enabled: false, owner: '' })
    await client.tokens.events(4, { page: 2 })
    await client.tokens.events(undefined, { action: 'deleted' })
    await client.tokens.usage(4, { days: 7 })
    await client.routes()
    await client.rateLimitTiers()
    expect(stub.sent.map((s) => s.url)).to.deep.equal([
      'https://gate.test/admin/api-tokens?page=1&pageSize=25',
      'https://gate.test/admin/api-tokens?sort=expiresAt%3Adesc&q=ci&enabled=false&owner=&page=1&pageSize=25',
      'https://gate.test/admin/api-tokens/4/events?page=2',
      'https://gate.test/admin/api-token-events?action=deleted',
      'https://gate.test/admin/api-tokens/4/usage?days=7',
      'https://gate.test/admin/content-api/routes',
      'https://gate.test/admin/rate-limit-tiers',
    ])
  })

  it('sends through the fetch it is given, not the global one', async () => {
    stub = stubFetch()
    const seen: string[] = []
    const client = createTollgateClient({
      baseUrl: new URL('https://gate.test'),
      getAuthToken: () => 'jwt',
      fetch: (input) => {
        seen.push(String(input))
        return Promise.resolve(Response.json({ data: [{ name: 'gold', label: 'Gold' }] }))
      },
    })
    expect(await client.rateLimitTiers()).to.deep.equal([{ name: 'gold', label: 'Gold' }])
    expect(seen).to.deep.equal(['https://gate.test/admin/rate-limit-tiers'])
    expect(stub.sent).to.deep.equal([])
  })

  it('answers what is not the worker’s (a login page, a foreign error) as a TollgateApiError', async () => {
    stub = stubFetch(
      () => Response.json({ error: 'Not found' }, { status: 404 }),
      () => new Response('<html>Sign in</html>', { status: 200 }),
      () => Response.json({ ok: true }),
    )
    const client = clientOf()
    const failures = []
    for (const call of [client.tokens.get(1), client.tokens.get(1), client.tokens.get(1)]) {
      const error = await call.catch((e: unknown) => e)
      expect(error).to.be.instanceOf(TollgateApiError)
      const { status, name, message, details } = error as TollgateApiError
      failures.push({ status, name, message, details })
    }
    expect(failures).to.deep.equal([
      {
        status: 404,
        name: 'ApplicationError',
        message: 'The API Tokens service answered 404 without its error',
        details: {},
      },
      {
        status: 200,
        name: 'ApplicationError',
        message: 'The API Tokens service answered 200 without its data',
        details: {},
      },
      {
        status: 200,
        name: 'ApplicationError',
        message: 'The API Tokens service answered 200 without its data',
        details: {},
      },
    ])
  })

  it('joins routes below the base URL’s path', async () => {
    stub = stubFetch(() => Response.json({ data: [] }))
    const client = createTollgateClient({
      baseUrl: 'https://example.com/gate',
      getAuthToken: () => 'jwt',
    })
    await client.rateLimitTiers()
    expect(stub.sent.map((s) => s.url)).to.deep.equal([
      'https://example.com/gate/admin/rate-limit-tiers',
    ])
  })

  it('rejects with the host’s own error when getAuthToken throws, sending nothing', async () => {
    stub = stubFetch()
    const refused = new Error('the host could not sign in')
    const client = createTollgateClient({
      baseUrl: 'https://gate.test',
      getAuthToken: () => Promise.reject(refused),
    })
    expect(await client.me().catch((e: unknown) => e)).to.equal(refused)
    expect(stub.sent).to.deep.equal([])
  })
})

import { expect } from '@open-wc/testing'
import { AdminApiClient, ApiRequestError, fieldErrorsOf, isAbort } from '../../client/api-client'

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

describe('AdminApiClient', () => {
  it('asks for the JWT before every request and sends it as a Bearer', async () => {
    stub = stubFetch(() => Response.json({ data: [{ action: 'admin::api-tokens.read' }] }))
    let asked = 0
    const client = new AdminApiClient('https://gate.test', () => `jwt-${++asked}`)
    const permissions = await client.permissions()
    expect([...permissions.actions]).to.deep.equal(['admin::api-tokens.read'])
    expect(permissions.operator, 'no meta: an older worker, not an operator').to.equal(false)
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
    const client = new AdminApiClient('https://gate.test', () => `jwt-${++asked}`)
    expect(await client.getToken(3)).to.deep.equal({ id: 3 })
    expect(stub.sent.map((s) => s.authorization)).to.deep.equal(['Bearer jwt-1', 'Bearer jwt-2'])
  })

  it('retries only once: a second 401 is an ApiRequestError with the worker’s error object', async () => {
    stub = stubFetch(unauthorized, unauthorized, unauthorized)
    const client = new AdminApiClient('https://gate.test', () => 'jwt')
    const error = await client.getToken(3).catch((e: unknown) => e)
    expect(error).to.be.instanceOf(ApiRequestError)
    expect((error as ApiRequestError).error).to.deep.equal({
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
    const client = new AdminApiClient('https://gate.test', () => 'jwt')
    const pending = client.getToken(1, { signal: controller.signal }).catch((e: unknown) => e)
    await new Promise((resolve) => setTimeout(resolve))
    expect(stub.sent[0]!.signal).to.equal(controller.signal)
    controller.abort()
    const error = await pending
    expect(isAbort(error), String(error)).to.equal(true)
    expect(error).not.to.be.instanceOf(ApiRequestError)
  })

  it('does not retry a 401 once the signal is aborted', async () => {
    const controller = new AbortController()
    stub = stubFetch(() => {
      controller.abort()
      return unauthorized()
    })
    const client = new AdminApiClient('https://gate.test', () => 'jwt')
    const error = await client.getToken(1, { signal: controller.signal }).catch((e: unknown) => e)
    expect(isAbort(error)).to.equal(true)
    expect(stub.sent).to.have.length(1)
  })

  it('turns a network failure into a NetworkError with status 0', async () => {
    stub = stubFetch(() => Promise.reject(new TypeError('Failed to fetch')))
    const client = new AdminApiClient('https://gate.test', () => 'jwt')
    const error = (await client.getToken(1).catch((e: unknown) => e)) as ApiRequestError
    expect(error.error).to.deep.equal({
      status: 0,
      name: 'NetworkError',
      message: 'Could not reach the API Tokens service',
      details: {},
    })
  })

  it('describes an error response that is not JSON by its status', async () => {
    stub = stubFetch(() => new Response('<html>Bad gateway</html>', { status: 502 }))
    const client = new AdminApiClient('https://gate.test', () => 'jwt')
    const error = (await client.getToken(1).catch((e: unknown) => e)) as ApiRequestError
    expect(error.status).to.equal(502)
    expect(error.error.name).to.equal('ApplicationError')
  })

  it('sends no permissions for a non-custom token', async () => {
    const bodies: unknown[] = []
    const original = window.fetch
    window.fetch = (_input: RequestInfo | URL, init?: RequestInit) => {
      bodies.push(JSON.parse(String(init?.body)))
      return Promise.resolve(Response.json({ data: { id: 1, accessKey: 'k' } }, { status: 201 }))
    }
    try {
      const client = new AdminApiClient('https://gate.test', () => 'jwt')
      await client.createToken({
        name: 'n',
        description: '',
        type: 'read-only',
        lifespan: null,
        permissions: ['api::article.article.find'],
        allowedIps: ['10.0.0.0/8'],
        rateLimit: 'standard',
        enabled: true,
      })
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
        },
      ])
    } finally {
      window.fetch = original
    }
  })

  it('reads field errors from a 400 only', () => {
    const errors = [
      {
        path: ['name'],
        name: 'ValidationError' as const,
        message: 'Name already taken',
        code: 'name_taken' as const,
      },
    ]
    const invalid = new ApiRequestError({
      status: 400,
      name: 'ValidationError',
      message: 'Name already taken',
      details: { errors },
    })
    expect(fieldErrorsOf(invalid)).to.deep.equal(errors)
    const bare = new ApiRequestError({
      status: 400,
      name: 'ValidationError',
      message: 'Bad',
      details: {},
    })
    expect(fieldErrorsOf(bare)).to.deep.equal([
      { path: [], name: 'ValidationError', message: 'Bad', code: 'invalid_value' },
    ])
    const missing = new ApiRequestError({
      status: 404,
      name: 'NotFoundError',
      message: 'x',
      details: {},
    })
    expect(fieldErrorsOf(missing)).to.deep.equal([])
  })
})

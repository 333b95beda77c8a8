import { env } from 'cloudflare:workers'
import { afterEach, describe, expect, it, vi } from 'vitest'
import app from '../../worker/index'
import {
  BASE,
  NO_PEPPER,
  STORE_UNAVAILABLE,
  admin,
  adminJwt,
  call,
  failingDatabase,
  type JsonBody,
} from './helpers'

afterEach(() => {
  vi.restoreAllMocks()
})

describe('CORS on the admin API', () => {
  it('answers a preflight from an allowed origin', async () => {
    const response = await call('/admin/api-tokens', {
      method: 'OPTIONS',
      headers: {
        Origin: 'https://admin.example.com',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'authorization, content-type',
      },
    })
    expect(response.status).toBe(204)
    expect(response.headers.get('Access-Control-Allow-Origin')).toBe('https://admin.example.com')
    expect(response.headers.get('Access-Control-Allow-Methods')).toContain('POST')
    expect(response.headers.get('Access-Control-Allow-Headers')?.toLowerCase()).toContain(
      'authorization',
    )
    expect(response.headers.get('Vary')).toContain('Origin')
  })

  it('refuses a preflight from another origin', async () => {
    const response = await call('/admin/api-tokens', {
      method: 'OPTIONS',
      headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'POST' },
    })
    expect(response.status).toBe(403)
    expect(response.headers.get('Access-Control-Allow-Origin')).toBeNull()
    const body = await response.json<JsonBody>()
    expect(body.error.name).toBe('ForbiddenError')
    expect(body.error.message).toContain('ALLOWED_ORIGINS')
  })

  it('adds the allow-origin header to real requests only for allowed origins', async () => {
    const jwt = await adminJwt()
    const allowed = await call('/admin/api-tokens', {
      headers: { Origin: 'https://admin.example.com', Authorization: `Bearer ${jwt}` },
    })
    expect(allowed.headers.get('Access-Control-Allow-Origin')).toBe('https://admin.example.com')
    const other = await call('/admin/api-tokens', {
      headers: { Origin: 'https://evil.example', Authorization: `Bearer ${jwt}` },
    })
    expect(other.headers.get('Access-Control-Allow-Origin')).toBeNull()
  })

  it('allows no origin by default', async () => {
    const response = await app.fetch(
      new Request(`${BASE}/admin/api-tokens`, {
        method: 'OPTIONS',
        headers: { Origin: 'https://admin.example.com', 'Access-Control-Request-Method': 'GET' },
      }),
      { ...env, ALLOWED_ORIGINS: undefined },
    )
    expect(response.status).toBe(403)
  })
})

describe('errors', () => {
  it('answers unknown routes with a Strapi-shaped 404', async () => {
    for (const path of ['/nope', '/admin/nope', '/admin/api-tokens/1/nope']) {
      const response = await call(path)
      expect(response.status).toBe(404)
      expect(await response.json()).toEqual({
        data: null,
        error: { status: 404, name: 'NotFoundError', message: 'Not Found', details: {} },
      })
    }
  })

  it('answers 405 with Allow for a known path and another method', async () => {
    const response = await call('/admin/api-tokens/1', { method: 'PATCH' })
    expect(response.status).toBe(405)
    expect(response.headers.get('Allow')).toContain('PUT')
    expect((await response.json<JsonBody>()).error.name).toBe('MethodNotAllowedError')
  })

  it('refuses a body over 64 KiB with 413', async () => {
    const response = await admin('POST', '/admin/api-tokens', {
      name: 'big',
      type: 'read-only',
      description: 'x'.repeat(70 * 1024),
    })
    expect(response.status).toBe(413)
    expect(response.body.error).toMatchObject({ status: 413, name: 'PayloadTooLargeError' })
  })

  it('refuses malformed JSON and non-object bodies with 400', async () => {
    const jwt = await adminJwt()
    for (const body of ['{"name":', '[1,2]', '"text"']) {
      const response = await call('/admin/api-tokens', {
        method: 'POST',
        headers: { Authorization: `Bearer ${jwt}`, 'Content-Type': 'application/json' },
        body,
      })
      expect(response.status).toBe(400)
      expect((await response.json<JsonBody>()).error.name).toBe('ValidationError')
    }
  })

  it('refuses a body not sent as JSON instead of reading it as empty', async () => {
    const jwt = await adminJwt()
    const created = await admin('POST', '/admin/api-tokens', { name: 'plain', type: 'read-only' })
    for (const [method, path] of [
      ['POST', '/admin/api-tokens'],
      ['PUT', `/admin/api-tokens/${created.body.data.id}`],
    ]) {
      const response = await call(path!, {
        method,
        headers: { Authorization: `Bearer ${jwt}`, 'Content-Type': 'text/plain' },
        body: JSON.stringify({ name: 'renamed', type: 'read-only' }),
      })
      expect(response.status).toBe(400)
      expect((await response.json<JsonBody>()).error.message).toContain('application/json')
    }
    const unchanged = await admin('GET', `/admin/api-tokens/${created.body.data.id}`)
    expect(unchanged.body.data.name).toBe('plain')
  })

  it('refuses to issue keys without TOKEN_PEPPER, naming it', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {})
    const noPepper = { ...env, TOKEN_PEPPER: undefined }
    for (let i = 0; i < 2; i++) {
      const response = await app.fetch(
        new Request(`${BASE}/admin/api-tokens`, {
          method: 'POST',
          headers: {
            Authorization: `Bearer ${await adminJwt()}`,
            'Content-Type': 'application/json',
          },
          body: JSON.stringify({ name: `no-pepper-${i}`, type: 'read-only' }),
        }),
        noPepper,
      )
      expect(response.status).toBe(500)
      expect(await response.json()).toEqual(NO_PEPPER)
    }
    // Logged once per isolate, not once per request.
    expect(logged.mock.calls).toEqual([
      ['[tollgate] TOKEN_PEPPER is not set: Tollgate cannot issue or verify API keys'],
    ])
    const stored = await env.DB.prepare(
      "select count(*) as n from api_tokens where name like 'no-pepper-%'",
    ).first<{ n: number }>()
    expect(stored!.n).toBe(0)
  })

  it('answers 500 naming the var for an invalid catalog, without internals', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {})
    const response = await app.fetch(new Request(`${BASE}/admin/api-tokens`), {
      ...env,
      API_CATALOG: '{"contentTypes":[{"uid":"article"}]}',
    })
    expect(response.status).toBe(500)
    const body = await response.json<JsonBody>()
    expect(body.data).toBeNull()
    expect(body.error).toMatchObject({ status: 500, name: 'ApplicationError', details: {} })
    expect(body.error.message).toMatch(/^Tollgate is misconfigured: API_CATALOG is invalid at /)
    expect(JSON.stringify(body)).not.toMatch(/at .*\.ts|node_modules/)
    expect(logged).toHaveBeenCalledTimes(1)
    expect(logged).toHaveBeenCalledWith(
      `[tollgate] ${body.error.message.slice('Tollgate is misconfigured: '.length)}`,
    )
  })

  it('answers 503 without SQL when the database fails', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {})
    const failure = new Error('D1_ERROR: no such table: api_tokens: SQLITE_ERROR')
    const broken = { ...env, DB: failingDatabase(failure) }
    const response = await app.fetch(
      new Request(`${BASE}/admin/api-tokens`, {
        headers: { Authorization: `Bearer ${await adminJwt()}` },
      }),
      broken,
    )
    expect(response.status).toBe(503)
    const text = await response.text()
    expect(text).not.toContain('SQLITE')
    expect(text).not.toContain('api_tokens')
    expect(JSON.parse(text)).toEqual(STORE_UNAVAILABLE)
    // The operator still sees what failed: the error is logged, only the client is spared.
    expect(logged).toHaveBeenCalledTimes(1)
    expect(logged.mock.calls[0]![0]).toBe('[tollgate] token store failed')
    expect(String(logged.mock.calls[0]![1])).toContain('no such table: api_tokens')
  })
})

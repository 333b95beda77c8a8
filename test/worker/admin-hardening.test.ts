// SPEC §2's hardening rules: roles, JWT lifetime, ids, names, a failing store, and
// /auth/verify's path.
import { env } from 'cloudflare:workers'
import { SignJWT, decodeJwt } from 'jose'
import { afterEach, describe, expect, it, vi } from 'vitest'
import app from '../../worker/index'
import {
  admin,
  adminJwt,
  BASE,
  call,
  createToken,
  failingDatabase,
  STORE_UNAVAILABLE,
  uniqueName,
} from './helpers'

afterEach(() => {
  vi.restoreAllMocks()
})

describe('roles', () => {
  const withRoles = { ...env, ADMIN_ROLES: '{"viewer": ["admin::api-tokens.read"]}' }

  it('grant nothing for names of Object.prototype members, and never answer 500', async () => {
    const jwt = await adminJwt({
      permissions: [],
      roles: ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'viewer'],
    })
    const response = await app.fetch(
      new Request(`${BASE}/admin/users/me/permissions`, {
        headers: { Authorization: `Bearer ${jwt}` },
      }),
      withRoles,
    )
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({
      data: [{ action: 'admin::api-tokens.read' }],
      meta: { owner: null, grantable: null, maxLifespanDays: null },
    })
  })

  it('an ADMIN_ROLES entry named __proto__ grants only to that role', async () => {
    const jwt = await adminJwt({ permissions: [], roles: ['constructor'] })
    const response = await app.fetch(
      new Request(`${BASE}/admin/users/me/permissions`, {
        headers: { Authorization: `Bearer ${jwt}` },
      }),
      { ...env, ADMIN_ROLES: '{"__proto__": ["admin::api-tokens.read"]}' },
    )
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({
      data: [],
      meta: { owner: null, grantable: null, maxLifespanDays: null },
    })
  })
})

describe('admin JWT lifetime', () => {
  it('accepts a JWT expiring within ADMIN_JWT_MAX_TTL_SECONDS (default 3600)', async () => {
    const response = await admin(
      'GET',
      '/admin/users/me/permissions',
      undefined,
      await adminJwt({ expiresIn: '1h' }),
    )
    expect(response.status).toBe(200)
  })

  it('refuses one valid for longer, or for years', async () => {
    for (const expiresIn of ['3620s', '2h', '3y']) {
      const response = await admin(
        'GET',
        '/admin/users/me/permissions',
        undefined,
        await adminJwt({ expiresIn }),
      )
      expect(response.status, expiresIn).toBe(401)
      expect(response.body.error.name).toBe('UnauthorizedError')
    }
  })

  it('follows ADMIN_JWT_MAX_TTL_SECONDS', async () => {
    const short = { ...env, ADMIN_JWT_MAX_TTL_SECONDS: '60' }
    const ask = async (expiresIn: string) =>
      (
        await app.fetch(
          new Request(`${BASE}/admin/users/me/permissions`, {
            headers: { Authorization: `Bearer ${await adminJwt({ expiresIn })}` },
          }),
          short,
        )
      ).status
    expect(await ask('1m')).toBe(200)
    expect(await ask('10m')).toBe(401)
  })

  it('the demo login mints JWTs that the worker accepts (at most an hour)', async () => {
    const login = await call('/admin/demo/login', { method: 'POST' })
    const { token } = ((await login.json()) as { data: { token: string } }).data
    const { exp, iat } = decodeJwt(token)
    expect(exp! - iat!).toBeLessThanOrEqual(3600)
    expect((await admin('GET', '/admin/api-tokens', undefined, token)).status).toBe(200)
  })

  it('a JWT without exp is still refused', async () => {
    const jwt = await new SignJWT({ permissions: ['admin::api-tokens.read'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setAudience('tollgate')
      .sign(new TextEncoder().encode(env.ADMIN_JWT_SECRET))
    expect((await admin('GET', '/admin/api-tokens', undefined, jwt)).status).toBe(401)
  })
})

describe('ids', () => {
  it('refuses an id above 2^53 − 1 instead of rounding it onto another token', async () => {
    for (const method of ['GET', 'PUT', 'DELETE'] as const) {
      const body = method === 'PUT' ? { description: 'x' } : undefined
      const response = await admin(method, '/admin/api-tokens/9007199254740993', body)
      expect(response.status, method).toBe(400)
      expect(response.body.error.message).toMatch(/id must be at most 9007199254740991/)
    }
    const regenerate = await admin('POST', '/admin/api-tokens/18014398509481984/regenerate')
    expect(regenerate.status).toBe(400)
    const largest = await admin('GET', '/admin/api-tokens/9007199254740991')
    expect(largest.status).toBe(404)
    expect(largest.body.error.message).toBe('API Token not found')
  })
})

describe('names and descriptions', () => {
  const invisible = ['\u0000', '\t', '\u200B', '\u202E', '\uFEFF', '\u0085', '\u2066', '\u00AD']

  it('refuses a name with a control or invisible format character, on create and edit', async () => {
    const token = await createToken()
    for (const char of invisible) {
      const name = `gnp${char}.exe`
      for (const candidate of [name, `${name}${char}`, `report${char}`]) {
        const created = await admin('POST', '/admin/api-tokens', {
          name: candidate,
          type: 'read-only',
        })
        expect(created.status, JSON.stringify(candidate)).toBe(400)
        expect(created.body.error.details.errors[0].path).toEqual(['name'])
        const edited = await admin('PUT', `/admin/api-tokens/${token.id}`, { name: candidate })
        expect(edited.status, JSON.stringify(candidate)).toBe(400)
      }
    }
    const unchanged = await admin('GET', `/admin/api-tokens/${token.id}`)
    expect(unchanged.body.data.name).toBe(token.name)
  })

  it('lets a description hold line breaks, but no other invisible character', async () => {
    const created = await admin('POST', '/admin/api-tokens', {
      name: uniqueName(),
      type: 'read-only',
      description: 'first line\nsecond line\r\nthird',
    })
    expect(created.status).toBe(201)
    expect(created.body.data.description).toBe('first line\nsecond line\r\nthird')
    for (const char of invisible) {
      const response = await admin('PUT', `/admin/api-tokens/${created.body.data.id}`, {
        description: `a${char}b`,
      })
      expect(response.status, JSON.stringify(char)).toBe(400)
      expect(response.body.error.details.errors[0].path).toEqual(['description'])
    }
  })

  it('still accepts names in any script, with spaces and emoji', async () => {
    for (const name of ['Équipe données', 'データ連携', 'CI 🚀 deploy', 'نموذج']) {
      const response = await admin('POST', '/admin/api-tokens', { name, type: 'read-only' })
      expect(response.status, name).toBe(201)
      expect(response.body.data.name).toBe(name)
    }
  })
})

describe('a failing token store', () => {
  it('answers 503 "Token store unavailable" on every admin route, never SQL', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {})
    const token = await createToken()
    const broken = {
      ...env,
      DB: failingDatabase(new Error('D1_ERROR: Network connection lost.: SQLITE_BUSY')),
    }
    const routes: [string, string, unknown?][] = [
      ['GET', '/admin/api-tokens'],
      ['GET', `/admin/api-tokens/${token.id}`],
      ['POST', '/admin/api-tokens', { name: uniqueName(), type: 'read-only' }],
      ['PUT', `/admin/api-tokens/${token.id}`, { description: 'x' }],
      ['DELETE', `/admin/api-tokens/${token.id}`],
      ['POST', `/admin/api-tokens/${token.id}/regenerate`],
    ]
    for (const [method, path, body] of routes) {
      const response = await app.fetch(
        new Request(`${BASE}${path}`, {
          method,
          headers: {
            Authorization: `Bearer ${await adminJwt()}`,
            ...(body ? { 'Content-Type': 'application/json' } : {}),
          },
          body: body ? JSON.stringify(body) : undefined,
        }),
        broken,
      )
      expect(response.status, `${method} ${path}`).toBe(503)
      const text = await response.text()
      expect(JSON.parse(text)).toEqual(STORE_UNAVAILABLE)
      expect(text).not.toMatch(/SQLITE|D1_ERROR|api_tokens/)
    }
    expect(errors).toHaveBeenCalled()
  })
})

describe('/auth/verify path', () => {
  const verify = (path: unknown) =>
    call('/auth/verify', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'CF-Connecting-IP': '198.51.100.7' },
      body: JSON.stringify({ key: 'tg_x', path }),
    })

  it('answers 400 for a path that is not absolute, never 500', async () => {
    for (const path of [
      '//[',
      '//evil.example/x',
      '/\\evil.example',
      'api/articles',
      'http://x/api',
      '/a b',
      '',
    ]) {
      const response = await verify(path)
      expect(response.status, path).toBe(400)
      const body = (await response.json()) as {
        error: { name: string; details: { errors: { path: string[] }[] } }
      }
      expect(body.error.name).toBe('ValidationError')
      expect(body.error.details.errors[0]!.path).toEqual(['path'])
    }
  })

  it('refuses an ambiguous path as FORBIDDEN for a valid key', async () => {
    const token = await createToken({ type: 'read-only' })
    const response = await call('/auth/verify', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'CF-Connecting-IP': '198.51.100.8' },
      body: JSON.stringify({ key: token.accessKey, path: '/api/articles/1%2F2' }),
    })
    expect(await response.json()).toMatchObject({ valid: false, code: 'FORBIDDEN' })
  })
})

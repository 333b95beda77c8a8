import { env } from 'cloudflare:workers'
import { SignJWT, exportJWK, generateKeyPair } from 'jose'
import { describe, expect, it, vi } from 'vitest'
import { ADMIN_ACTIONS, type AdminAction } from '../../contract/api-tokens'
import { keyHintOf } from '../../worker/keys/key-format'
import app from '../../worker/index'
import {
  admin,
  adminJwt,
  BASE,
  call,
  createToken,
  UNAUTHORIZED,
  uniqueName,
  type JsonBody,
} from './helpers'

const KEY = /^tg_[0-9A-Za-z]{49}$/
const READ = 'admin::api-tokens.read'
const CREATE = 'admin::api-tokens.create'
const UPDATE = 'admin::api-tokens.update'
const REGENERATE = 'admin::api-tokens.regenerate'
const DELETE = 'admin::api-tokens.delete'

/** An admin JWT granting exactly `action`. */
const jwtFor = (action: AdminAction) => adminJwt({ permissions: [action] })

/** Calls the route with every admin action but `action` and expects the exact 403. */
async function expectForbidden(method: string, path: string, action: AdminAction, body?: unknown) {
  const others = ADMIN_ACTIONS.filter((a) => a !== action)
  const response = await admin(method, path, body, await adminJwt({ permissions: others }))
  expect(response.status).toBe(403)
  expect(response.body).toEqual({
    data: null,
    error: { status: 403, name: 'ForbiddenError', message: 'Forbidden', details: { action } },
  })
}

function expectUnauthorized(response: { status: number; body: JsonBody }) {
  expect(response.status).toBe(401)
  expect(response.body.data).toBeNull()
  expect(response.body.error).toMatchObject({ status: 401, name: 'UnauthorizedError' })
}

describe('admin authentication', () => {
  it('refuses a request without a JWT', async () => {
    const response = await call('/admin/api-tokens')
    expect(response.status).toBe(401)
    expect(await response.json()).toEqual(UNAUTHORIZED)
  })

  it('refuses a garbled, forged or expired JWT', async () => {
    expectUnauthorized(await admin('GET', '/admin/api-tokens', undefined, 'not-a-jwt'))
    expectUnauthorized(
      await admin(
        'GET',
        '/admin/api-tokens',
        undefined,
        await adminJwt({ secret: 'wrong-secret-of-enough-length' }),
      ),
    )
    const expired = await admin(
      'GET',
      '/admin/api-tokens',
      undefined,
      await adminJwt({ expiresIn: Math.floor(Date.now() / 1000) - 60 }),
    )
    expectUnauthorized(expired)
    expect(expired.body.error.message).toBe('Admin session expired')
  })

  it('requires exp', async () => {
    const jwt = await new SignJWT({ permissions: [...ADMIN_ACTIONS] })
      .setProtectedHeader({ alg: 'HS256' })
      .setAudience('tollgate')
      .sign(new TextEncoder().encode(env.ADMIN_JWT_SECRET))
    expectUnauthorized(await admin('GET', '/admin/api-tokens', undefined, jwt))
  })

  it('refuses an unsigned (alg none) JWT', async () => {
    const header = btoa(JSON.stringify({ alg: 'none', typ: 'JWT' })).replace(/=+$/, '')
    const payload = btoa(
      JSON.stringify({ permissions: ADMIN_ACTIONS, exp: Math.floor(Date.now() / 1000) + 60 }),
    ).replace(/=+$/, '')
    expectUnauthorized(await admin('GET', '/admin/api-tokens', undefined, `${header}.${payload}.`))
  })

  it('checks the issuer and audience when configured', async () => {
    const strict = {
      ...env,
      ADMIN_JWT_ISSUER: 'https://host.example',
      ADMIN_JWT_AUDIENCE: 'tollgate',
    }
    const ask = async (jwt: string) =>
      app.fetch(
        new Request(`${BASE}/admin/users/me/permissions`, {
          headers: { Authorization: `Bearer ${jwt}` },
        }),
        strict,
      )
    expect((await ask(await adminJwt({ issuer: 'https://evil.example' }))).status).toBe(401)
    const good = await new SignJWT({ permissions: ['admin::api-tokens.read'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('https://host.example')
      .setAudience('tollgate')
      .setExpirationTime('1m')
      .sign(new TextEncoder().encode(env.ADMIN_JWT_SECRET))
    expect((await ask(good)).status).toBe(200)
  })

  it('verifies RS256 JWTs against an inline JWKS', async () => {
    const { publicKey, privateKey } = await generateKeyPair('RS256')
    const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256' }
    const withJwks = {
      ...env,
      ADMIN_JWT_SECRET: undefined,
      ADMIN_JWKS: JSON.stringify({ keys: [jwk] }),
    }
    const jwt = await new SignJWT({ permissions: ['admin::api-tokens.read'] })
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setAudience('tollgate')
      .setExpirationTime('1m')
      .sign(privateKey)
    const ok = await app.fetch(
      new Request(`${BASE}/admin/users/me/permissions`, {
        headers: { Authorization: `Bearer ${jwt}` },
      }),
      withJwks,
    )
    expect(ok.status).toBe(200)
    expect(await ok.json()).toEqual({
      data: [{ action: 'admin::api-tokens.read' }],
      meta: { owner: null, grantable: null, maxLifespanDays: null },
    })
    const hs = await app.fetch(
      new Request(`${BASE}/admin/users/me/permissions`, {
        headers: { Authorization: `Bearer ${await adminJwt()}` },
      }),
      withJwks,
    )
    expect(hs.status).toBe(401)
  })

  it('answers 500 naming the settings when no admin key is configured, and logs it', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {})
    const response = await app.fetch(
      new Request(`${BASE}/admin/api-tokens`, { headers: { Authorization: 'Bearer x' } }),
      { ...env, ADMIN_JWT_SECRET: undefined },
    )
    expect(response.status).toBe(500)
    const body = await response.json<JsonBody>()
    expect(body.error.name).toBe('ApplicationError')
    expect(body.error.message).toContain('ADMIN_JWT_SECRET')
    expect(String(logged.mock.calls[0]?.[0])).toContain('ADMIN_JWT_SECRET')
    logged.mockRestore()
  })
})

describe('admin permissions', () => {
  it('GET /admin/api-tokens needs admin::api-tokens.read', async () => {
    const { accessKey: _, ...token } = await createToken()
    await expectForbidden('GET', '/admin/api-tokens', READ)

    const allowed = await admin('GET', '/admin/api-tokens', undefined, await jwtFor(READ))
    expect(allowed.status).toBe(200)
    expect(allowed.body).toEqual({ data: expect.any(Array) })
    expect(allowed.body.data).toContainEqual(token)
  })

  it('GET /admin/api-tokens/:id needs admin::api-tokens.read', async () => {
    const { accessKey: _, ...token } = await createToken()
    await expectForbidden('GET', `/admin/api-tokens/${token.id}`, READ)

    const allowed = await admin(
      'GET',
      `/admin/api-tokens/${token.id}`,
      undefined,
      await jwtFor(READ),
    )
    expect(allowed.status).toBe(200)
    expect(allowed.body).toEqual({ data: token })
  })

  it('POST /admin/api-tokens needs admin::api-tokens.create', async () => {
    const name = uniqueName('create')
    const body = { name, type: 'read-only' }
    await expectForbidden('POST', '/admin/api-tokens', CREATE, body)
    expect((await admin('GET', `/admin/api-tokens?q=${name}`)).body).toEqual({ data: [] })

    const allowed = await admin('POST', '/admin/api-tokens', body, await jwtFor(CREATE))
    expect(allowed.status).toBe(201)
    expect(allowed.body).toEqual({
      data: {
        id: expect.any(Number),
        name,
        description: '',
        type: 'read-only',
        lifespan: null,
        expiresAt: null,
        lastUsedAt: null,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
        permissions: [],
        keyHint: expect.any(String),
        allowedIps: [],
        rateLimit: null,
        enabled: true,
        previousKey: null,
        owner: null,
        disabledReason: null,
        legacy: null,
        meta: {},
        credits: null,
        accessKey: expect.stringMatching(KEY),
      },
    })
    const { accessKey, ...created } = allowed.body.data
    expect(created.keyHint).toBe(keyHintOf(accessKey))
    expect((await admin('GET', `/admin/api-tokens/${created.id}`)).body).toEqual({ data: created })
  })

  it('PUT /admin/api-tokens/:id needs admin::api-tokens.update', async () => {
    const { accessKey: _, ...token } = await createToken({ description: 'before' })
    await expectForbidden('PUT', `/admin/api-tokens/${token.id}`, UPDATE, { description: 'x' })
    expect((await admin('GET', `/admin/api-tokens/${token.id}`)).body).toEqual({ data: token })

    const allowed = await admin(
      'PUT',
      `/admin/api-tokens/${token.id}`,
      { description: 'x' },
      await jwtFor(UPDATE),
    )
    expect(allowed.status).toBe(200)
    expect(allowed.body).toEqual({
      data: { ...token, description: 'x', updatedAt: expect.any(String) },
    })
    expect((await admin('GET', `/admin/api-tokens/${token.id}`)).body).toEqual(allowed.body)
  })

  it('POST /admin/api-tokens/:id/regenerate needs admin::api-tokens.regenerate', async () => {
    const { accessKey, ...token } = await createToken()
    await expectForbidden('POST', `/admin/api-tokens/${token.id}/regenerate`, REGENERATE)
    expect((await admin('GET', `/admin/api-tokens/${token.id}`)).body.data.keyHint).toBe(
      keyHintOf(accessKey),
    )

    const allowed = await admin(
      'POST',
      `/admin/api-tokens/${token.id}/regenerate`,
      undefined,
      await jwtFor(REGENERATE),
    )
    expect(allowed.status).toBe(201)
    expect(allowed.body).toEqual({
      data: {
        id: token.id,
        accessKey: expect.stringMatching(KEY),
        expiresAt: null,
        previousKey: null,
      },
    })
    const fresh: string = allowed.body.data.accessKey
    expect(fresh).not.toBe(accessKey)
    expect((await admin('GET', `/admin/api-tokens/${token.id}`)).body.data.keyHint).toBe(
      keyHintOf(fresh),
    )
  })

  it('DELETE /admin/api-tokens/:id needs admin::api-tokens.delete', async () => {
    const { accessKey: _, ...token } = await createToken()
    await expectForbidden('DELETE', `/admin/api-tokens/${token.id}`, DELETE)
    expect((await admin('GET', `/admin/api-tokens/${token.id}`)).body).toEqual({ data: token })

    const allowed = await admin(
      'DELETE',
      `/admin/api-tokens/${token.id}`,
      undefined,
      await jwtFor(DELETE),
    )
    expect(allowed.status).toBe(200)
    expect(allowed.body).toEqual({ data: token })
    expect((await admin('GET', `/admin/api-tokens/${token.id}`)).status).toBe(404)
  })

  it('maps roles through ADMIN_ROLES', async () => {
    const { accessKey: _, ...token } = await createToken()
    const roles = { ...env, ADMIN_ROLES: '{"viewer": ["admin::api-tokens.read"]}' }
    const ask = async (path: string, method = 'GET') =>
      app.fetch(
        new Request(`${BASE}${path}`, {
          method,
          headers: {
            Authorization: `Bearer ${await adminJwt({ permissions: [], roles: ['viewer'] })}`,
          },
        }),
        roles,
      )
    const list = await ask('/admin/api-tokens')
    expect(list.status).toBe(200)
    expect((await list.json<{ data: unknown[] }>()).data).toContainEqual(token)
    const refused = await ask(`/admin/api-tokens/${token.id}`, 'DELETE')
    expect(refused.status).toBe(403)
    expect(await refused.json()).toEqual({
      data: null,
      error: {
        status: 403,
        name: 'ForbiddenError',
        message: 'Forbidden',
        details: { action: DELETE },
      },
    })
    expect((await admin('GET', `/admin/api-tokens/${token.id}`)).body).toEqual({ data: token })
    expect(await (await ask('/admin/users/me/permissions')).json()).toEqual({
      data: [{ action: 'admin::api-tokens.read' }],
      meta: { owner: null, grantable: null, maxLifespanDays: null },
    })
  })

  it('lists the admin actions the JWT grants, ignoring others', async () => {
    const response = await admin(
      'GET',
      '/admin/users/me/permissions',
      undefined,
      await adminJwt({
        permissions: ['admin::api-tokens.read', 'admin::api-tokens.delete', 'plugin::x.y'],
      }),
    )
    expect(response.status).toBe(200)
    expect(response.body).toEqual({
      data: [{ action: 'admin::api-tokens.read' }, { action: 'admin::api-tokens.delete' }],
      meta: { owner: null, grantable: null, maxLifespanDays: null },
    })
  })

  it('lets any admin read the catalog', async () => {
    const jwt = await adminJwt({ permissions: [] })
    const permissions = await admin('GET', '/admin/content-api/permissions', undefined, jwt)
    expect(permissions.status).toBe(200)
    expect(permissions.body.data['api::article']).toEqual({
      displayName: 'Article',
      controllers: { article: ['find', 'findOne', 'create', 'update', 'delete', 'related'] },
    })
    expect(permissions.body.data['api::homepage']).toEqual({
      displayName: 'Homepage',
      controllers: { homepage: ['find', 'update', 'delete'] },
    })
    const routes = await admin('GET', '/admin/content-api/routes', undefined, jwt)
    expect(routes.body.data['api::article']).toContainEqual({
      method: 'GET',
      path: '/api/articles/:id',
      action: 'api::article.article.findOne',
    })
    expect(routes.body.data['api::article']).toContainEqual({
      method: 'GET',
      path: '/api/articles/:id/related',
      action: 'api::article.article.related',
    })
    expect(routes.body.data['api::homepage']).toEqual([
      { method: 'GET', path: '/api/homepage', action: 'api::homepage.homepage.find' },
      { method: 'PUT', path: '/api/homepage', action: 'api::homepage.homepage.update' },
      { method: 'DELETE', path: '/api/homepage', action: 'api::homepage.homepage.delete' },
    ])
    expect((await call('/admin/content-api/routes')).status).toBe(401)
  })
})

describe('demo login', () => {
  it('issues a JWT with every admin action in demo mode', async () => {
    const response = await call('/admin/demo/login', { method: 'POST' })
    expect(response.status).toBe(200)
    const { data } = await response.json<JsonBody>()
    const me = await admin('GET', '/admin/users/me/permissions', undefined, data.token)
    expect(me.body.data.map((p: { action: string }) => p.action)).toEqual([...ADMIN_ACTIONS])
  })

  it('does not exist outside demo mode', async () => {
    const response = await app.fetch(new Request(`${BASE}/admin/demo/login`, { method: 'POST' }), {
      ...env,
      DEMO: 'false',
    })
    expect(response.status).toBe(404)
    expect((await response.json<JsonBody>()).error.name).toBe('NotFoundError')
  })
})

// SPEC §10, the admin side: plain owners, the per-owner limit under concurrency, staff
// details hidden from customers, an empty body as no body, /auth/verify failing closed
// without an address, and the admin JWT's audience.
import { env } from 'cloudflare:workers'
import { decodeJwt, SignJWT, type JWTPayload } from 'jose'
import { describe, expect, it } from 'vitest'
import { ADMIN_ACTIONS } from '../../contract/api-tokens'
import { parseSettings } from '../../worker/config/settings'
import { gateEnv } from './gate-helpers'
import { admin, adminJwt, call, type JsonBody } from './helpers'

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

/** `GET /admin/users/me/permissions` with `jwt` in the given environment (the test one by default). */
async function whoAmI(jwt: string, worker: { fetch: typeof call } = { fetch: call }) {
  const response = await worker.fetch('/admin/users/me/permissions', {
    headers: { Authorization: `Bearer ${jwt}` },
  })
  return { status: response.status, body: (await response.json()) as JsonBody }
}

const UNAUTHORIZED = {
  data: null,
  error: {
    status: 401,
    name: 'UnauthorizedError',
    message: 'Missing or invalid credentials',
    details: {},
  },
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
        body: { data: [{ action: 'admin::api-tokens.read' }], meta: { owner: null } },
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

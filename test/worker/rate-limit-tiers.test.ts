// SPEC §9 "Rate limits": tiers on Workers Rate Limiting bindings ([[ratelimits]]).
import { env } from 'cloudflare:workers'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { bearer, gateEnv } from './gate-helpers'
import { admin, adminJwt, call, createToken, uniqueName } from './helpers'

afterEach(() => vi.restoreAllMocks())

/** A rate-limit binding that records its keys and answers as told. */
function fakeLimiter(success: (calls: number) => boolean) {
  const keys: string[] = []
  const binding = {
    limit: ({ key }: { key: string }) => {
      keys.push(key)
      return Promise.resolve({ success: success(keys.length) })
    },
  }
  return { binding: binding as RateLimit, keys }
}

describe('GET /admin/rate-limit-tiers', () => {
  it('lists the declared tiers for any signed-in admin, in declared order', async () => {
    const jwt = await adminJwt({ permissions: ['admin::api-tokens.access'] })
    const response = await admin('GET', '/admin/rate-limit-tiers', undefined, jwt)
    expect(response.status).toBe(200)
    expect(response.body).toEqual({
      data: [
        { name: 'standard', label: '600 requests a minute' },
        { name: 'trial', label: '10 requests a minute' },
      ],
    })
  })

  it('needs a signed-in admin', async () => {
    expect((await call('/admin/rate-limit-tiers')).status).toBe(401)
  })
})

describe('rateLimit on the admin API', () => {
  it('is null by default, takes a declared tier, and is cleared with null', async () => {
    expect((await createToken()).rateLimit).toBeNull()
    const token = await createToken({ rateLimit: 'trial' })
    expect(token.rateLimit).toBe('trial')
    const updated = await admin('PUT', `/admin/api-tokens/${token.id}`, { rateLimit: null })
    expect(updated.body.data.rateLimit).toBeNull()
  })

  it('refuses an unknown tier with a 400, on create and on update', async () => {
    const expected = {
      path: ['rateLimit'],
      name: 'ValidationError',
      message: 'rateLimit must be null or one of the following values: standard, trial',
      code: 'unknown_tier',
    }
    const created = await admin('POST', '/admin/api-tokens', {
      name: uniqueName(),
      type: 'read-only',
      rateLimit: 'platinum',
    })
    expect(created.status).toBe(400)
    expect(created.body.error.details.errors).toEqual([expected])
    const token = await createToken()
    const updated = await admin('PUT', `/admin/api-tokens/${token.id}`, { rateLimit: 'gold' })
    expect(updated.status).toBe(400)
    expect(updated.body.error.details.errors).toEqual([expected])
    const notAString = await admin('PUT', `/admin/api-tokens/${token.id}`, { rateLimit: 5 })
    expect(notAString.status).toBe(400)
  })
})

describe('rate limits at the gate', () => {
  it('counts on the tier binding: 10 requests pass, the 11th is a 429 with Retry-After', async () => {
    const gate = gateEnv()
    const { accessKey } = await createToken({ rateLimit: 'trial' })
    for (let i = 0; i < 10; i++) {
      expect((await gate.fetch('/api/articles', { headers: bearer(accessKey) })).status).toBe(200)
    }
    const limited = await gate.fetch('/api/articles', { headers: bearer(accessKey) })
    expect(limited.status).toBe(429)
    expect(limited.headers.get('Retry-After')).toBe('60')
    expect(await limited.json()).toEqual({
      data: null,
      error: {
        status: 429,
        name: 'RateLimitError',
        message: 'Too many requests',
        details: { reason: 'rate-limit', tier: 'trial' },
      },
    })
    expect(gate.seen).toHaveLength(10)
    // Another token of the same tier has its own budget.
    const other = await createToken({ rateLimit: 'trial' })
    expect((await gate.fetch('/api/articles', { headers: bearer(other.accessKey) })).status).toBe(
      200,
    )
  })

  it('asks the tier binding with the token id as key, and only for tokens with a tier', async () => {
    const limiter = fakeLimiter((calls) => calls <= 1)
    const gate = gateEnv({ RATE_LIMIT_STANDARD: limiter.binding })
    const limited = await createToken({ rateLimit: 'standard' })
    const unlimited = await createToken()
    expect((await gate.fetch('/api/articles', { headers: bearer(limited.accessKey) })).status).toBe(
      200,
    )
    expect((await gate.fetch('/api/articles', { headers: bearer(limited.accessKey) })).status).toBe(
      429,
    )
    for (let i = 0; i < 3; i++) {
      const response = await gate.fetch('/api/articles', { headers: bearer(unlimited.accessKey) })
      expect(response.status).toBe(200)
    }
    expect(limiter.keys).toEqual([String(limited.id), String(limited.id)])
  })

  it('fails closed when a tier has no binding: 500 naming it, never a pass', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {})
    const { accessKey } = await createToken({ rateLimit: 'standard' })
    const gate = gateEnv({ RATE_LIMIT_STANDARD: undefined })
    const response = await gate.fetch('/api/articles', { headers: bearer(accessKey) })
    expect(response.status).toBe(500)
    expect(((await response.json()) as { error: { message: string } }).error.message).toContain(
      'RATE_LIMIT_STANDARD',
    )
    expect(gate.seen).toHaveLength(0)
    expect(logged).toHaveBeenCalled()
  })
})

describe('/auth/verify on a rate-limit binding', () => {
  it('is declared in the demo configuration', () => {
    expect(env.AUTH_VERIFY_RATE_LIMIT?.limit).toBeTypeOf('function')
  })

  it('asks AUTH_VERIFY_RATE_LIMIT with the client address when it is declared', async () => {
    const limiter = fakeLimiter((calls) => calls <= 2)
    const gate = gateEnv({ AUTH_VERIFY_RATE_LIMIT: limiter.binding })
    const verify = () =>
      gate.fetch('/auth/verify', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'CF-Connecting-IP': '198.51.100.9' },
        body: JSON.stringify({ key: 'tg_nope' }),
      })
    expect((await verify()).status).toBe(200)
    expect((await verify()).status).toBe(200)
    const limited = await verify()
    expect(limited.status).toBe(429)
    expect(limited.headers.get('Retry-After')).toBe('60')
    expect(limiter.keys).toEqual(['198.51.100.9', '198.51.100.9', '198.51.100.9'])
  })
})

describe('a tier no longer declared', () => {
  it('lets an edit keep the stored tier, and refuses the key with a 500 naming only the tier', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {})
    const token = await createToken({ rateLimit: 'trial' })
    const withoutTrial = gateEnv({
      RATE_LIMIT_TIERS: JSON.stringify({
        standard: { binding: 'RATE_LIMIT_STANDARD', label: '600 requests a minute' },
      }),
    })
    const put = (body: object) =>
      withoutTrial.fetch(`/admin/api-tokens/${token.id}`, {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${jwt}` },
        body: JSON.stringify(body),
      })
    const jwt = await adminJwt()
    expect((await put({ description: 'kept', rateLimit: 'trial' })).status).toBe(200)
    expect((await put({ rateLimit: 'gold' })).status).toBe(400)
    const response = await withoutTrial.fetch('/api/articles', { headers: bearer(token.accessKey) })
    expect(response.status).toBe(500)
    const { error } = (await response.json()) as { error: { message: string } }
    expect(error.message).toContain('"trial"')
    expect(error.message).not.toContain(String(token.id))
    expect(withoutTrial.seen).toHaveLength(0)
    expect(logged).toHaveBeenCalled()
  })
})

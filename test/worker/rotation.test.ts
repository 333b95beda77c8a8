// SPEC §7 "Rotation with a grace period".
import { env } from 'cloudflare:workers'
import { jwtVerify } from 'jose'
import { describe, expect, it } from 'vitest'
import { bearer, gateEnv, testClock } from './gate-helpers'
import { admin, adminJwt, call, createToken } from './helpers'

const HOUR = 3_600_000
const DAY = 24 * HOUR

const regenerate = (id: number, body?: object) =>
  admin('POST', `/admin/api-tokens/${id}/regenerate`, body)

async function codeOf(response: Response) {
  return ((await response.json()) as { error: { details: { code: string } } }).error.details.code
}

const verify = async (key: string) =>
  (await (
    await call('/auth/verify', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ key }),
    })
  ).json()) as Record<string, unknown>

describe('regenerate with a grace period', () => {
  it('keeps the replaced key working, marked to the origin and in /auth/verify', async () => {
    const gate = gateEnv()
    const token = await createToken({ type: 'full-access' })
    const before = Date.now()
    const { status, body } = await regenerate(token.id, { gracePeriod: 3600 })
    expect(status).toBe(201)
    const fresh: string = body.data.accessKey
    expect(body.data.previousKey.keyHint).toBe(token.keyHint)
    const until = Date.parse(body.data.previousKey.expiresAt)
    expect(until).toBeGreaterThanOrEqual(before + HOUR)
    expect(until).toBeLessThanOrEqual(Date.now() + HOUR)

    expect((await gate.fetch('/api/articles', { headers: bearer(token.accessKey) })).status).toBe(
      200,
    )
    const old = gate.seen.at(-1)!.headers
    expect(old['x-api-token-key']).toBe('previous')
    const claims = (
      await jwtVerify(
        old['x-tollgate-assertion']!,
        new TextEncoder().encode(env.ORIGIN_ASSERTION_SECRET),
      )
    ).payload
    expect(claims.prev).toBe(true)

    expect((await gate.fetch('/api/articles', { headers: bearer(fresh) })).status).toBe(200)
    const current = gate.seen.at(-1)!.headers
    expect(current['x-api-token-key']).toBeUndefined()
    const currentClaims = (
      await jwtVerify(
        current['x-tollgate-assertion']!,
        new TextEncoder().encode(env.ORIGIN_ASSERTION_SECRET),
      )
    ).payload
    expect(currentClaims.prev).toBeUndefined()

    expect(await verify(token.accessKey)).toMatchObject({ valid: true, previousKey: true })
    expect(await verify(fresh)).not.toHaveProperty('previousKey')
    const { body: read } = await admin('GET', `/admin/api-tokens/${token.id}`)
    expect(read.data.previousKey).toEqual(body.data.previousKey)
    // A spoofed marker never reaches the origin.
    await gate.fetch('/api/articles', {
      headers: bearer(fresh, { 'X-Api-Token-Key': 'previous' }),
    })
    expect(gate.seen.at(-1)!.headers['x-api-token-key']).toBeUndefined()
  })

  it('ends the replaced key at its end time, cached or not', async () => {
    const clock = testClock()
    const gate = gateEnv({}, { now: clock.now })
    const token = await createToken({ type: 'full-access' })
    const { body } = await regenerate(token.id, { gracePeriod: 60 })
    const until = Date.parse(body.data.previousKey.expiresAt)
    expect((await gate.fetch('/api/articles', { headers: bearer(token.accessKey) })).status).toBe(
      200,
    )
    clock.advance(until - clock.now() - 1)
    expect((await gate.fetch('/api/articles', { headers: bearer(token.accessKey) })).status).toBe(
      200,
    )
    clock.advance(1) // still cached, now past its end
    const ended = await gate.fetch('/api/articles', { headers: bearer(token.accessKey) })
    expect(await codeOf(ended)).toBe('NOT_FOUND')
    // And in an isolate that never cached it.
    const fresh = gateEnv({}, { now: clock.now })
    expect(
      await codeOf(await fresh.fetch('/api/articles', { headers: bearer(token.accessKey) })),
    ).toBe('NOT_FOUND')
  })

  it('keeps one previous key at most: the next regenerate ends the earlier one at once', async () => {
    const gate = gateEnv()
    const first = await createToken({ type: 'full-access' })
    const second = (await regenerate(first.id, { gracePeriod: 3600 })).body.data.accessKey
    expect((await gate.fetch('/api/articles', { headers: bearer(first.accessKey) })).status).toBe(
      200,
    )
    const third = (await regenerate(first.id, { gracePeriod: 3600 })).body.data.accessKey
    expect(
      await codeOf(await gate.fetch('/api/articles', { headers: bearer(first.accessKey) })),
    ).toBe('NOT_FOUND')
    expect((await gate.fetch('/api/articles', { headers: bearer(second) })).status).toBe(200)
    expect((await gate.fetch('/api/articles', { headers: bearer(third) })).status).toBe(200)
    // Without a grace period the replaced key stops at once, and no previous key remains.
    const fourth = await regenerate(first.id)
    expect(fourth.body.data.previousKey).toBeNull()
    for (const key of [second, third]) {
      expect(await codeOf(await gate.fetch('/api/articles', { headers: bearer(key) }))).toBe(
        'NOT_FOUND',
      )
    }
  })

  it('ends with delete, disable (for good) and the token’s expiry', async () => {
    const gate = gateEnv()
    const disabled = await createToken()
    const fresh = (await regenerate(disabled.id, { gracePeriod: 3600 })).body.data.accessKey
    await admin('PUT', `/admin/api-tokens/${disabled.id}`, { enabled: false })
    expect(await codeOf(await gate.fetch('/api/articles', { headers: bearer(fresh) }))).toBe(
      'DISABLED',
    )
    // Disabling ended the grace period: the replaced key is gone, not merely disabled.
    expect(
      await codeOf(await gate.fetch('/api/articles', { headers: bearer(disabled.accessKey) })),
    ).toBe('NOT_FOUND')
    const enabled = await admin('PUT', `/admin/api-tokens/${disabled.id}`, { enabled: true })
    expect(enabled.body.data.previousKey).toBeNull()
    expect(
      await codeOf(await gate.fetch('/api/articles', { headers: bearer(disabled.accessKey) })),
    ).toBe('NOT_FOUND')

    const deleted = await createToken()
    await regenerate(deleted.id, { gracePeriod: 3600 })
    await admin('DELETE', `/admin/api-tokens/${deleted.id}`)
    expect(
      await codeOf(await gate.fetch('/api/articles', { headers: bearer(deleted.accessKey) })),
    ).toBe('NOT_FOUND')

    const clock = testClock()
    const expiring = gateEnv({}, { now: clock.now })
    const dated = await createToken({ expiresAt: new Date(Date.now() + 2 * HOUR).toISOString() })
    await regenerate(dated.id, { gracePeriod: 604_800 })
    clock.advance(2 * HOUR + 1000)
    // The grace period ends with the token's expiry at the latest.
    expect(
      await codeOf(await expiring.fetch('/api/articles', { headers: bearer(dated.accessKey) })),
    ).toBe('NOT_FOUND')
  })

  it('takes a grace period of 0–604800 whole seconds', async () => {
    const token = await createToken()
    for (const gracePeriod of [-1, 604_801, 1.5, '60', null]) {
      const response = await regenerate(token.id, { gracePeriod })
      expect(response.status, String(gracePeriod)).toBe(400)
      expect(response.body.error.details.errors[0].path).toEqual(['gracePeriod'])
    }
    expect((await regenerate(token.id, { gracePeriod: 604_800 })).status).toBe(201)
    expect((await regenerate(token.id, { gracePeriod: 0 })).body.data.previousKey).toBeNull()
  })
})

describe("the regenerated key's lifetime", () => {
  it('restarts a lifespan, keeps unlimited, and takes a new lifespan or date', async () => {
    const week = await createToken({ lifespan: 604_800_000 })
    const restarted = await regenerate(week.id)
    expect(Date.parse(restarted.body.data.expiresAt)).toBeGreaterThan(Date.now() + 6 * DAY)
    const unlimited = await createToken()
    expect((await regenerate(unlimited.id)).body.data.expiresAt).toBeNull()
    const longer = await regenerate(week.id, { lifespan: 7_776_000_000 })
    expect(Date.parse(longer.body.data.expiresAt)).toBeGreaterThan(Date.now() + 89 * DAY)
    const date = new Date(Date.now() + 3 * DAY).toISOString()
    const dated = await regenerate(week.id, { expiresAt: date })
    expect(dated.body.data.expiresAt).toBe(date)
    const { body } = await admin('GET', `/admin/api-tokens/${week.id}`)
    expect(body.data).toMatchObject({ lifespan: null, expiresAt: date })
    const both = await regenerate(week.id, { lifespan: null, expiresAt: date })
    expect(both.body.error.message).toBe('Send either lifespan or expiresAt')
  })

  it('keeps a custom date while it lies ahead, and refuses one that has passed', async () => {
    const date = new Date(Date.now() + 5 * DAY).toISOString()
    const token = await createToken({ expiresAt: date })
    expect((await regenerate(token.id)).body.data.expiresAt).toBe(date)
    await env.DB.prepare('update api_tokens set expires_at = ? where id = ?')
      .bind(Date.now() - 1, token.id)
      .run()
    const passed = await regenerate(token.id)
    expect(passed.status).toBe(400)
    expect(passed.body.error.details.errors).toEqual([
      {
        path: ['expiresAt'],
        name: 'ValidationError',
        message: 'expiresAt has passed: choose a new lifespan or expiresAt',
        code: 'expiry_passed',
      },
    ])
    expect((await regenerate(token.id, { lifespan: null })).status).toBe(201)
  })

  it('takes no body at all, but a body must be JSON', async () => {
    const token = await createToken()
    const bare = await call(`/admin/api-tokens/${token.id}/regenerate`, {
      method: 'POST',
      headers: { Authorization: await auth() },
    })
    expect(bare.status).toBe(201)
    const form = await call(`/admin/api-tokens/${token.id}/regenerate`, {
      method: 'POST',
      headers: { Authorization: await auth(), 'Content-Type': 'text/plain' },
      body: 'gracePeriod=60',
    })
    expect(form.status).toBe(400)
  })
})

const auth = async () => `Bearer ${await adminJwt()}`

import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { beforeEach, describe, expect, it } from 'vitest'
import { resetRevocationPoller } from '../../worker/gate/revocation-poller'
import app, { createApp } from '../../worker/index'
import { generateApiKey } from '../../worker/keys/key-format'
import { clearVerifiedKeys } from '../../worker/gate/verified-key-cache'
import { BASE, admin, adminJwt, createToken } from './helpers'
import { bearer, countingDb, echoOrigin, gateEnv, holdingDb, testClock } from './gate-helpers'

// A 10 s TTL: an entry is refreshed from its 8th second. The feed is polled rarely here,
// so that only the key lookups under test reach D1.
const SETTINGS = { CACHE_TTL_SECONDS: '10', REVOCATION_POLL_MS: '60000' }

const lookups = (statements: string[]) =>
  statements.filter((s) => s.includes('access_key_hash')).length

async function codeOf(response: Response) {
  return ((await response.json()) as { error: { details: { code: string } } }).error.details.code
}

/** A gate whose `waitUntil` work the test awaits itself (`gateEnv` awaits it per request). */
function detachedGate(db: D1Database, now: () => number) {
  const worker = createApp({ now })
  const bindings = { ...env, ...SETTINGS, DB: db, ORIGIN: echoOrigin().origin }
  return async (key: string, method = 'GET') => {
    const ctx = createExecutionContext()
    const response = await worker.fetch(
      new Request(`${BASE}/api/articles`, {
        method,
        headers: bearer(key),
        body: method === 'GET' ? undefined : '{}',
      }),
      bindings,
      ctx,
    )
    return { response, background: waitOnExecutionContext(ctx) }
  }
}

/** A full-access key, looked up once (with `method`) by a gate whose D1 answers can be held. */
async function warmKey(method = 'GET') {
  const clock = testClock()
  const holding = holdingDb(env.DB)
  const request = detachedGate(holding.db, clock.now)
  const token = await createToken({ type: 'full-access' })
  await (
    await request(token.accessKey, method)
  ).background
  return { clock, holding, request, token }
}

beforeEach(() => {
  resetRevocationPoller()
  clearVerifiedKeys()
})

describe('refresh ahead', () => {
  it('serves a key in the last fifth of its life, refreshing it in the background', async () => {
    const { clock, holding, request, token } = await warmKey('POST')

    clock.advance(7_999)
    await (
      await request(token.accessKey, 'POST')
    ).background
    expect(holding.state.answered).toBe(0) // not yet in its last fifth: no refresh

    await env.DB.prepare("update api_tokens set type = 'read-only' where id = ?")
      .bind(token.id)
      .run()
    holding.hold()
    clock.advance(1)
    const { response, background } = await request(token.accessKey, 'POST')
    // Answered with the cached verdict while the refresh's D1 answer is still held.
    expect(response.status).toBe(200)
    expect(holding.state).toMatchObject({ issued: 1, answered: 0 })
    holding.release()
    await background
    expect(holding.state.answered).toBe(1)

    // The refreshed entry holds the change, fresh for a whole TTL from the refresh.
    const narrowed = await request(token.accessKey, 'POST')
    expect(await codeOf(narrowed.response)).toBe('FORBIDDEN')
    clock.advance(9_999)
    expect((await request(token.accessKey)).response.status).toBe(200)
  })

  it('refreshes a key once at a time', async () => {
    const { clock, holding, request, token } = await warmKey()
    clock.advance(8_000)
    holding.hold()
    const first = await request(token.accessKey)
    clock.advance(100)
    const second = await request(token.accessKey)
    expect([first.response.status, second.response.status]).toEqual([200, 200])
    expect(holding.state).toMatchObject({ issued: 1, answered: 0 })
    holding.release()
    await Promise.all([first.background, second.background])
    expect(holding.state.answered).toBe(1)
  })

  it('never makes a known key wait for D1 under steady traffic', async () => {
    const { clock, holding, request, token } = await warmKey()
    // A minute of a request a second, each lookup held until its request is answered:
    // a request that waited for D1 would never be answered.
    for (let second = 1; second <= 60; second++) {
      clock.advance(1_000)
      holding.hold()
      const { response, background } = await request(token.accessKey)
      expect(response.status).toBe(200)
      holding.release()
      await background
    }
    expect(holding.state.issued).toBeGreaterThanOrEqual(5) // refreshed every 8 to 10 s
  })

  it('keeps unknown keys for a fifth of the TTL, without refreshing them', async () => {
    const clock = testClock()
    const counter = countingDb(env.DB)
    const gate = gateEnv({ ...SETTINGS, DB: counter.db }, { now: clock.now })
    const key = generateApiKey('tg')
    const read = () => gate.fetch('/api/articles', { headers: bearer(key) })
    expect(await codeOf(await read())).toBe('NOT_FOUND')
    clock.advance(1_999)
    expect(await codeOf(await read())).toBe('NOT_FOUND')
    expect(lookups(counter.statements)).toBe(1)
    clock.advance(1)
    expect(await codeOf(await read())).toBe('NOT_FOUND')
    expect(lookups(counter.statements)).toBe(2)
  })

  it('asks D1 on every request in strict mode, and never reads the feed', async () => {
    const counter = countingDb(env.DB)
    const gate = gateEnv({ DB: counter.db, CACHE_TTL_SECONDS: '0' })
    const token = await createToken({ type: 'full-access' })
    for (let i = 0; i < 3; i++) {
      expect((await gate.fetch('/api/articles', { headers: bearer(token.accessKey) })).status).toBe(
        200,
      )
    }
    expect(lookups(counter.statements)).toBe(3)
    expect(counter.statements.some((s) => s.includes('api_token_revocations'))).toBe(false)
  })
})

describe('D1 sessions', () => {
  it('the gate reads through a first-unconstrained session, opened only when it asks D1', async () => {
    const clock = testClock()
    const counter = countingDb(env.DB)
    const gate = gateEnv({ DB: counter.db }, { now: clock.now })
    const token = await createToken({ type: 'full-access' })
    expect((await gate.fetch('/api/articles', { headers: bearer(token.accessKey) })).status).toBe(
      200,
    )
    // One session for the feed read, the lookup and the lastUsedAt write.
    expect(counter.sessions).toEqual(['first-unconstrained'])
    const statements = counter.statements.length
    clock.advance(100)
    expect((await gate.fetch('/api/articles', { headers: bearer(token.accessKey) })).status).toBe(
      200,
    )
    expect(counter.sessions).toHaveLength(1) // a warm key: no session, no statement
    expect(counter.statements).toHaveLength(statements)
  })

  it("starts the gate's sessions at the bookmark of its last feed read", async () => {
    // Each session's bookmark is named after it; the real D1 runs them unconstrained.
    const constraints: (string | undefined)[] = []
    const db = new Proxy(env.DB, {
      get(target, property) {
        if (property === 'withSession') {
          return (constraint?: string) => {
            constraints.push(constraint)
            const session = target.withSession('first-unconstrained')
            const bookmark = `bookmark-${constraints.length}`
            return new Proxy(session, {
              get(inner, key) {
                if (key === 'getBookmark') return () => bookmark
                const value = Reflect.get(inner, key)
                return typeof value === 'function' ? value.bind(inner) : value
              },
            })
          }
        }
        const value = Reflect.get(target, property)
        return typeof value === 'function' ? value.bind(target) : value
      },
    })
    const clock = testClock()
    const gate = gateEnv({ DB: db, REVOCATION_POLL_MS: '1000' }, { now: clock.now })
    const first = await createToken({ type: 'full-access' })
    const second = await createToken({ type: 'full-access' })
    await gate.fetch('/api/articles', { headers: bearer(first.accessKey) })
    expect(constraints).toEqual(['first-unconstrained']) // the feed read, then the lookup
    clock.advance(100)
    await gate.fetch('/api/articles', { headers: bearer(second.accessKey) })
    // A replica behind the feed read could still hold a token the feed evicted.
    expect(constraints).toEqual(['first-unconstrained', 'bookmark-1'])
    clock.advance(5_000) // idle: the next request reads the feed first, in its session
    await gate.fetch('/api/articles', { headers: bearer(generateApiKey('tg')) })
    clock.advance(100)
    await gate.fetch('/api/articles', { headers: bearer(generateApiKey('tg')) })
    expect(constraints).toEqual(['first-unconstrained', 'bookmark-1', 'bookmark-1', 'bookmark-3'])
  })

  it('/auth/verify reads through a first-unconstrained session', async () => {
    const counter = countingDb(env.DB)
    const token = await createToken({ type: 'full-access' })
    const ctx = createExecutionContext()
    const response = await app.fetch(
      new Request(`${BASE}/auth/verify`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ key: token.accessKey }),
      }),
      { ...env, DB: counter.db },
      ctx,
    )
    await waitOnExecutionContext(ctx)
    expect(await response.json()).toMatchObject({ valid: true, code: 'VALID' })
    expect(counter.sessions).toEqual(['first-unconstrained'])
  })

  it('the admin routes read and write through a first-primary session', async () => {
    const counter = countingDb(env.DB)
    const token = await createToken()
    const response = await app.fetch(
      new Request(`${BASE}/admin/api-tokens/${token.id}`, {
        method: 'PUT',
        headers: {
          Authorization: `Bearer ${await adminJwt()}`,
          'Content-Type': 'application/json',
        },
        body: JSON.stringify({ description: 'via the primary' }),
      }),
      { ...env, DB: counter.db },
    )
    expect(response.status).toBe(200)
    expect(counter.sessions.length).toBeGreaterThan(0)
    expect(new Set(counter.sessions)).toEqual(new Set(['first-primary']))
    expect((await admin('GET', `/admin/api-tokens/${token.id}`)).body.data.description).toBe(
      'via the primary',
    )
  })
})

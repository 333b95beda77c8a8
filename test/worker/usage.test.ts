// SPEC §9 "Usage": requests passed and refused, counted per token and hour in the
// isolate, flushed with the lastUsedAt write, read through GET /admin/api-tokens/:id/usage.
import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { adminJwt, admin, createToken } from './helpers'
import { bearer, countingDb, gateEnv, testClock } from './gate-helpers'

const HOUR = 3_600_000
const DAY = 24 * HOUR

async function storedUsage(tokenId: number) {
  const { results } = await env.DB.prepare(
    'select hour, requests, refused from api_token_usage where token_id = ? order by hour',
  )
    .bind(tokenId)
    .all<{ hour: number; requests: number; refused: number }>()
  return results
}

const flushes = (statements: string[]) =>
  statements.filter((s) => /^insert into "api_token_usage"/i.test(s)).length

describe('usage at the gate', () => {
  it('counts passed and refused requests, flushing at most once per window', async () => {
    const clock = testClock(Date.UTC(2026, 10, 30, 10, 15))
    const counter = countingDb(env.DB)
    const gate = gateEnv({ DB: counter.db, LAST_USED_RESOLUTION_SECONDS: '60' }, { now: clock.now })
    const token = await createToken({ type: 'read-only' })
    const get = () => gate.fetch('/api/articles', { headers: bearer(token.accessKey) })
    const post = () =>
      gate.fetch('/api/articles', { method: 'POST', headers: bearer(token.accessKey), body: '{}' })

    expect((await get()).status).toBe(200)
    expect(flushes(counter.statements)).toBe(1)
    expect(await storedUsage(token.id)).toEqual([
      { hour: Date.UTC(2026, 10, 30, 10), requests: 1, refused: 0 },
    ])

    expect((await get()).status).toBe(200)
    expect((await post()).status).toBe(403)
    clock.advance(59_999)
    expect((await get()).status).toBe(200)
    expect(flushes(counter.statements)).toBe(1)

    clock.advance(1)
    expect((await post()).status).toBe(403)
    expect(flushes(counter.statements)).toBe(2)
    expect(await storedUsage(token.id)).toEqual([
      { hour: Date.UTC(2026, 10, 30, 10), requests: 3, refused: 2 },
    ])
  })

  it('keeps one row per hour', async () => {
    const clock = testClock(Date.UTC(2026, 10, 30, 10, 59, 30))
    const gate = gateEnv({ LAST_USED_RESOLUTION_SECONDS: '60' }, { now: clock.now })
    const token = await createToken({ type: 'full-access' })
    await gate.fetch('/api/articles', { headers: bearer(token.accessKey) })
    clock.advance(60_000)
    await gate.fetch('/api/articles', { headers: bearer(token.accessKey) })
    expect(await storedUsage(token.id)).toEqual([
      { hour: Date.UTC(2026, 10, 30, 10), requests: 1, refused: 0 },
      { hour: Date.UTC(2026, 10, 30, 11), requests: 1, refused: 0 },
    ])
  })

  it('counts expired keys, refused addresses and rate limits as refused', async () => {
    const clock = testClock()
    const gate = gateEnv({ LAST_USED_RESOLUTION_SECONDS: '0.001' }, { now: clock.now })
    const expired = await createToken({ lifespan: 604_800_000 })
    await env.DB.prepare('update api_tokens set expires_at = ? where id = ?')
      .bind(clock.now() - 1, expired.id)
      .run()
    const restricted = await createToken({ allowedIps: ['192.0.2.1'] })
    const limited = await createToken({ rateLimit: 'trial' })
    expect((await gate.fetch('/api/articles', { headers: bearer(expired.accessKey) })).status).toBe(
      401,
    )
    const elsewhere = bearer(restricted.accessKey, { 'CF-Connecting-IP': '198.51.100.1' })
    expect((await gate.fetch('/api/articles', { headers: elsewhere })).status).toBe(403)
    for (let i = 0; i < 11; i++) {
      clock.advance(1)
      await gate.fetch('/api/articles', { headers: bearer(limited.accessKey) })
    }
    const totals = async (id: number) =>
      (await storedUsage(id)).reduce(
        (sum, row) => ({
          requests: sum.requests + row.requests,
          refused: sum.refused + row.refused,
        }),
        { requests: 0, refused: 0 },
      )
    expect(await totals(expired.id)).toEqual({ requests: 0, refused: 1 })
    expect(await totals(restricted.id)).toEqual({ requests: 0, refused: 1 })
    expect(await totals(limited.id)).toEqual({ requests: 10, refused: 1 })
  })

  it('does not count keys that do not exist or are malformed', async () => {
    const gate = gateEnv()
    const before = await env.DB.prepare('select count(*) as n from api_token_usage').first<{
      n: number
    }>()
    await gate.fetch('/api/articles', { headers: bearer('tg_short') })
    const after = await env.DB.prepare('select count(*) as n from api_token_usage').first<{
      n: number
    }>()
    expect(after!.n).toBe(before!.n)
  })

  it('writes nothing back for a token deleted before the flush', async () => {
    const clock = testClock()
    const gate = gateEnv({ LAST_USED_RESOLUTION_SECONDS: '60' }, { now: clock.now })
    const token = await createToken({ type: 'full-access' })
    await gate.fetch('/api/articles', { headers: bearer(token.accessKey) })
    expect(await storedUsage(token.id)).toHaveLength(1)
    await env.DB.prepare('delete from api_tokens where id = ?').bind(token.id).run()
    expect(await storedUsage(token.id)).toEqual([])
    clock.advance(60_000)
    await gate.fetch('/api/articles', { headers: bearer(token.accessKey) })
    expect(await storedUsage(token.id)).toEqual([])
  })
})

describe('GET /admin/api-tokens/:id/usage', () => {
  it('answers one entry per UTC day of the window, oldest first, zeros included', async () => {
    const token = await createToken()
    const today = Date.now() - (Date.now() % DAY)
    const insert = env.DB.prepare(
      'insert into api_token_usage (token_id, hour, requests, refused) values (?, ?, ?, ?)',
    )
    await env.DB.batch([
      insert.bind(token.id, today + 2 * HOUR, 5, 1),
      insert.bind(token.id, today, 2, 0),
      insert.bind(token.id, today - 2 * DAY + 23 * HOUR, 7, 3),
      insert.bind(token.id, today - 7 * DAY, 100, 100), // outside a 7-day window
    ])
    const { status, body } = await admin('GET', `/admin/api-tokens/${token.id}/usage?days=7`)
    expect(status).toBe(200)
    const date = (daysAgo: number) => new Date(today - daysAgo * DAY).toISOString().slice(0, 10)
    expect(body).toEqual({
      data: {
        days: [6, 5, 4, 3, 2, 1, 0].map((daysAgo) => ({
          date: date(daysAgo),
          requests: { 2: 7, 0: 7 }[daysAgo] ?? 0,
          refused: { 2: 3, 0: 1 }[daysAgo] ?? 0,
        })),
        total: { requests: 14, refused: 4 },
      },
    })
  })

  it('covers 30 days by default, with zeros for a token never used', async () => {
    const token = await createToken()
    const { body } = await admin('GET', `/admin/api-tokens/${token.id}/usage`)
    expect(body.data.days).toHaveLength(30)
    expect(body.data.days.every((day: { requests: number }) => day.requests === 0)).toBe(true)
    expect(body.data.days.at(-1).date).toBe(new Date().toISOString().slice(0, 10))
    expect(body.data.total).toEqual({ requests: 0, refused: 0 })
  })

  it('refuses a bad window, a missing token and an admin without read', async () => {
    const token = await createToken()
    for (const days of ['0', '91', 'x', '-1']) {
      const response = await admin('GET', `/admin/api-tokens/${token.id}/usage?days=${days}`)
      expect(response.status, days).toBe(400)
      expect(response.body.error.details.errors[0].path).toEqual(['days'])
    }
    expect((await admin('GET', '/admin/api-tokens/999999/usage')).status).toBe(404)
    const jwt = await adminJwt({ permissions: ['admin::api-tokens.access'] })
    expect((await admin('GET', `/admin/api-tokens/${token.id}/usage`, undefined, jwt)).status).toBe(
      403,
    )
  })

  it("adds the isolate's counts not yet written", async () => {
    const gate = gateEnv({ LAST_USED_RESOLUTION_SECONDS: '60' })
    const token = await createToken({ type: 'read-only' })
    await gate.fetch('/api/articles', { headers: bearer(token.accessKey) })
    await gate.fetch('/api/articles', { headers: bearer(token.accessKey) })
    await gate.fetch('/api/articles', { method: 'DELETE', headers: bearer(token.accessKey) })
    expect(await storedUsage(token.id)).toEqual([expect.objectContaining({ requests: 1 })])
    const { body } = await admin('GET', `/admin/api-tokens/${token.id}/usage?days=1`)
    expect(body.data.total).toEqual({ requests: 2, refused: 1 })
  })

  it('goes with the token when it is deleted', async () => {
    const token = await createToken({ type: 'full-access' })
    await gateEnv().fetch('/api/articles', { headers: bearer(token.accessKey) })
    expect(await storedUsage(token.id)).toHaveLength(1)
    await admin('DELETE', `/admin/api-tokens/${token.id}`)
    expect(await storedUsage(token.id)).toEqual([])
  })
})

import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { admin, createToken } from './helpers'
import { bearer, gateEnv } from './gate-helpers'

describe('credits through the admin API (SPEC §13)', () => {
  it('create takes credits; the token answers them; unmetered tokens answer null', async () => {
    const metered = await createToken({
      credits: { remaining: 5, refill: { amount: 5, interval: 'day' } },
    })
    expect(metered.credits).toEqual({ remaining: 5, refill: { amount: 5, interval: 'day' } })
    const plain = await createToken()
    expect(plain.credits).toBeNull()
    const noRefill = await createToken({ credits: { remaining: 2 } })
    expect(noRefill.credits).toEqual({ remaining: 2, refill: null })
  })

  it('refuses negative, fractional or huge credits and unknown fields with 400', async () => {
    for (const credits of [
      { remaining: -1 },
      { remaining: 1.5 },
      { remaining: 1e13 },
      { remaining: 1, refill: { amount: 1, interval: 'week' } },
      { remaining: 1, extra: true },
    ]) {
      const response = await admin('POST', '/admin/api-tokens', {
        name: `bad credits ${JSON.stringify(credits)}`,
        type: 'read-only',
        credits,
      })
      expect(response.status).toBe(400)
    }
  })

  it('GET one reads the live balance the gate spent', async () => {
    const token = await createToken({ credits: { remaining: 3, refill: null } })
    const gate = gateEnv()
    await gate.fetch('/api/articles', { headers: bearer(token.accessKey) })
    const read = await admin('GET', `/admin/api-tokens/${token.id}`)
    expect(read.body.data.credits).toEqual({ remaining: 2, refill: null })
  })

  it('POST /credits adds or sets, answers the token, and records an audit event', async () => {
    const token = await createToken({ credits: { remaining: 1, refill: null } })
    const added = await admin('POST', `/admin/api-tokens/${token.id}/credits`, { add: 4 })
    expect(added.status).toBe(200)
    expect(added.body.data.credits).toEqual({ remaining: 5, refill: null })
    const set = await admin('POST', `/admin/api-tokens/${token.id}/credits`, { set: 1 })
    expect(set.body.data.credits.remaining).toBe(1)
    // The list shows the balance written back.
    const listed = await admin('GET', `/admin/api-tokens?q=${encodeURIComponent(token.name)}`)
    expect(listed.body.data[0].credits.remaining).toBe(1)
    const gate = gateEnv()
    expect((await gate.fetch('/api/articles', { headers: bearer(token.accessKey) })).status).toBe(
      200,
    )
    expect((await gate.fetch('/api/articles', { headers: bearer(token.accessKey) })).status).toBe(
      429,
    )
    const events = await admin('GET', `/admin/api-tokens/${token.id}/events`)
    const changes = events.body.data.map((event: { changes?: unknown }) => event.changes)
    const credits = (remaining: number) => ({ remaining, refill: null })
    expect(changes).toContainEqual({ credits: [credits(5), credits(1)] })
    expect(changes).toContainEqual({ credits: [credits(1), credits(5)] })
  })

  it('POST /credits wants exactly one of add and set, and a metered token', async () => {
    const token = await createToken({ credits: { remaining: 1, refill: null } })
    for (const body of [{}, { add: 1, set: 2 }, { add: -1 }, { set: 'x' }]) {
      const response = await admin('POST', `/admin/api-tokens/${token.id}/credits`, body)
      expect(response.status).toBe(400)
    }
    const plain = await createToken()
    const response = await admin('POST', `/admin/api-tokens/${plain.id}/credits`, { add: 1 })
    expect(response.status).toBe(400)
    expect(response.body.error.details.errors[0].code).toBe('invalid_value')
    const missing = await admin('POST', '/admin/api-tokens/999999/credits', { add: 1 })
    expect(missing.status).toBe(404)
    expect(env.TOKEN_CREDITS).toBeDefined()
  })

  it('PUT replaces the balance and refill; other edits keep it; null unmeters the token', async () => {
    const token = await createToken({ credits: { remaining: 3, refill: null } })
    const gate = gateEnv()
    const read = () => gate.fetch('/api/articles', { headers: bearer(token.accessKey) })
    expect((await read()).headers.get('X-Api-Token-Remaining')).toBe('2')
    const refill = { amount: 10, interval: 'month' }
    const put = await admin('PUT', `/admin/api-tokens/${token.id}`, {
      credits: { remaining: 1, refill },
    })
    expect(put.status).toBe(200)
    expect(put.body.data.credits).toEqual({ remaining: 1, refill })
    expect((await read()).headers.get('X-Api-Token-Remaining')).toBe('0')
    // Renaming leaves the balance where the gate took it.
    await admin('PUT', `/admin/api-tokens/${token.id}`, { name: `${token.name} renamed` })
    expect((await read()).status).toBe(429)
    // The audit log holds the live balance before the edit (2), not the one created with (3).
    const events = await admin('GET', `/admin/api-tokens/${token.id}/events`)
    const changes = events.body.data.map((event: { changes?: unknown }) => event.changes)
    expect(changes).toContainEqual({
      credits: [
        { remaining: 2, refill: null },
        { remaining: 1, refill },
      ],
    })
    const unmetered = await admin('PUT', `/admin/api-tokens/${token.id}`, { credits: null })
    expect(unmetered.body.data.credits).toBeNull()
    const free = await read()
    expect(free.status).toBe(200)
    expect(free.headers.get('X-Api-Token-Remaining')).toBeNull()
  })

  it('PUT meters an unmetered token, and refuses bad credits with 400', async () => {
    const token = await createToken()
    const bad = await admin('PUT', `/admin/api-tokens/${token.id}`, { credits: { remaining: -1 } })
    expect(bad.status).toBe(400)
    const put = await admin('PUT', `/admin/api-tokens/${token.id}`, { credits: { remaining: 1 } })
    expect(put.body.data.credits).toEqual({ remaining: 1, refill: null })
    const gate = gateEnv()
    const read = () => gate.fetch('/api/articles', { headers: bearer(token.accessKey) })
    expect((await read()).status).toBe(200)
    expect((await read()).status).toBe(429)
  })
})

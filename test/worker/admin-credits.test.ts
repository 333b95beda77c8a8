import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { admin, adminJwt, createToken } from './helpers'
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
    // Renaming leaves the balance where the gate took it, and answers it.
    const renamed = await admin('PUT', `/admin/api-tokens/${token.id}`, {
      name: `${token.name} renamed`,
    })
    expect(renamed.body.data.credits).toEqual({ remaining: 0, refill })
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

  it('a refused edit changes no balance: credits take effect with the edit or not at all', async () => {
    const taken = await createToken()
    const token = await createToken({ credits: { remaining: 1, refill: null } })
    const gate = gateEnv()
    const read = () => gate.fetch('/api/articles', { headers: bearer(token.accessKey) })
    expect((await read()).status).toBe(200)
    for (const credits of [{ remaining: 1000 }, null]) {
      const put = await admin('PUT', `/admin/api-tokens/${token.id}`, { name: taken.name, credits })
      expect(put.status).toBe(400)
      expect((await read()).status).toBe(429)
    }
    const events = await admin('GET', `/admin/api-tokens/${token.id}/events`)
    expect(events.body.data.map((event: { action: string }) => event.action)).toEqual(['created'])
  })

  it('the list answers the live balance; add past the maximum is a 400 that changes nothing', async () => {
    const token = await createToken({ credits: { remaining: 3, refill: null } })
    await gateEnv().fetch('/api/articles', { headers: bearer(token.accessKey) })
    const listed = await admin('GET', `/admin/api-tokens?q=${encodeURIComponent(token.name)}`)
    expect(listed.body.data[0].credits).toEqual({ remaining: 2, refill: null })
    const tooMuch = await admin('POST', `/admin/api-tokens/${token.id}/credits`, { add: 1e12 })
    expect(tooMuch.status).toBe(400)
    expect(tooMuch.body.error.details.errors[0].path).toEqual(['add'])
    const read = await admin('GET', `/admin/api-tokens/${token.id}`)
    expect(read.body.data.credits.remaining).toBe(2)
  })

  it('refuses to meter a token where TOKEN_CREDITS is not bound: a 500 naming it', async () => {
    const unbound = gateEnv({ TOKEN_CREDITS: undefined })
    const response = await unbound.fetch('/admin/api-tokens', {
      method: 'POST',
      headers: { Authorization: `Bearer ${await adminJwt()}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        name: 'metered, unbound',
        type: 'read-only',
        credits: { remaining: 1 },
      }),
    })
    expect(response.status).toBe(500)
    const body = (await response.json()) as { error: { message: string } }
    expect(body.error.message).toMatch(/TOKEN_CREDITS is not bound/)
    const listed = await admin('GET', '/admin/api-tokens?q=metered%2C%20unbound')
    expect(listed.body.data).toEqual([])
  })

  it('PUT with a refill alone keeps the live balance; with a remaining alone keeps the refill', async () => {
    const daily = { amount: 10, interval: 'day' as const }
    const token = await createToken({ credits: { remaining: 5, refill: daily } })
    const gate = gateEnv()
    const read = () => gate.fetch('/api/articles', { headers: bearer(token.accessKey) })
    await read()
    await read()
    const monthly = { amount: 50, interval: 'month' }
    const put = await admin('PUT', `/admin/api-tokens/${token.id}`, {
      credits: { refill: monthly },
    })
    expect(put.status).toBe(200)
    expect(put.body.data.credits).toEqual({ remaining: 3, refill: monthly })
    expect((await read()).headers.get('X-Api-Token-Remaining')).toBe('2')
    const set = await admin('PUT', `/admin/api-tokens/${token.id}`, { credits: { remaining: 9 } })
    expect(set.body.data.credits).toEqual({ remaining: 9, refill: monthly })
    const events = await admin('GET', `/admin/api-tokens/${token.id}/events`)
    const changes = events.body.data.map((event: { changes?: unknown }) => event.changes)
    expect(changes).toContainEqual({
      credits: [
        { remaining: 3, refill: daily },
        { remaining: 3, refill: monthly },
      ],
    })
  })

  it('PUT with a refill alone cannot meter an unmetered token: it needs a remaining', async () => {
    const token = await createToken()
    const put = await admin('PUT', `/admin/api-tokens/${token.id}`, {
      credits: { refill: { amount: 5, interval: 'day' } },
    })
    expect(put.status).toBe(400)
    expect(put.body.error.details.errors[0]).toMatchObject({
      path: ['credits', 'remaining'],
      code: 'required',
    })
  })
})

// SPEC §13 "Grant policy": MAX_LIFESPAN_DAYS caps every key's lifetime — create, edit,
// regenerate, custom dates — and refuses unlimited; a create or regenerate that asks no
// lifetime gets the longest allowed instead. Unset: no cap.
import { describe, expect, it } from 'vitest'
import { parseSettings } from '../../worker/config/settings'
import { ConfigError } from '../../worker/config/config-error'
import { gateEnv } from './gate-helpers'
import { adminJwt, uniqueName, type JsonBody } from './helpers'

const DAY_MS = 86_400_000
const WEEK = 604_800_000
const MONTH = 2_592_000_000
const QUARTER = 7_776_000_000
const inDays = (days: number) => new Date(Date.now() + days * DAY_MS).toISOString()

/** Admin calls against a worker with `MAX_LIFESPAN_DAYS` set to `days` (or unset). */
function capped(days: string | undefined) {
  const gate = gateEnv({ MAX_LIFESPAN_DAYS: days })
  return async (method: string, path: string, body?: unknown) => {
    const response = await gate.fetch(path, {
      method,
      headers: { Authorization: `Bearer ${await adminJwt()}`, 'Content-Type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    })
    return { status: response.status, body: (await response.json()) as JsonBody }
  }
}

const refusal = (field: string, message: string | RegExp) => ({
  data: null,
  error: {
    status: 400,
    name: 'ValidationError',
    message: expect.any(String),
    details: {
      errors: [{ path: [field], name: 'ValidationError', code: 'beyond_max_lifespan', message }],
    },
  },
})

describe('MAX_LIFESPAN_DAYS', () => {
  it('refuses on create a lifespan, a date or unlimited beyond the cap', async () => {
    const call = capped('30')
    const create = (fields: Record<string, unknown>) =>
      call('POST', '/admin/api-tokens', { name: uniqueName(), type: 'read-only', ...fields })
    expect((await create({ lifespan: MONTH })).status).toBe(201)
    expect((await create({ expiresAt: inDays(29) })).status).toBe(201)
    expect((await create({ lifespan: QUARTER })).body).toEqual(
      refusal('lifespan', 'lifespan must be at most 30 days ahead (MAX_LIFESPAN_DAYS)'),
    )
    expect((await create({ lifespan: null })).body).toEqual(
      refusal(
        'lifespan',
        'lifespan must not be unlimited: keys live at most 30 days (MAX_LIFESPAN_DAYS)',
      ),
    )
    expect((await create({ expiresAt: inDays(31) })).body).toEqual(
      refusal('expiresAt', 'expiresAt must be at most 30 days ahead (MAX_LIFESPAN_DAYS)'),
    )
  })

  it('gives a create without lifetime the longest duration within the cap, or a date at it', async () => {
    const month = await capped('60')('POST', '/admin/api-tokens', {
      name: uniqueName(),
      type: 'read-only',
    })
    expect(month.status).toBe(201)
    expect(month.body.data.lifespan).toBe(MONTH)
    const before = Date.now()
    const short = await capped('3')('POST', '/admin/api-tokens', {
      name: uniqueName(),
      type: 'read-only',
    })
    expect(short.body.data.lifespan).toBeNull()
    const expiresAt = Date.parse(short.body.data.expiresAt)
    expect(expiresAt).toBeGreaterThanOrEqual(before + 3 * DAY_MS)
    expect(expiresAt).toBeLessThanOrEqual(Date.now() + 3 * DAY_MS)
  })

  it('refuses an edit to a longer lifetime; one that leaves the lifetime alone passes', async () => {
    const unlimited = capped(undefined)
    const old = await unlimited('POST', '/admin/api-tokens', {
      name: uniqueName(),
      type: 'read-only',
    })
    expect(old.body.data.lifespan).toBeNull()
    const call = capped('7')
    const id = old.body.data.id as number
    // A form that resends every field sends lifespan: null back: nothing changes, it passes.
    const renamed = await call('PUT', `/admin/api-tokens/${id}`, {
      name: uniqueName(),
      lifespan: null,
    })
    expect(renamed.status).toBe(200)
    expect((await call('PUT', `/admin/api-tokens/${id}`, { lifespan: MONTH })).body).toEqual(
      refusal('lifespan', 'lifespan must be at most 7 days ahead (MAX_LIFESPAN_DAYS)'),
    )
    expect((await call('PUT', `/admin/api-tokens/${id}`, { expiresAt: inDays(8) })).body).toEqual(
      refusal('expiresAt', 'expiresAt must be at most 7 days ahead (MAX_LIFESPAN_DAYS)'),
    )
    const week = await call('PUT', `/admin/api-tokens/${id}`, { lifespan: WEEK })
    expect(week.status).toBe(200)
    expect(week.body.data.lifespan).toBe(WEEK)
  })

  it('caps regenerate: an asked lifetime beyond it is refused, a kept one is shortened', async () => {
    const old = await capped(undefined)('POST', '/admin/api-tokens', {
      name: uniqueName(),
      type: 'read-only',
      lifespan: QUARTER,
    })
    const id = old.body.data.id as number
    const call = capped('30')
    for (const body of [{ lifespan: null }, { lifespan: QUARTER }, { expiresAt: inDays(45) }]) {
      const refused = await call('POST', `/admin/api-tokens/${id}/regenerate`, body)
      expect(refused.status, JSON.stringify(body)).toBe(400)
      expect(refused.body.error.details.errors[0].code).toBe('beyond_max_lifespan')
    }
    const before = Date.now()
    const kept = await call('POST', `/admin/api-tokens/${id}/regenerate`)
    expect(kept.status).toBe(201)
    expect(Date.parse(kept.body.data.expiresAt)).toBeGreaterThanOrEqual(before + MONTH)
    expect(Date.parse(kept.body.data.expiresAt)).toBeLessThanOrEqual(Date.now() + MONTH)
    expect((await call('GET', `/admin/api-tokens/${id}`)).body.data.lifespan).toBe(MONTH)
  })

  it('tells the form the cap in /admin/users/me/permissions', async () => {
    const me = await capped('45')('GET', '/admin/users/me/permissions')
    expect(me.body.meta.maxLifespanDays).toBe(45)
    const none = await capped(undefined)('GET', '/admin/users/me/permissions')
    expect(none.body.meta.maxLifespanDays).toBeNull()
  })

  it('takes a positive whole number of days; anything else is a configuration error', () => {
    expect(parseSettings({ MAX_LIFESPAN_DAYS: '90' }).maxLifespanDays).toBe(90)
    expect(parseSettings({ MAX_LIFESPAN_DAYS: '' }).maxLifespanDays).toBeNull()
    expect(parseSettings({}).maxLifespanDays).toBeNull()
    for (const bad of ['0', '-3', '1.5', 'month']) {
      expect(() => parseSettings({ MAX_LIFESPAN_DAYS: bad }), bad).toThrowError(ConfigError)
      expect(() => parseSettings({ MAX_LIFESPAN_DAYS: bad }), bad).toThrowError(
        /^MAX_LIFESPAN_DAYS must be/,
      )
    }
  })
})

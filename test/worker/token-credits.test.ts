import { env } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { nextRefillAt } from '../../worker/credits/credit-rules'
import { creditsStub } from '../../worker/credits/credits-stub'

const namespace = () => env.TOKEN_CREDITS!
let nextId = 1000
const freshStub = () => creditsStub(namespace(), nextId++)
const t = (iso: string) => Date.parse(iso)

describe('refill boundaries (SPEC §13)', () => {
  it('a day refills at the next 00:00 UTC, a month on the next 1st', () => {
    expect(nextRefillAt(t('2026-01-31T15:00:00Z'), 'day')).toBe(t('2026-02-01T00:00:00Z'))
    expect(nextRefillAt(t('2026-01-31T15:00:00Z'), 'month')).toBe(t('2026-02-01T00:00:00Z'))
    expect(nextRefillAt(t('2026-12-01T00:00:00Z'), 'month')).toBe(t('2027-01-01T00:00:00Z'))
    expect(nextRefillAt(t('2026-03-10T00:00:00Z'), 'day')).toBe(t('2026-03-11T00:00:00Z'))
  })
})

describe('TokenCredits: one balance per metered token', () => {
  it('starts from the configured credits and spends down to 0, never below', async () => {
    const stub = freshStub()
    const config = { remaining: 3, refill: null }
    const now = t('2026-05-05T10:00:00Z')
    expect(await stub.spend(1, config, now)).toEqual({ ok: true, remaining: 2 })
    expect(await stub.spend(2, config, now)).toEqual({ ok: true, remaining: 0 })
    expect(await stub.spend(1, config, now)).toEqual({ ok: false, remaining: 0 })
    expect(await stub.peek(config, now)).toBe(0)
  })

  it('refuses a cost larger than the balance without taking any of it', async () => {
    const stub = freshStub()
    const config = { remaining: 4, refill: null }
    expect(await stub.spend(5, config)).toEqual({ ok: false, remaining: 4 })
    expect(await stub.spend(4, config)).toEqual({ ok: true, remaining: 0 })
  })

  it('parallel spends never take more than the balance', async () => {
    const stub = freshStub()
    const config = { remaining: 50, refill: null }
    const results = await Promise.all(Array.from({ length: 120 }, () => stub.spend(1, config)))
    expect(results.filter((result) => result.ok)).toHaveLength(50)
    expect(await stub.peek(config)).toBe(0)
  })

  it('add and set change the balance, answering it before and after; configure replaces it', async () => {
    const stub = freshStub()
    const config = { remaining: 10, refill: null }
    expect(await stub.change({ add: 5 }, config)).toEqual({ before: 10, remaining: 15 })
    expect(await stub.change({ set: 2 }, config)).toEqual({ before: 15, remaining: 2 })
    await stub.configure({ remaining: 7, refill: null })
    expect(await stub.peek(config)).toBe(7)
    await stub.configure(null)
    // Forgotten: the next touch starts again from the configuration it is given.
    expect(await stub.peek({ remaining: 9, refill: null })).toBe(9)
  })

  it('a daily refill comes back at 00:00 UTC, not before', async () => {
    const stub = freshStub()
    const config = { remaining: 2, refill: { amount: 5, interval: 'day' as const } }
    const start = t('2026-05-05T10:00:00Z')
    await stub.spend(2, config, start)
    expect(await stub.spend(1, config, t('2026-05-05T23:59:59Z'))).toEqual({
      ok: false,
      remaining: 0,
    })
    expect(await stub.spend(1, config, t('2026-05-06T00:00:00Z'))).toEqual({
      ok: true,
      remaining: 4,
    })
    // One refill per day, however many calls.
    expect(await stub.spend(1, config, t('2026-05-06T18:00:00Z'))).toEqual({
      ok: true,
      remaining: 3,
    })
  })

  it('a monthly refill comes on the 1st, and sets the balance rather than adding', async () => {
    const stub = freshStub()
    const config = { remaining: 8, refill: { amount: 100, interval: 'month' as const } }
    await stub.spend(3, config, t('2026-05-20T12:00:00Z'))
    expect(await stub.peek(config, t('2026-05-31T23:59:59Z'))).toBe(5)
    expect(await stub.peek(config, t('2026-06-01T00:00:00Z'))).toBe(100)
    expect(await stub.peek(config, t('2026-06-30T00:00:00Z'))).toBe(100)
  })
})

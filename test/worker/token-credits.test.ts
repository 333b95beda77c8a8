import { env } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { nextRefillAt, type CreditRefill } from '../../worker/credits/credit-rules'
import { creditsStub } from '../../worker/credits/credits-stub'

const namespace = () => env.TOKEN_CREDITS!
let nextId = 1000
const freshStub = () => creditsStub(namespace(), nextId++)
const t = (iso: string) => Date.parse(iso)
/** Credits as D1 stores them, configured at `at`. */
const configured = (remaining: number, at: string, refill: CreditRefill | null = null) => ({
  remaining,
  refill,
  configuredAt: t(at),
})

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
    const config = configured(3, '2026-05-05T09:00:00Z')
    const now = t('2026-05-05T10:00:00Z')
    expect(await stub.spend(1, config, now)).toEqual({ ok: true, remaining: 2 })
    expect(await stub.spend(2, config, now)).toEqual({ ok: true, remaining: 0 })
    expect(await stub.spend(1, config, now)).toEqual({ ok: false, remaining: 0 })
    expect(await stub.peek(config, now)).toEqual({ remaining: 0, refill: null })
  })

  it('refuses a cost larger than the balance without taking any of it', async () => {
    const stub = freshStub()
    const config = configured(4, '2026-05-05T09:00:00Z')
    expect(await stub.spend(5, config)).toEqual({ ok: false, remaining: 4 })
    expect(await stub.spend(4, config)).toEqual({ ok: true, remaining: 0 })
  })

  it('parallel spends never take more than the balance', async () => {
    const stub = freshStub()
    const config = configured(50, '2026-05-05T09:00:00Z')
    const results = await Promise.all(Array.from({ length: 120 }, () => stub.spend(1, config)))
    expect(results.filter((result) => result.ok)).toHaveLength(50)
    expect((await stub.peek(config)).remaining).toBe(0)
  })

  it('add and set answer the balance before and the credits after; past the maximum, nothing', async () => {
    const stub = freshStub()
    const refill = { amount: 10, interval: 'day' as const }
    const config = configured(10, '2026-05-05T09:00:00Z', refill)
    const now = t('2026-05-05T10:00:00Z')
    expect(await stub.change({ add: 5 }, config, now)).toEqual({
      ok: true,
      before: 10,
      credits: { remaining: 15, refill },
    })
    expect(await stub.change({ set: 2 }, config, now)).toMatchObject({ before: 15 })
    expect(await stub.change({ add: 1e12 }, config, now)).toEqual({ ok: false, before: 2 })
    expect((await stub.peek(config, now)).remaining).toBe(2)
  })

  it('a newer configuration starts the balance again; an older one is ignored', async () => {
    const stub = freshStub()
    const first = configured(5, '2026-05-05T09:00:00Z')
    await stub.spend(3, first, t('2026-05-05T10:00:00Z'))
    // An isolate's stale copy, configured before: changes nothing.
    const older = configured(100, '2026-05-04T09:00:00Z')
    expect(await stub.peek(older, t('2026-05-05T11:00:00Z'))).toEqual({
      remaining: 2,
      refill: null,
    })
    // An admin's edit: the balance is the new one, and later calls with the first stay on it.
    const edited = configured(40, '2026-05-05T12:00:00Z')
    expect(await stub.spend(1, edited, t('2026-05-05T12:00:01Z'))).toEqual({
      ok: true,
      remaining: 39,
    })
    expect(await stub.spend(1, first, t('2026-05-05T12:00:02Z'))).toEqual({
      ok: true,
      remaining: 38,
    })
  })

  it('a newer refill-only configuration keeps what is left', async () => {
    const stub = freshStub()
    const daily = { amount: 10, interval: 'day' as const }
    const first = configured(5, '2026-05-05T09:00:00Z', daily)
    await stub.spend(4, first, t('2026-05-05T10:00:00Z'))
    const monthly = { amount: 50, interval: 'month' as const }
    const refillOnly = {
      ...configured(5, '2026-05-05T11:00:00Z', monthly),
      keepBalance: true as const,
    }
    expect(await stub.peek(refillOnly, t('2026-05-05T12:00:00Z'))).toEqual({
      remaining: 1,
      refill: monthly,
    })
    // The next midnight is no boundary of a monthly refill.
    expect((await stub.peek(refillOnly, t('2026-05-06T01:00:00Z'))).remaining).toBe(1)
  })

  it('gives back a refunded spend; forgets a deleted token', async () => {
    const stub = freshStub()
    const config = configured(1, '2026-05-05T09:00:00Z')
    await stub.spend(1, config)
    expect(await stub.refund(1, config)).toBe(1)
    await stub.forget()
    expect((await stub.peek(configured(7, '2026-05-05T09:00:00Z'))).remaining).toBe(7)
  })

  it('a daily refill comes back at 00:00 UTC, not before', async () => {
    const stub = freshStub()
    const refill = { amount: 5, interval: 'day' as const }
    const config = configured(2, '2026-05-05T10:00:00Z', refill)
    await stub.spend(2, config, t('2026-05-05T10:00:00Z'))
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
    const refill = { amount: 100, interval: 'month' as const }
    const config = configured(8, '2026-05-20T12:00:00Z', refill)
    await stub.spend(3, config, t('2026-05-20T12:00:00Z'))
    expect((await stub.peek(config, t('2026-05-31T23:59:59Z'))).remaining).toBe(5)
    expect((await stub.peek(config, t('2026-06-01T00:00:00Z'))).remaining).toBe(100)
    expect((await stub.peek(config, t('2026-06-30T00:00:00Z'))).remaining).toBe(100)
  })

  it('a token first used after a boundary has had its refill: counted from its configuration', async () => {
    const stub = freshStub()
    const refill = { amount: 50, interval: 'day' as const }
    const config = configured(3, '2026-05-05T10:00:00Z', refill)
    expect((await stub.peek(config, t('2026-05-07T08:00:00Z'))).remaining).toBe(50)
  })
})

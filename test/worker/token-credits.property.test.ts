// Property (SPEC §13 "Credits"): whatever a metered token's history of spends, admin
// changes and passing days, its Durable Object answers exactly as a plain model of the
// rules does — never more credits spent than the balance held, a refill to `amount` once
// per UTC day or calendar month, at its boundary. A spend the balance cannot cover takes
// nothing, so the balance never goes below 0.
import { env, runInDurableObject } from 'cloudflare:test'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { CreditsConfig } from '../../worker/credits/credit-rules'
import { creditsStub } from '../../worker/credits/credits-stub'
import type { TokenCredits } from '../../worker/credits/token-credits'
import { fuzzParameters } from './fuzz'

const DAY = 86_400_000

/** One step of a token's life. */
type Step =
  | { kind: 'spend'; cost: number }
  | { kind: 'peek' }
  | { kind: 'add'; amount: number }
  | { kind: 'set'; amount: number }
  | { kind: 'wait'; ms: number }

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('spend'), cost: fc.nat(4) }) },
  fc.record({ kind: fc.constant('peek') }),
  fc.record({ kind: fc.constant('add'), amount: fc.nat(20) }),
  fc.record({ kind: fc.constant('set'), amount: fc.nat(20) }),
  // From a moment to 40 days, often across a midnight or the turn of a month.
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('wait'), ms: fc.nat(40 * DAY) }) },
)

const config: fc.Arbitrary<Omit<CreditsConfig, 'configuredAt'>> = fc.record({
  remaining: fc.nat(30),
  refill: fc.option(
    fc.record({ amount: fc.nat(30), interval: fc.constantFrom('day' as const, 'month' as const) }),
  ),
})

/** Which refill period `at` falls in: the UTC day, or the UTC year and month. */
function period(at: number, interval: 'day' | 'month'): number {
  if (interval === 'day') return Math.floor(at / DAY)
  const date = new Date(at)
  return date.getUTCFullYear() * 12 + date.getUTCMonth()
}

describe('TokenCredits (property)', () => {
  it('answers every spend, change and refill as the rules say', async () => {
    // Inside one Durable Object, each run from its own `configure`, one step after
    // another as its RPC methods run.
    const stub = creditsStub(env.TOKEN_CREDITS!, 500_000)
    await runInDurableObject(stub, (object: TokenCredits) =>
      fc.assert(
        fc.property(
          config,
          fc.date({
            min: new Date('2026-01-01'),
            max: new Date('2030-12-31'),
            noInvalidDate: true,
          }),
          fc.array(step, { maxLength: 30 }),
          (credits, start, steps) =>
            lifeOf(object, { ...credits, configuredAt: start.getTime() }, steps),
        ),
        fuzzParameters(),
      ),
    )
  })
})

/** Plays `steps` on `object`, checking each answer against the model. */
function lifeOf(object: TokenCredits, credits: CreditsConfig, steps: Step[]) {
  // A token created at `configuredAt`; the runs before it are forgotten.
  object.forget()
  let now = credits.configuredAt
  let balance = credits.remaining
  let refilledIn = credits.refill ? period(now, credits.refill.interval) : 0
  const model = () => {
    const refill = credits.refill
    if (refill && period(now, refill.interval) !== refilledIn) {
      balance = refill.amount
      refilledIn = period(now, refill.interval)
    }
  }
  for (const next of steps) {
    if (next.kind === 'wait') {
      now += next.ms
      continue
    }
    model()
    if (next.kind === 'spend') {
      const ok = balance > 0 && balance >= next.cost
      if (ok) balance -= next.cost
      expect(object.spend(next.cost, credits, now)).toEqual({ ok, remaining: balance })
    } else if (next.kind === 'peek') {
      expect(object.peek(credits, now)).toEqual({ remaining: balance, refill: credits.refill })
    } else {
      const before = balance
      balance = next.kind === 'add' ? balance + next.amount : next.amount
      const change = next.kind === 'add' ? { add: next.amount } : { set: next.amount }
      expect(object.change(change, credits, now)).toEqual({
        ok: true,
        before,
        credits: { remaining: balance, refill: credits.refill },
      })
    }
  }
}

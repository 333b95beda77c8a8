import type { Credits } from '../../contract/api-tokens'

/** How a metered token's balance comes back: `amount` credits each day or month (SPEC §13). */
export type CreditRefill = NonNullable<Credits['refill']>

/**
 * A token's credits as D1 stores them: as an admin last set them (create or edit), and
 * when (`configuredAt`, epoch ms). The token's Durable Object starts its balance from the
 * newest configuration it is shown, so an older one — an isolate's cached copy, a request
 * that raced an edit — never overrides a newer one, and D1 stays the one place where an
 * edit takes effect.
 */
export interface CreditsConfig extends Credits {
  configuredAt: number
  /**
   * Set by an edit that changed only the refill: the Durable Object keeps the balance it
   * holds (`remaining` is then the balance as read at the edit, for when it cannot be).
   */
  keepBalance?: true
}

/**
 * The first refill boundary after `since` (epoch ms): the next 00:00 UTC for `day`, the
 * next 1st of a month at 00:00 UTC for `month`.
 *
 * @example
 * nextRefillAt(Date.UTC(2026, 0, 31, 15), 'month') === Date.UTC(2026, 1, 1)
 */
export function nextRefillAt(since: number, interval: CreditRefill['interval']): number {
  const at = new Date(since)
  const year = at.getUTCFullYear()
  const month = at.getUTCMonth()
  if (interval === 'month') return Date.UTC(year, month + 1, 1)
  return Date.UTC(year, month, at.getUTCDate() + 1)
}

/** Whether a balance last refilled at `refilledAt` is due its refill at `now`. */
export function isRefillDue(refilledAt: number, refill: CreditRefill | null, now: number): boolean {
  return refill !== null && now >= nextRefillAt(refilledAt, refill.interval)
}

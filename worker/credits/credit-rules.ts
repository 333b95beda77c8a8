/** How a metered token's balance comes back: `amount` credits each day or month (SPEC §13). */
export interface CreditRefill {
  amount: number
  interval: 'day' | 'month'
}

/** A token's credits as configured (SPEC §13): the balance and its refill, or none. */
export interface CreditsConfig {
  remaining: number
  refill: CreditRefill | null
}

/** The most credits a balance, a refill or one `add` may hold: far past any plan, still exact in a double. */
export const MAX_CREDITS = 1_000_000_000_000

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

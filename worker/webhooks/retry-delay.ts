/**
 * Seconds to wait before each retry of a webhook, by the attempt that just failed
 * (`message.attempts`, from 1): the first retry within a minute, as a receiver that
 * blinked is back by then, later ones spaced out to ride out an outage of hours.
 */
export const WEBHOOK_RETRY_DELAYS = [30, 120, 600, 1_800, 3_600, 7_200, 14_400, 21_600] as const

/**
 * The delay before retrying a delivery whose attempt number `attempts` failed; past the
 * schedule it stays at the last (largest) step. The queue's `max_retries` in
 * `wrangler.toml` (the schedule's length) decides when it is dead-lettered instead.
 *
 * @example
 * retryDelaySeconds(1) // 30
 */
export function retryDelaySeconds(attempts: number): number {
  const step = Math.min(Math.max(Math.floor(attempts), 1), WEBHOOK_RETRY_DELAYS.length) - 1
  return WEBHOOK_RETRY_DELAYS[step]!
}

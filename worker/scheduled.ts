import type { Bindings } from './env'
import { pruneRevocationFeed } from './tokens/revocation-feed'
import { tokenDb } from './tokens/token-store'

/** How long revocation-feed rows are kept: an isolate idle longer drops its whole cache. */
export const REVOCATION_FEED_RETENTION_MS = 24 * 60 * 60 * 1000

/**
 * The hourly housekeeping (the cron trigger in `wrangler.toml`): prunes revocation-feed
 * rows older than a day (SPEC §9), as of the run's scheduled time.
 *
 * @example
 * await runHousekeeping(env, Date.now())
 */
export async function runHousekeeping(env: Bindings, now: number): Promise<void> {
  await pruneRevocationFeed(tokenDb(env.DB), now - REVOCATION_FEED_RETENTION_MS)
}

/**
 * The worker's `scheduled` handler: every cron trigger runs {@link runHousekeeping}.
 * It awaits the work, so a failure marks the run failed in the cron events.
 *
 * @example
 * export default { fetch: app.fetch, scheduled }
 */
export async function scheduled(controller: ScheduledController, env: Bindings): Promise<void> {
  await runHousekeeping(env, controller.scheduledTime)
}

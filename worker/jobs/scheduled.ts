import { settingsFor } from '../config/settings'
import type { Bindings } from '../env'
import { recordExpiryNotices } from './expiry-notices'
import { pruneRevocationFeed } from '../store/revocation-feed'
import { publishEvents } from '../webhooks/publish-events'
import { pruneTokenEvents } from '../store/api-token-events'
import { tokenDb } from '../db/token-db'

/** How long revocation-feed rows are kept: an isolate idle longer drops its whole cache. */
export const REVOCATION_FEED_RETENTION_MS = 24 * 60 * 60 * 1000

/**
 * The hourly housekeeping (the cron trigger in `wrangler.toml`), as of the run's
 * scheduled time: prunes revocation-feed rows older than a day (SPEC §9), records the
 * expiry notices due and hands them to the webhooks, and prunes audit events past
 * `AUDIT_RETENTION_DAYS` (SPEC §7). Each step runs whatever the others did; a failed step
 * is logged, and the run then rejects with them all, so the cron events show it failed.
 *
 * @example
 * await runHousekeeping(env, Date.now())
 */
export async function runHousekeeping(env: Bindings, now: number): Promise<void> {
  const db = tokenDb(env.DB)
  const steps: Record<string, () => Promise<void>> = {
    'pruning the revocation feed': () =>
      pruneRevocationFeed(db, now - REVOCATION_FEED_RETENTION_MS),
    'recording expiry notices': async () => {
      const events = await recordExpiryNotices(db, now, settingsFor(env).expiryWarningMs)
      await publishEvents(env, events)
    },
    'pruning the audit log': () => pruneTokenEvents(db, now - settingsFor(env).auditRetentionMs),
  }
  const failures: unknown[] = []
  for (const [step, run] of Object.entries(steps)) {
    try {
      await run()
    } catch (error) {
      console.error(`Housekeeping: ${step} failed:`, error)
      failures.push(error)
    }
  }
  if (failures.length > 0) {
    throw new AggregateError(failures, `Housekeeping: ${failures.length} step(s) failed`)
  }
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

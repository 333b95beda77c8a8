import type { Bindings } from './env'
import { createTollgate, type TollgateOptions } from './tollgate'

/** Metered tokens' balances (SPEC §13): the Durable Object class `TOKEN_CREDITS` binds. */
export { TokenCredits } from './credits/token-credits'

/** The Hono app of a Tollgate built with `options` (tests pass their own clock). */
export const createApp = (options: TollgateOptions = {}) => createTollgate(options).app

const tollgate = createTollgate()

/**
 * The worker: HTTP requests through the app, cron triggers through the hourly job, the
 * webhook queue through its consumer — Tollgate as {@link createTollgate} builds it.
 */
export default {
  fetch: tollgate.fetch,
  scheduled: tollgate.scheduled,
  queue: tollgate.queue,
} satisfies ExportedHandler<Bindings>

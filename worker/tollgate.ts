// `tollgate/worker`: Tollgate built into a Worker, as the repository's own and as a library.
import { Hono } from 'hono'
import { ASSERTION_JWKS_PATH } from '../contract/origin-assertion'
import { createMiddleware } from 'hono/factory'
import { methodNotAllowed } from 'hono/method-not-allowed'
import { adminRoutes } from './admin/admin-routes'
import { componentRoutes } from './assets/component-routes'
import { settingsFor } from './config/settings'
import { demoPage } from './demo-admin/demo-page'
import type { AppEnv } from './env'
import { gate } from './gate/gate'
import { jwksRoute } from './gate/jwks-route'
import { verifyRoutes } from './gate/verify-routes'
import { githubAlertRoutes } from './leaks/github-alerts-route'
import { revokeRoutes } from './leaks/revoke-route'
import { ApiError } from './http/api-error'
import { handleError, handleNotFound } from './http/error-handler'
import { scheduled } from './jobs/scheduled'
import { queue } from './webhooks/deliver-webhooks'
import { OPENAPI_PATH, openApiRoute } from './openapi/openapi-route'

const loadSettings = createMiddleware<AppEnv>(async function loadSettings(c, next) {
  c.set('settings', settingsFor(c.env))
  await next()
})

/** The worker's own routes, by mount point: the gate never judges these paths. */
const OWN_ROUTES = {
  '/admin': adminRoutes,
  '/auth': verifyRoutes,
  '/components': componentRoutes,
  '/revoke': revokeRoutes,
  '/secret-scanning': githubAlertRoutes,
  [ASSERTION_JWKS_PATH]: jwksRoute,
}

/** How a Tollgate is built. */
export interface TollgateOptions {
  /** The gate's clock, in epoch ms (tests pass their own). */
  now?: () => number
}

/** A Tollgate: a Worker's handlers, and the Hono app behind `fetch` to mount or extend. */
export interface Tollgate {
  app: Hono<AppEnv>
  fetch: Hono<AppEnv>['fetch']
  scheduled: typeof scheduled
  queue: typeof queue
}

/**
 * Tollgate as a library (`tollgate/worker`, SPEC §11): the admin management API, the gate
 * in front of the origin, `/.well-known/jwks.json`, and the hourly job and webhook queue
 * handlers, for a team that mounts it in its own Worker beside its own routes
 * (examples/worker.ts). The repository's own worker is `createTollgate()`.
 *
 * @example
 * const tollgate = createTollgate()
 * export default { fetch: tollgate.fetch, scheduled: tollgate.scheduled, queue: tollgate.queue }
 */
export function createTollgate({ now }: TollgateOptions = {}): Tollgate {
  const app = new Hono<AppEnv>()
  app.onError(handleError)
  app.notFound(handleNotFound)
  app.use(
    methodNotAllowed({
      app,
      onMethodNotAllowed: (_c, methods) =>
        new ApiError(405, 'Method Not Allowed', {}, { Allow: methods.join(', ') }).getResponse(),
    }),
  )
  app.use(loadSettings)
  app.use(gate({ ownPaths: [...Object.keys(OWN_ROUTES), OPENAPI_PATH], now }))
  for (const [path, routes] of Object.entries(OWN_ROUTES)) app.route(path, routes)
  // The document describes the app it is mounted in: built from its routes, when first asked.
  app.route(OPENAPI_PATH, openApiRoute(app))
  app.route('/', demoPage)
  return { app, fetch: app.fetch, scheduled, queue }
}

export type { Bindings as TollgateBindings } from './env'
/** The Durable Object class a worker built with `createTollgate` must export too (SPEC §13). */
export { TokenCredits } from './credits/token-credits'

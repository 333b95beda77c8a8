import { Hono } from 'hono'
import { ASSERTION_JWKS_PATH } from '../contract/origin-assertion'
import { createMiddleware } from 'hono/factory'
import { methodNotAllowed } from 'hono/method-not-allowed'
import { adminRoutes } from './admin/admin-routes'
import { componentRoutes } from './assets/component-routes'
import { settingsFor } from './config/settings'
import { demoPage } from './demo-admin/demo-page'
import type { AppEnv, Bindings } from './env'
import { gate } from './gate/gate'
import { jwksRoute } from './gate/jwks-route'
import { verifyRoutes } from './gate/verify-routes'
import { ApiError } from './http/api-error'
import { handleError, handleNotFound } from './http/error-handler'
import { scheduled } from './jobs/scheduled'
import { queue } from './webhooks/deliver-webhooks'

const loadSettings = createMiddleware<AppEnv>(async function loadSettings(c, next) {
  c.set('settings', settingsFor(c.env))
  await next()
})

/** The worker's own routes, by mount point: the gate never judges these paths. */
const OWN_ROUTES = {
  '/admin': adminRoutes,
  '/auth': verifyRoutes,
  '/components': componentRoutes,
  [ASSERTION_JWKS_PATH]: jwksRoute,
}

/**
 * The Tollgate worker: the admin management API, and the gate in front of the origin.
 * `now` replaces the gate's clock (tests).
 *
 * @example
 * const app = createApp({ now: () => fixedTime })
 */
export function createApp({ now }: { now?: () => number } = {}) {
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
  app.use(gate({ ownPaths: Object.keys(OWN_ROUTES), now }))
  for (const [path, routes] of Object.entries(OWN_ROUTES)) app.route(path, routes)
  app.route('/', demoPage)
  return app
}

const app = createApp()

/**
 * The worker: HTTP requests through the app, cron triggers through {@link scheduled}, the
 * webhook queue through {@link queue}.
 */
export default { fetch: app.fetch, scheduled, queue } satisfies ExportedHandler<Bindings>

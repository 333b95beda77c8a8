import { Hono } from 'hono'
import { createMiddleware } from 'hono/factory'
import { methodNotAllowed } from 'hono/method-not-allowed'
import { adminRoutes } from './admin/admin-routes'
import { componentRoutes } from './components/component-routes'
import { demoPage } from './demo/demo-page'
import { settingsFor } from './config/settings'
import { gate } from './gate/gate'
import { verifyRoutes } from './gate/verify-routes'
import type { AppEnv } from './env'
import { ApiError } from './http/api-error'
import { handleError, handleNotFound } from './http/error-handler'

const loadSettings = createMiddleware<AppEnv>(async function loadSettings(c, next) {
  c.set('settings', settingsFor(c.env))
  await next()
})

/** The Tollgate worker: the admin management API, and the gate in front of the origin. */
const app = new Hono<AppEnv>()
app.onError(handleError)
app.notFound(handleNotFound)
app.use(
  methodNotAllowed({
    app,
    onMethodNotAllowed: (_c, methods) =>
      new ApiError(405, 'Method Not Allowed', {}, { Allow: methods.join(', ') }).toResponse(),
  }),
)
app.use(loadSettings)
app.use(gate())
app.route('/admin', adminRoutes)
app.route('/auth', verifyRoutes)
app.route('/components', componentRoutes)
app.route('/', demoPage)

export default app

import type { AdminPermissionsBody, EventPageBody } from '../../contract/admin-wire'
import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { SignJWT } from 'jose'
import { groupedPermissions, groupedRoutes } from '../catalog/catalog'
import type { AppEnv } from '../env'
import { ApiError } from '../http/api-error'
import { ADMIN_ACTIONS, type RateLimitTier } from '../../contract/api-tokens'
import { adminDb } from '../db/d1-sessions'
import { validate } from '../http/validation'
import { listEvents } from '../store/api-token-events'
import { adminAuth, requireAdminAction } from './admin-auth'
import { paginationOf } from './pagination'
import { eventsQuery } from './token-input'
import { adminCors } from './admin-cors'
import { apiTokenRoutes } from './api-token-routes'
import { apiTokenCreditsRoutes } from './api-token-credits-routes'
import { apiTokenImportRoutes } from './api-token-import-routes'
import {
  eventsDoc,
  mePermissionsDoc,
  permissionCatalogDoc,
  rateLimitTiersDoc,
  routeCatalogDoc,
} from '../openapi/admin-route-docs'

const MAX_BODY_BYTES = 64 * 1024

/** The demo's sign-in: a dev JWT with every admin action, only when `DEMO=true`. */
const demoRoutes = new Hono<AppEnv>().all('/login', async (c) => {
  if (!c.var.settings.demo) throw new ApiError(404, 'Not Found')
  if (c.req.method !== 'POST') throw new ApiError(405, 'Method Not Allowed', {}, { Allow: 'POST' })
  if (!c.env.ADMIN_JWT_SECRET) throw new ApiError(500, 'The demo login needs ADMIN_JWT_SECRET')
  // `{"owner": "acme"}` signs in as Acme's admin (a scoped JWT); no body, as the operator.
  const text = await c.req.text()
  let owner: unknown
  try {
    owner = text.trim() ? (JSON.parse(text) as { owner?: unknown }).owner : undefined
  } catch {
    throw new ApiError(400, 'Send {"owner": "…"} as JSON, or no body')
  }
  if (owner !== undefined && !(typeof owner === 'string' && /^[a-z0-9-]{1,64}$/.test(owner))) {
    throw new ApiError(400, 'owner must be 1–64 lowercase letters, digits or -')
  }
  const claims = {
    permissions: [...ADMIN_ACTIONS],
    name: 'Demo admin',
    ...(owner ? { owner } : {}),
  }
  const token = await new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('demo-admin')
    .setIssuer(c.env.ADMIN_JWT_ISSUER || 'tollgate-demo')
    .setAudience(c.var.settings.adminJwtAudience)
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(new TextEncoder().encode(c.env.ADMIN_JWT_SECRET))
  return c.json({ data: { token } })
})

/** Routes any signed-in admin may call. */
const anyAdminRoutes = new Hono<AppEnv>()
  .get('/users/me/permissions', mePermissionsDoc, adminAuth(), (c) =>
    c.json({
      data: [...c.var.admin.actions].map((action) => ({ action })),
      // The section shows operators (no owner) the Owner column and filter (SPEC §8).
      // What the form may offer (SPEC §13): the grantable rights, the lifetime cap.
      meta: {
        owner: c.var.admin.owner ?? null,
        grantable: c.var.admin.grantable ? [...c.var.admin.grantable] : null,
        maxLifespanDays: c.var.settings.maxLifespanDays,
      },
    } satisfies AdminPermissionsBody),
  )
  .get('/content-api/permissions', permissionCatalogDoc, adminAuth(), (c) =>
    c.json({ data: groupedPermissions(c.var.settings.catalog) }),
  )
  .get('/content-api/routes', routeCatalogDoc, adminAuth(), (c) =>
    c.json({ data: groupedRoutes(c.var.settings.catalog) }),
  )
  .get('/rate-limit-tiers', rateLimitTiersDoc, adminAuth(), (c) =>
    c.json({
      data: [...c.var.settings.rateLimitTiers].map(([name, { label }]): RateLimitTier => ({
        name,
        label,
      })),
    }),
  )

/**
 * The admin management API (SPEC §2), mounted at `/admin`: CORS for the host's
 * origins and a 64 KiB body limit; each route authenticates the admin itself, so an
 * unknown path or method is a 404/405 whatever the caller's credentials.
 */
export const adminRoutes = new Hono<AppEnv>()
  .use(adminCors())
  // Before the 64 KiB limit, with its own: an import takes up to 1000 tokens (SPEC §12).
  .route('/api-tokens/import', apiTokenImportRoutes)
  .use(
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: () => {
        throw new ApiError(413, 'Request body is larger than 64 KiB')
      },
    }),
  )
  .route('/demo', demoRoutes)
  .route('/', anyAdminRoutes)
  .route('/api-tokens', apiTokenRoutes)
  .route('/api-tokens', apiTokenCreditsRoutes)
  .get(
    '/api-token-events',
    eventsDoc,
    requireAdminAction('admin::api-tokens.read'),
    validate('query', eventsQuery),
    async (c) => {
      const query = c.req.valid('query')
      const scoped = { ...query, scope: c.var.admin.owner }
      const { events, total } = await listEvents(adminDb(c.env.DB), scoped)
      return c.json({
        data: events,
        meta: { pagination: paginationOf(query, total) },
      } satisfies EventPageBody)
    },
  )

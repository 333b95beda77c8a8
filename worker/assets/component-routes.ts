import { Hono } from 'hono'
import type { AppEnv } from '../env'
import { ApiError } from '../http/api-error'

/**
 * `GET /components/tollgate.js` (and the chunks it imports, `chunks/*.js`: the
 * translations): the web components' ES module, from the static-assets
 * binding (which answers `ETag` and `304`s), with `Access-Control-Allow-Origin: *` — a
 * module script from another origin is a CORS request, and it carries no credentials.
 */
export const componentRoutes = new Hono<AppEnv>().get(
  '/:file{tollgate\\.js|chunks/[\\w-]+\\.js}',
  async (c) => {
    if (!c.env.ASSETS) throw new ApiError(404, 'Not Found')
    const asset = await c.env.ASSETS.fetch(c.req.raw)
    if (asset.status >= 400) throw new ApiError(404, 'Not Found')
    const headers = new Headers(asset.headers)
    headers.set('Access-Control-Allow-Origin', '*')
    headers.set('Content-Type', 'text/javascript; charset=utf-8')
    headers.set('Cache-Control', 'public, max-age=300, must-revalidate')
    return new Response(asset.body, { status: asset.status, headers })
  },
)

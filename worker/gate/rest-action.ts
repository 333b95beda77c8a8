import type { Catalog, CatalogRoute } from '../catalog/catalog'

function segmentsOf(path: string): string[] {
  const segments = path.split('/').slice(1)
  if (segments.length > 1 && segments[segments.length - 1] === '') segments.pop()
  return segments
}

function matches(route: CatalogRoute, segments: string[]): boolean {
  if (route.segments.length !== segments.length) return false
  return route.segments.every((expected, i) =>
    expected === null ? segments[i] !== '' : expected === segments[i],
  )
}

/**
 * The catalogued action of a REST request, or `undefined`. `HEAD` matches `GET`; a
 * trailing slash and the query string are ignored; `:param` takes one non-empty
 * segment; a literal segment wins over a param (`/api/articles/count` over `/:id`).
 *
 * @example
 * matchRestAction(catalog, 'GET', '/api/articles/42') // 'api::article.article.findOne'
 */
export function matchRestAction(
  catalog: Catalog,
  method: string,
  path: string,
): string | undefined {
  const wanted = method === 'HEAD' ? 'GET' : method
  const segments = segmentsOf(path)
  let best: CatalogRoute | undefined
  let bestLiterals = -1
  for (const route of catalog.routes) {
    if (route.method !== wanted || !matches(route, segments)) continue
    const literals = route.segments.filter((s) => s !== null).length
    if (literals > bestLiterals) {
      best = route
      bestLiterals = literals
    }
  }
  return best?.action
}

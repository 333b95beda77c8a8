import type { Catalog, CatalogRoute } from '../catalog/catalog'

function segmentsOf(path: string): string[] {
  const segments = path.split('/').slice(1)
  if (segments.length > 1 && segments[segments.length - 1] === '') segments.pop()
  return segments
}

/**
 * A segment as the most lenient origin router may read it: percent-decoded, in lower
 * case, without a format suffix (`count.json`). Literal segments are compared this way,
 * so `/articles/COUNT` or `/articles/%63ount` is judged as the literal `count` route
 * that an Express, Spring or Rails origin would run, not as `/:id`.
 */
function routingKey(segment: string): string {
  let decoded = segment
  try {
    decoded = decodeURIComponent(segment)
  } catch {
    // Not valid percent-encoding: compared as written.
  }
  return decoded.toLowerCase().replace(/\.[a-z0-9]+$/, '')
}

function matches(route: CatalogRoute, segments: string[]): boolean {
  if (route.segments.length !== segments.length) return false
  return route.segments.every((expected, i) =>
    expected === null ? segments[i] !== '' : routingKey(expected) === routingKey(segments[i]!),
  )
}

/**
 * The catalogued action of a REST request, or `undefined`. `HEAD` matches `GET`; a
 * trailing slash and the query string are ignored; `:param` takes one non-empty
 * segment; a literal segment wins over a param (`/api/articles/count` over `/:id`), and
 * matches in any casing, percent-encoded or with a format suffix.
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

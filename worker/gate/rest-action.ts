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

/** Each route's segments as routing keys (`null` for a param), computed once per route. */
const routeKeys = new WeakMap<CatalogRoute, (string | null)[]>()

function keysOf(route: CatalogRoute): (string | null)[] {
  let keys = routeKeys.get(route)
  if (!keys)
    routeKeys.set(route, (keys = route.segments.map((s) => (s === null ? s : routingKey(s)))))
  return keys
}

/** Whether a route fits a request given as routing keys, one per segment. */
function matches(route: CatalogRoute, keys: string[]): boolean {
  const expected = keysOf(route)
  if (expected.length !== keys.length) return false
  return expected.every((key, i) => (key === null ? keys[i] !== '' : key === keys[i]))
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
  const keys = segmentsOf(path).map(routingKey)
  let best: CatalogRoute | undefined
  let bestLiterals = -1
  for (const route of catalog.routes) {
    if (route.method !== wanted || !matches(route, keys)) continue
    const literals = route.segments.filter((s) => s !== null).length
    if (literals > bestLiterals) {
      best = route
      bestLiterals = literals
    }
  }
  return best?.action
}

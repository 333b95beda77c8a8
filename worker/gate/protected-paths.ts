/**
 * Whether `path` is `base` or below it, on whole segments (`/apiary` is not under
 * `/api`) and in any casing: an origin that routes `/API/articles` as `/api/articles`
 * must not find it unguarded. `base` is in lower case, as settings and own paths are.
 */
export function isUnder(path: string, base: string): boolean {
  if (base === '/') return true
  const lower = path.toLowerCase()
  return lower === base || lower.startsWith(`${base}/`)
}

/**
 * The protected path `path` falls under, or `undefined`. The longest base wins, so
 * `/api/graphql` beside `/api` judges its requests as GraphQL, not REST.
 */
export function protectedBase(path: string, bases: readonly string[]): string | undefined {
  let best: string | undefined
  for (const base of bases) {
    if (isUnder(path, base) && (best === undefined || base.length > best.length)) best = base
  }
  return best
}

/** A protected base whose last segment is `graphql` serves GraphQL (`/graphql`, `/api/graphql`). */
export function isGraphqlBase(base: string): boolean {
  return base.split('/').pop() === 'graphql'
}

/**
 * Whether a path is one the gate refuses to judge: an empty segment (`//`), a
 * backslash, an encoded `/` or `\`, a `;` (path parameters: Java servers read `/..;/`
 * as `/../` and drop `;x` before routing), or a double-encoded `/`, `\` or `.` (`%252F`:
 * a server that decodes twice reads a separator or `..`, SPEC §10). Origins and the
 * proxies before them disagree on such paths (one reads `%2F` as a separator, another
 * `//x` as a host), so what was judged may not be what runs.
 */
export function isAmbiguousPath(path: string): boolean {
  return /\/\/|\\|%2f|%5c|;|%25(2f|5c|2e)/i.test(path)
}
